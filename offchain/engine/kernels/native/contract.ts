/**
 * The numeric core behind the `repro` kernels: the heavy loops (matrix products and convolutions), each with a
 * fixed, documented order of float32 operations, so every implementation (plain JS, wasm SIMD) and the referee
 * produce the same bits.
 *
 * The accumulation rule shared by every reduction here (and by `offchain/referee`):
 *   acc₀ = +0;  accₜ = f32(accₜ₋₁ + f32(aₜ · bₜ))     for t = 1 … T, in the order each function documents.
 * No fused multiply-add; every product and every sum is rounded to float32 before it is used.
 * Because acc₀ = +0 and round-to-nearest never yields −0 from a sum unless both terms are −0, an accumulator is
 * never −0: a sum whose terms are all ±0 is +0. NaN payloads (and the sign of a NaN) are unspecified; any NaN
 * equals any other NaN for conformance.
 *
 * Layouts are row-major. Images are NHWC, filters are HWIO (tfjs's layouts).
 */
import type { ConvAttrs, MatMulAttrs } from '../../../referee/ops.js';

/** The shapes are the referee's operation attributes: one declaration for kernels, graph and referee. */
export type MatMulShape = MatMulAttrs;
export type Conv2DShape = ConvAttrs;

export interface NumericCore {
  readonly name: string;
  /**
   * C[i,j] = Σ_k op(A)[i,k]·op(B)[k,j], accumulated over k ascending (k = 0 … K-1).
   */
  matmul(a: Float32Array, b: Float32Array, shape: MatMulShape): Float32Array;
  /**
   * y[b,oh,ow,co] = Σ x[b, oh·sh+fh−padTop, ow·sw+fw−padLeft, ci] · w[fh,fw,ci,co],
   * accumulated over (fh, fw, ci) in that nested order, each ascending; taps that fall in the padding are
   * skipped (not added as zero).
   */
  conv2d(x: Float32Array, w: Float32Array, shape: Conv2DShape): Float32Array;
  /**
   * dx[b,h,w,ci] = Σ dy[b,oh,ow,co] · w[fh,fw,ci,co] over every (fh, fw, co) with oh = (h+padTop−fh)/sh and
   * ow = (w+padLeft−fw)/sw integral and inside the output, accumulated over (fh, fw, co) nested, ascending.
   */
  conv2dBackpropInput(dy: Float32Array, w: Float32Array, shape: Conv2DShape): Float32Array;
  /**
   * dw[fh,fw,ci,co] = Σ x[b, oh·sh+fh−padTop, ow·sw+fw−padLeft, ci] · dy[b,oh,ow,co] over every (b, oh, ow)
   * whose tap is inside the image, accumulated over (b, oh, ow) nested, ascending.
   */
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, shape: Conv2DShape): Float32Array;
}
