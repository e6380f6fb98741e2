// Entry point of dist/wasm/numeric.wasm: the wasm SIMD NumericCore (see native/contract.ts for the order rules).
// The host owns all memory above heapBase(): it copies inputs in, calls a kernel with byte addresses, and copies
// the result out. Nothing here allocates.
export { matmul } from './matmul';
export { conv2d, conv2dBackpropInput, conv2dBackpropFilter } from './conv';
export { transposeBatched } from './lanes';

export function heapBase(): usize {
  return __heap_base;
}
export { sgdUpdate, momentumVelocity, relu, reluGrad, biasAdd, biasGrad } from './elementwise';
export { maxPool, maxPoolGrad } from './pool';
