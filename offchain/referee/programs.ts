/**
 * For every operation, the documented float32 order of one output element, written as an ElementProgram. This is
 * the specification the `repro` kernels are tested against element by element, and what a dispute bisects.
 */
import type { ConvAttrs, OpCall } from './ops.js';
import { outputLength } from './ops.js';
import { RefereeError, type ElementProgram, type ScalarStep } from './rules.js';
import { denseScalars, type ScalarSource } from './scalar-source.js';
import { indexed, unflatten, type IndexedProgram } from './window-steps.js';

const ref = (input: number, index: number) => ({ input, index });
const one = (step: ScalarStep): IndexedProgram => indexed(1, () => step);

/**
 * Operations whose element walks a window (convolutions, pooling). Their programs are written out below as plain
 * loops, the specification; window-steps.ts builds single steps of them by arithmetic instead (for the chain), and
 * test/protocol/program-step.test.ts holds the two equal.
 */
type WindowOp = 'Conv2D' | 'Conv2DBackpropInput' | 'Conv2DBackpropFilter' | 'MaxPool' | 'MaxPoolGrad';
export type WindowCall = Extract<OpCall, { op: WindowOp }>;
/** Every other operation: one definition (plainProgram) serves both listing a program and building one step. */
export type PlainCall = Exclude<OpCall, { op: WindowOp }>;

export function isWindowCall(call: OpCall): call is WindowCall {
  switch (call.op) {
    case 'Conv2D':
    case 'Conv2DBackpropInput':
    case 'Conv2DBackpropFilter':
    case 'MaxPool':
    case 'MaxPoolGrad':
      return true;
    default:
      return false;
  }
}

/** Refuses an element index outside the operation's output. */
export function checkElement(call: OpCall, index: number): void {
  const length = outputLength(call);
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RefereeError(`${call.op} has ${length} output elements; element ${index} does not exist`);
  }
}

/** The partial result before the first step: −∞ for maxima, +0 for everything else. */
export function programInit(call: OpCall): number {
  return call.op === 'MaxPool' || call.op === 'RowMax' ? -Infinity : 0;
}

/**
 * The program of output element `index` of `call`. `inputs` is read only where the order itself depends on data
 * (the labels chosen by the loss, the window maxima chosen by max pooling's gradient).
 */
export function elementProgram(call: OpCall, inputs: readonly Float32Array[], index: number): ElementProgram {
  checkElement(call, index);
  if (isWindowCall(call)) return windowProgram(call, inputs, index);
  const program = plainProgram(call, index, denseScalars(inputs));
  return { init: programInit(call), steps: Array.from({ length: program.length }, (_, a) => program.step(a)) };
}

function windowProgram(call: WindowCall, inputs: readonly Float32Array[], index: number): ElementProgram {
  switch (call.op) {
    case 'Conv2D':
      return conv2dProgram(call.attrs, index);
    case 'Conv2DBackpropInput':
      return conv2dBackpropInputProgram(call.attrs, index);
    case 'Conv2DBackpropFilter':
      return conv2dBackpropFilterProgram(call.attrs, index);
    case 'MaxPool': {
      const a = call.attrs;
      const { b, h: oh, w: ow, c } = unflatten(index, a.outHeight, a.outWidth, a.outChannels);
      const steps = windowTaps(a, b, oh, ow, c).map((tap) => ({
        rule: 'max' as const,
        refs: [ref(0, tap)],
        consts: [],
      }));
      return { init: -Infinity, steps };
    }
    case 'MaxPoolGrad':
      return maxPoolGradProgram(call.attrs, inputs[1], index);
  }
}

/**
 * The program of an element of a non-window operation (index already checked), as a lazily indexed list: building
 * step `a` costs the same whatever the program's length, so the chain can take one step of a long dot product.
 * `data` is read for the loss's labels only.
 */
