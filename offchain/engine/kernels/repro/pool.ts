/**
 * Max pooling and its gradient.
 * MaxPool: y = the window's running max over taps (fh, fw) ascending, padding skipped, starting at −∞ (maxStep).
 * MaxPoolGrad: windows visited (b, oh, ow, c) ascending; each adds its dy to its argmax tap (the first maximum),
 * so every dx element sums its windows' dy in (oh, ow) ascending order from +0 (addStep).
 * With the wasm core in use, the wasm light kernels run the same orders (same bits); else the loops below.
 */
import { addStep, maxStep, windowArgMax, type Attrs } from '../../../referee/index.js';
import { lightKernels } from './core.js';

export function maxPoolImpl([x]: Float32Array[], a: Attrs['MaxPool']): Float32Array {
  const input = x as Float32Array;
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.maxPool(input, a);
  const y = new Float32Array(a.batch * a.outHeight * a.outWidth * a.outChannels);
  let o = 0;
  for (let b = 0; b < a.batch; b++) {
    for (let oh = 0; oh < a.outHeight; oh++) {
      for (let ow = 0; ow < a.outWidth; ow++) {
        for (let c = 0; c < a.outChannels; c++) {
          let acc = -Infinity;
          for (let fh = 0; fh < a.filterHeight; fh++) {
            const ih = oh * a.strideHeight + fh - a.padTop;
            if (ih < 0 || ih >= a.inHeight) continue;
            for (let fw = 0; fw < a.filterWidth; fw++) {
              const iw = ow * a.strideWidth + fw - a.padLeft;
              if (iw < 0 || iw >= a.inWidth) continue;
              acc = maxStep(acc, input[((b * a.inHeight + ih) * a.inWidth + iw) * a.inChannels + c] as number);
            }
          }
          y[o++] = acc;
        }
      }
    }
  }
  return y;
}

export function maxPoolGradImpl([dy, x]: Float32Array[], a: Attrs['MaxPoolGrad']): Float32Array {
  const grad = dy as Float32Array;
  const input = x as Float32Array;
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.maxPoolGrad(grad, input, a);
  const dx = new Float32Array(a.batch * a.inHeight * a.inWidth * a.inChannels);
  let o = 0;
  for (let b = 0; b < a.batch; b++) {
    for (let oh = 0; oh < a.outHeight; oh++) {
      for (let ow = 0; ow < a.outWidth; ow++) {
        for (let c = 0; c < a.outChannels; c++) {
          const tap = windowArgMax(a, input, b, oh, ow, c);
          const g = grad[o++] as number;
          if (tap >= 0) dx[tap] = addStep(dx[tap] as number, g);
        }
      }
    }
  }
  return dx;
}
