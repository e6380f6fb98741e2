import assert from 'node:assert/strict';
import {
  MissingScalarError,
  RefereeError,
  denseScalars,
  elementProgram,
  inputLengths,
  outputLength,
  programInit,
  programLength,
  programStep,
  sparseScalars,
  type ConvAttrs,
  type OpCall,
} from '../../offchain/referee/index.js';
import { xorshift } from './helpers.js';

type Random = () => number;
const int = (next: Random, lo: number, hi: number) => lo + (next() % (hi - lo + 1));

/** Conv/pool attributes with random strides and padding (out size from the padded extent, as tfjs resolves it). */
function convAttrs(next: Random, pool: boolean): ConvAttrs {
  const inHeight = int(next, 1, 6);
  const inWidth = int(next, 1, 6);
  const filterHeight = int(next, 1, 4);
  const filterWidth = int(next, 1, 4);
  const strideHeight = int(next, 1, 3);
  const strideWidth = int(next, 1, 3);
  const padTop = int(next, 0, filterHeight - 1);
  const padLeft = int(next, 0, filterWidth - 1);
  const inChannels = int(next, 1, 3);
  const out = (size: number, filter: number, stride: number, pad: number) =>
    Math.max(1, Math.floor((size + 2 * pad - filter) / stride) + 1);
  return {
    batch: int(next, 1, 2),
    inHeight,
    inWidth,
    inChannels,
    filterHeight,
    filterWidth,
    outChannels: pool ? inChannels : int(next, 1, 3),
    strideHeight,
    strideWidth,
    padTop,
    padLeft,
    outHeight: out(inHeight, filterHeight, strideHeight, padTop),
    outWidth: out(inWidth, filterWidth, strideWidth, padLeft),
  };
}

function randomCall(next: Random): OpCall {
  const rows = int(next, 1, 4);
  const cols = int(next, 1, 5);
  const size = int(next, 1, 20);
  const calls: Array<() => OpCall> = [
    () => ({
      op: 'MatMul',
      attrs: {
        m: int(next, 1, 4),
        k: int(next, 1, 9),
        n: int(next, 1, 4),
        transposeA: !!(next() & 1),
        transposeB: !!(next() & 1),
      },
    }),
    () => ({ op: 'Conv2D', attrs: convAttrs(next, false) }),
    () => ({ op: 'Conv2DBackpropInput', attrs: convAttrs(next, false) }),
    () => ({ op: 'Conv2DBackpropFilter', attrs: convAttrs(next, false) }),
    () => ({ op: 'MaxPool', attrs: convAttrs(next, true) }),
    () => ({ op: 'MaxPoolGrad', attrs: convAttrs(next, true) }),
    () => ({ op: 'BiasAdd', attrs: { rows, cols } }),
    () => ({ op: 'BiasGrad', attrs: { rows, cols } }),
    () => ({ op: 'Relu', attrs: { size } }),
    () => ({ op: 'ReluGrad', attrs: { size } }),
    () => ({ op: 'Reshape', attrs: { shape: [rows, cols] } }),
    () => ({ op: 'RowMax', attrs: { rows, cols } }),
    () => ({ op: 'Softmax', attrs: { rows, cols } }),
    () => ({ op: 'CrossEntropyLoss', attrs: { rows, cols } }),
    () => ({ op: 'CrossEntropyGrad', attrs: { rows, cols } }),
    () => ({ op: 'SgdUpdate', attrs: { size, learningRate: 0.125 } }),
    () => ({ op: 'MomentumVelocity', attrs: { size, momentum: 0.9 } }),
    () => ({ op: 'MomentumParam', attrs: { size, learningRate: 0.01 } }),
    () => ({ op: 'AdamMoment1', attrs: { size, beta1: 0.9 } }),
    () => ({ op: 'AdamMoment2', attrs: { size, beta2: 0.999 } }),
    () => ({ op: 'AdamParam', attrs: { size, stepSize: 0.001, epsilon: 1e-7 } }),
  ];
  return (calls[next() % calls.length] as () => OpCall)();
}

