/**
 * The operations of a training step (forward, backward, optimizer update) and their attributes: the one
 * declaration shared by the engine's graph, the `repro` kernels and the referee.
 *
 * Layouts are row-major; images NHWC; filters HWIO (as in tfjs and the numeric core's contract).
 */
export interface MatMulAttrs {
  /** Rows of op(A) and of C. */
  m: number;
  /** Columns of op(A) = rows of op(B): the reduced dimension. */
  k: number;
  /** Columns of op(B) and of C. */
  n: number;
  /** A is stored k×m and used transposed. */
  transposeA: boolean;
  /** B is stored n×k and used transposed. */
  transposeB: boolean;
}

export interface ConvAttrs {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  filterHeight: number;
  filterWidth: number;
  outChannels: number;
  strideHeight: number;
  strideWidth: number;
  /** Zero padding before the first row/column (tfjs 'same' or 'valid' resolved to numbers). */
  padTop: number;
  padLeft: number;
  outHeight: number;
  outWidth: number;
}

/** Max pooling: a window of filterHeight × filterWidth per channel (inChannels = outChannels). */
export type PoolAttrs = ConvAttrs;

/** Reductions over the last axis of a [rows, cols] matrix, and elementwise ops over a row length. */
export interface RowAttrs {
  rows: number;
  cols: number;
}

export interface Attrs {
  MatMul: MatMulAttrs;
  Conv2D: ConvAttrs;
  Conv2DBackpropInput: ConvAttrs;
  Conv2DBackpropFilter: ConvAttrs;
  MaxPool: PoolAttrs;
  MaxPoolGrad: PoolAttrs;
  /** y[r,c] = x[r,c] + b[c]. */
  BiasAdd: RowAttrs;
  /** db[c] = Σ_r dy[r,c], r ascending. */
  BiasGrad: RowAttrs;
  Relu: { size: number };
  ReluGrad: { size: number };
  /** Same bits, new shape (flatten). */
  Reshape: { shape: number[] };
  RowMax: RowAttrs;
  /** Inputs: logits, their RowMax. */
  Softmax: RowAttrs;
  /** Inputs: probabilities, labels (class ids as float32). Output: mean negative log-likelihood, a scalar. */
  CrossEntropyLoss: RowAttrs;
  /** Inputs: probabilities, labels. Output: d loss / d logits. */
  CrossEntropyGrad: RowAttrs;
  /** Inputs: w, g. */
  SgdUpdate: { size: number; learningRate: number };
  /** Inputs: v, g. */
  MomentumVelocity: { size: number; momentum: number };
  /** Inputs: w, v. */
  MomentumParam: { size: number; learningRate: number };
  /** Inputs: m, g. */
  AdamMoment1: { size: number; beta1: number };
  /** Inputs: v, g. */
  AdamMoment2: { size: number; beta2: number };
  /** Inputs: w, m, v. stepSize is `adamStepSize` for this step. */
  AdamParam: { size: number; stepSize: number; epsilon: number };
}

export type OpName = keyof Attrs;

export const OP_NAMES: readonly OpName[] = [
  'MatMul',
  'Conv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'MaxPool',
  'MaxPoolGrad',
  'BiasAdd',
  'BiasGrad',
  'Relu',
  'ReluGrad',
  'Reshape',
  'RowMax',
  'Softmax',
  'CrossEntropyLoss',
  'CrossEntropyGrad',
  'SgdUpdate',
  'MomentumVelocity',
  'MomentumParam',
  'AdamMoment1',
  'AdamMoment2',
  'AdamParam',
];

/** An operation with its attributes, as it appears in a step's graph. */
export type OpCall = { [K in OpName]: { op: K; attrs: Attrs[K] } }[OpName];

/** Shape of each operation's output. */
export function outputShape(call: OpCall): number[] {
  switch (call.op) {
    case 'MatMul':
      return [call.attrs.m, call.attrs.n];
    case 'Conv2D':
    case 'MaxPool': {
      const a = call.attrs;
      return [a.batch, a.outHeight, a.outWidth, a.outChannels];
    }
    case 'Conv2DBackpropInput':
    case 'MaxPoolGrad': {
      const a = call.attrs;
      return [a.batch, a.inHeight, a.inWidth, a.inChannels];
    }
    case 'Conv2DBackpropFilter': {
      const a = call.attrs;
      return [a.filterHeight, a.filterWidth, a.inChannels, a.outChannels];
    }
    case 'BiasAdd':
    case 'Softmax':
    case 'CrossEntropyGrad':
      return [call.attrs.rows, call.attrs.cols];
    case 'BiasGrad':
      return [call.attrs.cols];
    case 'RowMax':
      return [call.attrs.rows];
    case 'CrossEntropyLoss':
      return [];
    case 'Reshape':
      return call.attrs.shape.slice();
    default:
      return [call.attrs.size];
  }
}

/** Number of elements of each operation's output. */
export function outputLength(call: OpCall): number {
  return outputShape(call).reduce((a, b) => a * b, 1);
}
