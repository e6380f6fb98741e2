import assert from 'node:assert/strict';
import { jsCore, KernelShapeError } from '../../offchain/engine/kernels/native/index.js';
import { assertBitwiseEqual } from './bitwise.js';
import { describeShape, randomConvShape, randomMatMulShape, randomValues, seededRandom } from './random-shapes.js';
import {
  referenceConv2D,
  referenceConv2DBackpropFilter,
  referenceConv2DBackpropInput,
  referenceMatMul,
} from './reference-loops.js';

describe('jsCore against the contract written out literally', () => {
  it('matmul: 200 random shapes, all transposes, bitwise', () => {
    const random = seededRandom(1);
    for (let c = 0; c < 200; c++) {
      const shape = randomMatMulShape(random, 23);
      const a = randomValues(random, shape.m * shape.k);
      const b = randomValues(random, shape.k * shape.n);
      assertBitwiseEqual(jsCore.matmul(a, b, shape), referenceMatMul(a, b, shape), describeShape(shape));
    }
  });

  it('conv2d and both backprops: 120 random shapes, strides 1–2, same/valid, bitwise', () => {
    const random = seededRandom(2);
    for (let c = 0; c < 120; c++) {
      const s = randomConvShape(random, { maxChannels: 9, maxSide: 11 });
      const x = randomValues(random, s.batch * s.inHeight * s.inWidth * s.inChannels);
      const w = randomValues(random, s.filterHeight * s.filterWidth * s.inChannels * s.outChannels);
      const dy = randomValues(random, s.batch * s.outHeight * s.outWidth * s.outChannels);
      const label = describeShape(s);
      assertBitwiseEqual(jsCore.conv2d(x, w, s), referenceConv2D(x, w, s), `conv2d ${label}`);
      assertBitwiseEqual(jsCore.conv2dBackpropInput(dy, w, s), referenceConv2DBackpropInput(dy, w, s), `dx ${label}`);
      assertBitwiseEqual(jsCore.conv2dBackpropFilter(x, dy, s), referenceConv2DBackpropFilter(x, dy, s), `dw ${label}`);
    }
  });

  it('accumulates in float32, not float64 (the order is observable)', () => {
    // 1 + 2^-24 + 2^-24: float32 loses each small term against 1; float64 would keep both.
    const a = new Float32Array([1, 2 ** -24, 2 ** -24]);
    const ones = new Float32Array([1, 1, 1]);
    const c = jsCore.matmul(a, ones, { m: 1, k: 3, n: 1, transposeA: false, transposeB: false });
    assert.equal(c[0], 1);
    // The other order (small terms first) gives a different float32 result, so the documented order matters.
    const reversed = new Float32Array([2 ** -24, 2 ** -24, 1]);
    const d = jsCore.matmul(reversed, ones, { m: 1, k: 3, n: 1, transposeA: false, transposeB: false });
    assert.equal(d[0], 1 + 2 ** -23);
  });

  it('starts every sum at +0: products that are all -0 give +0; k = 0 gives +0', () => {
    const c = jsCore.matmul(new Float32Array([-0, -0]), new Float32Array([1, 1]), {
      m: 1,
      k: 2,
      n: 1,
      transposeA: false,
      transposeB: false,
    });
    assert.ok(Object.is(c[0], 0));
    const empty = jsCore.matmul(new Float32Array(0), new Float32Array(0), {
      m: 2,
      k: 0,
      n: 3,
      transposeA: false,
      transposeB: false,
    });
    assert.deepEqual(Array.from(empty), [0, 0, 0, 0, 0, 0]);
  });

  it('overflows to ±Infinity in float32 (a float64 sum would not) and turns Inf − Inf into NaN', () => {
    const big = 3e38;
    const c = jsCore.matmul(new Float32Array([big, big, -big]), new Float32Array([1, 1, 1]), {
      m: 1,
      k: 3,
      n: 1,
      transposeA: false,
      transposeB: false,
    });
    assert.equal(c[0], Infinity); // f32(3e38 + 3e38) = Inf, and Inf − 3e38 stays Inf
    const nan = jsCore.matmul(new Float32Array([2e20, -2e20]), new Float32Array([3e20, 3e20]), {
      m: 1,
      k: 2,
      n: 1,
      transposeA: false,
      transposeB: false,
    });
    assert.ok(Number.isNaN(nan[0])); // f32(2e20·3e20) = Inf, then Inf + (−Inf)
    const product = jsCore.matmul(new Float32Array([2e20]), new Float32Array([3e20]), {
      m: 1,
      k: 1,
      n: 1,
      transposeA: false,
      transposeB: false,
    });
    assert.equal(product[0], Infinity); // the product itself is rounded to float32 before the sum
  });

  it('rejects buffers that do not match the shape with a KernelShapeError', () => {
    assert.throws(
      () =>
        jsCore.matmul(new Float32Array(5), new Float32Array(6), {
          m: 2,
          k: 3,
          n: 2,
          transposeA: false,
          transposeB: false,
        }),
      (error: unknown) =>
        error instanceof KernelShapeError && /matmul A has 5 elements, the shape needs 6/.test(error.message),
    );
  });
});
