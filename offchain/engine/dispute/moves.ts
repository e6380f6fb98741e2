/**
 * The arguments of each on-chain dispute move (docs/dispute-protocol.md), as the engine produces them from a
 * party's trace. Hashes are raw 32-byte arrays; Merkle proofs are the referee's (leaf index, leaf count, siblings).
 */
import type { ElementProof, MerkleProof, NodeRecord, NodeTemplate } from '../../referee/index.js';
import type { ProvenRecord, StateOpening } from './records.js';

/** A hash proven at its index under a root over `leafHash(hash)` leaves. */
export interface ProvenHash {
  hash: Uint8Array;
  proof: MerkleProof;
}

/** Challenger, phase 1: the first disputed step `t` (leaf index), with `H_{t−1}` (agreed) and `H_t` (disputed). */
export interface StepMove {
  step: number;
  agreed: ProvenHash;
  disputed: ProvenHash;
}

/** Claimant, phase 2: the node-record root and count, and both state commitments opened. */
export interface CommitGraphMove {
  root: Uint8Array;
  count: number;
  before: StateOpening;
  after: StateOpening;
}

/** The node a challenger names in phase 2: the claimant's record there, and the task's template at that index. */
export interface NodePointer {
  node: ProvenRecord;
  template: NodeTemplate;
  /** The template's proof under the task's `graph_root`. */
  templateProof: MerkleProof;
}

/** Challenger, phase 2: the first node whose output it disputes. */
export interface PointNodeMove extends NodePointer {
  kind: 'node';
}

/**
 * Challenger, phase 2, instead of pointing: the claimant's records contradict themselves, its openings or the
 * task, which ends the dispute against it at once.
 */
export type InconsistencyMove = NodePointer &
  (
    | /** Input `input` of the node reads state slot s, but its root is not the opened `before.roots[s]`. */
      { kind: 'stateInput'; input: number }
      /** Input `input` of the node reads node p's output, but its root is not record p's output root. */
    | { kind: 'nodeInput'; input: number; source: ProvenRecord }
    /** The node writes state slot s, but its output root is not the opened `after.roots[s]`. */
    | { kind: 'writtenState' }
    /** The node's template is not the task's template at its index (AdamParam's stepSize aside). */
    | { kind: 'template' }
  );

export type NodeMove = PointNodeMove | InconsistencyMove;

/** Challenger, phase 3: the first disputed element of the pointed node's output, proven under its output root. */
export interface PointElementMove {
  element: number;
  proof: ElementProof;
}

/** A partial result proven at its index under the partials root (leaves are `partialLeaf(value)`). */
export interface ProvenPartial {
  value: number;
  proof: MerkleProof;
}

/**
 * Claimant, phase 4: the partial results of the element's program; the last one equals the element's value. An
 * empty program (count 0) has no last leaf: the claimant goes on to supply the data that proves it empty.
 */
export interface CommitPartialsMove {
  root: Uint8Array;
  count: number;
  last?: ProvenPartial;
}

/** Challenger, phase 4: the first disputed partial `a`, and partial `a − 1` (agreed) unless `a = 0`. */
export interface PointPartialMove {
  partial: number;
  disputed: ProvenPartial;
  agreed?: ProvenPartial;
}

/** One scalar of one of the node's inputs, proven under the record's input root at that position. */
export interface InputScalar {
  input: number;
  proof: ElementProof;
}

/**
 * Claimant, phase 4: the operands the disputed scalar step reads (in the step's order), and the data scalars the
 * element's program depends on (the labels a loss picks, the window maxima a pooling gradient routes to), so the
 * chain can build the program itself before recomputing the step.
 */
export interface SupplyOperandsMove {
  operands: InputScalar[];
  data: InputScalar[];
}

/** The claimant's side as a challenger sees it: what the claimant published for the disputed step. */
export interface ClaimantView {
  records: NodeRecord[];
  commit: CommitGraphMove;
  /** The claimant's output tensor of a node (published with its records). */
  output(node: number): Float32Array;
  /** The claimant's partial results of one element (published with `commit_partials`). */
  partials(node: number, element: number): number[];
}
