/**
 * What-if section of bench/training: the `repro` kernels with the wasm light kernels (native/light-kernels.ts) in
 * place of the JS SgdUpdate, MomentumParam, MomentumVelocity, Relu, ReluGrad, BiasAdd, BiasGrad, MaxPool and
 * MaxPoolGrad, to show what adopting them would give. It swaps those kernels of the `repro` backend in this process
 * only (and swaps them back), and checks that the final state is bitwise the same as with the JS kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import {
  loadKernelSet,
  REPRO_BACKEND,
  trainSession,
  useNumericCore,
  type TaskSession,
} from '../offchain/engine/index.js';
import { loadWasmCore, loadWasmLightKernels } from '../offchain/engine/kernels/native/index.js';
import { outputShape, type Attrs, type OpCall } from '../offchain/referee/index.js';
import { trainTiming } from './training-repro.js';
import { formatTiming, ratio, type StepTiming } from './training-timing.js';
import type { Baselines } from './training-compare.js';

type Replacement<K extends keyof Attrs> = (inputs: Float32Array[], attrs: Attrs[K]) => Float32Array;

function replacements(): { [K in keyof Attrs]?: Replacement<K> } {
  const light = loadWasmLightKernels();
  const at = (inputs: Float32Array[], i: number): Float32Array => inputs[i] as Float32Array;
  return {
    SgdUpdate: (x, a) => light.sgdUpdate(at(x, 0), at(x, 1), a.learningRate),
    MomentumParam: (x, a) => light.sgdUpdate(at(x, 0), at(x, 1), a.learningRate),
    MomentumVelocity: (x, a) => light.momentumVelocity(at(x, 0), at(x, 1), a.momentum),
    Relu: (x) => light.relu(at(x, 0)),
    ReluGrad: (x) => light.reluGrad(at(x, 0), at(x, 1)),
    BiasAdd: (x, a) => light.biasAdd(at(x, 0), at(x, 1), a.rows, a.cols),
    BiasGrad: (x, a) => light.biasGrad(at(x, 0), a.rows, a.cols),
    MaxPool: (x, a) => light.maxPool(at(x, 0), a),
    MaxPoolGrad: (x, a) => light.maxPoolGrad(at(x, 0), at(x, 1), a),
  };
}

const originals = new Map<string, tf.KernelConfig>();

/**
 * Switches the `repro` backend's light kernels between the engine's JS ones (on = false) and the wasm ones
 * (on = true), in this process only.
 */
export function useLightKernels(on: boolean): void {
  for (const [op, run] of Object.entries(replacements()) as Array<[keyof Attrs, Replacement<keyof Attrs>]>) {
    const current = tf.getKernel(op, REPRO_BACKEND);
    if (current === undefined) throw new Error(`kernel ${op} is not registered for ${REPRO_BACKEND}`);
    if (!originals.has(op)) originals.set(op, current);
    tf.unregisterKernel(op, REPRO_BACKEND);
    tf.registerKernel(on ? lightConfig(op, run) : (originals.get(op) as tf.KernelConfig));
  }
}

function lightConfig(op: keyof Attrs, run: Replacement<keyof Attrs>): tf.KernelConfig {
  return {
    kernelName: op,
    backendName: REPRO_BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as MathBackendCPU;
      const arrays = Object.keys(inputs)
        .sort()
        .map((name) => cpu.data.get((inputs[name] as tf.TensorInfo).dataId).values as Float32Array);
      const opAttrs = attrs as unknown as Attrs[keyof Attrs];
      const values = run(arrays, opAttrs as never);
      return cpu.makeTensorInfo(outputShape({ op, attrs: opAttrs } as OpCall), 'float32', values);
    },
  };
}

/** The final state of a short run, for the bitwise cross-check. */
export async function finalStateBytes(session: TaskSession, steps: number): Promise<Uint8Array[]> {
  const result = await trainSession(session, { steps, proof: false, evaluate: false });
  return result.finalState.map((t) => new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
}

export function sameBytes(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((x, i) => Buffer.compare(x, b[i] as Uint8Array) === 0);
}

type Variant = 'js' | 'light';
const better = (a: StepTiming | undefined, b: StepTiming): StepTiming =>
  a === undefined || b.msPerStep < a.msPerStep ? b : a;

/**
 * The example tasks with the engine's JS light kernels and with the wasm ones, alternated round by round so both
 * see the same machine load (best of each); also checks that both give bitwise the same final state.
 */
export async function benchWhatIf(
  baselines: Baselines,
  sessions: { mlp: TaskSession; cnn: TaskSession },
  quick: boolean,
): Promise<void> {
  console.log('\n## What if kernels/repro adopted the wasm light kernels (native/light-kernels.ts)?');
  await loadKernelSet('repro');
  useNumericCore(loadWasmCore());
  const reference = { mlp: await finalStateBytes(sessions.mlp, 20), cnn: await finalStateBytes(sessions.cnn, 4) };
  useLightKernels(true);
  const same =
    sameBytes(reference.mlp, await finalStateBytes(sessions.mlp, 20)) &&
    sameBytes(reference.cnn, await finalStateBytes(sessions.cnn, 4));
  console.log(`final states after 20 MLP and 4 CNN steps bitwise equal to the JS kernels' run: ${same ? 'yes' : 'NO'}`);
  const best: Record<Variant, { mlp?: StepTiming; mlpProof?: StepTiming; cnn?: StepTiming }> = { js: {}, light: {} };
  for (let round = 0; round < (quick ? 2 : 4); round++) {
    for (const variant of ['js', 'light'] as const) {
      useLightKernels(variant === 'light');
      const b = best[variant];
      b.mlp = better(b.mlp, await trainTiming(sessions.mlp, loadWasmCore(), quick ? 25 : 50, 1, false));
      b.mlpProof = better(b.mlpProof, await trainTiming(sessions.mlp, loadWasmCore(), quick ? 25 : 50, 1, true));
      b.cnn = better(b.cnn, await trainTiming(sessions.cnn, loadWasmCore(), quick ? 8 : 15, 1, false));
    }
  }
  useLightKernels(false);
  for (const variant of ['js', 'light'] as const) {
    const { mlp, mlpProof, cnn } = best[variant] as Required<(typeof best)['js']>;
    const label = variant === 'js' ? 'JS light kernels' : 'wasm light kernels';
    const overhead = ((mlpProof.msPerStep / mlp.msPerStep - 1) * 100).toFixed(1);
    console.log(
      formatTiming(`MLP, ${label}`, mlp, `   ${ratio(mlp.msPerStep / baselines.mlpWasm.msPerStep)} tfjs wasm time`),
    );
    console.log(formatTiming(`MLP, ${label}, proof on`, mlpProof, `   proof overhead ${overhead} %`));
    console.log(
      formatTiming(
        `CNN, ${label}`,
        cnn,
        `   ${ratio(baselines.cnnCpu.msPerStep / cnn.msPerStep)} faster than tfjs cpu`,
      ),
    );
  }
}
