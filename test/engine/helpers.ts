/** Shared helpers for the engine tests: example specs, temporary stores, tensors from a seeded generator. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTaskSpec, type TaskSpec } from '../../offchain/engine/index.js';
import { SeededRandom } from '../../offchain/engine/data/rng.js';

/** The repository root (tests run from dist/test/engine). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function exampleSpec(name: 'mnist-mlp' | 'mnist-cnn', overrides: Partial<TaskSpec> = {}): TaskSpec {
  const spec = parseTaskSpec(readFileSync(join(repoRoot, 'examples', `${name}.json`), 'utf8'));
  return { ...spec, ...overrides };
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `veritrain-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Float32 values uniform in [−scale, scale), with some exact zeros and negative zeros mixed in. */
export function randomValues(rng: SeededRandom, length: number, scale = 2): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const r = rng.nextUint32() % 16;
    out[i] = r === 0 ? 0 : r === 1 ? -0 : Math.fround((2 * rng.nextUnit() - 1) * scale);
  }
  return out;
}

export { SeededRandom };
