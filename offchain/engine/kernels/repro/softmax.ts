/**
 * The softmax cross-entropy head, split into operations whose elements are short programs:
 * RowMax (running max over the row, from −∞), Softmax (Σ expF32(x − max) over the row ascending from +0, then one
 * division), CrossEntropyLoss (Σ −logF32(p[label]) over rows ascending from +0, then ÷ rows) and CrossEntropyGrad
 * (one rule per element).
 */
import {
  crossEntropyGradScalar,
  divideScalar,
  expSumStep,
  maxStep,
  nllStep,
  softmaxScalar,
  type Attrs,
} from '../../../referee/index.js';

export function rowMaxImpl([x]: Float32Array[], { rows, cols }: Attrs['RowMax']): Float32Array {
  const input = x as Float32Array;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let acc = -Infinity;
    for (let c = 0; c < cols; c++) acc = maxStep(acc, input[r * cols + c] as number);
    out[r] = acc;
  }
  return out;
}

export function softmaxImpl([x, rowMax]: Float32Array[], { rows, cols }: Attrs['Softmax']): Float32Array {
  const input = x as Float32Array;
  const maxima = rowMax as Float32Array;
  const p = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const m = maxima[r] as number;
    let sum = 0;
    for (let c = 0; c < cols; c++) sum = expSumStep(sum, input[r * cols + c] as number, m);
    for (let c = 0; c < cols; c++) p[r * cols + c] = softmaxScalar(input[r * cols + c] as number, m, sum);
  }
  return p;
}

export function crossEntropyLossImpl(
  [probs, labels]: Float32Array[],
  { rows, cols }: Attrs['CrossEntropyLoss'],
): Float32Array {
  const p = probs as Float32Array;
  const y = labels as Float32Array;
  let acc = 0;
  for (let r = 0; r < rows; r++) acc = nllStep(acc, p[r * cols + (y[r] as number)] as number);
  return new Float32Array([divideScalar(acc, rows)]);
}

export function crossEntropyGradImpl(
  [probs, labels]: Float32Array[],
  { rows, cols }: Attrs['CrossEntropyGrad'],
): Float32Array {
  const p = probs as Float32Array;
  const y = labels as Float32Array;
  const d = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++)
      d[r * cols + c] = crossEntropyGradScalar(p[r * cols + c] as number, y[r] === c, rows);
  }
  return d;
}
