/**
 * Disputes (pallet index 45): a challenger and the solver play the phase game of phase-machine.ts over one segment
 * (docs/dispute-protocol.md); the loser is slashed, the winner paid from the slash, a share burned, and wrong-side
 * verifiers slashed. Constants, storage, events and errors here; calls in index.ts; the money in outcome.ts.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { bool, bytes, u32, u64, vec } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber, H256 } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { TaskId } from '../tasks/types.js';
import { Dispute, DisputeGame, Party, RecordLink } from './types.js';

export const pallet = palletBuilder({
  name: 'Disputes',
  index: 45,
  crate: 'pallet_veritrain_disputes',
  docs: ['Interactive disputes over one segment of a proof: step → graph node → element → accumulation step.'],
});

const params = () => protocolParams().disputes;
export const DisputeId = u64;
export const MAX_STATE_TENSORS = 64;
export const MAX_SUPPLIED_SCALARS = 128;

export const constants = pallet.constants({
  ChallengeBlocks: constant(
    BlockNumber,
    () => params().challengeBlocks,
    "Blocks a proof can be challenged after the solver's secret is revealed.",
  ),
  ChallengeBond: constant(
    Balance,
    () => params().challengeBond,
    'Reserved from a whistleblower or verifier that opens a dispute.',
  ),
  ResponseBlocks: constant(BlockNumber, () => params().responseBlocks, 'Blocks each party has for each move.'),
  ClaimantSlash: constant(Balance, () => params().claimantSlash, 'Solver stake slashed when it loses a dispute.'),
  MaxStateTensors: constant(u32, MAX_STATE_TENSORS, 'Most state tensors a state opening may list.'),
  MaxSuppliedScalars: constant(u32, MAX_SUPPLIED_SCALARS, 'Most scalars `supply_operands` may prove.'),
  WrongVerdictSlash: constant(
    Balance,
    () => params().wrongVerdictSlash,
    'Verifier stake slashed for a verdict the outcome contradicts.',
  ),
});

export const storage = pallet.storage({
  NextDisputeId: pallet.valueWithDefault(DisputeId, { default: 0n, docs: ['The id the next dispute gets.'] }),
  Disputes: pallet.map(DisputeId, 'Twox64Concat', Dispute, { docs: ['Every dispute, open or resolved.'] }),
  OpenDisputes: pallet.map(TaskId, 'Twox64Concat', DisputeId, { docs: ['The open dispute of a task, if any.'] }),
});

export const events = pallet.events({
  DisputeOpened: {
    index: 0,
    fields: {
      dispute: DisputeId,
      task: TaskId,
      segment: u32,
      claimant: AccountId,
      challenger: AccountId,
      bond: Balance,
    },
    docs: ["A dispute over `segment` of the task's proof was opened."],
  },
  StepPointed: {
    index: 1,
    fields: { dispute: DisputeId, step: u32, before: H256, after: H256, game: DisputeGame },
    docs: ['The challenger pointed the first disputed step; `before`/`after` are H_{t−1} and H_t under `step_root`.'],
  },
  GraphCommitted: {
    index: 2,
    fields: {
      dispute: DisputeId,
      node_root: H256,
      node_count: u32,
      roots_before: vec(H256),
      roots_after: vec(H256),
      game: DisputeGame,
    },
    docs: ["The claimant committed the step's node records and opened both state commitments."],
  },
  DisputeResolved: {
    index: 3,
    fields: {
      dispute: DisputeId,
      task: TaskId,
      game: DisputeGame,
      winner: Party,
      loser_slashed: Balance,
      winner_paid: Balance,
      burned: Balance,
      to_jackpot: Balance,
    },
    docs: ['A dispute ended; `game` carries the phase, path and reason. Wrong-side verifiers: `VerifierSlashed`.'],
  },
  VerifierSlashed: {
    index: 4,
    fields: { dispute: DisputeId, verifier: AccountId, amount: Balance, burned: Balance },
    docs: ['A verifier whose verdict the outcome contradicts lost stake (burned share, rest to the jackpot).'],
  },
  NodePointed: {
    index: 5,
    fields: {
      dispute: DisputeId,
      node: u32,
      template: bytes,
      input_roots: vec(H256),
      output_root: H256,
      game: DisputeGame,
    },
    docs: ['The challenger pointed the first node whose output it disputes; `game.range` spans its elements.'],
  },
  InconsistencyProven: {
    index: 6,
    fields: { dispute: DisputeId, node: u32, link: RecordLink },
    docs: ["The challenger proved the claimant's records break `link` at `node`; `DisputeResolved` follows."],
  },
  ElementPointed: {
    index: 7,
    fields: { dispute: DisputeId, element: u32, value: u32, game: DisputeGame },
    docs: ["The challenger pointed a disputed output element; `value` is the claimant's (float32 bits)."],
  },
  PartialsCommitted: {
    index: 8,
    fields: { dispute: DisputeId, root: H256, count: u32, game: DisputeGame },
    docs: ["The claimant committed the element's partial results; its last leaf is the element's value."],
  },
  PartialPointed: {
    index: 9,
    fields: { dispute: DisputeId, index: u32, claimed: u32, previous: u32, game: DisputeGame },
    docs: ['The challenger pointed the first disputed partial result (float32 bits, with the agreed one before).'],
  },
  StepRecomputed: {
    index: 10,
    fields: { dispute: DisputeId, partial: u32, expected: u32, claimed: u32, claimant_honest: bool },
    docs: ['The chain recomputed the disputed scalar step with the referee (float32 bits); `DisputeResolved` follows.'],
  },
});

export const errors = pallet.errors({
  UnknownDispute: { index: 0, docs: ['No dispute has this id.'] },
  NotAChallenger: { index: 1, docs: ["Only whistleblowers and the task's verifiers may open a dispute."] },
  SegmentOutOfRange: { index: 2, docs: ['The task has no such segment.'] },
  NoRejectionToContest: { index: 3, docs: ['That verifier did not reject this proof.'] },
  NotAParty: { index: 4, docs: ['The caller is not the party this move belongs to.'] },
  ProofMismatch: {
    index: 5,
    docs: ['The Merkle proof does not place the leaf at that index under the committed root.'],
  },
  NotYourTurn: { index: 6, docs: ['The other party is to move.'] },
  WrongDisputeMove: { index: 7, docs: ['The game expects another kind of move.'] },
  DisputeDeadlinePassed: { index: 8, docs: ['The deadline for this move has passed.'] },
  IndexOutOfRange: { index: 9, docs: ['The index is outside the committed list.'] },
  EmptyList: { index: 10, docs: ['A committed list must have at least one item.'] },
  DisputeDeadlineNotReached: { index: 11, docs: ['The party on turn still has time.'] },
  DisputeResolved: { index: 12, docs: ['The dispute is already decided.'] },
  StateOpeningMismatch: {
    index: 13,
    docs: ['The opened layout hash and tensor roots do not hash to the state commitment of that step.'],
  },
  WrongNodeCount: { index: 14, docs: ["The node count is not the task's `graph_nodes`."] },
  MalformedTemplate: { index: 15, docs: ['The template bytes do not decode to a node template.'] },
  TemplateMismatch: {
    index: 16,
    docs: ["The record's template is not the task's (prove it with `prove_inconsistency`, link `Template`)."],
  },
  InputCountMismatch: { index: 17, docs: ['The record has a different number of input roots than its template.'] },
  LinkDoesNotApply: {
    index: 18,
    docs: ['The named input does not read that kind of source, or the node writes no state slot, or no such slot.'],
  },
  NoInconsistency: { index: 19, docs: ['The roots agree: the records are consistent on that link.'] },
  MalformedChunk: { index: 20, docs: ['A chunk must be a whole number of float32 values, at most 256.'] },
  LastPartialMismatch: {
    index: 21,
    docs: ["The last partial result is not proven equal to the pointed element's value."],
  },
  WrongPartialCount: { index: 22, docs: ["The partial count is not the length of the element's program."] },
  PreviousPartialMissing: { index: 23, docs: ['A partial result after the first needs the one before it proven too.'] },
  MissingScalar: {
    index: 24,
    docs: ['The step (or the order of the program) reads a scalar that was not supplied with a proof.'],
  },
  OperandMismatch: {
    index: 25,
    docs: ["The operands are not the step's scalars in the step's order, or a proof does not match its input root."],
  },
  TooManyScalars: { index: 26, docs: ['At most `MaxSuppliedScalars` scalars may be supplied.'] },
  TooManyStateTensors: { index: 27, docs: ['At most `MaxStateTensors` state roots may be opened.'] },
});
