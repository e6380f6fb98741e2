/**
 * Elementwise kernels and the bias gradient, each applying its scalar rule from the referee to every element.
 * BiasGrad sums rows ascending from +0 (addStep); all others are one rule per element. With the wasm core in use,
 * the wasm light kernels do the same lane for lane (same bits, fewer function calls); else the loops below.
 */
import { addStep, biasAddScalar, reluGradScalar, reluScalar, type Attrs } from '../../../referee/index.js';
import { lightKernels } from './core.js';

export function biasAddImpl([x, bias]: Float32Array[], { rows, cols }: Attrs['BiasAdd']): Float32Array {
  const input = x as Float32Array;
  const b = bias as Float32Array;
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.biasAdd(input, b, rows, cols);
  const y = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) y[base + c] = biasAddScalar(input[base + c] as number, b[c] as number);
  }
  return y;
}

export function biasGradImpl([dy]: Float32Array[], { rows, cols }: Attrs['BiasGrad']): Float32Array {
  const grad = dy as Float32Array;
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.biasGrad(grad, rows, cols);
  const db = new Float32Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) db[c] = addStep(db[c] as number, grad[base + c] as number);
  }
  return db;
}

export function reluImpl([x]: Float32Array[], { size }: Attrs['Relu']): Float32Array {
  const input = x as Float32Array;
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.relu(input);
  const y = new Float32Array(size);
  for (let i = 0; i < size; i++) y[i] = reluScalar(input[i] as number);
  return y;
}

export function reluGradImpl([dy, y]: Float32Array[], { size }: Attrs['ReluGrad']): Float32Array {
  const grad = dy as Float32Array;
  const out = y as Float32Array;
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.reluGrad(grad, out);
  const dx = new Float32Array(size);
  for (let i = 0; i < size; i++) dx[i] = reluGradScalar(grad[i] as number, out[i] as number);
  return dx;
}

export function reshapeImpl([x]: Float32Array[]): Float32Array {
  return (x as Float32Array).slice();
}
