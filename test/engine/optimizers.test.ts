/** Momentum and Adam: their proofs (optimizer slots in the checkpoints, Adam's per-step size) replay at distance 0. */
import { strict as assert } from 'node:assert';
import {
  decodeCheckpoint,
  FsArtifactStore,
  replaySegment,
  train,
  type ProofManifest,
  type TaskSpec,
} from '../../offchain/engine/index.js';
import { exampleSpec, tempDir } from './helpers.js';

describe('optimizers with state replay exactly', function () {
  const tmp = tempDir('optimizers');
  after(() => tmp.cleanup());

  const cases: Array<[string, TaskSpec['optimizer'], string[]]> = [
    ['momentum', { type: 'momentum', learningRate: 0.05, momentum: 0.9 }, ['#velocity']],
    ['adam', { type: 'adam', learningRate: 0.001 }, ['#m', '#v']],
  ];
  for (const [name, optimizer, slots] of cases) {
    it(`${name}: checkpoints carry its slots and every segment replays at distance 0`, async () => {
      const spec = exampleSpec('mnist-mlp', { optimizer, steps: 12, checkpointInterval: 4 });
      const store = new FsArtifactStore(`${tmp.dir}/${name}`);
      const result = await train(spec, store, { evaluate: false });
      const manifest = result.manifest as ProofManifest;
      const last = manifest.checkpoints.at(-1) as ProofManifest['checkpoints'][number];
      const names = decodeCheckpoint(await store.get(last.hash), last.hash).tensors.map((t) => t.name);
      for (const slot of slots) assert.ok(names.includes(`layers[1].kernel${slot}`), `${names.join(', ')}`);
      assert.ok((result.losses.at(-1) as number) < (result.losses[0] as number));
      for (const segment of [0, 1, 2]) {
        const report = await replaySegment(spec, manifest, store, segment);
        assert.equal(report.hashesMatch, true, `segment ${segment}`);
        assert.equal(report.distances.l2, 0);
      }
    });
  }
});
