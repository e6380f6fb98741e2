/**
 * Reproducibility across processes: two separate Node processes train the same task to bitwise-identical
 * checkpoints and per-step state hashes (MLP and CNN), and the full example MLP reaches ≥ 90 % held-out accuracy,
 * with an evaluation that is bit-identical when repeated.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  evaluateProof,
  FsArtifactStore,
  readProofDir,
  train,
  useNumericCore,
  writeProofDir,
  type ProofManifest,
} from '../../offchain/engine/index.js';
import { fastestCore, jsCore } from '../../offchain/engine/kernels/native/index.js';
import { exampleSpec, repoRoot, tempDir } from './helpers.js';

const run = promisify(execFile);
const child = join(repoRoot, 'dist/test/engine/fixtures/train-child.js');

interface ChildProof {
  pid: number;
  checkpoints: ProofManifest['checkpoints'];
  stepRoot: string;
  finalModelHash: string;
  stepHashes: string[];
  losses: number[];
}

async function trainInChild(name: string, steps: number, interval: number, dir: string): Promise<ChildProof> {
  const { stdout } = await run(process.execPath, [child, name, String(steps), String(interval), dir], {
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout) as ChildProof;
}

describe('training is bitwise reproducible across processes', function () {
  const tmp = tempDir('determinism');
  after(() => tmp.cleanup());

  for (const [name, steps, interval] of [
    ['mnist-mlp', 60, 20],
    ['mnist-cnn', 8, 4],
  ] as const) {
    it(`${name}: two processes produce identical checkpoints and step hashes (${steps} steps)`, async () => {
      const [a, b] = await Promise.all([
        trainInChild(name, steps, interval, join(tmp.dir, `${name}-a`)),
        trainInChild(name, steps, interval, join(tmp.dir, `${name}-b`)),
      ]);
      assert.notEqual(a.pid, b.pid);
      assert.equal(a.stepHashes.length, steps + 1, 'leaves 0 … steps: the initial state, then every step');
      assert.deepEqual(a.stepHashes, b.stepHashes);
      assert.deepEqual(a.checkpoints, b.checkpoints);
      assert.equal(a.checkpoints.length, steps / interval + 1);
      assert.equal(a.stepRoot, b.stepRoot);
      assert.equal(a.finalModelHash, b.finalModelHash);
      assert.deepEqual(a.losses, b.losses);
      assert.equal(new Set(a.stepHashes).size, steps + 1, 'every step changes the state');
      assert.ok((a.losses.at(-1) as number) < (a.losses[0] as number), 'the loss goes down');
    });
  }

  it('the example MLP task (1,250 steps) reaches ≥ 90 % on held-out digits; evaluation is bit-identical', async () => {
    const spec = exampleSpec('mnist-mlp');
    const dir = join(tmp.dir, 'full');
    const result = await train(spec, new FsArtifactStore(join(dir, 'artifacts')));
    const manifest = result.manifest as ProofManifest;
    assert.equal(manifest.steps, 1250);
    assert.ok((result.testAccuracy as number) >= 0.9, `accuracy ${result.testAccuracy}`);
    assert.equal(manifest.claimedMetric.value, result.testAccuracy);
    await writeProofDir(dir, spec, manifest);
    const again = await evaluateProof(dir);
    assert.equal(again, result.testAccuracy);
    assert.equal((await readProofDir(dir)).manifest.finalModelHash, manifest.finalModelHash);
    console.log(`      accuracy ${(again * 100).toFixed(2)} % after 1,250 steps in ${result.seconds.toFixed(1)} s`);
  });

  it('the wasm numeric core and the plain-JS core give the same step hashes (MLP and CNN)', async () => {
    assert.notEqual(fastestCore().name, jsCore.name, 'the wasm core must be built (npm run build)');
    for (const name of ['mnist-mlp', 'mnist-cnn'] as const) {
      const spec = exampleSpec(name, { steps: 4, checkpointInterval: 2 });
      const store = new FsArtifactStore(join(tmp.dir, `cores-${name}`));
      try {
        useNumericCore(jsCore);
        const plain = await train(spec, store, { evaluate: false });
        useNumericCore(fastestCore());
        const wasm = await train(spec, store, { evaluate: false });
        assert.deepEqual(wasm.stepHashes, plain.stepHashes);
        assert.equal(wasm.manifest?.checkpointRoot, plain.manifest?.checkpointRoot);
      } finally {
        useNumericCore(fastestCore());
      }
    }
  });
});
