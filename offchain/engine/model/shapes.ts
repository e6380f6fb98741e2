/** Output sizes and padding for convolution and pooling windows (tfjs's 'valid'/'same' conventions). */
import type { ConvAttrs } from '../../referee/index.js';

export function windowAttrs(
  input: number[],
  window: { size: number; stride: number; padding: 'valid' | 'same'; outChannels: number },
): ConvAttrs {
  const [batch, inHeight, inWidth, inChannels] = input as [number, number, number, number];
  const axis = (size: number) => {
    if (window.padding === 'same') {
      const out = Math.ceil(size / window.stride);
      const total = Math.max((out - 1) * window.stride + window.size - size, 0);
      return { out, pad: Math.floor(total / 2) };
    }
    return { out: Math.floor((size - window.size) / window.stride) + 1, pad: 0 };
  };
  const h = axis(inHeight);
  const w = axis(inWidth);
  return {
    batch,
    inHeight,
    inWidth,
    inChannels,
    filterHeight: window.size,
    filterWidth: window.size,
    outChannels: window.outChannels,
    strideHeight: window.stride,
    strideWidth: window.stride,
    padTop: h.pad,
    padLeft: w.pad,
    outHeight: h.out,
    outWidth: w.out,
  };
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
