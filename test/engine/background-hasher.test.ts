/**
 * The per-step state committer (train/background-hasher.ts): whatever thread ends up committing a state (the worker,
 * or the training thread when the ring is full or the worker is still starting), every commitment equals the
 * referee's stateCommitment(layoutHash(step, layout), tensorRoot of each tensor), in push order, also with several
 * runs at once, after an abandoned run, and for states written in place into a reserved slot.
 */
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { layoutHash, stateCommitment, tensorRoot, type TensorLayout } from '../../offchain/referee/index.js';
import { hashingReady } from '../../offchain/engine/hash.js';
import { BackgroundHasher, hasherStats, hashingWorkerInBurst } from '../../offchain/engine/train/background-hasher.js';
import { SeededRandom } from '../../offchain/engine/data/rng.js';

interface State {
  step: number;
  values: Float32Array[];
}

/** Distinct random states of a layout, at steps first, first + 1, … */
function states(layout: readonly TensorLayout[], count: number, seed: number, first = 0): State[] {
  const rng = new SeededRandom(seed, 'hasher-test');
  return Array.from({ length: count }, (_, i) => ({
    step: first + i,
    values: layout.map((t) => Float32Array.from({ length: size(t) }, () => rng.nextUnit() - 0.5)),
  }));
}

const size = (t: TensorLayout): number => t.shape.reduce((a, b) => a * b, 1);

/** Tensors of odd sizes (partial last chunks, a one-chunk tree, an empty tensor) and an optimizer-slot name. */
const LAYOUT: TensorLayout[] = [
  { name: 'layers[1].kernel', shape: [61, 97] },
  { name: 'layers[1].bias', shape: [97] },
  { name: 'layers[1].kernel#m', shape: [3, 256] },
  { name: 'empty', shape: [0] },
];
const SMALL: TensorLayout[] = [{ name: 'w', shape: [1_001] }];
/** SMALL's plan under another name: a reused ring must commit to the new name. */
const RENAMED: TensorLayout[] = [{ name: 'v', shape: [1_001] }];
const LARGE: TensorLayout[] = [
  { name: 'w', shape: [300, 128] },
  { name: 'b', shape: [128] },
];

/** The referee's definition, computed independently of the hasher. */
function expected(layout: readonly TensorLayout[], list: readonly State[]): string[] {
  return list.map((s) =>
    hex(
      stateCommitment(
        layoutHash(s.step, layout),
        s.values.map((v) => tensorRoot(v)),
      ),
    ),
  );
}

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');

function pushAll(hasher: BackgroundHasher, list: readonly State[]): void {
  for (const s of list) hasher.push(s.step, s.values);
}

describe('the background state committer', () => {
  before(hashingReady);

  it('gives the referee’s state commitment of every pushed state, in order, when pushes outrun the worker', () => {
    const list = states(LAYOUT, 30, 1);
    const hasher = new BackgroundHasher(LAYOUT);
    pushAll(hasher, list);
    assert.deepEqual(hasher.finish().map(hex), expected(LAYOUT, list));
  });

  it('keeps concurrent runs apart, and works again after an abandoned run', () => {
    const a = states(LAYOUT, 13, 2);
    const b = states(SMALL, 11, 3, 40);
    const first = new BackgroundHasher(LAYOUT);
    const second = new BackgroundHasher(SMALL);
    a.forEach((s, i) => {
      first.push(s.step, s.values);
      const other = b[i];
      if (other !== undefined) second.push(other.step, other.values);
    });
    const dropped = new BackgroundHasher(SMALL);
    pushAll(dropped, states(SMALL, 5, 4));
    dropped.abandon();
    assert.deepEqual(second.finish().map(hex), expected(SMALL, b));
    assert.deepEqual(first.finish().map(hex), expected(LAYOUT, a));
    const after = states(LAYOUT, 9, 5);
    const third = new BackgroundHasher(LAYOUT);
    pushAll(third, after);
    assert.deepEqual(third.finish().map(hex), expected(LAYOUT, after));
  });

  it('gives the right commitments run after run, a finished run’s ring reused by the next or replaced', async () => {
    for (const [i, layout] of [LARGE, SMALL, SMALL, RENAMED, LARGE, LAYOUT].entries()) {
      const list = states(layout, 12, 10 + i);
      const hasher = new BackgroundHasher(layout);
      for (const s of list) {
        hasher.push(s.step, s.values);
        await sleep(1);
      }
      assert.deepEqual(hasher.finish().map(hex), expected(layout, list));
      await sleep(20); // the worker leaves the closed ring, so the next run can reuse it
    }
  });

  it('commits states that the caller wrote into the reserved slots, without copying them', () => {
    const list = states(LARGE, 20, 7);
    const hasher = new BackgroundHasher(LARGE);
    const before = hasherStats();
    for (const s of list) {
      const slot = hasher.reserve();
      assert.ok(slot, 'the compiled worker and hashing module are built');
      slot.forEach((target, i) => target.set(s.values[i] as Float32Array));
      hasher.push(s.step, slot);
    }
    assert.deepEqual(hasher.finish().map(hex), expected(LARGE, list));
    assert.equal(hasherStats().inPlace - before.inPlace, list.length);
  });

  it('hands the committing to the worker thread when steps leave it time', async () => {
    // The worker may still be starting: push paced states until the worker has hashed some (10 s at most).
    const deadline = Date.now() + 10_000;
    let byWorker = 0;
    while (byWorker === 0 && Date.now() < deadline) {
      const before = hasherStats();
      const list = states(LARGE, 6, 6);
      const hasher = new BackgroundHasher(LARGE);
      for (const s of list) {
        hasher.push(s.step, s.values);
        await sleep(5);
      }
      assert.deepEqual(hasher.finish().map(hex), expected(LARGE, list));
      const after = hasherStats();
      byWorker = after.pushes - before.pushes - (after.hashedHere - before.hashedHere);
    }
    assert.ok(byWorker > 0, 'the worker hashed none of the states within 10 s');
  });

  it('says when the worker is in a burst (bench/training splits step times by it) and when it sleeps again', async () => {
    // Paced pushes, each followed by a wake-up: the worker commits each one in a burst of its own; watch for one.
    const deadline = Date.now() + 10_000;
    let seenBusy = false;
    while (!seenBusy && Date.now() < deadline) {
      const list = states(LARGE, 8, 8);
      const hasher = new BackgroundHasher(LARGE);
      for (const s of list) {
        hasher.push(s.step, s.values);
        hasher.wake();
        const until = performance.now() + 5;
        while (!seenBusy && performance.now() < until) seenBusy = hashingWorkerInBurst();
      }
      assert.deepEqual(hasher.finish().map(hex), expected(LARGE, list));
    }
    assert.ok(seenBusy, 'no burst seen within 10 s');
    // Once every state is committed the worker goes back to sleep (it leaves the closed ring).
    while (hashingWorkerInBurst() && Date.now() < deadline + 5_000) await sleep(5);
    assert.equal(hashingWorkerInBurst(), false);
  });

  it('refuses a state that does not fit the run’s layout', () => {
    const hasher = new BackgroundHasher(SMALL);
    hasher.push(0, [new Float32Array(1_001)]);
    assert.throws(() => hasher.push(1, [new Float32Array(1_000)]), /does not fit the run's layout \[1001\]/);
    assert.throws(() => hasher.push(1, [new Float32Array(1_001), new Float32Array(1)]), /does not fit/);
    hasher.abandon();
  });
});
