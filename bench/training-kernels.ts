/**
 * The raw-kernel section of bench/training: GFLOP/s of the numeric cores (jsCore, wasm SIMD) against tfjs's own
 * kernels on the MLP's and the CNN's shapes. It explains the end-to-end figures: how much of a training step the
 * heavy loops cost on each path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { jsCore, loadWasmCore } from '../offchain/engine/kernels/native/index.js';
import type { Conv2DShape, MatMulShape, NumericCore } from '../offchain/engine/kernels/native/index.js';
import { useBackend } from './training-tfjs.js';
import { bestTimeMs } from './training-timing.js';

const values = (size: number): Float32Array =>
  Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * 0.5);

export const MLP_MATMULS: Array<{ label: string; shape: MatMulShape }> = [
  { label: 'forward  x·W1      32×784×128', shape: { m: 32, k: 784, n: 128, transposeA: false, transposeB: false } },
  { label: 'gradient xᵀ·dH    784×32×128', shape: { m: 784, k: 32, n: 128, transposeA: true, transposeB: false } },
  { label: 'forward  h·W2      32×128×10', shape: { m: 32, k: 128, n: 10, transposeA: false, transposeB: false } },
  { label: 'gradient dY·W2ᵀ    32×10×128', shape: { m: 32, k: 10, n: 128, transposeA: false, transposeB: true } },
  { label: 'gradient hᵀ·dY    128×32×10', shape: { m: 128, k: 32, n: 10, transposeA: true, transposeB: false } },
];

const cnnLayer = (inSide: number, inChannels: number, outChannels: number): Conv2DShape => ({
  batch: 32,
  inHeight: inSide,
  inWidth: inSide,
  inChannels,
  filterHeight: 3,
  filterWidth: 3,
  outChannels,
  strideHeight: 1,
  strideWidth: 1,
  padTop: 1,
  padLeft: 1,
  outHeight: inSide,
  outWidth: inSide,
});

export const CNN_CONVS: Array<{ label: string; shape: Conv2DShape }> = [
  { label: 'conv1 28×28×1→8 ', shape: cnnLayer(28, 1, 8) },
  { label: 'conv2 14×14×8→16', shape: cnnLayer(14, 8, 16) },
];

const gflops = (flops: number, ms: number): string => (flops / ms / 1e6).toFixed(2).padStart(7);

async function tfjsMatMulMs(backend: 'cpu' | 'wasm', s: MatMulShape, budgetMs: number): Promise<number> {
  await useBackend(backend);
  const a = tf.tensor2d(values(s.m * s.k), s.transposeA ? [s.k, s.m] : [s.m, s.k]);
  const b = tf.tensor2d(values(s.k * s.n), s.transposeB ? [s.n, s.k] : [s.k, s.n]);
  // The tidy returns nothing: a returned typed array would be walked element by element (about 1.5 ms here).
  const ms = bestTimeMs(() => {
    tf.tidy(() => {
      tf.matMul(a, b, s.transposeA, s.transposeB).dataSync();
    });
  }, budgetMs);
  tf.dispose([a, b]);
  return ms;
}

type ConvKernel = 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter';
const CONV_KERNELS: ConvKernel[] = ['conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter'];

function coreConvMs(core: NumericCore, kernel: ConvKernel, s: Conv2DShape, budgetMs: number): number {
  const image = values(s.batch * s.inHeight * s.inWidth * s.inChannels);
  const filter = values(s.filterHeight * s.filterWidth * s.inChannels * s.outChannels);
  const dy = values(s.batch * s.outHeight * s.outWidth * s.outChannels);
  if (kernel === 'conv2d') return bestTimeMs(() => core.conv2d(image, filter, s), budgetMs);
  if (kernel === 'conv2dBackpropInput') return bestTimeMs(() => core.conv2dBackpropInput(dy, filter, s), budgetMs);
  return bestTimeMs(() => core.conv2dBackpropFilter(image, dy, s), budgetMs);
}

/** tfjs's own kernels for the same convolution, or undefined where the backend has no such kernel. */
async function tfjsConvMs(
  backend: 'cpu' | 'wasm',
  kernel: ConvKernel,
  s: Conv2DShape,
  budgetMs: number,
): Promise<number | undefined> {
  await useBackend(backend);
  const x = tf.tensor4d(values(s.batch * s.inHeight * s.inWidth * s.inChannels), [
    s.batch,
    s.inHeight,
    s.inWidth,
    s.inChannels,
  ]);
  const w = tf.tensor4d(values(s.filterHeight * s.filterWidth * s.inChannels * s.outChannels), [
    s.filterHeight,
    s.filterWidth,
    s.inChannels,
    s.outChannels,
  ]);
  const dy = tf.tensor4d(values(s.batch * s.outHeight * s.outWidth * s.outChannels), [
    s.batch,
    s.outHeight,
    s.outWidth,
    s.outChannels,
  ]);
  const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] } as const;
  const run = (): void => {
    tf.tidy(() => {
      const out =
        kernel === 'conv2d'
          ? tf.conv2d(x, w, 1, 'same')
          : kernel === 'conv2dBackpropInput'
            ? (tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, {
                ...attrs,
                inputShape: x.shape,
              } as never) as tf.Tensor)
            : (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
                ...attrs,
                filterShape: w.shape,
              } as never) as tf.Tensor);
      out.dataSync();
    });
  };
  try {
    return bestTimeMs(run, budgetMs);
  } catch {
    return undefined;
  } finally {
    tf.dispose([x, w, dy]);
  }
}

