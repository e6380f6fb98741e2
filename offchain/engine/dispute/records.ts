/**
 * What a party commits about one executed step (docs/dispute-protocol.md, phase 2): the node records (template as
 * executed, input roots, output root) and the openings of the state commitments before and after the step, which
 * are the per-step hashes `H_t` of the proof.
 */
import {
  layoutHash,
  merkleProof,
  merkleRoot,
  recordLeaf,
  stateCommitment,
  type MerkleProof,
  type NodeRecord,
  type NodeTemplate,
} from '../../referee/index.js';
import { EngineError } from '../errors.js';
import { templatesOf } from './templates.js';
import type { StepTrace } from './trace.js';

/** A state commitment opened: its layout hash and the state tensors' roots, in state order. */
export interface StateOpening {
  layout: Uint8Array;
  roots: Uint8Array[];
}

function rootOf(trace: StepTrace, id: string): Uint8Array {
  const root = trace.roots.get(id);
  if (root === undefined) throw new EngineError(`step ${trace.step}'s trace has no tensor ${id}`);
  return root;
}

/** The trace's node records, in execution order; templates carry the operations as executed. */
export function nodeRecords(trace: StepTrace): NodeRecord[] {
  const templates = templatesOf(trace.nodes, {
    stateNames: trace.layout.map((t) => t.name),
    nextState: trace.nextState,
  });
  return trace.nodes.map((node, i) => ({
    template: templates[i] as NodeTemplate,
    inputRoots: node.inputs.map((id) => rootOf(trace, id)),
    outputRoot: rootOf(trace, node.output),
  }));
}

/** The node-record tree: its leaves, root and count (what `commit_graph` posts). */
export interface RecordTree {
  records: NodeRecord[];
  leaves: Uint8Array[];
  root: Uint8Array;
  count: number;
}

export function recordTree(records: NodeRecord[]): RecordTree {
  const leaves = records.map(recordLeaf);
  return { records, leaves, root: merkleRoot(leaves), count: records.length };
}

/** A record with its proof under the record root. */
export interface ProvenRecord {
  index: number;
  record: NodeRecord;
  proof: MerkleProof;
}

export function provenRecord(tree: RecordTree, index: number): ProvenRecord {
  const record = tree.records[index];
  if (record === undefined) throw new EngineError(`node ${index} does not exist (the step has ${tree.count})`);
  return { index, record, proof: merkleProof(tree.leaves, index) };
}

/** The state before the step (after `trace.step` steps): its commitment is the proof's `H_step`. */
export function openingBefore(trace: StepTrace): StateOpening {
  return {
    layout: layoutHash(trace.step, trace.layout),
    roots: trace.layout.map((t) => rootOf(trace, t.name)),
  };
}

/** The state after the step: its commitment is the proof's `H_{step+1}`. */
export function openingAfter(trace: StepTrace): StateOpening {
  return {
    layout: layoutHash(trace.step + 1, trace.layout),
    roots: trace.nextState.map((id) => rootOf(trace, id)),
  };
}

export function committedState(opening: StateOpening): Uint8Array {
  return stateCommitment(opening.layout, opening.roots);
}
