/** The disputes pallet's SCALE types, declared once: the phase machine (phase-machine.ts) works on these. */
import { bytes, enumType, option, struct, u32, vec, type TypeOf } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber, H256 } from '../types/primitives.js';
import { TaskId } from '../tasks/types.js';

const CRATE = 'pallet_veritrain_disputes';

export const DisputePhase = enumType([CRATE, 'DisputePhase'], {
  Step: { index: 0, docs: ['Find the first step of the segment whose state hash is disputed.'] },
  GraphNode: { index: 1, docs: ['Find the first operation of that step whose output differs, its inputs agreed.'] },
  Element: { index: 2, docs: ['Find one disputed output element of that operation.'] },
  Accumulation: {
    index: 3,
    docs: ['Find the first disputed partial result of that element; the chain recomputes it.'],
  },
});
export type DisputePhaseName = TypeOf<typeof DisputePhase>['type'];

export const Party = enumType([CRATE, 'Party'], {
  Claimant: { index: 0, docs: ['The solver, defending its computation.'] },
  Challenger: { index: 1, docs: ['Whoever disputes it (whistleblower or verifier).'] },
});
export type PartyName = TypeOf<typeof Party>['type'];

export const ExpectedMove = enumType([CRATE, 'ExpectedMove'], {
  CommitList: { index: 0, docs: ["The claimant commits the current phase's list (Merkle root and length)."] },
  PointIndex: { index: 1, docs: ['The challenger names the first disputed index of the list.'] },
  SupplyOperands: { index: 2, docs: ['The claimant supplies the operands of the disputed accumulation step.'] },
});
export type ExpectedMoveName = TypeOf<typeof ExpectedMove>['type'];

export const RecordLink = enumType([CRATE, 'RecordLink'], {
  StateInput: {
    index: 0,
    docs: ['An input read from a state slot has a root other than the opened state root before the step.'],
  },
  NodeInput: {
    index: 1,
    docs: ["An input read from an earlier node has a root other than that node's recorded output root."],
  },
  WrittenSlot: {
    index: 2,
    docs: ['A node that writes a state slot has an output root other than the opened state root after the step.'],
  },
  Template: {
    index: 3,
    docs: ["The record's template is not the task's template at its index (beyond Adam's per-step `stepSize`)."],
  },
});
export type RecordLinkName = TypeOf<typeof RecordLink>['type'];

export const Resolution = enumType([CRATE, 'Resolution'], {
  Timeout: { index: 0, docs: ['The party on turn let its deadline pass.'] },
  Recomputed: { index: 1, docs: ['The chain recomputed the disputed step with the referee.'] },
  Inconsistent: {
    index: 2,
    fields: { node: u32, link: RecordLink },
    docs: ["The challenger proved the claimant's node records break `link` at `node`: the claimant loses."],
  },
  ProgramLength: {
    index: 3,
    docs: ["The claimant's partial list is not as long as the element's program: the claimant loses."],
  },
  ProgramUndefined: {
    index: 4,
    docs: ["The claimant's own proven data leaves the element's program undefined (a label that is no class)."],
  },
});
export type Resolution = TypeOf<typeof Resolution>;

export const DisputePath = struct([CRATE, 'DisputePath'], {
  step: option(u32),
  node: option(u32),
  element: option(u32),
  accumulation: option(u32),
});
export type DisputePath = TypeOf<typeof DisputePath>;

export const IndexRange = struct([CRATE, 'IndexRange'], { first: u32, last: u32 });

export const DisputeGame = enumType([CRATE, 'DisputeGame'], {
  Open: {
    index: 0,
    fields: {
      phase: DisputePhase,
      expects: ExpectedMove,
      turn: Party,
      deadline: { type: BlockNumber, docs: ['Last block at which the party on turn may still move.'] },
      range: { type: option(IndexRange), docs: ['Inclusive range the challenger may point into.'] },
      path: DisputePath,
    },
    docs: ['Waiting on `turn`.'],
  },
  Resolved: { index: 1, fields: { winner: Party, reason: Resolution, path: DisputePath }, docs: ['Decided.'] },
});
export type DisputeGame = TypeOf<typeof DisputeGame>;

