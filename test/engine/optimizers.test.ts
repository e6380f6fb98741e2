/**
 * Momentum and Adam: their proofs (optimizer slots in the checkpoints, Adam's per-step size) replay at distance 0; and
 * every optimizer ends in the same bits whatever memory its states lie in.
 */
import { strict as assert } from 'node:assert';
import {
  decodeCheckpoint,
  FsArtifactStore,
  replaySegment,
  train,
  useNumericCore,
  type ProofManifest,
  type TaskSpec,
} from '../../offchain/engine/index.js';
import { fastestCore, jsCore } from '../../offchain/engine/kernels/native/index.js';
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

/**
 * Where states live (train/state-slots.ts, the hashing ring) and which kernels run over them (numeric-shared.wasm,
 * reading and writing the slots in place) must never change a bit: training with proof, without proof, and with the
 * plain-JS core (which keeps its own arrays) end in the same weights and optimizer slots, for every optimizer.
 */
describe('states in shared slots, written in place, change no bit', function () {
  const tmp = tempDir('slots');
  after(() => {
    useNumericCore(fastestCore());
    tmp.cleanup();
  });

  const optimizers: Array<TaskSpec['optimizer']> = [
    { type: 'sgd', learningRate: 0.1 },
    { type: 'momentum', learningRate: 0.05, momentum: 0.9 },
    { type: 'adam', learningRate: 0.001 },
  ];
  for (const optimizer of optimizers) {
    it(`${optimizer.type}: proof on, proof off and the JS core agree on the final state (MLP, and a CNN for SGD)`, async () => {
      const models = optimizer.type === 'sgd' ? (['mnist-mlp', 'mnist-cnn'] as const) : (['mnist-mlp'] as const);
      for (const model of models) {
        const spec = exampleSpec(model, { optimizer, steps: 6, checkpointInterval: 3 });
        const store = new FsArtifactStore(`${tmp.dir}/${model}-${optimizer.type}`);
        useNumericCore(fastestCore());
        const proved = await train(spec, store, { evaluate: false });
        // Twice without proof: the second run reuses the slots the first left, which must not leak into its result.
        const plain = await train(spec, store, { proof: false, evaluate: false });
        const again = await train(spec, store, { proof: false, evaluate: false });
        useNumericCore(jsCore);
        const js = await train(spec, store, { proof: false, evaluate: false });
        useNumericCore(fastestCore());
        for (const other of [plain, again, js]) {
          assert.deepEqual(
            other.finalState.map((t) => [
              t.name,
              Buffer.from(t.values.buffer, t.values.byteOffset, t.values.byteLength).toString('hex'),
            ]),
            proved.finalState.map((t) => [
              t.name,
              Buffer.from(t.values.buffer, t.values.byteOffset, t.values.byteLength).toString('hex'),
            ]),
          );
          assert.deepEqual(other.losses, proved.losses);
        }
      }
    });
  }
});
