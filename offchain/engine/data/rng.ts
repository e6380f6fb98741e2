/**
 * Seeded randomness: every random choice in training (initial weights, data order) is a pure function of the task
 * seed and a label, so two honest parties draw the same numbers. xoshiro128** on 32-bit integer arithmetic
 * (Math.imul, shifts) is exact on every engine; its state comes from blake2-256(label ‖ seed).
 */
import { blake2AsU8a } from '@polkadot/util-crypto';

export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, label: string) {
    const digest = blake2AsU8a(new TextEncoder().encode(`veritrain:${label}:${seed}`), 256);
    const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
    this.s0 = view.getUint32(0, true) | 0;
    this.s1 = view.getUint32(4, true) | 0;
    this.s2 = view.getUint32(8, true) | 0;
    this.s3 = view.getUint32(12, true) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1) with 24 bits: exactly representable in float32. */
  nextUnit(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /** Uniform integer in [0, n), without modulo bias (rejection sampling). */
  nextBelow(n: number): number {
    const limit = Math.floor(4294967296 / n) * n;
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
