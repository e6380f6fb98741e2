import assert from 'node:assert/strict';
import type { Conv2DShape, MatMulShape, NumericCore } from '../../offchain/engine/kernels/native/index.js';
import { fastestCore, jsCore, KernelShapeError, loadWasmCore } from '../../offchain/engine/kernels/native/index.js';
import { assertBitwiseEqual } from './bitwise.js';
import {
  convShape,
  describeShape,
  randomConvShape,
  randomInt,
  randomMatMulShape,
  randomValues,
  seededRandom,
} from './random-shapes.js';

const wasm: NumericCore = loadWasmCore();

function compareMatMul(shape: MatMulShape, a: Float32Array, b: Float32Array): void {
  assertBitwiseEqual(wasm.matmul(a, b, shape), jsCore.matmul(a, b, shape), `matmul ${describeShape(shape)}`);
}

function compareConv(s: Conv2DShape, x: Float32Array, w: Float32Array, dy: Float32Array): void {
  const label = describeShape(s);
  assertBitwiseEqual(wasm.conv2d(x, w, s), jsCore.conv2d(x, w, s), `conv2d ${label}`);
  assertBitwiseEqual(wasm.conv2dBackpropInput(dy, w, s), jsCore.conv2dBackpropInput(dy, w, s), `dx ${label}`);
  assertBitwiseEqual(wasm.conv2dBackpropFilter(x, dy, s), jsCore.conv2dBackpropFilter(x, dy, s), `dw ${label}`);
}

function randomConvCase(random: () => number, s: Conv2DShape): void {
  compareConv(
    s,
    randomValues(random, s.batch * s.inHeight * s.inWidth * s.inChannels),
    randomValues(random, s.filterHeight * s.filterWidth * s.inChannels * s.outChannels),
    randomValues(random, s.batch * s.outHeight * s.outWidth * s.outChannels),
  );
}

/** Values spanning float32's range, with ±0, ±Infinity, NaN, subnormals and near-overflow magnitudes. */
function extremeValues(random: () => number, size: number): Float32Array {
  const specials = [0, -0, Infinity, -Infinity, NaN, 3.4e38, -3.4e38, 1e-45, -1e-45, 1.2e-38, 1e20, -1e20];
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const r = random();
    values[i] =
      r < 0.3
        ? specials[randomInt(random, 0, specials.length - 1)]
        : (random() * 2 - 1) * 2 ** randomInt(random, -140, 127);
  }
  return values;
}

describe('wasm SIMD core is bitwise equal to jsCore', () => {
  it('matmul: 400 random shapes (odd sizes, all four transpose combinations)', () => {
    const random = seededRandom(11);
    for (let c = 0; c < 400; c++) {
      const shape = randomMatMulShape(random, c < 300 ? 21 : 70);
      compareMatMul(shape, randomValues(random, shape.m * shape.k), randomValues(random, shape.k * shape.n));
    }
  });

  it('matmul: the MLP 784-128-10 shapes of a batch-32 step, forward and backward', () => {
    const random = seededRandom(12);
    const shapes: MatMulShape[] = [
      { m: 32, k: 784, n: 128, transposeA: false, transposeB: false },
      { m: 784, k: 32, n: 128, transposeA: true, transposeB: false },
      { m: 32, k: 128, n: 10, transposeA: false, transposeB: false },
      { m: 32, k: 10, n: 128, transposeA: false, transposeB: true },
      { m: 128, k: 32, n: 10, transposeA: true, transposeB: false },
      { m: 1, k: 784, n: 128, transposeA: false, transposeB: false },
    ];
    for (const shape of shapes) {
      compareMatMul(shape, randomValues(random, shape.m * shape.k), randomValues(random, shape.k * shape.n));
    }
  });

  it('conv2d and both backprops: 250 random shapes (strides 1–2, same/valid, channels 1–37, batch 1–3)', () => {
    const random = seededRandom(13);
    for (let c = 0; c < 250; c++) {
      randomConvCase(
        random,
        randomConvShape(random, c < 200 ? { maxChannels: 19, maxSide: 9 } : { maxChannels: 37, maxSide: 7 }),
      );
    }
  });

  it('conv: the CNN layers (3×3, 8 and 16 filters, same and valid) with batch 1 and 32', () => {
    const random = seededRandom(14);
    for (const padding of ['same', 'valid'] as const) {
      for (const batch of [1, 32]) {
        const layers = [
          { inHeight: 28, inWidth: 28, inChannels: 1, outChannels: 8 },
          { inHeight: 14, inWidth: 14, inChannels: 8, outChannels: 16 },
        ];
        for (const layer of layers) {
          const s = convShape(
            { batch, ...layer, filterHeight: 3, filterWidth: 3, strideHeight: 1, strideWidth: 1 },
            padding,
          );
          randomConvCase(random, s);
        }
      }
    }
  });

  it('special values: ±0, ±Infinity, NaN, subnormals and near-overflow magnitudes', () => {
    const random = seededRandom(15);
    for (let c = 0; c < 60; c++) {
      const shape = randomMatMulShape(random, 17);
      compareMatMul(shape, extremeValues(random, shape.m * shape.k), extremeValues(random, shape.k * shape.n));
      const s = randomConvShape(random, { maxChannels: 11, maxSide: 7 });
      compareConv(
        s,
        extremeValues(random, s.batch * s.inHeight * s.inWidth * s.inChannels),
        extremeValues(random, s.filterHeight * s.filterWidth * s.inChannels * s.outChannels),
        extremeValues(random, s.batch * s.outHeight * s.outWidth * s.outChannels),
      );
    }
  });

  it('reuses its memory correctly: a small call after a large one sees no stale data', () => {
    const random = seededRandom(16);
    const big: MatMulShape = { m: 300, k: 300, n: 300, transposeA: false, transposeB: true };
    compareMatMul(big, randomValues(random, 90000), randomValues(random, 90000));
    const small: MatMulShape = { m: 3, k: 5, n: 7, transposeA: true, transposeB: false };
    compareMatMul(small, randomValues(random, 15), randomValues(random, 35));
  });

  it('rejects mismatched buffers with a KernelShapeError before touching memory', () => {
    const s = convShape(
      {
        batch: 1,
        inHeight: 4,
        inWidth: 4,
        inChannels: 2,
        filterHeight: 3,
        filterWidth: 3,
        outChannels: 3,
        strideHeight: 1,
        strideWidth: 1,
      },
      'same',
    );
    assert.throws(() => wasm.conv2d(new Float32Array(31), new Float32Array(54), s), KernelShapeError);
    assert.throws(
      () => wasm.conv2dBackpropFilter(new Float32Array(32), new Float32Array(47), s),
      /dy has 47 elements, the shape needs 48/,
    );
  });

  it('fastestCore() picks the built wasm core', () => {
    assert.equal(fastestCore().name, 'wasm-simd');
  });
});
