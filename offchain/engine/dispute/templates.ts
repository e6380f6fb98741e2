/**
 * A step graph as node templates (docs/dispute-protocol.md): each node's operation, its input sources (state slot,
 * batch tensor, earlier node) and the state slot it writes. The task's `graph_root` is the Merkle root over their
 * template leaves, so the chain can check that a node a challenger points at is the one the task prescribes.
 */
import {
  encodeTemplate,
  equalBytes,
  merkleRoot,
  templateLeaf,
  type NodeTemplate,
  type OpCall,
  type TensorSource,
} from '../../referee/index.js';
import { EngineError } from '../errors.js';
import type { StepGraph } from '../model/graph.js';
import { buildStepGraph } from '../model/graph.js';
import { nodesForStep } from '../model/optimizer.js';
import type { TaskSpec } from '../spec/task.js';

/** The batch tensors' ids, by their batch source index. */
const BATCH_IDS = ['input', 'labels'];

/** What a template needs from a node, whether it comes from a graph or from an executed trace. */
export interface WiredNode {
  call: OpCall;
  inputs: readonly string[];
  output: string;
}

/** How tensor ids map to sources: the state in slot order and, per slot, the id of its next value. */
export interface StateWiring {
  stateNames: readonly string[];
  nextState: readonly string[];
}

/** Node output ids are `%<index>` (model/graph.ts). */
function nodeIndexOf(id: string): number | undefined {
  const match = /^%(\d+)$/.exec(id);
  return match === null ? undefined : Number(match[1]);
}

function sourceOf(id: string, slots: ReadonlyMap<string, number>, node: number): TensorSource {
  const batch = BATCH_IDS.indexOf(id);
  if (batch >= 0) return { kind: 'batch', index: batch };
  const slot = slots.get(id);
  if (slot !== undefined) return { kind: 'state', index: slot };
  const earlier = nodeIndexOf(id);
  if (earlier === undefined || earlier >= node) {
    throw new EngineError(`node ${node} reads ${id}, which is neither batch, state nor an earlier node`);
  }
  return { kind: 'node', index: earlier };
}

/** The templates of a list of wired nodes, in order. */
export function templatesOf(nodes: readonly WiredNode[], wiring: StateWiring): NodeTemplate[] {
  const slots = new Map(wiring.stateNames.map((name, slot) => [name, slot]));
  const writes = new Map<string, number>();
  wiring.nextState.forEach((id, slot) => {
    if (writes.has(id)) throw new EngineError(`tensor ${id} cannot become two state slots`);
    writes.set(id, slot);
  });
  return nodes.map((node, index) => {
    const inputs = node.inputs.map((id) => sourceOf(id, slots, index));
    const slot = writes.get(node.output);
    return slot === undefined ? { call: node.call, inputs } : { call: node.call, inputs, writes: slot };
  });
}

export function graphWiring(graph: StepGraph): StateWiring {
  return {
    stateNames: graph.state.map((s) => s.name),
    nextState: graph.state.map((s) => graph.nextState[s.name] as string),
  };
}

/**
 * The step graph's templates. Adam's step size varies with the step; the task's templates carry the first step's
 * value (`nodesForStep(…, 0)`), as the protocol fixes.
 */
export function graphTemplates(graph: StepGraph, nodes: readonly WiredNode[] = graph.nodes): NodeTemplate[] {
  return templatesOf(nodes, graphWiring(graph));
}

export interface GraphCommitment {
  /** Merkle root over the template leaves: the task's `graph_root`. */
  root: Uint8Array;
  /** Node count: the task's `graph_nodes`. */
  count: number;
  templates: NodeTemplate[];
  leaves: Uint8Array[];
}

/** What a submitter puts in the task: the graph root and node count, computed from the spec alone. */
export function graphCommitment(spec: TaskSpec): GraphCommitment {
  const graph = buildStepGraph(spec);
  const templates = graphTemplates(graph, nodesForStep(graph, spec.optimizer, 0));
  const leaves = templates.map(templateLeaf);
  return { root: merkleRoot(leaves), count: templates.length, templates, leaves };
}

/**
 * Whether an executed node's template is the task's: the same bytes, except AdamParam's `stepSize`, which varies
 * with the step and which the chain accepts as any value (a documented gap of the protocol).
 */
export function templateMatchesTask(executed: NodeTemplate, task: NodeTemplate): boolean {
  const normalise = (t: NodeTemplate): NodeTemplate =>
    t.call.op === 'AdamParam' ? { ...t, call: { op: 'AdamParam', attrs: { ...t.call.attrs, stepSize: 0 } } } : t;
  return equalBytes(encodeTemplate(normalise(executed)), encodeTemplate(normalise(task)));
}
