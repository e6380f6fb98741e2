/**
 * One step of an element's program, built without building the program. The chain arbitrates a dispute by
 * recomputing the single disputed step `a` of one element (docs/dispute-protocol.md, phase 4); `elementProgram`
 * would build all `k` steps of a dot product first, which costs O(k) whatever `a` is. `programStep` gives
 * `elementProgram(call, inputs, index).steps[a]` in time independent of the program's length (window-steps.ts), and
 * reads data only through a `ScalarSource`, so the chain can feed it the few scalars the claimant proved
 * (the labels the loss picks, the window maxima max pooling's gradient routes through). Tested equal to
 * `elementProgram` on random operations (test/protocol/program-step.test.ts).
 */
import type { OpCall } from './ops.js';
import { outputLength } from './ops.js';
import { elementProgram } from './programs.js';
import { RefereeError, type ScalarStep } from './rules.js';
import {
  type IndexedProgram,
  type ScalarSource,
  conv2d,
  conv2dBackpropFilter,
  conv2dBackpropInput,
  indexed,
  maxPool,
  maxPoolGrad,
} from './window-steps.js';

export type { ScalarSource };

/** A read of a scalar the caller did not supply: on chain, the claimant has not proven it (yet). */
export class MissingScalarError extends RefereeError {
  constructor(
    readonly input: number,
    readonly index: number,
  ) {
    super(`scalar ${index} of input ${input} was not supplied`);
  }
}

/** Every scalar of every input known (the engine's and the tests' case). */
export function denseScalars(inputs: readonly Float32Array[]): ScalarSource {
  return {
    get(input, index) {
      const value = inputs[input]?.[index];
      if (value === undefined) throw new MissingScalarError(input, index);
      return value;
    },
  };
}

/** A few proven scalars (the chain's case), keyed by input and flat index. */
export function sparseScalars(entries: ReadonlyArray<{ input: number; index: number; value: number }>): ScalarSource {
  const known = new Map<string, number>();
  for (const e of entries) known.set(`${e.input}:${e.index}`, e.value);
  return {
    get(input, index) {
      const value = known.get(`${input}:${index}`);
      if (value === undefined) throw new MissingScalarError(input, index);
      return value;
    },
  };
}

/** Element counts of an operation's inputs, in input order: fixes the chunk count of each input's Merkle tree. */
export function inputLengths(call: OpCall): number[] {
  switch (call.op) {
    case 'MatMul': {
      const { m, k, n } = call.attrs;
      return [m * k, k * n];
    }
    case 'Conv2D':
    case 'Conv2DBackpropInput':
    case 'Conv2DBackpropFilter':
    case 'MaxPool':
    case 'MaxPoolGrad': {
      const a = call.attrs;
      const x = a.batch * a.inHeight * a.inWidth * a.inChannels;
      const dy = a.batch * a.outHeight * a.outWidth * a.outChannels;
      const w = a.filterHeight * a.filterWidth * a.inChannels * a.outChannels;
      if (call.op === 'Conv2D') return [x, w];
      if (call.op === 'Conv2DBackpropInput') return [dy, w];
      if (call.op === 'Conv2DBackpropFilter') return [x, dy];
      if (call.op === 'MaxPool') return [x];
      return [dy, x];
    }
    case 'BiasAdd':
      return [call.attrs.rows * call.attrs.cols, call.attrs.cols];
    case 'BiasGrad':
    case 'RowMax':
      return [call.attrs.rows * call.attrs.cols];
    case 'Softmax':
    case 'CrossEntropyLoss':
    case 'CrossEntropyGrad':
      return [call.attrs.rows * call.attrs.cols, call.attrs.rows];
    case 'Relu':
      return [call.attrs.size];
    case 'Reshape':
      return [call.attrs.shape.reduce((a, b) => a * b, 1)];
    case 'AdamParam':
      return [call.attrs.size, call.attrs.size, call.attrs.size];
    default:
      return [call.attrs.size, call.attrs.size];
  }
}

