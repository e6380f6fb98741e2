/**
 * Bitwise comparison for kernel outputs. +0 and -0 differ; NaNs compare equal to each other whatever their payload,
 * because the contract leaves NaN payloads unspecified (JS and wasm may canonicalise them differently).
 */
import assert from 'node:assert/strict';

export function firstBitDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) {
    if (ua[i] !== ub[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  }
  return -1;
}

export function assertBitwiseEqual(actual: Float32Array, expected: Float32Array, context: string): void {
  assert.equal(actual.length, expected.length, `${context}: length`);
  const at = firstBitDifference(actual, expected);
  if (at >= 0) assert.fail(`${context}: element ${at} is ${actual[at]}, expected ${expected[at]} (bitwise)`);
}