/** Prints the raw-kernel tables; budgetMs bounds the time spent per cell. */
export async function benchKernels(budgetMs: number): Promise<void> {
  const wasm = loadWasmCore();
  console.log('\n## Raw kernels (GFLOP/s, best run; higher is better)');
  console.log('matmul (MLP shapes)            jsCore  wasm-core  tfjs-wasm  tfjs-cpu');
  for (const { label, shape } of MLP_MATMULS) {
    const a = values(shape.m * shape.k);
    const b = values(shape.k * shape.n);
    const flops = 2 * shape.m * shape.k * shape.n;
    const js = bestTimeMs(() => jsCore.matmul(a, b, shape), budgetMs / 2, 20);
    const core = bestTimeMs(() => wasm.matmul(a, b, shape), budgetMs);
    const tfWasm = await tfjsMatMulMs('wasm', shape, budgetMs);
    const tfCpu = await tfjsMatMulMs('cpu', shape, budgetMs);
    console.log(
      `${label}  ${gflops(flops, js)}  ${gflops(flops, core)}    ${gflops(flops, tfWasm)}  ${gflops(flops, tfCpu)}`,
    );
  }
  console.log('conv (CNN shapes, batch 32)                 jsCore  wasm-core  tfjs-wasm  tfjs-cpu');
  for (const { label, shape } of CNN_CONVS) {
    const flops = 2 * shape.batch * shape.outHeight * shape.outWidth * 9 * shape.inChannels * shape.outChannels;
    for (const kernel of CONV_KERNELS) {
      const js = coreConvMs(jsCore, kernel, shape, budgetMs / 4);
      const core = coreConvMs(wasm, kernel, shape, budgetMs);
      const tfWasm = await tfjsConvMs('wasm', kernel, shape, budgetMs);
      const tfCpu = await tfjsConvMs('cpu', kernel, shape, budgetMs / 2);
      const cell = (ms: number | undefined): string => (ms === undefined ? '   none' : gflops(flops, ms));
      console.log(
        `${label} ${kernel.padEnd(20)}  ${gflops(flops, js)}  ${gflops(flops, core)}    ${cell(tfWasm)}  ${cell(tfCpu)}`,
      );
    }
  }
}