/** The partial result before the first step: −∞ for maxima, +0 for everything else. */
export function programInit(call: OpCall): number {
  return call.op === 'MaxPool' || call.op === 'RowMax' ? -Infinity : 0;
}

const ref = (input: number, index: number) => ({ input, index });

function label(data: ScalarSource, row: number, cols: number): number {
  const value = data.get(1, row);
  if (!Number.isInteger(value) || value < 0 || value >= cols) {
    throw new RefereeError(`label ${value} of row ${row} is not a class in [0, ${cols})`);
  }
  return value;
}

function indexedProgram(call: OpCall, index: number, data: ScalarSource): IndexedProgram {
  const length = outputLength(call);
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RefereeError(`${call.op} has ${length} output elements; element ${index} does not exist`);
  }
  switch (call.op) {
    case 'MatMul': {
      const { k, m, n, transposeA, transposeB } = call.attrs;
      const i = Math.floor(index / n);
      const j = index % n;
      return indexed(k, (t) => ({
        rule: 'accumulate',
        refs: [ref(0, transposeA ? t * m + i : i * k + t), ref(1, transposeB ? j * k + t : t * n + j)],
        consts: [],
      }));
    }
    case 'Conv2D':
      return conv2d(call.attrs, index);
    case 'Conv2DBackpropInput':
      return conv2dBackpropInput(call.attrs, index);
    case 'Conv2DBackpropFilter':
      return conv2dBackpropFilter(call.attrs, index);
    case 'MaxPool':
      return maxPool(call.attrs, index);
    case 'MaxPoolGrad':
      return maxPoolGrad(call.attrs, index, data);
    case 'BiasGrad': {
      const { rows, cols } = call.attrs;
      return indexed(rows, (r) => ({ rule: 'add', refs: [ref(0, r * cols + index)], consts: [] }));
    }
    case 'RowMax': {
      const { cols } = call.attrs;
      return indexed(cols, (c) => ({ rule: 'max', refs: [ref(0, index * cols + c)], consts: [] }));
    }
    case 'Softmax': {
      const { cols } = call.attrs;
      const row = Math.floor(index / cols);
      return indexed(cols + 1, (c) =>
        c < cols
          ? { rule: 'expSum', refs: [ref(0, row * cols + c), ref(1, row)], consts: [] }
          : { rule: 'softmax', refs: [ref(0, index), ref(1, row)], consts: [] },
      );
    }
    case 'CrossEntropyLoss': {
      const { rows, cols } = call.attrs;
      return indexed(rows + 1, (r) =>
        r < rows
          ? { rule: 'nll', refs: [ref(0, r * cols + label(data, r, cols))], consts: [] }
          : { rule: 'divide', refs: [], consts: [rows] },
      );
    }
    default: {
      // One-step programs read no data and cost O(1) to build: the referee's own definition is used as is.
      const steps = elementProgram(call, [], index).steps;
      return indexed(steps.length, (s) => steps[s] as ScalarStep);
    }
  }
}

/** The number of steps of element `index`'s program (data-dependent only for MaxPoolGrad). */
export function programLength(call: OpCall, index: number, data: ScalarSource): number {
  return indexedProgram(call, index, data).length;
}

/** Step `a` of element `index`'s program: equal to `elementProgram(call, inputs, index).steps[a]`. */
export function programStep(call: OpCall, index: number, a: number, data: ScalarSource): ScalarStep {
  const program = indexedProgram(call, index, data);
  if (!Number.isInteger(a) || a < 0 || a >= program.length) {
    throw new RefereeError(`${call.op} element ${index} has ${program.length} steps; step ${a} does not exist`);
  }
  return program.step(a);
}

/** Whether the program's length can be known without data (so the chain can check a committed count at once). */
export function lengthReadsData(call: OpCall): boolean {
  return call.op === 'MaxPoolGrad';
}
