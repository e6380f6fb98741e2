/** The tasks pallet's SCALE types, declared once: codecs, TypeScript types and metadata derive from these. */
import { bytes, enumType, struct, u32, u64, type TypeOf } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber, H256 } from '../types/primitives.js';

const CRATE = 'pallet_veritrain_tasks';

export const TaskId = u64;

/** What a submitter asks for; the full spec lives in NATS under `locator` and hashes to `spec_hash`. */
export const TaskSpec = struct([CRATE, 'TaskSpec'], {
  spec_hash: { type: H256, docs: ['blake2-256 of the full task spec (model, hyper-parameters, seed, backend).'] },
  locator: {
    type: bytes,
    docs: ['Where the spec is published (a NATS object-store name); at most `MaxLocatorLength` bytes.'],
  },
  dataset_hash: H256,
  test_set_hash: H256,
  steps: { type: u32, docs: ['Training steps to run.'] },
  checkpoint_interval: { type: u32, docs: ['Steps between checkpoints; a segment is one interval.'] },
  target_metric: { type: u32, docs: ['Least test-set metric (parts per billion) the final model must reach.'] },
  kernel_set: { type: H256, docs: ['Hash naming the kernel set (reproducible kernels), see DESIGN.md §4.'] },
  threshold: { type: u64, docs: ['Largest accepted checkpoint distance, in units of 1e-9 (0 in reproducible mode).'] },
  graph_root: {
    type: H256,
    docs: [
      "Merkle root over the step graph's node templates (referee `templateLeaf`, execution order), computed from the",
      "spec by the submitter's client; a dispute proves the disputed node's template under it.",
    ],
  },
  graph_nodes: { type: u32, docs: ['Node count of the step graph: the leaf count under `graph_root`.'] },
});
export type TaskSpec = TypeOf<typeof TaskSpec>;

const running = {
  auction_round: u32,
  proof_round: u32,
  solver: AccountId,
  price: { type: Balance, docs: ['What the solver will be paid: the auction price.'] },
};

export const FailureReason = enumType([CRATE, 'FailureReason'], {
  NoBids: { index: 0, docs: ['No bid was revealed within the budget.'] },
  ProofMissed: { index: 1, docs: ['The solver did not submit its proof in time.'] },
  SolverLostDispute: { index: 2, docs: ['A dispute found the proof wrong.'] },
  SecretWithheld: { index: 3, docs: ['The solver did not reveal its bid-time secret in time.'] },
  SelectionWithheld: { index: 4, docs: ['The solver did not reveal its selection key in time.'] },
  RejectionUndisputed: { index: 5, docs: ['A verifier rejected the proof and the solver did not dispute it.'] },
});
export type FailureReason = TypeOf<typeof FailureReason>['type'];

export const TaskStatus = enumType([CRATE, 'TaskStatus'], {
  Bidding: {
    index: 0,
    fields: { auction_round: u32, commit_end: BlockNumber, reveal_end: BlockNumber },
    docs: ['Sealed bids accepted before `commit_end`, reveals before `reveal_end`.'],
  },
  Proving: {
    index: 1,
    fields: { ...running, deadline: BlockNumber },
    docs: ['The winner trains; its proof is due by `deadline`.'],
  },
  AwaitingSelection: {
    index: 2,
    fields: { ...running, reveal_from: BlockNumber, deadline: BlockNumber },
    docs: ['Proof in; the solver reveals its selection key in `[reveal_from, deadline]`.'],
  },
  Verifying: {
    index: 3,
    fields: { ...running, commit_end: BlockNumber, reveal_end: BlockNumber },
    docs: ['Verifiers assigned: verdict commits before `commit_end`, reveals before `reveal_end`.'],
  },
  AwaitingSecret: {
    index: 4,
    fields: { ...running, deadline: BlockNumber },
    docs: ['The solver reveals its bid-time secret by `deadline`.'],
  },
  Challengeable: {
    index: 5,
    fields: { ...running, until: BlockNumber },
    docs: ['Anyone staked may challenge until `until`.'],
  },
  Disputed: { index: 6, fields: running, docs: ['A dispute is open.'] },
  Settled: {
    index: 7,
    fields: { solver: AccountId, price: Balance },
    docs: ['Paid out; the final model hash is recorded.'],
  },
  Failed: { index: 8, fields: { reason: FailureReason }, docs: ['Refunded to the submitter.'] },
  Cancelled: { index: 9, docs: ['Cancelled by the submitter before assignment; refunded.'] },
});
export type TaskStatus = TypeOf<typeof TaskStatus>;

export const TaskInfo = struct([CRATE, 'TaskInfo'], {
  submitter: AccountId,
  spec: TaskSpec,
  budget: { type: Balance, docs: ['Most the submitter pays the solver (reserved).'] },
  verification_fee: { type: Balance, docs: ['Paid to the verifiers (reserved).'] },
  submitted_at: BlockNumber,
  status: TaskStatus,
});
export type TaskInfo = TypeOf<typeof TaskInfo>;