export function plainProgram(call: PlainCall, index: number, data: ScalarSource): IndexedProgram {
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
    case 'BiasAdd':
      return one({ rule: 'biasAdd', refs: [ref(0, index), ref(1, index % call.attrs.cols)], consts: [] });
    case 'BiasGrad': {
      const { rows, cols } = call.attrs;
      return indexed(rows, (r) => ({ rule: 'add', refs: [ref(0, r * cols + index)], consts: [] }));
    }
    case 'Relu':
      return one({ rule: 'relu', refs: [ref(0, index)], consts: [] });
    case 'ReluGrad':
      return one({ rule: 'reluGrad', refs: [ref(0, index), ref(1, index)], consts: [] });
    case 'Reshape':
      return one({ rule: 'copy', refs: [ref(0, index)], consts: [] });
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
    case 'CrossEntropyGrad': {
      const { rows, cols } = call.attrs;
      const row = Math.floor(index / cols);
      return one({ rule: 'crossEntropyGrad', refs: [ref(0, index), ref(1, row)], consts: [index % cols, rows] });
    }
    case 'SgdUpdate':
      return one({ rule: 'sgd', refs: [ref(0, index), ref(1, index)], consts: [call.attrs.learningRate] });
    case 'MomentumVelocity':
      return one({ rule: 'momentumVelocity', refs: [ref(0, index), ref(1, index)], consts: [call.attrs.momentum] });
    case 'MomentumParam':
      return one({ rule: 'sgd', refs: [ref(0, index), ref(1, index)], consts: [call.attrs.learningRate] });
    case 'AdamMoment1':
      return one({ rule: 'adamMoment1', refs: [ref(0, index), ref(1, index)], consts: [call.attrs.beta1] });
    case 'AdamMoment2':
      return one({ rule: 'adamMoment2', refs: [ref(0, index), ref(1, index)], consts: [call.attrs.beta2] });
    case 'AdamParam':
      return one({
        rule: 'adamParam',
        refs: [ref(0, index), ref(1, index), ref(2, index)],
        consts: [call.attrs.stepSize, call.attrs.epsilon],
      });
  }
}

/** The class the loss reads for `row` (input 1 holds the labels). */
function label(data: ScalarSource, row: number, cols: number): number {
  const value = data.get(1, row);
  if (!Number.isInteger(value) || value < 0 || value >= cols) {
    throw new RefereeError(`label ${value} of row ${row} is not a class in [0, ${cols})`);
  }
  return value;
}

/** Flat input indices of a window's taps, (fh, fw) ascending, padding skipped. */
function windowTaps(a: ConvAttrs, b: number, oh: number, ow: number, c: number): number[] {
  const taps: number[] = [];
  for (let fh = 0; fh < a.filterHeight; fh++) {
    const ih = oh * a.strideHeight + fh - a.padTop;
    if (ih < 0 || ih >= a.inHeight) continue;
    for (let fw = 0; fw < a.filterWidth; fw++) {
      const iw = ow * a.strideWidth + fw - a.padLeft;
      if (iw < 0 || iw >= a.inWidth) continue;
      taps.push(((b * a.inHeight + ih) * a.inWidth + iw) * a.inChannels + c);
    }
  }
  return taps;
}

/** The tap holding the window's maximum: the first one that maxStep keeps (strictly greater replaces). */
export function windowArgMax(a: ConvAttrs, x: Float32Array, b: number, oh: number, ow: number, c: number): number {
  let best = -1;
  let bestValue = -Infinity;
  for (const tap of windowTaps(a, b, oh, ow, c)) {
    const v = x[tap] as number;
    if (best < 0 || v > bestValue) {
      best = tap;
      bestValue = v;
    }
  }
  return best;
}

/** dx at one input position: Σ dy over the windows (oh, ow ascending) whose argmax is that position. */
function maxPoolGradProgram(a: ConvAttrs, x: Float32Array | undefined, index: number): ElementProgram {
  if (x === undefined) throw new RefereeError('MaxPoolGrad needs its forward input to order its element');
  const { b, h, w, c } = unflatten(index, a.inHeight, a.inWidth, a.inChannels);
  const steps: ScalarStep[] = [];
  for (let oh = 0; oh < a.outHeight; oh++) {
    const top = oh * a.strideHeight - a.padTop;
    if (h < top || h >= top + a.filterHeight) continue;
    for (let ow = 0; ow < a.outWidth; ow++) {
      const left = ow * a.strideWidth - a.padLeft;
      if (w < left || w >= left + a.filterWidth) continue;
      if (windowArgMax(a, x, b, oh, ow, c) !== index) continue;
      const dyIndex = ((b * a.outHeight + oh) * a.outWidth + ow) * a.outChannels + c;
      steps.push({ rule: 'add', refs: [ref(0, dyIndex)], consts: [] });
    }
  }
  return { init: 0, steps };
}

