/**
 * Training batches from (seed, step) alone: example j of the whole run (j = step · batch + i) is
 * permutation_e[j mod N] with e = ⌊j / N⌋, where permutation_e is a Fisher–Yates shuffle drawn from
 * SeededRandom(seed, "epoch:e"). No Math.random, no dependence on earlier steps: a replay can start anywhere.
 */
import type { Dataset } from './dataset.js';
import { exampleSize } from './dataset.js';
import { SeededRandom } from './rng.js';

export interface Batch {
  /** Inputs scaled to [0, 1] (byte / 255 in float32), [batch, ...example shape]. */
  x: Float32Array;
  /** Class ids as float32, [batch]. */
  labels: Float32Array;
}

export class BatchSource {
  private readonly permutations = new Map<number, Uint32Array>();

  constructor(
    readonly dataset: Dataset,
    readonly seed: number,
    readonly batchSize: number,
  ) {}

  private permutation(epoch: number): Uint32Array {
    let perm = this.permutations.get(epoch);
    if (perm) return perm;
    const n = this.dataset.count;
    perm = new Uint32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    const rng = new SeededRandom(this.seed, `epoch:${epoch}`);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.nextBelow(i + 1);
      const t = perm[i] as number;
      perm[i] = perm[j] as number;
      perm[j] = t;
    }
    if (this.permutations.size >= 2) this.permutations.delete(this.permutations.keys().next().value as number);
    this.permutations.set(epoch, perm);
    return perm;
  }

  /** The batch of a 0-based step. */
  batch(step: number): Batch {
    const size = exampleSize(this.dataset);
    const n = this.dataset.count;
    const x = new Float32Array(this.batchSize * size);
    const labels = new Float32Array(this.batchSize);
    for (let i = 0; i < this.batchSize; i++) {
      const j = step * this.batchSize + i;
      const example = this.permutation(Math.floor(j / n))[j % n] as number;
      labels[i] = this.dataset.labels[example] as number;
      writeExample(this.dataset, example, x, i * size);
    }
    return { x, labels };
  }
}

export function writeExample(d: Dataset, example: number, into: Float32Array, offset: number): void {
  const size = exampleSize(d);
  const base = example * size;
  for (let p = 0; p < size; p++) into[offset + p] = Math.fround((d.pixels[base + p] as number) / 255);
}

/** Consecutive examples [start, start + count) of a dataset, in order (evaluation). */
export function sequentialBatch(d: Dataset, start: number, count: number): Batch {
  const size = exampleSize(d);
  const x = new Float32Array(count * size);
  const labels = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = d.labels[start + i] as number;
    writeExample(d, start + i, x, i * size);
  }
  return { x, labels };
}
