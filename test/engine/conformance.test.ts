/**
 * Every `repro` kernel, run through tfjs's engine on the `repro` backend, equals the referee's element program,
 * element by element, bitwise, on random shapes and values.
 */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs-core';
import { float32Bits, OP_NAMES, recomputeElement, type OpCall, type OpName } from '../../offchain/referee/index.js';
import {
  loadKernelSet,
  registerKernelStrict,
  KernelRegistrationError,
  REPRO_BACKEND,
} from '../../offchain/engine/index.js';
import { runReproKernel } from '../../offchain/engine/kernels/repro/backend.js';
import { windowAttrs } from '../../offchain/engine/model/shapes.js';
import { randomValues, SeededRandom } from './helpers.js';

type Case = { call: OpCall; inputs: Float32Array[] };

function randomCase(op: OpName, rng: SeededRandom): Case {
  const int = (lo: number, hi: number) => lo + rng.nextBelow(hi - lo + 1);
  const values = (n: number, scale?: number) => randomValues(rng, n, scale);
  const size = int(1, 300);
  switch (op) {
    case 'MatMul': {
      const m = int(1, 9),
        k = int(0, 40),
        n = int(1, 9);
      const transposeA = rng.nextBelow(2) === 1,
        transposeB = rng.nextBelow(2) === 1;
      return { call: { op, attrs: { m, k, n, transposeA, transposeB } }, inputs: [values(m * k), values(k * n)] };
    }
    case 'Conv2D':
    case 'Conv2DBackpropInput':
    case 'Conv2DBackpropFilter':
    case 'MaxPool':
    case 'MaxPoolGrad': {
      const pool = op === 'MaxPool' || op === 'MaxPoolGrad';
      const inC = int(1, 3);
      const input = [int(1, 2), int(3, 8), int(3, 8), inC];
      const attrs = windowAttrs(input, {
        size: int(1, 3),
        stride: int(1, 2),
        padding: rng.nextBelow(2) === 1 ? 'same' : 'valid',
        outChannels: pool ? inC : int(1, 4),
      });
      const xSize = attrs.batch * attrs.inHeight * attrs.inWidth * attrs.inChannels;
      const wSize = attrs.filterHeight * attrs.filterWidth * attrs.inChannels * attrs.outChannels;
      const ySize = attrs.batch * attrs.outHeight * attrs.outWidth * attrs.outChannels;
      if (op === 'Conv2D') return { call: { op, attrs }, inputs: [values(xSize), values(wSize)] };
      if (op === 'Conv2DBackpropInput') return { call: { op, attrs }, inputs: [values(ySize), values(wSize)] };
      if (op === 'Conv2DBackpropFilter') return { call: { op, attrs }, inputs: [values(xSize), values(ySize)] };
      if (op === 'MaxPool') return { call: { op, attrs }, inputs: [values(xSize)] };
      return { call: { op, attrs }, inputs: [values(ySize), values(xSize)] };
    }
    case 'BiasAdd': {
      const rows = int(1, 20),
        cols = int(1, 20);
      return { call: { op, attrs: { rows, cols } }, inputs: [values(rows * cols), values(cols)] };
    }
    case 'BiasGrad':
    case 'RowMax': {
      const rows = int(1, 40),
        cols = int(1, 12);
      return { call: { op, attrs: { rows, cols } } as OpCall, inputs: [values(rows * cols)] };
    }
    case 'Softmax': {
      const rows = int(1, 10),
        cols = int(2, 12);
      const x = values(rows * cols, 30);
      const rowMax = new Float32Array(rows).map((_, r) => Math.max(...x.subarray(r * cols, r * cols + cols)));
      return { call: { op, attrs: { rows, cols } }, inputs: [x, rowMax] };
    }
    case 'CrossEntropyLoss':
    case 'CrossEntropyGrad': {
      const rows = int(1, 10),
        cols = int(2, 12);
      const p = values(rows * cols).map((v) => Math.fround(Math.abs(v) / 2));
      const labels = new Float32Array(rows).map(() => rng.nextBelow(cols));
      return { call: { op, attrs: { rows, cols } } as OpCall, inputs: [p, labels] };
    }
    case 'Relu':
      return { call: { op, attrs: { size } }, inputs: [values(size)] };
    case 'ReluGrad':
      return { call: { op, attrs: { size } }, inputs: [values(size), values(size)] };
    case 'Reshape':
      return { call: { op, attrs: { shape: [size] } }, inputs: [values(size)] };
    case 'SgdUpdate':
      return { call: { op, attrs: { size, learningRate: Math.fround(0.1) } }, inputs: [values(size), values(size)] };
    case 'MomentumVelocity':
      return { call: { op, attrs: { size, momentum: Math.fround(0.9) } }, inputs: [values(size), values(size)] };
    case 'MomentumParam':
      return { call: { op, attrs: { size, learningRate: Math.fround(0.05) } }, inputs: [values(size), values(size)] };
    case 'AdamMoment1':
      return { call: { op, attrs: { size, beta1: Math.fround(0.9) } }, inputs: [values(size), values(size)] };
    case 'AdamMoment2':
      return {
        call: { op, attrs: { size, beta2: Math.fround(0.999) } },
        inputs: [values(size), values(size).map(Math.abs)],
      };
    case 'AdamParam':
      return {
        call: { op, attrs: { size, stepSize: Math.fround(0.001), epsilon: Math.fround(1e-7) } },
        inputs: [values(size), values(size), values(size).map(Math.abs)],
      };
  }
}

function shapeFor(values: Float32Array): number[] {
  return [values.length];
}

describe('repro kernels conform to the referee, bitwise', function () {
  before(async () => {
    await loadKernelSet('repro');
  });

  for (const op of OP_NAMES) {
    it(`${op}: every element equals the referee's recomputation on 12 random cases`, () => {
      const rng = new SeededRandom(1234, `conformance:${op}`);
      let checked = 0;
      for (let trial = 0; trial < 12; trial++) {
        const { call, inputs } = randomCase(op, rng);
        const tensors = inputs.map((v) => tf.tensor(v, shapeFor(v), 'float32'));
        const output = runReproKernel(call, tensors);
        const actual = output.dataSync() as Float32Array;
        for (let i = 0; i < actual.length; i++) {
          const expected = recomputeElement(call, inputs, i);
          if (
            float32Bits(actual[i] as number) !== float32Bits(expected) &&
            !(Number.isNaN(expected) && Number.isNaN(actual[i]))
          ) {
            assert.fail(
              `${op} trial ${trial} element ${i}: kernel ${actual[i]} ≠ referee ${expected} (${JSON.stringify(call.attrs)})`,
            );
          }
          checked++;
        }
        tf.dispose([output, ...tensors]);
      }
      assert.ok(checked > 0);
    });
  }

  it('refuses to register a kernel twice for the same backend', () => {
    assert.throws(
      () =>
        registerKernelStrict({
          kernelName: 'MatMul',
          backendName: REPRO_BACKEND,
          kernelFunc: () => ({ dataId: {}, shape: [], dtype: 'float32' }),
        }),
      KernelRegistrationError,
    );
  });
});
