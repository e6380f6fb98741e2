/**
 * Training batches from (seed, step) alone: example j of the whole run (j = step · batch + i) is
 * permutation_e[j mod N] with e = ⌊j / N⌋, where permutation_e is a Fisher–Yates shuffle drawn from
 * SeededRandom(seed, "epoch:e"). No Math.random, no dependence on earlier steps: a replay can start anywhere.
 */
import type { Dataset } from './dataset.js';
import { exampleSize } from './dataset.js';
import { SeededRandom } from './rng.js';

/** byte / 255 rounded to float32, for every byte (what an input pixel is). */
const PIXEL_VALUES = Float32Array.from({ length: 256 }, (_, byte) => byte / 255);

export interface Batch {
  /** Inputs scaled to [0, 1] (byte / 255 in float32), [batch, ...example shape]. */
  x: Float32Array;
  /** Class ids as float32, [batch]. */
  labels: Float32Array;
}

/**
 * Datasets up to this many pixels are converted to float32 once (MNIST's training set: 6.3 M pixels, 25 MB), so that
 * a batch is 32 copies of an example instead of 25,000 conversions (about 0.1 ms, a tenth of an MLP step).
 */
const CONVERTED_PIXELS_MAX = 16 << 20;

export class BatchSource {
  private readonly permutations = new Map<number, Uint32Array>();
  /** The dataset's inputs as float32 (byte / 255), when it is small enough (CONVERTED_PIXELS_MAX). */
  private readonly inputs: Float32Array | undefined;

  constructor(
    readonly dataset: Dataset,
    readonly seed: number,
    readonly batchSize: number,
  ) {
    const pixels = dataset.pixels;
    if (pixels.length <= CONVERTED_PIXELS_MAX) {
      this.inputs = new Float32Array(pixels.length);
      for (let i = 0; i < pixels.length; i++) this.inputs[i] = PIXEL_VALUES[pixels[i] as number] as number;
    }
  }

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
      if (this.inputs === undefined) writeExample(this.dataset, example, x, i * size);
      else x.set(this.inputs.subarray(example * size, (example + 1) * size), i * size);
    }
    return { x, labels };
  }
}

export function writeExample(d: Dataset, example: number, into: Float32Array, offset: number): void {
  const size = exampleSize(d);
  const base = example * size;
  const pixels = d.pixels;
  for (let p = 0; p < size; p++) into[offset + p] = PIXEL_VALUES[pixels[base + p] as number] as number;
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