/** The two state hashes around the disputed step, proven under the proof's `step_root`. */
export const StepHashes = struct([CRATE, 'StepHashes'], {
  before: { type: H256, docs: ['H_{t−1}, agreed.'] },
  after: { type: H256, docs: ['H_t, disputed.'] },
});

/** The claimant's node list of the disputed step and its opening of both state commitments. */
export const GraphCommitment = struct([CRATE, 'GraphCommitment'], {
  node_root: { type: H256, docs: ['Merkle root over the record leaves (referee `recordLeaf`).'] },
  node_count: u32,
  roots_before: { type: vec(H256), docs: ['State tensor roots before the step, in state order.'] },
  roots_after: { type: vec(H256), docs: ['State tensor roots after the step.'] },
});
export type GraphCommitment = TypeOf<typeof GraphCommitment>;

/** One node record as a challenger submits it, with its Merkle siblings under the claimant's node root. */
export const NodeRecordProof = struct([CRATE, 'NodeRecordProof'], {
  template: { type: bytes, docs: ['Template bytes (referee `encodeTemplate`).'] },
  input_roots: vec(H256),
  output_root: H256,
  siblings: vec(H256),
});
export type NodeRecordProof = TypeOf<typeof NodeRecordProof>;

/** The pointed node's record, kept for the element and accumulation phases. */
export const PointedNode = struct([CRATE, 'PointedNode'], {
  template: bytes,
  input_roots: vec(H256),
  output_root: H256,
});
export type PointedNode = TypeOf<typeof PointedNode>;

export const PartialList = struct([CRATE, 'PartialList'], { root: H256, count: u32 });

/** The pointed partial result and the agreed one before it, as float32 bit patterns. */
export const PointedPartial = struct([CRATE, 'PointedPartial'], {
  claimed: { type: u32, docs: ["The claimant's partial `a` (float32 bits)."] },
  previous: { type: u32, docs: ["Partial `a − 1`, or the program's init when `a = 0` (float32 bits)."] },
});
export type PointedPartial = TypeOf<typeof PointedPartial>;

/** One scalar of an input tensor with its 1 KiB chunk and Merkle siblings (referee `ElementProof`). */
export const ScalarProof = struct([CRATE, 'ScalarProof'], {
  input: { type: u32, docs: ["The operation's input position."] },
  index: { type: u32, docs: ['Flat element index in that input.'] },
  chunk: { type: bytes, docs: ["The element's chunk: up to 256 little-endian float32 values."] },
  siblings: vec(H256),
});
export type ScalarProof = TypeOf<typeof ScalarProof>;

/** How the challenger shows the claimant's records inconsistent (docs/dispute-protocol.md, phase 2). */
export const Inconsistency = enumType([CRATE, 'Inconsistency'], {
  StateInput: { index: 0, fields: { input: u32 }, docs: ['Input `input` reads a state slot.'] },
  NodeInput: {
    index: 1,
    fields: { input: u32, producer: NodeRecordProof },
    docs: ['Input `input` reads an earlier node, whose record is `producer`.'],
  },
  WrittenSlot: { index: 2, docs: ['The node writes a state slot.'] },
  Template: { index: 3, docs: ["The record's template differs from the task's."] },
});
export type Inconsistency = TypeOf<typeof Inconsistency>;

export const Dispute = struct([CRATE, 'Dispute'], {
  task: TaskId,
  segment: u32,
  claimant: AccountId,
  challenger: AccountId,
  bond: { type: Balance, docs: ['Reserved from the challenger; lost if it loses.'] },
  states: { type: option(StepHashes), docs: ['Step phase: the hashes around the pointed step.'] },
  graph: { type: option(GraphCommitment), docs: ["Graph-node phase: the claimant's records and state opening."] },
  node: { type: option(PointedNode), docs: ['Element phase: the pointed node.'] },
  element_value: { type: option(u32), docs: ["The claimant's value of the pointed element (float32 bits)."] },
  partials: { type: option(PartialList), docs: ["Accumulation phase: the claimant's partial results."] },
  partial: { type: option(PointedPartial), docs: ['The pointed partial result.'] },
  game: DisputeGame,
});
export type Dispute = TypeOf<typeof Dispute>;
