/**
 * The numeric core behind the `repro` kernels: contract types, the plain-JS reference core, and the wasm SIMD core
 * with bitwise-identical results (tested in test/kernels/). Use `fastestCore()`: the wasm core when
 * dist/wasm/numeric.wasm is built (`npm run build`), else jsCore. Same bits either way.
 *
 * Used by kernels/repro/core.ts: `loadWasmLightKernels()` gives wasm SIMD versions of SgdUpdate and
 * MomentumParam (sgdUpdate), MomentumVelocity, Relu, ReluGrad, BiasAdd, BiasGrad, MaxPool and MaxPoolGrad, each
 * the referee's rule lane for lane (bitwise equal, tested against offchain/referee and the JS kernels). Measured
 * here (best of 30 runs, copies in and out of wasm memory included):
 *   SgdUpdate, the MLP's 100,480 weights      1.29 ms in JS → 0.20 ms   (in JS about as much as the step's 5 matmuls)
 *   Relu, the CNN's 200,704 activations       2.8 ms → 0.28 ms
 *   MaxPool, 32×26×26×8 → 13×13               3.6 ms → 0.55 ms
 *   MaxPoolGrad, same                        12.8 ms → 1.1 ms
 * bench/training prints the per-kernel breakdown of a repro step that these numbers come from.
 */
export type { Conv2DShape, MatMulShape, NumericCore } from './contract.js';
export { KernelShapeError } from './shape-checks.js';
export { jsCore } from './js-core.js';
export { loadWasmCore, WASM_CORE_NAME, wasmKernelsOver } from './wasm-core.js';
export { wasmCorePath, WasmCoreUnavailableError } from './wasm-module.js';
export { loadWasmLightKernels, type LightKernels, type PoolShape } from './light-kernels.js';
import type { NumericCore } from './contract.js';
import { jsCore } from './js-core.js';
import { loadWasmCore } from './wasm-core.js';
import { WasmCoreUnavailableError } from './wasm-module.js';

let fastest: NumericCore | undefined;

/**
 * The wasm core when it is built and this engine can run it (wasm SIMD), else jsCore; chosen once per process.
 * Same bits either way, so the choice never changes a result, only the speed.
 */
export function fastestCore(): NumericCore {
  fastest ??= wasmCoreOrNothing() ?? jsCore;
  return fastest;
}

function wasmCoreOrNothing(): NumericCore | undefined {
  try {
    return loadWasmCore();
  } catch (error) {
    if (error instanceof WasmCoreUnavailableError) return undefined;
    throw error;
  }
}
