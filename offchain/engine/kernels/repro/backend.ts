/**
 * The `repro` backend: tfjs-backend-cpu's tensor storage with our kernels registered under our operation names.
 * Registering a kernel that already exists is an error here (tfjs only warns), so a kernel can never be silently
 * replaced by another with a different float order.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { OP_NAMES, outputShape, type OpCall, type OpName } from '../../../referee/index.js';
import { INPUT_COUNT, REPRO_IMPLS, type KernelImpl } from './impls.js';

export const REPRO_BACKEND = 'repro';

export class KernelRegistrationError extends Error {
  override readonly name = 'KernelRegistrationError';
}

/** Registers a kernel, refusing to replace one that is already registered for that backend. */
export function registerKernelStrict(config: tf.KernelConfig): void {
  if (tf.getKernel(config.kernelName, config.backendName) !== undefined) {
    throw new KernelRegistrationError(
      `kernel ${config.kernelName} is already registered for backend ${config.backendName}`,
    );
  }
  tf.registerKernel(config);
}

function kernelConfig<K extends OpName>(op: K): tf.KernelConfig {
  const impl = REPRO_IMPLS[op] as KernelImpl<K>;
  const count = INPUT_COUNT[op];
  return {
    kernelName: op,
    backendName: REPRO_BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as MathBackendCPU;
      const arrays: Float32Array[] = [];
      for (let i = 0; i < count; i++) {
        const input = inputs[`in${i}`];
        if (input === undefined) throw new KernelRegistrationError(`${op} needs input in${i}`);
        arrays.push(cpu.data.get(input.dataId).values as Float32Array);
      }
      const opAttrs = attrs as unknown as OpCall['attrs'];
      const into = outputTarget;
      outputTarget = undefined;
      const values = impl(arrays, opAttrs as never, into);
      return cpu.makeTensorInfo(outputShape({ op, attrs: opAttrs } as OpCall), 'float32', values);
    },
  };
}

let registered = false;

/** Registers the `repro` backend and its kernels once per process (later calls are no-ops). */
export function ensureReproBackend(): void {
  if (registered) return;
  // Priority −1: never picked as tfjs's default backend; used only when a task names it.
  tf.registerBackend(REPRO_BACKEND, () => new MathBackendCPU(), -1);
  for (const op of OP_NAMES) registerKernelStrict(kernelConfig(op));
  registered = true;
}

/**
 * Where the next kernel call may write its output (KernelSet.run's `into`): handed over beside tfjs's engine, whose
 * attributes are for the operation, and taken by that one call.
 */
let outputTarget: Float32Array | undefined;

/** Runs one operation through tfjs's engine on the active backend's registered kernel. */
export function runReproKernel(call: OpCall, inputs: readonly tf.Tensor[], into?: Float32Array): tf.Tensor {
  const named: tf.NamedTensorMap = {};
  inputs.forEach((t, i) => (named[`in${i}`] = t));
  outputTarget = into;
  try {
    return tf.engine().runKernel(call.op, named, call.attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  } finally {
    outputTarget = undefined;
  }
}
