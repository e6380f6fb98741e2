/** Small deterministic fixtures for the protocol unit tests (no Math.random: failures must reproduce). */
import assert from 'node:assert/strict';
import type { AccountKey, Decision } from '../../pallets-spec/tasks/decision.js';

/** The account key whose 32 bytes are all `byte`. */
export function account(byte: number): AccountKey {
  return `0x${byte.toString(16).padStart(2, '0').repeat(32)}`;
}

/** 32 bytes: `tag` followed by the big-endian bytes of `n`, distinct for distinct (tag, n). */
export function bytes32(tag: number, n = 0): Uint8Array {
  const out = new Uint8Array(32);
  out[0] = tag;
  let value = n;
  for (let i = 31; i > 0 && value > 0; i -= 1) {
    out[i] = value & 0xff;
    value = Math.floor(value / 256);
  }
  return out;
}

/** A seeded xorshift generator for property-style tests. */
export function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/** The value of an accepted decision; a refused one fails the test with its reason. */
export function unwrap<T>(decision: Decision<T, string>): T {
  if (!decision.ok) assert.fail(`refused: ${decision.error}`);
  return decision.value;
}
