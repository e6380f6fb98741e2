/**
 * Bad input, each a clear error: invalid task specs (naming the field), dataset bytes whose hash does not match,
 * truncated or corrupt checkpoints, a replay of a segment that does not exist, and the CLI's one-line errors.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ArtifactError,
  CheckpointError,
  decodeCheckpoint,
  decodeDataset,
  encodeCheckpoint,
  FsArtifactStore,
  ModelError,
  parseTaskSpec,
  replaySegment,
  TaskSpecError,
  train,
  ReplayError,
  buildStepGraph,
  type ProofManifest,
} from '../../offchain/engine/index.js';
import { packMnist } from '../../offchain/engine/data/mnist.js';
import { hashHex } from '../../offchain/engine/hash.js';
import { DatasetError } from '../../offchain/engine/errors.js';
import { exampleSpec, repoRoot, tempDir } from './helpers.js';

const valid = JSON.parse(JSON.stringify(exampleSpec('mnist-mlp'))) as Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests write deliberately ill-typed specs
function specError(mutate: (spec: any) => void): string {
  const spec = JSON.parse(JSON.stringify(valid));
  mutate(spec);
  try {
    parseTaskSpec(JSON.stringify(spec));
  } catch (error) {
    assert.ok(error instanceof TaskSpecError);
    return error.message;
  }
  assert.fail('the spec was accepted');
}

describe('bad input gives clear errors', function () {
  const tmp = tempDir('bad-input');
  after(() => tmp.cleanup());

  describe('task specs', () => {
    it('name the invalid field by its path', () => {
      assert.match(
        specError((s) => (s.model.layers[3].units = -2)),
        /model\.layers\[3\]\.units must be a positive integer/,
      );
      assert.match(
        specError((s) => (s.model.layers[1] = { type: 'lstm' })),
        /model\.layers\[1\]\.type must be one of dense, conv2d/,
      );
      assert.match(
        specError((s) => (s.optimizer = { type: 'momentum', learningRate: 0.1, momentum: 1.5 })),
        /optimizer\.momentum must be a number in \[0, 1\)/,
      );
      assert.match(
        specError((s) => (s.optimizer.learningRate = 'fast')),
        /optimizer\.learningRate must be a positive finite number/,
      );
      assert.match(
        specError((s) => delete s.batchSize),
        /batchSize must be a positive integer/,
      );
      assert.match(
        specError((s) => (s.data.train = '0x1234')),
        /data\.train must be a 0x-prefixed 32-byte hex hash/,
      );
      assert.match(
        specError((s) => (s.kernelSet = 'gpu')),
        /kernelSet must be one of repro, cpu, wasm, tensorflow/,
      );
      assert.match(
        specError((s) => (s.version = 2)),
        /version must be 1/,
      );
      assert.match(
        specError((s) => (s.thresholds = { l2: -1 })),
        /thresholds\.l2 must be a non-negative finite number/,
      );
    });

    it('report every invalid field at once, and reject non-JSON', () => {
      const message = specError((s) => {
        s.steps = 0;
        s.seed = -1;
      });
      assert.match(message, /steps must be a positive integer/);
      assert.match(message, /seed must be a non-negative integer/);
      assert.throws(
        () => parseTaskSpec('{ not json'),
        (e: unknown) => e instanceof TaskSpecError && /not valid JSON/.test(e.message),
      );
    });

    it('reject models the graph cannot build, naming the layer', () => {
      const spec = exampleSpec('mnist-mlp');
      const noFlatten = { ...spec, model: { ...spec.model, layers: spec.model.layers.slice(1) } };
      assert.throws(
        () => buildStepGraph(noFlatten),
        (e: unknown) => e instanceof ModelError && /model\.layers\[0\] \(dense\): needs a flat input/.test(e.message),
      );
      const noSoftmax = { ...spec, model: { ...spec.model, layers: spec.model.layers.slice(0, -1) } };
      assert.throws(() => buildStepGraph(noSoftmax), /must end with exactly one softmax layer/);
    });

    it('reject models whose input or output does not fit the dataset', async () => {
      const spec = exampleSpec('mnist-mlp');
      const store = new FsArtifactStore(join(tmp.dir, 'fit'));
      await assert.rejects(
        train({ ...spec, model: { ...spec.model, inputShape: [28, 27, 1] } }, store, { steps: 1 }),
        (e: unknown) =>
          e instanceof ModelError && /has 756 values per example; the dataset's examples have 784/.test(e.message),
      );
      const layers = spec.model.layers.map((l) => (l.type === 'dense' && l.units === 10 ? { ...l, units: 9 } : l));
      await assert.rejects(
        train({ ...spec, model: { ...spec.model, layers } }, store, { steps: 1 }),
        /has 9 units; the dataset has 10 classes/,
      );
    });
  });

  describe('datasets', () => {
    it('bytes whose hash does not match their id are refused', () => {
      const { test } = packMnist();
      const id = hashHex(test);
      assert.equal(decodeDataset(id, test).count, 2004);
      const flipped = test.slice();
      flipped[5000] = (flipped[5000] as number) ^ 1;
      assert.throws(
        () => decodeDataset(id, flipped),
        (e: unknown) => e instanceof ArtifactError && /is corrupt: its bytes hash to 0x/.test(e.message),
      );
      const truncated = test.slice(0, 1000);
      assert.throws(
        () => decodeDataset(hashHex(truncated), truncated),
        (e: unknown) => e instanceof DatasetError && /its header says/.test(e.message),
      );
    });

    it('a store whose file was altered refuses to return it', async () => {
      const store = new FsArtifactStore(join(tmp.dir, 'store'));
      const id = await store.put(new Uint8Array([1, 2, 3]));
      writeFileSync(join(tmp.dir, 'store', `${id}.bin`), new Uint8Array([1, 2, 4]));
      await assert.rejects(store.get(id), ArtifactError);
      await assert.rejects(store.get(`0x${'ab'.repeat(32)}`), /is not in/);
    });
  });

  describe('checkpoints and replay', () => {
    let manifest: ProofManifest;
    let store: FsArtifactStore;
    const spec = exampleSpec('mnist-mlp', { steps: 4, checkpointInterval: 2 });

    before(async () => {
      store = new FsArtifactStore(join(tmp.dir, 'proof'));
      manifest = (await train(spec, store, { evaluate: false })).manifest as ProofManifest;
    });

    it('truncated and corrupt checkpoints are refused with the reason', async () => {
      const id = manifest.checkpoints[1]?.hash as string;
      const bytes = await store.get(id);
      assert.equal(decodeCheckpoint(bytes, id).step, 2);
      const truncated = bytes.slice(0, bytes.length - 10);
      assert.throws(
        () => decodeCheckpoint(truncated),
        (e: unknown) => e instanceof CheckpointError && /truncated at byte/.test(e.message),
      );
      assert.throws(() => decodeCheckpoint(truncated, id), ArtifactError);
      const badMagic = bytes.slice();
      badMagic[0] = 0;
      assert.throws(() => decodeCheckpoint(badMagic), /bad magic/);
      const trailing = new Uint8Array(bytes.length + 3);
      trailing.set(bytes);
      assert.throws(() => decodeCheckpoint(trailing), /3 unexpected bytes/);
      assert.throws(() => decodeCheckpoint(encodeCheckpoint({ step: 0, tensors: [] }).slice(0, 7)), /truncated header/);
    });

    it('a replay of a segment that does not exist is refused', async () => {
      await assert.rejects(
        replaySegment(spec, manifest, store, 2),
        (e: unknown) =>
          e instanceof ReplayError && /segment 2 does not exist: the proof has segments 0 to 1/.test(e.message),
      );
      await assert.rejects(replaySegment(spec, manifest, store, -1), ReplayError);
    });

    it('a replay whose checkpoint file is corrupt is refused', async () => {
      const id = manifest.checkpoints[2]?.hash as string;
      const path = join(store.dir, `${id}.bin`);
      writeFileSync(path, new Uint8Array([0x56, 0x54, 0x43, 0x4b]));
      await assert.rejects(
        replaySegment(spec, manifest, store, 1),
        (e: unknown) => e instanceof CheckpointError && /checkpoint 2 \(0x[0-9a-f]+\) is corrupt/.test(e.message),
      );
    });
  });

  describe('the CLI', function () {
    const bin = join(repoRoot, 'bin/veritrain.js');
    const cliBuilt = existsSync(join(repoRoot, 'dist/node/cli/main.js'));
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, ...args]).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );

    it('prints one line and exits non-zero for a bad spec, a missing proof and a bad segment', async function () {
      assert.ok(cliBuilt, 'dist/node/cli/main.js must be built');
      const badSpec = join(tmp.dir, 'bad.json');
      writeFileSync(badSpec, JSON.stringify({ ...valid, batchSize: 0 }));
      const cases = [
        [['train', badSpec, '--out', join(tmp.dir, 'out')], /batchSize must be a positive integer/],
        [['replay', join(tmp.dir, 'nowhere'), '--segment', '0'], /cannot read the task spec/],
        [['replay', join(tmp.dir, 'nowhere'), '--segment', 'x'], /must be a non-negative integer/],
        [['eval', join(tmp.dir, 'nowhere')], /cannot read the task spec/],
      ] as const;
      const results = await Promise.all(cases.map(([args]) => cli([...args])));
      for (const [i, [, pattern]] of cases.entries()) {
        const { code, stderr } = results[i] as { code: number; stderr: string };
        assert.notEqual(code, 0);
        assert.match(stderr, pattern);
        assert.equal(stderr.trim().split('\n').length, 1, `one line, got: ${stderr}`);
        assert.doesNotMatch(stderr, /\n\s+at /);
      }
    });
  });
});