function conv2dProgram(a: ConvAttrs, index: number): ElementProgram {
  const { b, h: oh, w: ow, c: co } = unflatten(index, a.outHeight, a.outWidth, a.outChannels);
  const steps: ScalarStep[] = [];
  for (let fh = 0; fh < a.filterHeight; fh++) {
    const ih = oh * a.strideHeight + fh - a.padTop;
    if (ih < 0 || ih >= a.inHeight) continue;
    for (let fw = 0; fw < a.filterWidth; fw++) {
      const iw = ow * a.strideWidth + fw - a.padLeft;
      if (iw < 0 || iw >= a.inWidth) continue;
      for (let ci = 0; ci < a.inChannels; ci++) {
        const x = ((b * a.inHeight + ih) * a.inWidth + iw) * a.inChannels + ci;
        const w = ((fh * a.filterWidth + fw) * a.inChannels + ci) * a.outChannels + co;
        steps.push({ rule: 'accumulate', refs: [ref(0, x), ref(1, w)], consts: [] });
      }
    }
  }
  return { init: 0, steps };
}

function conv2dBackpropInputProgram(a: ConvAttrs, index: number): ElementProgram {
  const { b, h, w, c: ci } = unflatten(index, a.inHeight, a.inWidth, a.inChannels);
  const steps: ScalarStep[] = [];
  for (let fh = 0; fh < a.filterHeight; fh++) {
    const th = h + a.padTop - fh;
    if (th < 0 || th % a.strideHeight !== 0 || th / a.strideHeight >= a.outHeight) continue;
    const oh = th / a.strideHeight;
    for (let fw = 0; fw < a.filterWidth; fw++) {
      const tw = w + a.padLeft - fw;
      if (tw < 0 || tw % a.strideWidth !== 0 || tw / a.strideWidth >= a.outWidth) continue;
      const ow = tw / a.strideWidth;
      for (let co = 0; co < a.outChannels; co++) {
        const dy = ((b * a.outHeight + oh) * a.outWidth + ow) * a.outChannels + co;
        const wi = ((fh * a.filterWidth + fw) * a.inChannels + ci) * a.outChannels + co;
        steps.push({ rule: 'accumulate', refs: [ref(0, dy), ref(1, wi)], consts: [] });
      }
    }
  }
  return { init: 0, steps };
}

function conv2dBackpropFilterProgram(a: ConvAttrs, index: number): ElementProgram {
  const co = index % a.outChannels;
  const ci = Math.floor(index / a.outChannels) % a.inChannels;
  const tap = Math.floor(index / (a.outChannels * a.inChannels));
  const fw = tap % a.filterWidth;
  const fh = Math.floor(tap / a.filterWidth);
  const steps: ScalarStep[] = [];
  for (let b = 0; b < a.batch; b++) {
    for (let oh = 0; oh < a.outHeight; oh++) {
      const ih = oh * a.strideHeight + fh - a.padTop;
      if (ih < 0 || ih >= a.inHeight) continue;
      for (let ow = 0; ow < a.outWidth; ow++) {
        const iw = ow * a.strideWidth + fw - a.padLeft;
        if (iw < 0 || iw >= a.inWidth) continue;
        const x = ((b * a.inHeight + ih) * a.inWidth + iw) * a.inChannels + ci;
        const dy = ((b * a.outHeight + oh) * a.outWidth + ow) * a.outChannels + co;
        steps.push({ rule: 'accumulate', refs: [ref(0, x), ref(1, dy)], consts: [] });
      }
    }
  }
  return { init: 0, steps };
}
