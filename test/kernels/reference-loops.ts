/**
 * The contract's formulas written out literally, one output element at a time (contract.ts docs), as an oracle
 * for jsCore. Deliberately slow and obvious: no loop reordering, no shared code with the cores.
 */
import type { Conv2DShape, MatMulShape } from '../../offchain/engine/kernels/native/index.js';

const f32 = Math.fround;

export function referenceMatMul(a: Float32Array, b: Float32Array, s: MatMulShape): Float32Array {
  const opA = (i: number, t: number): number => (s.transposeA ? a[t * s.m + i] : a[i * s.k + t]);
  const opB = (t: number, j: number): number => (s.transposeB ? b[j * s.k + t] : b[t * s.n + j]);
  const c = new Float32Array(s.m * s.n);
  for (let i = 0; i < s.m; i++) {
    for (let j = 0; j < s.n; j++) {
      let acc = 0;
      for (let t = 0; t < s.k; t++) acc = f32(acc + f32(opA(i, t) * opB(t, j)));
      c[i * s.n + j] = acc;
    }
  }
  return c;
}

const xAt = (x: Float32Array, s: Conv2DShape, b: number, h: number, w: number, c: number): number =>
  x[((b * s.inHeight + h) * s.inWidth + w) * s.inChannels + c];
const wAt = (f: Float32Array, s: Conv2DShape, fh: number, fw: number, ci: number, co: number): number =>
  f[((fh * s.filterWidth + fw) * s.inChannels + ci) * s.outChannels + co];
const dyAt = (dy: Float32Array, s: Conv2DShape, b: number, oh: number, ow: number, co: number): number =>
  dy[((b * s.outHeight + oh) * s.outWidth + ow) * s.outChannels + co];

export function referenceConv2D(x: Float32Array, w: Float32Array, s: Conv2DShape): Float32Array {
  const y = new Float32Array(s.batch * s.outHeight * s.outWidth * s.outChannels);
  let index = 0;
  for (let b = 0; b < s.batch; b++)
    for (let oh = 0; oh < s.outHeight; oh++)
      for (let ow = 0; ow < s.outWidth; ow++)
        for (let co = 0; co < s.outChannels; co++) {
          let acc = 0;
          for (let fh = 0; fh < s.filterHeight; fh++)
            for (let fw = 0; fw < s.filterWidth; fw++)
              for (let ci = 0; ci < s.inChannels; ci++) {
                const h = oh * s.strideHeight + fh - s.padTop;
                const wi = ow * s.strideWidth + fw - s.padLeft;
                if (h < 0 || h >= s.inHeight || wi < 0 || wi >= s.inWidth) continue;
                acc = f32(acc + f32(xAt(x, s, b, h, wi, ci) * wAt(w, s, fh, fw, ci, co)));
              }
          y[index++] = acc;
        }
  return y;
}

export function referenceConv2DBackpropInput(dy: Float32Array, w: Float32Array, s: Conv2DShape): Float32Array {
  const dx = new Float32Array(s.batch * s.inHeight * s.inWidth * s.inChannels);
  let index = 0;
  for (let b = 0; b < s.batch; b++)
    for (let h = 0; h < s.inHeight; h++)
      for (let wi = 0; wi < s.inWidth; wi++)
        for (let ci = 0; ci < s.inChannels; ci++) {
          let acc = 0;
          for (let fh = 0; fh < s.filterHeight; fh++)
            for (let fw = 0; fw < s.filterWidth; fw++)
              for (let co = 0; co < s.outChannels; co++) {
                const oh = (h + s.padTop - fh) / s.strideHeight;
                const ow = (wi + s.padLeft - fw) / s.strideWidth;
                if (!Number.isInteger(oh) || !Number.isInteger(ow)) continue;
                if (oh < 0 || oh >= s.outHeight || ow < 0 || ow >= s.outWidth) continue;
                acc = f32(acc + f32(dyAt(dy, s, b, oh, ow, co) * wAt(w, s, fh, fw, ci, co)));
              }
          dx[index++] = acc;
        }
  return dx;
}

export function referenceConv2DBackpropFilter(x: Float32Array, dy: Float32Array, s: Conv2DShape): Float32Array {
  const dw = new Float32Array(s.filterHeight * s.filterWidth * s.inChannels * s.outChannels);
  let index = 0;
  for (let fh = 0; fh < s.filterHeight; fh++)
    for (let fw = 0; fw < s.filterWidth; fw++)
      for (let ci = 0; ci < s.inChannels; ci++)
        for (let co = 0; co < s.outChannels; co++) {
          let acc = 0;
          for (let b = 0; b < s.batch; b++)
            for (let oh = 0; oh < s.outHeight; oh++)
              for (let ow = 0; ow < s.outWidth; ow++) {
                const h = oh * s.strideHeight + fh - s.padTop;
                const wi = ow * s.strideWidth + fw - s.padLeft;
                if (h < 0 || h >= s.inHeight || wi < 0 || wi >= s.inWidth) continue;
                acc = f32(acc + f32(xAt(x, s, b, h, wi, ci) * dyAt(dy, s, b, oh, ow, co)));
              }
          dw[index++] = acc;
        }
  return dw;
}
