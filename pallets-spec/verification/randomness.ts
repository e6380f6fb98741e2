/**
 * Deterministic draws from a 32-byte seed, in exact integer arithmetic (see docs/randomness.md for where the
 * seeds come from and why neither the solver nor a block author alone can choose them).
 *
 * A seed is always derived with a domain tag, so one source never yields correlated values for two purposes
 * (the verifiers chosen and the segments they check must not be the same draw). Uniform draws below `n` use
 * rejection sampling over 256-bit words: `word mod n` alone would favour small values.
 */
import { Blake2256, Bytes, Tuple, Vector, str, u32 } from '@polkadot-api/substrate-bindings';

export type Seed = Uint8Array;

const seedPreimage = Tuple(str, Vector(Bytes()));
const TWO_256 = 1n << 256n;

/** blake2_256(SCALE((domain, [parts…]))): parts are length-prefixed, so no two part lists collide. */
export function deriveSeed(domain: string, parts: readonly Uint8Array[]): Seed {
  return Blake2256(seedPreimage.enc([domain, [...parts]]));
}

/** An endless, reproducible sequence of 256-bit words: word i = blake2_256(seed ‖ u32 i). */
export class RandomStream {
  private counter = 0;

  constructor(private readonly seed: Seed) {}

  nextWord(): bigint {
    const preimage = new Uint8Array(this.seed.length + 4);
    preimage.set(this.seed, 0);
    preimage.set(u32.enc(this.counter), this.seed.length);
    this.counter += 1;
    let word = 0n;
    for (const byte of Blake2256(preimage)) word = (word << 8n) | BigInt(byte);
    return word;
  }

  /** Uniform in [0, n), n ≥ 1. */
  below(n: bigint): bigint {
    if (n < 1n) throw new RangeError(`cannot draw below ${n}`);
    // The largest multiple of n that fits in 256 bits; words at or above it would bias the result.
    const limit = TWO_256 - (TWO_256 % n);
    for (;;) {
      const word = this.nextWord();
      if (word < limit) return word % n;
    }
  }
}

/** What a solver puts in `proofs.submit_proof` for its 32-byte selection key. */
export function selectionKeyCommitment(key: Uint8Array): Seed {
  return deriveSeed('veritrain/selection-key', [key]);
}
