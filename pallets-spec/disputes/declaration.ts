/**
 * Disputes (pallet index 45): a challenger and the solver play the phase game of phase-machine.ts over one segment;
 * the loser is slashed, the winner paid from the slash, a share burned, and wrong-side verifiers slashed.
 * Constants, storage, events and errors here; calls in index.ts; the money in outcome.ts.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { u32, u64 } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber, H256 } from '../types/primitives.js';
import { devProtocolParams } from '../../chain-config/protocol-params.js';
import { TaskId } from '../tasks/types.js';
import { Dispute, DisputeGame, Party } from './types.js';

export const pallet = palletBuilder({
  name: 'Disputes',
  index: 45,
  crate: 'pallet_veritrain_disputes',
  docs: ['Interactive disputes over one segment of a proof: step → graph node → element → accumulation step.'],
});

const params = devProtocolParams.disputes;
export const DisputeId = u64;

export const constants = pallet.constants({
  ChallengeBlocks: constant(
    BlockNumber,
    params.challengeBlocks,
    "Blocks a proof can be challenged after the solver's secret is revealed.",
  ),
  ChallengeBond: constant(
    Balance,
    params.challengeBond,
    'Reserved from a whistleblower or verifier that opens a dispute.',
  ),
  ResponseBlocks: constant(BlockNumber, params.responseBlocks, 'Blocks each party has for each move.'),
  ClaimantSlash: constant(Balance, params.claimantSlash, 'Solver stake slashed when it loses a dispute.'),
  WrongVerdictSlash: constant(
    Balance,
    params.wrongVerdictSlash,
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
  ListCommitted: {
    index: 1,
    fields: { dispute: DisputeId, game: DisputeGame, root: H256, count: u32 },
    docs: ['The claimant committed the list of the current phase.'],
  },
  IndexPointed: {
    index: 2,
    fields: { dispute: DisputeId, game: DisputeGame, index: u32, leaf: H256 },
    docs: ['The challenger named the first disputed item; `game` is the state after the move.'],
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
});
