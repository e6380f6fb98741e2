/**
 * The trace of one training step: its graph as executed (forward, backward, update), in order, with every
 * tensor committed as a Merkle root over fixed-size chunks (referee/merkle.ts), and the tensors themselves kept so
 * that a party can answer with element proofs and partial results.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tensorRoot, type OpCall, type TensorLayout } from '../../referee/index.js';
import { toHex, type HashHex } from '../hash.js';
import type { Phase } from '../model/graph.js';
import type { NamedTensor } from '../train/checkpoint.js';
import { runStep } from '../train/execute.js';
import type { TaskSession } from '../train/session.js';
import { toTensors } from '../train/state.js';
import { hooksFor, type Fault } from '../train/train.js';

export interface TraceNode {
  index: number;
  phase: Phase;
  call: OpCall;
  /** Ids of the input tensors. */
  inputs: string[];
  output: string;
  /** Merkle root of the output tensor. */
  outputRoot: HashHex;
}

export interface StepTrace {
  /** 0-based step: the trace leads from the state after `step` steps to the state after `step + 1`. */
  step: number;
  /** The state tensors' names and shapes, in state order (parameters, then optimizer slots). */
  layout: TensorLayout[];
  /** For each state slot, the id of the tensor holding its value after the step (a node's output). */
  nextState: string[];
  nodes: TraceNode[];
  /** Every tensor of the step by id: the batch ('input', 'labels'), the state before it, every node output. */
  tensors: Map<string, Float32Array>;
  /** The Merkle root of every tensor by id. */
  roots: Map<string, Uint8Array>;
}

/** Runs 0-based `step` from `state`, recording the trace; `fault` makes it the trace of a tampering party. */
export function traceStep(session: TaskSession, state: readonly NamedTensor[], step: number, fault?: Fault): StepTrace {
  const tensors = new Map<string, Float32Array>();
  const nodes: TraceNode[] = [];
  const batch = session.batchTensors(step);
  tensors.set('input', Float32Array.from(batch.x.dataSync() as Float32Array));
  tensors.set('labels', Float32Array.from(batch.labels.dataSync() as Float32Array));
  state.forEach((s) => tensors.set(s.name, s.values));
  const stateTensors = toTensors(state);
  const base = session.nodesAt(step);
  const executed = fault?.step === step && fault.rewrite ? fault.rewrite(base) : base;
  const hooks = hooksFor(fault?.step === step ? fault : undefined);
  const result = runStep(session.kernels, session.graph, executed, stateTensors, batch, {
    ...hooks,
    onNode: (node, output) => {
      tensors.set(node.output, Float32Array.from(output.dataSync() as Float32Array));
      nodes.push({
        index: node.index,
        phase: node.phase,
        call: node.call,
        inputs: node.inputs,
        output: node.output,
        outputRoot: '0x',
      });
    },
  });
  tf.dispose([batch.x, batch.labels, result.loss, ...result.next, ...stateTensors]);
  const roots = new Map<string, Uint8Array>();
  for (const [id, values] of tensors) roots.set(id, tensorRoot(values));
  for (const node of nodes) node.outputRoot = toHex(roots.get(node.output) as Uint8Array);
  const layout = session.graph.state.map((s) => ({ name: s.name, shape: s.shape.slice() }));
  const nextState = session.graph.state.map((s) => session.graph.nextState[s.name] as string);
  return { step, layout, nextState, nodes, tensors, roots };
}
