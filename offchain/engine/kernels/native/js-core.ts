/**
 * The plain-JS NumericCore: the reference implementation of the documented float32 order (see contract.ts).
 *
 * Every product and every sum goes through Math.fround. JS computes in float64 first, which is still exact
 * float32 arithmetic: the product of two float32 values is exact in float64 (24 + 24 bits ≤ 53), and a float64
 * sum of two float32 values rounded to float32 equals the correctly rounded float32 sum (double rounding is
 * innocuous because 53 ≥ 2·24 + 2). So these loops give the same bits as wasm's f32.mul / f32.add.
 *
 * Loop order is chosen for speed (the output row is the innermost, contiguous dimension), but each output
 * element still sees exactly its own sequence acc ← f32(acc + f32(a·b)) in the documented order, starting at +0
 * (the zero-filled output array).
 */
import type { Conv2DShape, MatMulShape, NumericCore } from './contract.js';
import {
  checkConv2D,
  checkConv2DBackpropFilter,
  checkConv2DBackpropInput,
  checkMatMul,
  imageSize,
  filterSize,
  outputSize,
} from './shape-checks.js';

const f32 = Math.fround;

function matmul(a: Float32Array, b: Float32Array, shape: MatMulShape): Float32Array {
  checkMatMul(a, b, shape);
  const { m, k: depth, n, transposeA, transposeB } = shape;
  const c = new Float32Array(m * n);
  // op(A)[i,t] and op(B)[t,j] as strides over the stored arrays.
  const aRowStride = transposeA ? 1 : depth;
  const aDepthStride = transposeA ? m : 1;
  const bDepthStride = transposeB ? 1 : n;
  const bColStride = transposeB ? depth : 1;
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let t = 0; t < depth; t++) {
      const av = a[i * aRowStride + t * aDepthStride];
      const bBase = t * bDepthStride;
      for (let j = 0; j < n; j++) {
        c[cRow + j] = f32(c[cRow + j] + f32(av * b[bBase + j * bColStride]));
      }
    }
  }
  return c;
}

function conv2d(x: Float32Array, w: Float32Array, s: Conv2DShape): Float32Array {
  checkConv2D(x, w, s);
  const { inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = s;
  const y = new Float32Array(outputSize(s));
  for (let b = 0; b < s.batch; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const yBase = ((b * OH + oh) * OW + ow) * CO;
        for (let fh = 0; fh < s.filterHeight; fh++) {
          const ih = oh * s.strideHeight + fh - s.padTop;
          if (ih < 0 || ih >= H) continue;
          for (let fw = 0; fw < s.filterWidth; fw++) {
            const iw = ow * s.strideWidth + fw - s.padLeft;
            if (iw < 0 || iw >= W) continue;
            const xBase = ((b * H + ih) * W + iw) * CI;
            const wTap = (fh * s.filterWidth + fw) * CI;
            for (let ci = 0; ci < CI; ci++) {
              const xv = x[xBase + ci];
              const wBase = (wTap + ci) * CO;
              for (let co = 0; co < CO; co++) {
                y[yBase + co] = f32(y[yBase + co] + f32(xv * w[wBase + co]));
              }
            }
          }
        }
      }
    }
  }
  return y;
}

function conv2dBackpropInput(dy: Float32Array, w: Float32Array, s: Conv2DShape): Float32Array {
  checkConv2DBackpropInput(dy, w, s);
  const { inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = s;
  const dx = new Float32Array(imageSize(s));
  for (let b = 0; b < s.batch; b++) {
    for (let h = 0; h < H; h++) {
      for (let wi = 0; wi < W; wi++) {
        const dxBase = ((b * H + h) * W + wi) * CI;
        for (let fh = 0; fh < s.filterHeight; fh++) {
          const th = h + s.padTop - fh;
          if (th < 0 || th % s.strideHeight !== 0) continue;
          const oh = th / s.strideHeight;
          if (oh >= OH) continue;
          for (let fw = 0; fw < s.filterWidth; fw++) {
            const tw = wi + s.padLeft - fw;
            if (tw < 0 || tw % s.strideWidth !== 0) continue;
            const ow = tw / s.strideWidth;
            if (ow >= OW) continue;
            const dyBase = ((b * OH + oh) * OW + ow) * CO;
            const wTap = (fh * s.filterWidth + fw) * CI;
            for (let ci = 0; ci < CI; ci++) {
              const wBase = (wTap + ci) * CO;
              let acc = dx[dxBase + ci];
              for (let co = 0; co < CO; co++) acc = f32(acc + f32(dy[dyBase + co] * w[wBase + co]));
              dx[dxBase + ci] = acc;
            }
          }
        }
      }
    }
  }
  return dx;
}

function conv2dBackpropFilter(x: Float32Array, dy: Float32Array, s: Conv2DShape): Float32Array {
  checkConv2DBackpropFilter(x, dy, s);
  const { inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = s;
  const dw = new Float32Array(filterSize(s));
  for (let fh = 0; fh < s.filterHeight; fh++) {
    for (let fw = 0; fw < s.filterWidth; fw++) {
      const wTap = (fh * s.filterWidth + fw) * CI;
      for (let b = 0; b < s.batch; b++) {
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * s.strideHeight + fh - s.padTop;
          if (ih < 0 || ih >= H) continue;
          for (let ow = 0; ow < OW; ow++) {
            const iw = ow * s.strideWidth + fw - s.padLeft;
            if (iw < 0 || iw >= W) continue;
            const xBase = ((b * H + ih) * W + iw) * CI;
            const dyBase = ((b * OH + oh) * OW + ow) * CO;
            for (let ci = 0; ci < CI; ci++) {
              const xv = x[xBase + ci];
              const dwBase = (wTap + ci) * CO;
              for (let co = 0; co < CO; co++) {
                dw[dwBase + co] = f32(dw[dwBase + co] + f32(xv * dy[dyBase + co]));
              }
            }
          }
        }
      }
    }
  }
  return dw;
}

export const jsCore: NumericCore = {
  name: 'js',
  matmul,
  conv2d,
  conv2dBackpropInput,
  conv2dBackpropFilter,
};
