/**
 * The wasm SIMD NumericCore: the same float32 operations in the same order as jsCore (tested bitwise), several
 * times faster. Inputs are copied into the module's memory, the kernel runs, the result is copied out.
 */
import type { Conv2DShape, MatMulShape, NumericCore } from './contract.js';
import {
  checkConv2D,
  checkConv2DBackpropFilter,
  checkConv2DBackpropInput,
  checkMatMul,
  filterSize,
  imageSize,
  outputSize,
} from './shape-checks.js';
import { createLightKernels, type LightKernels } from './light-kernels.js';
import { loadNumericModule, numericModuleOver, type NumericModule } from './wasm-module.js';

const convArgs = (s: Conv2DShape): number[] => [
  s.batch,
  s.inHeight,
  s.inWidth,
  s.inChannels,
  s.filterHeight,
  s.filterWidth,
  s.outChannels,
  s.strideHeight,
  s.strideWidth,
  s.padTop,
  s.padLeft,
  s.outHeight,
  s.outWidth,
];

/** The name every wasm core carries (the process's own and those over another memory). */
export const WASM_CORE_NAME = 'wasm-simd';

function createWasmCore({ exports, arena }: NumericModule): NumericCore {
  const matmul = (a: Float32Array, b: Float32Array, shape: MatMulShape): Float32Array => {
    checkMatMul(a, b, shape);
    const { m, k, n } = shape;
    // B must be k×n row-major for the kernel; A is read through strides, so a transposed A needs no copy.
    const [pa, pbStored, pc, pbPacked] = arena.stage([a, b], [m * n, shape.transposeB ? b.length : 0]);
    let pb = pbStored as number;
    if (shape.transposeB) {
      exports.transposeBatched(pb, pbPacked as number, 1, n, k);
      pb = pbPacked as number;
    }
    exports.matmul(pa as number, pb, pc as number, m, k, n, shape.transposeA ? 1 : k, shape.transposeA ? m : 1);
    return arena.read(pc as number, m * n);
  };

  const conv2d = (x: Float32Array, w: Float32Array, s: Conv2DShape): Float32Array => {
    checkConv2D(x, w, s);
    const [px, pw, py] = arena.stage([x, w], [outputSize(s)]) as [number, number, number];
    exports.conv2d(px, pw, py, ...convArgs(s));
    return arena.read(py, outputSize(s));
  };

  const conv2dBackpropInput = (dy: Float32Array, w: Float32Array, s: Conv2DShape): Float32Array => {
    checkConv2DBackpropInput(dy, w, s);
    const [pdy, pw, pwT, pdx] = arena.stage([dy, w], [w.length, imageSize(s)]) as [number, number, number, number];
    // Each tap's CI×CO block becomes CO×CI, so the kernel's vectors run over independent input channels.
    exports.transposeBatched(pw, pwT, s.filterHeight * s.filterWidth, s.inChannels, s.outChannels);
    exports.conv2dBackpropInput(pdy, pwT, pdx, ...convArgs(s));
    return arena.read(pdx, imageSize(s));
  };

  const conv2dBackpropFilter = (x: Float32Array, dy: Float32Array, s: Conv2DShape): Float32Array => {
    checkConv2DBackpropFilter(x, dy, s);
    const [px, pdy, pdw] = arena.stage([x, dy], [filterSize(s)]) as [number, number, number];
    exports.conv2dBackpropFilter(px, pdy, pdw, ...convArgs(s));
    return arena.read(pdw, filterSize(s));
  };

  return { name: WASM_CORE_NAME, matmul, conv2d, conv2dBackpropInput, conv2dBackpropFilter };
}

/**
 * The wasm core and light kernels over a shared memory (numeric-shared.wasm), for runs whose state lives there (the
 * hashing ring): inputs and outputs in that memory are used in place. Same bits as loadWasmCore's.
 */
export function wasmKernelsOver(memory: WebAssembly.Memory, base: number): { core: NumericCore; light: LightKernels } {
  const module = numericModuleOver(memory, base);
  return { core: createWasmCore(module), light: createLightKernels(module) };
}

let core: NumericCore | undefined;

/** The wasm core (one per process). Throws WasmCoreUnavailableError when dist/wasm/numeric.wasm is not built. */
export function loadWasmCore(): NumericCore {
  core ??= createWasmCore(loadNumericModule());
  return core;
}
