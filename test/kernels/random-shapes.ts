/**
 * Seeded shapes and values for the kernel tests: every run draws the same cases, so a failure names a case that
 * can be rerun.
 */
import type { Conv2DShape, MatMulShape } from '../../offchain/engine/kernels/native/index.js';

/** mulberry32: a tiny seeded generator; the tests must not depend on Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** Values in [-1, 1) with a sprinkling of exact zeros of both signs, so cancellation and signed zeros occur. */
export function randomValues(random: () => number, size: number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const r = random();
    values[i] = r < 0.03 ? 0 : r < 0.06 ? -0 : random() * 2 - 1;
  }
  return values;
}

export function randomMatMulShape(random: () => number, maxSide: number): MatMulShape {
  return {
    m: randomInt(random, 1, maxSide),
    k: randomInt(random, 1, maxSide),
    n: randomInt(random, 1, maxSide),
    transposeA: random() < 0.5,
    transposeB: random() < 0.5,
  };
}

export type Padding = 'same' | 'valid';

/** Resolves tfjs's 'same' / 'valid' padding to the numbers in Conv2DShape (tfjs's own rules). */
export function convShape(
  dims: Omit<Conv2DShape, 'padTop' | 'padLeft' | 'outHeight' | 'outWidth'>,
  padding: Padding,
): Conv2DShape {
  const side = (size: number, filter: number, stride: number): { out: number; padBefore: number } => {
    if (padding === 'valid') return { out: Math.ceil((size - filter + 1) / stride), padBefore: 0 };
    const out = Math.ceil(size / stride);
    const padTotal = Math.max((out - 1) * stride + filter - size, 0);
    return { out, padBefore: Math.floor(padTotal / 2) };
  };
  const h = side(dims.inHeight, dims.filterHeight, dims.strideHeight);
  const w = side(dims.inWidth, dims.filterWidth, dims.strideWidth);
  return { ...dims, padTop: h.padBefore, padLeft: w.padBefore, outHeight: h.out, outWidth: w.out };
}

export interface ConvShapeLimits {
  maxChannels: number;
  maxSide: number;
}

export function randomConvShape(
  random: () => number,
  limits: ConvShapeLimits = { maxChannels: 19, maxSide: 11 },
): Conv2DShape {
  const filterHeight = randomInt(random, 1, 4);
  const filterWidth = randomInt(random, 1, 4);
  const padding: Padding = random() < 0.5 ? 'same' : 'valid';
  return convShape(
    {
      batch: randomInt(random, 1, 3),
      inHeight: randomInt(random, filterHeight, limits.maxSide),
      inWidth: randomInt(random, filterWidth, limits.maxSide),
      inChannels: randomInt(random, 1, limits.maxChannels),
      filterHeight,
      filterWidth,
      outChannels: randomInt(random, 1, limits.maxChannels),
      strideHeight: randomInt(random, 1, 2),
      strideWidth: randomInt(random, 1, 2),
    },
    padding,
  );
}

export function describeShape(shape: object): string {
  return JSON.stringify(shape);
}
