/**
 * MatMul and the three convolutions: delegated to the numeric core, whose documented order is the referee's
 * element program (accumulate over k ascending; over (fh, fw, ci), (fh, fw, co) or (b, oh, ow) nested ascending).
 */
import type { Attrs } from '../../../referee/index.js';
import { numericCore } from './core.js';

export function matMulImpl([a, b]: Float32Array[], attrs: Attrs['MatMul']): Float32Array {
  return numericCore().matmul(a as Float32Array, b as Float32Array, attrs);
}

export function conv2dImpl([x, w]: Float32Array[], attrs: Attrs['Conv2D']): Float32Array {
  return numericCore().conv2d(x as Float32Array, w as Float32Array, attrs);
}

export function conv2dBackpropInputImpl([dy, w]: Float32Array[], attrs: Attrs['Conv2DBackpropInput']): Float32Array {
  return numericCore().conv2dBackpropInput(dy as Float32Array, w as Float32Array, attrs);
}

export function conv2dBackpropFilterImpl([x, dy]: Float32Array[], attrs: Attrs['Conv2DBackpropFilter']): Float32Array {
  return numericCore().conv2dBackpropFilter(x as Float32Array, dy as Float32Array, attrs);
}
