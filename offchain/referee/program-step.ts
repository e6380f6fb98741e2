/**
 * One step of an element's program, built without building the program. The chain arbitrates a dispute by
 * recomputing the single disputed step `a` of one element (docs/dispute-protocol.md, phase 4); `elementProgram`
 * lists all `k` steps of a dot product, which costs O(k) whatever `a` is. `programStep` gives
 * `elementProgram(call, inputs, index).steps[a]` in time independent of the program's length, and reads data only
 * through a `ScalarSource`, so the chain can feed it the few scalars the claimant proved (the labels the loss picks,
 * the window maxima max pooling's gradient routes through). Operations without windows share one definition with
 * `elementProgram` (programs.ts `plainProgram`); convolutions and pooling are built by arithmetic (window-steps.ts)
 * and tested equal to `elementProgram`'s loops on random operations (test/protocol/program-step.test.ts).
 */
import type { OpCall } from './ops.js';
import { checkElement, isWindowCall, plainProgram } from './programs.js';
import { RefereeError, type ScalarStep } from './rules.js';
import type { ScalarSource } from './scalar-source.js';
import {
  type IndexedProgram,
  conv2d,
  conv2dBackpropFilter,
  conv2dBackpropInput,
  maxPool,
  maxPoolGrad,
} from './window-steps.js';

export { MissingScalarError, denseScalars, sparseScalars, type ScalarSource } from './scalar-source.js';

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

function indexedProgram(call: OpCall, index: number, data: ScalarSource): IndexedProgram {
  checkElement(call, index);
  if (!isWindowCall(call)) return plainProgram(call, index, data);
  switch (call.op) {
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
