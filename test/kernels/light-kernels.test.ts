import assert from 'node:assert/strict';
import { KernelShapeError, loadWasmLightKernels } from '../../offchain/engine/kernels/native/index.js';
import {
  addStep,
  biasAddScalar,
  momentumVelocityScalar,
  reluGradScalar,
  reluScalar,
  sgdScalar,
} from '../../offchain/referee/index.js';
import { assertBitwiseEqual } from './bitwise.js';
import { convShape, randomInt, randomValues, seededRandom } from './random-shapes.js';
import { REPRO_IMPLS } from '../../offchain/engine/kernels/repro/impls.js';

const imageSize = (s: { batch: number; inHeight: number; inWidth: number; inChannels: number }): number =>
  s.batch * s.inHeight * s.inWidth * s.inChannels;
const outputSize = (s: { batch: number; outHeight: number; outWidth: number; outChannels: number }): number =>
  s.batch * s.outHeight * s.outWidth * s.outChannels;

const wasm = loadWasmLightKernels();

/** Random values with specials mixed in: ±0, ±Infinity, NaN, subnormals, huge and tiny magnitudes. */
function mixedValues(random: () => number, size: number): Float32Array {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, -3e-39, 3.4e38, -3.4e38];
  const values = randomValues(random, size);
  for (let i = 0; i < size; i++) {
    const r = random();
    if (r < 0.1) values[i] = specials[randomInt(random, 0, specials.length - 1)] as number;
    else if (r < 0.3) values[i] = (random() * 2 - 1) * 2 ** randomInt(random, -149, 127);
  }
  return values;
}

const mapped = (size: number, rule: (i: number) => number): Float32Array =>
  Float32Array.from({ length: size }, (_, i) => rule(i));

describe('wasm light kernels equal the referee rules bitwise', () => {
  const random = seededRandom(21);
  // Sizes around multiples of 4 exercise both the SIMD body and the scalar tail.
  const sizes = [0, 1, 3, 4, 5, 7, 8, 33, 1001, 100_480];

  it('sgdUpdate: learning rates that are not float32 values (the product is taken in float64, as in JS)', () => {
    for (const size of sizes) {
      for (const lr of [0.1, 0.05, 1e-3, 3, 0.123456789]) {
        const w = mixedValues(random, size);
        const g = mixedValues(random, size);
        const expected = mapped(size, (i) => sgdScalar(w[i] as number, g[i] as number, lr));
        assertBitwiseEqual(wasm.sgdUpdate(w, g, lr), expected, `sgdUpdate size ${size} lr ${lr}`);
      }
    }
  });

  it('momentumVelocity', () => {
    for (const size of sizes) {
      for (const mu of [0.9, 0.99, 0.5]) {
        const v = mixedValues(random, size);
        const g = mixedValues(random, size);
        const expected = mapped(size, (i) => momentumVelocityScalar(v[i] as number, g[i] as number, mu));
        assertBitwiseEqual(wasm.momentumVelocity(v, g, mu), expected, `momentumVelocity size ${size} μ ${mu}`);
      }
    }
  });

  it('relu and reluGrad (−0 and NaN give +0)', () => {
    for (const size of sizes) {
      const x = mixedValues(random, size);
      const dy = mixedValues(random, size);
      assertBitwiseEqual(
        wasm.relu(x),
        mapped(size, (i) => reluScalar(x[i] as number)),
        `relu size ${size}`,
      );
      const y = mapped(size, (i) => reluScalar(x[i] as number));
      const expected = mapped(size, (i) => reluGradScalar(dy[i] as number, y[i] as number));
      assertBitwiseEqual(wasm.reluGrad(dy, y), expected, `reluGrad size ${size}`);
    }
    assert.ok(Object.is(wasm.relu(new Float32Array([-0]))[0], 0));
  });

  it('biasAdd and biasGrad on odd shapes (rows ascending from +0)', () => {
    for (const [rows, cols] of [
      [1, 1],
      [3, 5],
      [32, 128],
      [32, 10],
      [7, 13],
      [0, 4],
      [5, 0],
    ] as const) {
      const x = mixedValues(random, rows * cols);
      const bias = mixedValues(random, cols);
      const added = mapped(rows * cols, (i) => biasAddScalar(x[i] as number, bias[i % cols] as number));
      assertBitwiseEqual(wasm.biasAdd(x, bias, rows, cols), added, `biasAdd ${rows}×${cols}`);
      const summed = mapped(cols, (c) => {
        let acc = 0;
        for (let r = 0; r < rows; r++) acc = addStep(acc, x[r * cols + c] as number);
        return acc;
      });
      assertBitwiseEqual(wasm.biasGrad(x, rows, cols), summed, `biasGrad ${rows}×${cols}`);
    }
  });

  it('maxPool and maxPoolGrad equal the repro JS kernels (pool 2 and 3, strides 1–3, same/valid, ties and NaN)', () => {
    for (let c = 0; c < 120; c++) {
      const size = randomInt(random, 1, 3);
      const stride = randomInt(random, 1, 3);
      const channels = randomInt(random, 1, 11);
      const side = randomInt(random, size, 9);
      const s = convShape(
        {
          batch: randomInt(random, 1, 3),
          inHeight: side,
          inWidth: side + randomInt(random, 0, 2),
          inChannels: channels,
          outChannels: channels,
          filterHeight: size,
          filterWidth: size,
          strideHeight: stride,
          strideWidth: stride,
        },
        random() < 0.5 ? 'same' : 'valid',
      );
      // Coarse values make ties common, so "the first maximum wins" is exercised; specials add NaN and ±Infinity.
      const x = c % 3 === 0 ? mixedValues(random, imageSize(s)) : mapped(imageSize(s), () => randomInt(random, -2, 2));
      const dy = randomValues(random, outputSize(s));
      const label = JSON.stringify(s);
      assertBitwiseEqual(wasm.maxPool(x, s), REPRO_IMPLS.MaxPool([x], s), `maxPool ${label}`);
      assertBitwiseEqual(wasm.maxPoolGrad(dy, x, s), REPRO_IMPLS.MaxPoolGrad([dy, x], s), `maxPoolGrad ${label}`);
    }
  });

  it('rejects inputs of mismatched sizes', () => {
    assert.throws(() => wasm.sgdUpdate(new Float32Array(4), new Float32Array(5), 0.1), KernelShapeError);
    assert.throws(
      () => wasm.biasAdd(new Float32Array(6), new Float32Array(4), 2, 3),
      /biasAdd bias: 4 elements do not form a 1×3 matrix/,
    );
  });
});
