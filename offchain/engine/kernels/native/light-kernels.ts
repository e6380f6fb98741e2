/**
 * Optional wasm SIMD versions of the `repro` kernel set's lighter kernels (optimizer updates, relu, bias, max
 * pooling), offered for adoption by offchain/engine/kernels/repro. Each applies the referee's rule
 * (offchain/referee) lane for lane, so the bits equal the JS kernels' (tested in test/kernels/light-kernels.test.ts);
 * they are faster mainly because they avoid a function call per element.
 */
import type { Conv2DShape } from './contract.js';
import { imageSize, KernelShapeError, outputSize } from './shape-checks.js';
import { loadNumericModule, type NumericModule } from './wasm-module.js';

/** A pooling window's geometry: Conv2DShape with inChannels = outChannels and the pool size as the filter size. */
export type PoolShape = Conv2DShape;

export interface LightKernels {
  /**
   * f32(w − f32(lr·g)) per element (sgdScalar; momentum's parameter step with g = velocity). The optimizer kernels
   * write into `into` when it is given and has the output's size (the state's slot in the hashing ring).
   */
  sgdUpdate(w: Float32Array, g: Float32Array, learningRate: number, into?: Float32Array): Float32Array;
  /** f32(f32(μ·v) + g) per element (momentumVelocityScalar). */
  momentumVelocity(v: Float32Array, g: Float32Array, momentum: number, into?: Float32Array): Float32Array;
  /** x > 0 ? x : +0 (reluScalar). */
  relu(x: Float32Array): Float32Array;
  /** y > 0 ? dy : +0, from relu's output y (reluGradScalar). */
  reluGrad(dy: Float32Array, y: Float32Array): Float32Array;
  /** y[r,c] = f32(x[r,c] + bias[c]) (biasAddScalar). */
  biasAdd(x: Float32Array, bias: Float32Array, rows: number, cols: number): Float32Array;
  /** db[c] = Σ_r dy[r,c], rows ascending from +0, each sum rounded (addStep). */
  biasGrad(dy: Float32Array, rows: number, cols: number): Float32Array;
  /** Running max over the window's taps (fh, fw) ascending from −∞, padding skipped (maxStep). */
  maxPool(x: Float32Array, shape: PoolShape): Float32Array;
  /**
   * Each window's dy added to its argmax tap (the first tap, replaced by any strictly greater one), windows in
   * (b, oh, ow) order, so each dx element sums its terms in (oh, ow) order from +0 (addStep).
   */
  maxPoolGrad(dy: Float32Array, x: Float32Array, shape: PoolShape): Float32Array;
}

function sameLength(label: string, a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) throw new KernelShapeError(`${label}: inputs have ${a.length} and ${b.length} elements`);
}

function matrix(label: string, a: Float32Array, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || a.length !== rows * cols) {
    throw new KernelShapeError(`${label}: ${a.length} elements do not form a ${rows}×${cols} matrix`);
  }
}

function poolShape(label: string, s: PoolShape, x: Float32Array): void {
  if (s.inChannels !== s.outChannels)
    throw new KernelShapeError(`${label}: pooling keeps channels, got ${s.inChannels} → ${s.outChannels}`);
  if (x.length !== imageSize(s))
    throw new KernelShapeError(`${label} x has ${x.length} elements, the shape needs ${imageSize(s)}`);
}

const poolArgs = (s: PoolShape): number[] => [
  s.batch,
  s.inHeight,
  s.inWidth,
  s.inChannels,
  s.filterHeight,
  s.filterWidth,
  s.strideHeight,
  s.strideWidth,
  s.padTop,
  s.padLeft,
  s.outHeight,
  s.outWidth,
];

let kernels: LightKernels | undefined;

/** The wasm light kernels (one set per process); throws WasmCoreUnavailableError when the .wasm is not built. */
export function loadWasmLightKernels(): LightKernels {
  kernels ??= createLightKernels();
  return kernels;
}

/** Whether two views of one memory share a byte. */
const overlap = (x: Float32Array, y: Float32Array): boolean =>
  x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;

/** The light kernels over a numeric module: the process's own (loadWasmLightKernels) or one over a shared memory. */
export function createLightKernels(module: NumericModule = loadNumericModule()): LightKernels {
  const { exports, arena } = module;
  const binary = (
    label: string,
    run: (a: number, b: number, out: number, size: number, scalar: number) => void,
  ): ((a: Float32Array, b: Float32Array, scalar: number, into?: Float32Array) => Float32Array) => {
    return (a, b, scalar, into) => {
      sameLength(label, a, b);
      // An `into` in the module's memory (a ring slot) is written in place, unless it overlaps an input there.
      const direct =
        into !== undefined &&
        into.length === a.length &&
        arena.owns(into) &&
        !(arena.owns(a) && overlap(into, a)) &&
        !(arena.owns(b) && overlap(into, b));
      const [pa, pb, out] = arena.stage([a, b], [direct ? 0 : a.length]) as [number, number, number];
      run(pa, pb, direct ? into.byteOffset : out, a.length, scalar);
      if (direct) return into;
      return into !== undefined && into.length === a.length ? arena.readInto(out, into) : arena.read(out, a.length);
    };
  };
  const binaryReluGrad = binary('reluGrad', (dy, y, dx, size) => exports.reluGrad(dy, y, dx, size));
  return {
    sgdUpdate: binary('sgdUpdate', (w, g, out, size, lr) => exports.sgdUpdate(w, g, out, size, lr)),
    momentumVelocity: binary('momentumVelocity', (v, g, out, size, mu) =>
      exports.momentumVelocity(v, g, out, size, mu),
    ),
    relu: (x) => {
      const [px, py] = arena.stage([x], [x.length]) as [number, number];
      exports.relu(px, py, x.length);
      return arena.read(py, x.length);
    },
    reluGrad: (dy, y) => binaryReluGrad(dy, y, 0),
    biasAdd: (x, bias, rows, cols) => {
      matrix('biasAdd x', x, rows, cols);
      matrix('biasAdd bias', bias, 1, cols);
      const [px, pb, py] = arena.stage([x, bias], [x.length]) as [number, number, number];
      exports.biasAdd(px, pb, py, rows, cols);
      return arena.read(py, x.length);
    },
    biasGrad: (dy, rows, cols) => {
      matrix('biasGrad dy', dy, rows, cols);
      const [pdy, pdb] = arena.stage([dy], [cols]) as [number, number];
      exports.biasGrad(pdy, pdb, rows, cols);
      return arena.read(pdb, cols);
    },
    maxPool: (x, s) => {
      poolShape('maxPool', s, x);
      const [px, py] = arena.stage([x], [outputSize(s)]) as [number, number];
      exports.maxPool(px, py, ...poolArgs(s));
      return arena.read(py, outputSize(s));
    },
    maxPoolGrad: (dy, x, s) => {
      poolShape('maxPoolGrad', s, x);
      if (dy.length !== outputSize(s))
        throw new KernelShapeError(`maxPoolGrad dy has ${dy.length} elements, the shape needs ${outputSize(s)}`);
      const [pdy, px, pdx] = arena.stage([dy, x], [x.length]) as [number, number, number];
      exports.maxPoolGrad(pdy, px, pdx, ...poolArgs(s));
      return arena.read(pdx, x.length);
    },
  };
}
