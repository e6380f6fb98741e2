/**
 * The per-step hash is the state commitment of offchain/referee/commitment.ts: what training records (computed by
 * the hashing worker in shared memory with the wasm hashing module) equals, bit for bit, stateCommitment(layoutHash(
 * step, names and shapes), tensorRoot of each state tensor) computed by the referee's own functions; leaf t of the
 * proof's step list is the state after t steps, leaf 0 the initial state; a 1e-6 change in one weight changes it.
 */
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { u8aToHex } from '@polkadot/util';
import {
  f32,
  layoutHash,
  leafHash,
  merkleRoot,
  stateCommitment,
  tensorRoot,
  type TensorLayout,
} from '../../offchain/referee/index.js';
import {
  buildStepGraph,
  FsArtifactStore,
  initialState,
  openSession,
  runSegment,
  train,
  type ProofManifest,
} from '../../offchain/engine/index.js';
import { hashHex, hashingReady } from '../../offchain/engine/hash.js';
import { modelBytes } from '../../offchain/engine/train/state.js';
import { BackgroundHasher, hasherStats } from '../../offchain/engine/train/background-hasher.js';
import { decodeCheckpoint } from '../../offchain/engine/train/checkpoint.js';
import { unpackStepHashes } from '../../offchain/engine/train/manifest.js';
import { exampleSpec, tempDir } from './helpers.js';

/** The referee's definition, from names, shapes and values alone. */
function refereeCommitment(step: number, tensors: ReadonlyArray<TensorLayout & { values: Float32Array }>): string {
  const layout = tensors.map((t) => ({ name: t.name, shape: t.shape }));
  return u8aToHex(
    stateCommitment(
      layoutHash(step, layout),
      tensors.map((t) => tensorRoot(t.values)),
    ),
  );
}

describe('the per-step hash is the referee’s state commitment', function () {
  const tmp = tempDir('commitment');
  after(() => tmp.cleanup());
  before(hashingReady);

  it('the worker’s commitment of the MLP state equals the referee’s, and a 1e-6 change in one weight changes it', async () => {
    const spec = exampleSpec('mnist-mlp');
    const state = initialState(buildStepGraph(spec), spec.seed);
    const layout = state.map((t) => ({ name: t.name, shape: t.shape }));
    const changed = state.map((t) => ({ ...t, values: t.values.slice() }));
    const kernel = changed[0]?.values as Float32Array;
    kernel[1_000] = f32((kernel[1_000] as number) + 1e-6);
    assert.notEqual(kernel[1_000], state[0]?.values[1_000], '1e-6 is representable at that weight');
    // Paced pushes leave the worker time (it may still be starting: retry for 10 s at most).
    const deadline = Date.now() + 10_000;
    let byWorker = 0;
    let hashes: string[] = [];
    while (byWorker === 0 && Date.now() < deadline) {
      const before = hasherStats();
      const hasher = new BackgroundHasher(layout);
      for (const [step, tensors] of [state, state, changed, changed].entries()) {
        hasher.push(
          step % 2 === 0 ? 7 : 8,
          tensors.map((t) => t.values),
        );
        await sleep(10);
      }
      hashes = hasher.finish().map((h) => u8aToHex(h));
      const after = hasherStats();
      byWorker = after.pushes - before.pushes - (after.hashedHere - before.hashedHere);
    }
    assert.ok(byWorker > 0, 'the worker committed none of the states within 10 s');
    assert.deepEqual(hashes, [
      refereeCommitment(7, state),
      refereeCommitment(8, state),
      refereeCommitment(7, changed),
      refereeCommitment(8, changed),
    ]);
    assert.notEqual(hashes[0], hashes[2], 'one weight changed by 1e-6 changes the commitment');
    assert.notEqual(hashes[0], hashes[1], 'the step is committed to');
  });

  it('a proof’s step list: leaves 0 … T, each checkpoint’s state committed at its step, stepRoot over all', async () => {
    const spec = exampleSpec('mnist-mlp', { steps: 12, checkpointInterval: 4 });
    const store = new FsArtifactStore(tmp.dir);
    const result = await train(spec, store, { evaluate: false });
    const manifest = result.manifest as ProofManifest;
    const listed = unpackStepHashes(await store.get(manifest.stepHashes), manifest.steps);
    assert.equal(listed.length, 13);
    assert.deepEqual(
      listed.map((h) => u8aToHex(h)),
      result.stepHashes.map((h) => u8aToHex(h)),
    );
    assert.equal(u8aToHex(merkleRoot(listed.map((h) => leafHash(h)))), manifest.stepRoot);
    const initial = initialState(buildStepGraph(spec), spec.seed);
    assert.equal(u8aToHex(listed[0] as Uint8Array), refereeCommitment(0, initial), 'leaf 0 is the initial state');
    assert.equal(manifest.finalModelHash, hashHex(modelBytes(12, result.finalState)), 'the final model hash');
    for (const entry of manifest.checkpoints) {
      const checkpoint = decodeCheckpoint(await store.get(entry.hash), entry.hash);
      assert.equal(u8aToHex(listed[entry.step] as Uint8Array), refereeCommitment(entry.step, checkpoint.tensors));
    }
    // A replay checks the segment's starting state against its leaf too, then every step's.
    const session = await openSession(spec, store);
    const start = decodeCheckpoint(await store.get(manifest.checkpoints[1]?.hash as string));
    const honest = runSegment(session, start.tensors, 4, 8, listed);
    assert.equal(honest.firstDifferingStep, undefined);
    assert.deepEqual(
      honest.hashes.map((h) => u8aToHex(h)),
      listed.slice(4, 9).map((h) => u8aToHex(h)),
    );
    const wrongStart = listed.map((h, t) => (t === 4 ? (listed[5] as Uint8Array) : h));
    assert.equal(runSegment(session, start.tensors, 4, 8, wrongStart).firstDifferingStep, 4);
    const wrongStep = listed.map((h, t) => (t === 7 ? (listed[6] as Uint8Array) : h));
    assert.equal(runSegment(session, start.tensors, 4, 8, wrongStep).firstDifferingStep, 7);
  });
});
