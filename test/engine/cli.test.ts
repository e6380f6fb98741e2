/** The engine's CLI commands end to end: train (with a progress bar) → replay a segment → eval. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exampleSpec, repoRoot, tempDir } from './helpers.js';

const run = promisify(execFile);
const bin = join(repoRoot, 'bin/veritrain.js');

describe('veritrain train / replay / eval', function () {
  const tmp = tempDir('cli');
  after(() => tmp.cleanup());

  it('trains a short task, replays a segment at distance 0, and evaluates it', async () => {
    const task = join(tmp.dir, 'task.json');
    writeFileSync(task, JSON.stringify(exampleSpec('mnist-mlp', { steps: 40, checkpointInterval: 20 })));
    const out = join(tmp.dir, 'proof');
    const trained = await run(process.execPath, [bin, 'train', task, '--out', out]);
    assert.match(trained.stdout, /trained 40 steps in .* \(repro kernels\)/);
    const accuracy = /test accuracy (\d+\.\d+) %/.exec(trained.stdout)?.[1];
    assert.ok(accuracy !== undefined && Number(accuracy) > 50, trained.stdout);
    assert.match(trained.stderr, /40\/40 steps \| [\d.]+ steps\/s \| loss \d/);

    const [replayed, evaluated, missing] = await Promise.all([
      run(process.execPath, [bin, 'replay', out, '--segment', '1']),
      run(process.execPath, [bin, 'eval', out]),
      run(process.execPath, [bin, 'replay', out, '--segment', '2']).catch((e: { code: number; stderr: string }) => e),
    ]);
    assert.match(replayed.stdout, /segment 1: steps 20 to 40/);
    assert.match(replayed.stdout, /distance L2 0 \| Linf 0 \| cosine 0/);
    assert.match(replayed.stdout, /state hashes: all match/);
    assert.match(replayed.stdout, /verdict: accept/);
    assert.equal(evaluated.stdout.trim(), `test accuracy ${accuracy} %`);
    assert.equal((missing as { code: number }).code, 1);
    assert.match((missing as { stderr: string }).stderr, /segment 2 does not exist/);
  });
});
