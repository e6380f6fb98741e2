/**
 * The per-step state hasher (train/background-hasher.ts): whatever thread ends up hashing a state (the worker, or
 * the training thread when the ring is full or the worker is still starting), every hash equals blake2-256 of the
 * pieces pushed, joined, in push order, also with several runs at once and after an abandoned run.
 */
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashBytes, hashingReady } from '../../offchain/engine/hash.js';
import { BackgroundHasher, hasherStats } from '../../offchain/engine/train/background-hasher.js';
import { SeededRandom } from '../../offchain/engine/data/rng.js';

/** Distinct states of an odd length (the checkpoint format's floats sit at unaligned offsets too). */
function states(count: number, length: number, seed: number): Uint8Array[] {
  const rng = new SeededRandom(seed, 'hasher-test');
  return Array.from({ length: count }, () => Uint8Array.from({ length }, () => rng.nextUint32() & 0xff));
}

function pushAll(hasher: BackgroundHasher, bytes: readonly Uint8Array[]): void {
  for (const b of bytes) hasher.push(pieces(b));
}

/** The bytes cut into pieces of odd lengths at odd offsets (as a checkpoint's headers and floats are). */
function pieces(bytes: Uint8Array): Uint8Array[] {
  const cuts = [0, 3, 17, 1_001, bytes.length >> 1, bytes.length - 5, bytes.length]
    .filter((c) => c <= bytes.length)
    .sort((a, b) => a - b);
  return cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
}

const expected = (bytes: readonly Uint8Array[]): string[] =>
  bytes.map((b) => Buffer.from(hashBytes(b)).toString('hex'));
const hex = (hashes: readonly Uint8Array[]): string[] => hashes.map((h) => Buffer.from(h).toString('hex'));

describe('the background state hasher', () => {
  before(hashingReady);

  it('gives blake2-256 of every pushed state, in order, when pushes outrun the worker (ring wraps many times)', () => {
    const bytes = states(40, 30_001, 1);
    const hasher = new BackgroundHasher();
    pushAll(hasher, bytes);
    assert.deepEqual(hex(hasher.finish()), expected(bytes));
  });

  it('keeps concurrent runs apart, and works again after an abandoned run', () => {
    const a = states(13, 20_003, 2);
    const b = states(11, 9_999, 3);
    const first = new BackgroundHasher();
    const second = new BackgroundHasher();
    a.forEach((bytes, i) => {
      first.push(pieces(bytes));
      const other = b[i];
      if (other !== undefined) second.push(pieces(other));
    });
    const dropped = new BackgroundHasher();
    pushAll(dropped, states(5, 1_000, 4));
    dropped.abandon();
    assert.deepEqual(hex(second.finish()), expected(b));
    assert.deepEqual(hex(first.finish()), expected(a));
    const after = states(9, 4_097, 5);
    const third = new BackgroundHasher();
    pushAll(third, after);
    assert.deepEqual(hex(third.finish()), expected(after));
  });

  it('gives the right hashes run after run, a finished run’s ring reused by the next (smaller or larger)', async () => {
    for (const [i, length] of [30_001, 5_003, 5_003, 60_007].entries()) {
      const bytes = states(12, length, 10 + i);
      const hasher = new BackgroundHasher();
      for (const b of bytes) {
        hasher.push(pieces(b));
        await sleep(1);
      }
      assert.deepEqual(hex(hasher.finish()), expected(bytes));
      await sleep(20); // the worker leaves the closed ring, so the next run can reuse it
    }
  });

  it('hands the hashing to the worker thread when steps leave it time', async () => {
    // The worker may still be starting: push paced states until the worker has hashed some (10 s at most).
    const deadline = Date.now() + 10_000;
    let byWorker = 0;
    while (byWorker === 0 && Date.now() < deadline) {
      const before = hasherStats();
      const bytes = states(6, 50_001, 6);
      const hasher = new BackgroundHasher();
      for (const b of bytes) {
        hasher.push(pieces(b));
        await sleep(5);
      }
      assert.deepEqual(hex(hasher.finish()), expected(bytes));
      const after = hasherStats();
      byWorker = after.pushes - before.pushes - (after.hashedHere - before.hashedHere);
    }
    assert.ok(byWorker > 0, 'the worker hashed none of the states within 10 s');
  });

  it('refuses a state larger than the run’s first one', () => {
    const hasher = new BackgroundHasher();
    hasher.push([new Uint8Array(100)]);
    assert.throws(() => hasher.push([new Uint8Array(1_000)]), /exceeds/);
    hasher.abandon();
  });
});
