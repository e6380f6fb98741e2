/**
 * Runs one training step: the graph's nodes in order on a kernel set. Hooks see every node's output (traces) and
 * may replace it (fault injection: the protocol's forced errors, and tests of tampered proofs).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelSet } from '../kernels/kernel-set.js';
import type { GraphNode, StepGraph } from '../model/graph.js';

export interface StepHooks {
  /** Called with each node's output (after any override) and its inputs, in execution order. */
  onNode?(node: GraphNode, output: tf.Tensor, inputs: readonly tf.Tensor[]): void;
  /** Returns a replacement for a node's output, or undefined to keep it. */
  override?(node: GraphNode, output: tf.Tensor, inputs: readonly tf.Tensor[]): tf.Tensor | undefined;
}

export interface StepInputs {
  x: tf.Tensor;
  labels: tf.Tensor;
}

/**
 * Where each state tensor's next value may be written (graph.state order), e.g. the hashing ring's reserved slot:
 * the node that produces it writes there when its kernel can (KernelSet.run's `into`).
 */
export type StateTargets = readonly Float32Array[];

export interface StepResult {
  /** The next state, in graph.state order (the caller owns and disposes them). */
  next: tf.Tensor[];
  loss: tf.Tensor;
}

/** Executes nodes (forward only, or the whole step) and returns the requested tensors, kept past the tidy. */
export function runNodes(
  kernels: KernelSet,
  graph: StepGraph,
  nodes: readonly GraphNode[],
  state: readonly tf.Tensor[],
  inputs: StepInputs,
  wanted: readonly string[],
  hooks: StepHooks = {},
  targets?: StateTargets,
): tf.Tensor[] {
  const targetOf = new Map<string, Float32Array>();
  if (targets !== undefined) {
    graph.state.forEach((s, i) => targetOf.set(graph.nextState[s.name] as string, targets[i] as Float32Array));
  }
  return tf.tidy(() => {
    const values = new Map<string, tf.Tensor>([
      ['input', inputs.x],
      ['labels', inputs.labels],
    ]);
    graph.state.forEach((s, i) => values.set(s.name, state[i] as tf.Tensor));
    for (const node of nodes) {
      const args = node.inputs.map((id) => values.get(id) as tf.Tensor);
      let output = kernels.run(node.call, args, targetOf.get(node.output));
      const replaced = hooks.override?.(node, output, args);
      if (replaced !== undefined) output = replaced;
      hooks.onNode?.(node, output, args);
      values.set(node.output, output);
    }
    return wanted.map((id) => values.get(id) as tf.Tensor);
  });
}

export function runStep(
  kernels: KernelSet,
  graph: StepGraph,
  nodes: readonly GraphNode[],
  state: readonly tf.Tensor[],
  inputs: StepInputs,
  hooks?: StepHooks,
  targets?: StateTargets,
): StepResult {
  const wanted = [...graph.state.map((s) => graph.nextState[s.name] as string), graph.loss];
  const out = runNodes(kernels, graph, nodes, state, inputs, wanted, hooks, targets);
  return { next: out.slice(0, -1), loss: out[out.length - 1] as tf.Tensor };
}