/** Inputs with many ties (values from a small set), and valid class ids where an input holds labels. */
function randomInputs(next: Random, call: OpCall): Float32Array[] {
  return inputLengths(call).map((length, position) => {
    const labels = position === 1 && (call.op === 'CrossEntropyLoss' || call.op === 'CrossEntropyGrad');
    return Float32Array.from({ length }, () =>
      labels ? next() % (call.attrs as { cols: number }).cols : (next() % 7) - 3,
    );
  });
}

describe('referee: programStep builds one step of an element program', () => {
  it('equals elementProgram(...).steps[a] for every step of every element of 500 random operations', () => {
    const next = xorshift(0x5eed);
    const seen = new Set<string>();
    for (let c = 0; c < 500; c++) {
      const call = randomCall(next);
      seen.add(call.op);
      const inputs = randomInputs(next, call);
      const data = denseScalars(inputs);
      for (let e = 0; e < outputLength(call); e++) {
        const program = elementProgram(call, inputs, e);
        assert.equal(programLength(call, e, data), program.steps.length, `${call.op} element ${e} length`);
        assert.ok(Object.is(programInit(call), program.init), `${call.op} init`);
        program.steps.forEach((step, a) =>
          assert.deepEqual(programStep(call, e, a, data), step, `${call.op} element ${e} step ${a}`),
        );
      }
    }
    assert.equal(seen.size, 21, 'every operation drawn');
  });

  it('reads data only through the source: a missing label is a MissingScalarError, a step past the end a RefereeError', () => {
    const call: OpCall = { op: 'CrossEntropyLoss', attrs: { rows: 3, cols: 4 } };
    const data = sparseScalars([{ input: 1, index: 1, value: 2 }]);
    assert.deepEqual(programStep(call, 0, 1, data), { rule: 'nll', refs: [{ input: 0, index: 6 }], consts: [] });
    assert.throws(() => programStep(call, 0, 0, data), MissingScalarError);
    assert.deepEqual(programStep(call, 0, 3, data), { rule: 'divide', refs: [], consts: [3] });
    assert.throws(
      () => programStep(call, 0, 4, data),
      (e: unknown) => e instanceof RefereeError && !(e instanceof MissingScalarError),
    );
    const badLabel = sparseScalars([{ input: 1, index: 0, value: 7 }]);
    assert.throws(() => programStep(call, 0, 0, badLabel), /not a class/);
  });

  it('builds a step in constant time however large the dimensions a template names', () => {
    const huge = 2 ** 30;
    const conv: ConvAttrs = {
      batch: huge,
      inHeight: huge,
      inWidth: 3,
      inChannels: 2,
      filterHeight: huge,
      filterWidth: 3,
      outChannels: 2,
      strideHeight: 1,
      strideWidth: 1,
      padTop: 0,
      padLeft: 1,
      outHeight: 1,
      outWidth: 3,
    };
    const none = sparseScalars([]);
    const filterGrad: OpCall = { op: 'Conv2DBackpropFilter', attrs: { ...conv, outHeight: huge, filterHeight: 1 } };
    assert.equal(programLength(filterGrad, 5, none), huge * huge * 3);
    assert.deepEqual(programStep(filterGrad, 5, 7, none).rule, 'accumulate');
    const forward: OpCall = { op: 'Conv2D', attrs: conv };
    assert.equal(programLength(forward, 0, none), huge * 2 * 2);
    const pooled: OpCall = { op: 'MaxPool', attrs: { ...conv, inChannels: 2, outChannels: 2 } };
    assert.deepEqual(programStep(pooled, 1, huge, none), {
      rule: 'max',
      refs: [{ input: 0, index: 3 * huge + 1 }],
      consts: [],
    });
  });

  it('builds a step of a 100,000-long dot product without building the program', () => {
    const call: OpCall = { op: 'MatMul', attrs: { m: 2, k: 100_000, n: 3, transposeA: false, transposeB: true } };
    const none = sparseScalars([]);
    assert.equal(programLength(call, 5, none), 100_000);
    assert.deepEqual(programStep(call, 5, 99_999, none), {
      rule: 'accumulate',
      refs: [
        { input: 0, index: 199_999 },
        { input: 1, index: 299_999 },
      ],
      consts: [],
    });
  });
});
