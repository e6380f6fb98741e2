/**
 * The plain-tfjs baselines of bench/training: the example tasks' models (the MNIST MLP 784-128-10 and the small CNN)
 * written with plain tfjs ops, autodiff and tfjs optimizers, trained on tfjs's own `cpu` and `wasm` (SIMD) backends
 * with the engine's batches, so the `repro` figures have a baseline from the same run on the same data.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradient functions; the `@tensorflow/tfjs` bundle does (a dev dependency, for
// these baselines only: the engine's `repro` training writes its backward pass explicitly).
import '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { StepFunction } from './training-timing.js';
import type { Batch } from '../offchain/engine/data/batches.js';

const require = createRequire(import.meta.url);

/** Loads the tfjs wasm backend from the package's own dist folder (no download), SIMD on, no threads. */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm' && !tf.findBackend('wasm')) {
    setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
    await import('@tensorflow/tfjs-backend-wasm');
  }
  await tf.setBackend(name);
  await tf.ready();
}

export type ModelKind = 'mlp' | 'cnn';

function glorot(shape: number[], fanIn: number, fanOut: number, seed: number): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed));
}

/**
 * Builds the model's variables on the current backend and returns its training step (the example task's
 * optimizer); each step builds its batch tensors from typed arrays, as a training loop does.
 */
export function tfjsTrainer(kind: ModelKind, batchOf: (step: number) => Batch): StepFunction {
  // The optimizers of examples/mnist-mlp.json and examples/mnist-cnn.json.
  const optimizer = kind === 'mlp' ? tf.train.sgd(0.1) : tf.train.momentum(0.05, 0.9);
  const forward = kind === 'mlp' ? mlp() : cnn();
  return (step) => {
    const { x, labels } = batchOf(step);
    const count = labels.length;
    tf.tidy(() => {
      const images = kind === 'mlp' ? tf.tensor2d(x, [count, 784]) : tf.tensor4d(x, [count, 28, 28, 1]);
      const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(oneHot, forward(images)) as tf.Scalar);
    });
  };
}

function mlp(): (x: tf.Tensor) => tf.Tensor {
  const w1 = glorot([784, 128], 784, 128, 1);
  const b1 = tf.variable(tf.zeros([128]));
  const w2 = glorot([128, 10], 128, 10, 2);
  const b2 = tf.variable(tf.zeros([10]));
  return (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, w1), b1)), w2), b2);
}

/** examples/mnist-cnn.json: conv 3×3×8 → relu → maxPool 2 → conv 3×3×16 → relu → maxPool 2 → dense 10 (all 'valid'). */
function cnn(): (x: tf.Tensor) => tf.Tensor {
  const k1 = glorot([3, 3, 1, 8], 9, 72, 3) as tf.Variable<tf.Rank.R4>;
  const c1 = tf.variable(tf.zeros([8]));
  const k2 = glorot([3, 3, 8, 16], 72, 144, 4) as tf.Variable<tf.Rank.R4>;
  const c2 = tf.variable(tf.zeros([16]));
  const w = glorot([400, 10], 400, 10, 5);
  const b = tf.variable(tf.zeros([10]));
  return (x) => {
    const h1 = tf.maxPool(
      tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, k1, 1, 'valid'), c1)) as tf.Tensor4D,
      2,
      2,
      'valid',
    );
    const h2 = tf.maxPool(tf.relu(tf.add(tf.conv2d(h1, k2, 1, 'valid'), c2)) as tf.Tensor4D, 2, 2, 'valid');
    return tf.add(tf.matMul(tf.reshape(h2, [-1, 400]), w), b);
  };
}

/** Frees the variables a trainer created, so the next configuration starts from a clean engine. */
export function disposeVariables(): void {
  tf.disposeVariables();
}
