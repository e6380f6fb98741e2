/**
 * Optimizer updates: one scalar rule per element (see the referee's scalar.ts for each formula). SGD and momentum
 * run on the wasm light kernels when the wasm core is in use (same rule lane for lane, same bits); Adam stays in JS.
 */
import {
  adamMoment1Scalar,
  adamMoment2Scalar,
  adamParamScalar,
  momentumVelocityScalar,
  sgdScalar,
  type Attrs,
} from '../../../referee/index.js';
import { lightKernels } from './core.js';

/** A target for an output of `size` values: `into` when it has that size, else a new array. */
function outputFor(size: number, into: Float32Array | undefined): Float32Array {
  return into !== undefined && into.length === size ? into : new Float32Array(size);
}

function map2(
  a: Float32Array | undefined,
  b: Float32Array | undefined,
  size: number,
  f: (x: number, y: number) => number,
  into?: Float32Array,
) {
  const out = outputFor(size, into);
  const x = a as Float32Array;
  const y = b as Float32Array;
  for (let i = 0; i < size; i++) out[i] = f(x[i] as number, y[i] as number);
  return out;
}

export function sgdUpdateImpl(
  [w, g]: Float32Array[],
  { size, learningRate }: Attrs['SgdUpdate'],
  into?: Float32Array,
): Float32Array {
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.sgdUpdate(w as Float32Array, g as Float32Array, learningRate, into);
  return map2(w, g, size, (wi, gi) => sgdScalar(wi, gi, learningRate), into);
}

export function momentumVelocityImpl(
  [v, g]: Float32Array[],
  { size, momentum }: Attrs['MomentumVelocity'],
  into?: Float32Array,
): Float32Array {
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.momentumVelocity(v as Float32Array, g as Float32Array, momentum, into);
  return map2(v, g, size, (vi, gi) => momentumVelocityScalar(vi, gi, momentum), into);
}

export function momentumParamImpl(
  [w, v]: Float32Array[],
  { size, learningRate }: Attrs['MomentumParam'],
  into?: Float32Array,
): Float32Array {
  const wasm = lightKernels();
  if (wasm !== undefined) return wasm.sgdUpdate(w as Float32Array, v as Float32Array, learningRate, into);
  return map2(w, v, size, (wi, vi) => sgdScalar(wi, vi, learningRate), into);
}

export function adamMoment1Impl(
  [m, g]: Float32Array[],
  { size, beta1 }: Attrs['AdamMoment1'],
  into?: Float32Array,
): Float32Array {
  return map2(m, g, size, (mi, gi) => adamMoment1Scalar(mi, gi, beta1), into);
}

export function adamMoment2Impl(
  [v, g]: Float32Array[],
  { size, beta2 }: Attrs['AdamMoment2'],
  into?: Float32Array,
): Float32Array {
  return map2(v, g, size, (vi, gi) => adamMoment2Scalar(vi, gi, beta2), into);
}

export function adamParamImpl([w, m, v]: Float32Array[], a: Attrs['AdamParam'], into?: Float32Array): Float32Array {
  const out = outputFor(a.size, into);
  const wv = w as Float32Array;
  const mv = m as Float32Array;
  const vv = v as Float32Array;
  for (let i = 0; i < a.size; i++) {
    out[i] = adamParamScalar(wv[i] as number, mv[i] as number, vv[i] as number, a.stepSize, a.epsilon);
  }
  return out;
}
