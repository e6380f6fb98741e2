/**
 * A kernel set runs the step graph's operations as tfjs tensors: `repro` through our registered kernels (bit-exact,
 * documented order), or a plain tfjs backend (`cpu`, `wasm`, `tensorflow` = tfjs-node when installed) through
 * tfjs's own ops, for tolerant mode.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { OpCall } from '../../referee/index.js';
import { EngineError } from '../errors.js';
import type { KernelSetName } from '../spec/task.js';
import { ensureReproBackend, REPRO_BACKEND, runReproKernel } from './repro/backend.js';
import { runTfjsOp } from './tfjs-ops.js';

export interface KernelSet {
  readonly name: KernelSetName;
  /** True when results are bit-exact and replayable anywhere (thresholds 0). */
  readonly reproducible: boolean;
  /**
   * Runs one operation. `into`, when given, is where the output may be written (a state slot of the hashing ring);
   * a kernel that does not take it returns its own array, which the caller copies. Either way the bits are the same.
   */
  run(call: OpCall, inputs: readonly tf.Tensor[], into?: Float32Array): tf.Tensor;
}

/**
 * Wraps a runner so it switches tfjs to its backend when another kernel set was activated since (tfjs's backend
 * is process-wide; switching to an initialised backend is synchronous).
 */
function onBackend(backend: string, run: KernelSet['run']): KernelSet['run'] {
  return (call, inputs, into) => {
    if (tf.getBackend() !== backend) void tf.setBackend(backend);
    return run(call, inputs, into);
  };
}

async function backendFor(name: KernelSetName): Promise<string> {
  switch (name) {
    case 'repro':
      ensureReproBackend();
      return REPRO_BACKEND;
    case 'cpu':
      return 'cpu';
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      return 'wasm';
    case 'tensorflow': {
      // Optional: present only when the user installed it; never a dependency of ours.
      const moduleName = '@tensorflow/tfjs-node';
      try {
        await import(moduleName);
      } catch (cause) {
        throw new EngineError('kernel set "tensorflow" needs @tensorflow/tfjs-node, which is not installed', { cause });
      }
      return 'tensorflow';
    }
  }
}

/** Activates the kernel set's tfjs backend (process-wide) and returns the set. */
export async function loadKernelSet(name: KernelSetName): Promise<KernelSet> {
  // Production mode: no tfjs debug checks, and no console banner suggesting tfjs-node.
  tf.env().set('PROD', true);
  const backend = await backendFor(name);
  if (tf.getBackend() !== backend) {
    const ok = await tf.setBackend(backend);
    if (!ok) throw new EngineError(`the tfjs backend ${backend} failed to initialise`);
  }
  if (name === 'repro') return { name, reproducible: true, run: onBackend(backend, runReproKernel) };
  return { name, reproducible: false, run: onBackend(backend, (call, inputs) => runTfjsOp(call, inputs)) };
}
