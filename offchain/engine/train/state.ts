/** The training state as plain arrays (checkpoints, hashes) and as tfjs tensors (execution). */
import * as tf from '@tensorflow/tfjs-core';
import { f32, layoutHash, stateCommitment, tensorRoot, type TensorLayout } from '../../referee/index.js';
import { SeededRandom } from '../data/rng.js';
import type { StepGraph } from '../model/graph.js';
import { encodeCheckpoint, type Checkpoint, type NamedTensor } from './checkpoint.js';
import { sizeOf } from '../model/shapes.js';

/** Seeded initial state: uniform(−limit, limit) weights from SeededRandom(seed, "init:<name>"), zeros elsewhere. */
export function initialState(graph: StepGraph, seed: number): NamedTensor[] {
  return graph.state.map((s) => {
    const size = sizeOf(s.shape);
    const values = new Float32Array(size);
    if (s.init.kind === 'uniform') {
      const rng = new SeededRandom(seed, `init:${s.name}`);
      const limit = s.init.limit;
      for (let i = 0; i < size; i++) values[i] = f32((2 * rng.nextUnit() - 1) * limit);
    }
    return { name: s.name, shape: s.shape.slice(), values };
  });
}

export function toTensors(state: readonly NamedTensor[]): tf.Tensor[] {
  return state.map((s) => tf.tensor(s.values, s.shape, 'float32'));
}

/** Reads tensors back as named arrays (copies, so later kernels can never alias a checkpoint). */
export function fromTensors(graph: StepGraph, tensors: readonly tf.Tensor[]): NamedTensor[] {
  return graph.state.map((s, i) => ({
    name: s.name,
    shape: s.shape.slice(),
    values: Float32Array.from((tensors[i] as tf.Tensor).dataSync() as Float32Array),
  }));
}

/** The tensors' current values without copying (valid until the tensors are disposed; for immediate encoding). */
export function viewTensors(graph: StepGraph, tensors: readonly tf.Tensor[]): NamedTensor[] {
  return graph.state.map((s, i) => ({
    name: s.name,
    shape: s.shape,
    values: (tensors[i] as tf.Tensor).dataSync() as Float32Array,
  }));
}

/**
 * The state commitment after `step` steps (the per-step hash, leaf `step` of the proof's step list), computed with
 * the referee's own functions: stateCommitment(layoutHash(step, names and shapes), tensorRoot of each tensor).
 * Training computes the same bytes faster (hash-ring.ts); this is the definition, and the fallback.
 */
export function stateCommitmentOf(
  step: number,
  layout: readonly TensorLayout[],
  values: readonly Float32Array[],
): Uint8Array {
  return stateCommitment(
    layoutHash(step, layout),
    values.map((v) => tensorRoot(v)),
  );
}

export function stateHash(step: number, state: readonly NamedTensor[]): Uint8Array {
  return stateCommitmentOf(
    step,
    state,
    state.map((t) => t.values),
  );
}

/** The state's layout (names and shapes, in state order), as the state commitment names it. */
export function stateLayout(graph: StepGraph): TensorLayout[] {
  return graph.state.map((s) => ({ name: s.name, shape: s.shape }));
}

/** Optimizer slots are named `<parameter>#<slot>`; everything else in the state is a model parameter. */
export function isParameter(name: string): boolean {
  return !name.includes('#');
}

/** The model alone (parameters, no optimizer slots), as checkpoint bytes: its hash is the final model hash. */
export function modelBytes(step: number, state: readonly NamedTensor[]): Uint8Array {
  const model: Checkpoint = { step, tensors: state.filter((t) => isParameter(t.name)) };
  return encodeCheckpoint(model);
}
