/**
 * Tolerant mode: plain tfjs backends replay a `repro` proof at a small, non-zero distance; profiling turns those
 * honest distances into thresholds, under which honest segments pass and a copied checkpoint does not.
 */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs-core';
import {
  FsArtifactStore,
  profileThresholds,
  replaySegment,
  train,
  type ProofManifest,
} from '../../offchain/engine/index.js';
import { exampleSpec, tempDir } from './helpers.js';

describe('tolerant mode on tfjs cpu and wasm', function () {
  const tmp = tempDir('tolerant');
  const spec = exampleSpec('mnist-mlp', { steps: 20, checkpointInterval: 10 });
  let manifest: ProofManifest;
  let store: FsArtifactStore;
  after(() => tmp.cleanup());

  before(async () => {
    store = new FsArtifactStore(tmp.dir);
    manifest = (await train(spec, store, { evaluate: false })).manifest as ProofManifest;
  });

  it('profiles honest distances on cpu and wasm: small but not zero', async () => {
    const profile = await profileThresholds(spec, manifest, store, { kernelSets: ['cpu', 'wasm'] });
    assert.equal(profile.samples.length, 4);
    for (const sample of profile.samples) {
      assert.ok(
        sample.distances.l2 > 0,
        `${sample.kernelSet} segment ${sample.segment} should differ in the last bits`,
      );
      assert.ok(sample.distances.linf < 1e-4, `${sample.kernelSet}: ${sample.distances.linf}`);
    }
    assert.ok(profile.suggested.l2 >= profile.max.l2 && profile.max.l2 >= profile.median.l2);

    const tolerantSpec = { ...spec, thresholds: profile.suggested };
    const honest = await replaySegment(tolerantSpec, manifest, store, 1, { kernelSet: 'cpu' });
    assert.equal(honest.hashesMatch, false);
    assert.equal(honest.verdict, 'accept');

    const cheatStore = new FsArtifactStore(`${tmp.dir}/cheat`);
    const other = await train({ ...spec, seed: 99 }, cheatStore, { steps: 20, evaluate: false });
    const cheat = {
      ...manifest,
      checkpoints: manifest.checkpoints.map((c, i) =>
        i === 2 ? ((other.manifest as ProofManifest).checkpoints[2] ?? c) : c,
      ),
    };
    for (const c of manifest.checkpoints) await cheatStore.put(await store.get(c.hash));
    await cheatStore.put(await store.get(manifest.stepHashes));
    const { rootOfHexHashes } = await import('../../offchain/engine/train/manifest.js');
    cheat.checkpointRoot = rootOfHexHashes(cheat.checkpoints.map((c) => c.hash));
    const caught = await replaySegment(tolerantSpec, cheat, cheatStore, 1, { kernelSet: 'cpu' });
    assert.ok(caught.distances.l2 > profile.suggested.l2 * 100);
    assert.equal(caught.verdict, 'reject');
  });

  it('a backend without a kernel the model needs fails with a clear error (wasm has no Conv2DBackpropFilter)', async () => {
    const cnn = exampleSpec('mnist-cnn', { steps: 1, checkpointInterval: 1 });
    await assert.rejects(train(cnn, store, { kernelSet: 'wasm', proof: false }), /Conv2DBackpropFilter/);
    assert.equal(tf.getBackend(), 'wasm');
  });
});
