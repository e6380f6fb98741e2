/**
 * What-if section of bench/training: the `repro` kernels with the wasm light kernels (native/light-kernels.ts) in
 * place of the JS SgdUpdate, MomentumParam, MomentumVelocity, Relu, ReluGrad, BiasAdd, BiasGrad, MaxPool and
 * MaxPoolGrad, to show what adopting them would give. It re-registers those kernels for the `repro` backend in this
 * process only, so it runs last; it also checks that the final state is bitwise the same as with the JS kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { REPRO_BACKEND, trainSession, useNumericCore, type TaskSession } from '../offchain/engine/index.js';
import { loadWasmCore, loadWasmLightKernels } from '../offchain/engine/kernels/native/index.js';
import { outputShape, type Attrs, type OpCall } from '../offchain/referee/index.js';
import { line, trainTiming } from './training-repro.js';
import { ratio, type StepTiming } from './training-timing.js';
import type { Baselines } from './training.js';

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

/** Swaps the JS light kernels of the `repro` backend for the wasm ones (irreversible within this process). */
export function adoptLightKernels(): void {
  for (const [op, run] of Object.entries(replacements()) as Array<[keyof Attrs, Replacement<keyof Attrs>]>) {
    tf.unregisterKernel(op, REPRO_BACKEND);
    tf.registerKernel({
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
    });
  }
}

/** The final state of a short run, for the bitwise cross-check. */
export async function finalStateBytes(session: TaskSession, steps: number): Promise<Uint8Array[]> {
  const result = await trainSession(session, { steps, proof: false, evaluate: false });
  return result.finalState.map((t) => new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
}

export function sameBytes(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((x, i) => Buffer.compare(x, b[i] as Uint8Array) === 0);
}

/** Times both example tasks again after adopting the light kernels, and checks the bits did not change. */
export async function benchWhatIf(
  baselines: Baselines,
  before: { mlp: StepTiming; cnn: StepTiming },
  sessions: { mlp: TaskSession; cnn: TaskSession },
  quick: boolean,
): Promise<void> {
  console.log('\n## What if kernels/repro adopted the wasm light kernels (native/light-kernels.ts)?');
  useNumericCore(loadWasmCore());
  const reference = { mlp: await finalStateBytes(sessions.mlp, 20), cnn: await finalStateBytes(sessions.cnn, 4) };
  adoptLightKernels();
  const same =
    sameBytes(reference.mlp, await finalStateBytes(sessions.mlp, 20)) &&
    sameBytes(reference.cnn, await finalStateBytes(sessions.cnn, 4));
  const mlp = await trainTiming(sessions.mlp, loadWasmCore(), quick ? 40 : 150, quick ? 2 : 3, false);
  const mlpProof = await trainTiming(sessions.mlp, loadWasmCore(), quick ? 40 : 150, quick ? 2 : 3, true);
  const cnn = await trainTiming(sessions.cnn, loadWasmCore(), quick ? 10 : 40, quick ? 2 : 3, false);
  console.log(`final states after 20 MLP and 4 CNN steps bitwise equal to the JS kernels' run: ${same ? 'yes' : 'NO'}`);
  console.log(line('MLP, repro + light kernels', mlp, `   ${ratio(before.mlp.msPerStep / mlp.msPerStep)} faster`));
  console.log(
    line(
      'MLP, same, proof on',
      mlpProof,
      `   overhead ${((mlpProof.msPerStep / mlp.msPerStep - 1) * 100).toFixed(1)} %`,
    ),
  );
  console.log(line('CNN, repro + light kernels', cnn, `   ${ratio(before.cnn.msPerStep / cnn.msPerStep)} faster`));
  console.log(`MLP repro time / tfjs wasm-SIMD time   ${ratio(mlp.msPerStep / baselines.mlpWasm.msPerStep)}  [≤ 1.5×]`);
  console.log(`CNN repro speed-up over tfjs cpu       ${ratio(baselines.cnnCpu.msPerStep / cnn.msPerStep)}  [≥ 10×]`);
}
