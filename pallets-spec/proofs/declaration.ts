/**
 * Proofs (pallet index 43): the winner's commitments to its training run, the reveal of its selection key, and the
 * penalty for a solver that misses a deadline. Constants, storage, events and errors; calls in index.ts.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { u32 } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber, H256 } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { TaskId } from '../tasks/types.js';
import { ProofCommitment } from './types.js';

export const pallet = palletBuilder({
  name: 'Proofs',
  index: 43,
  crate: 'pallet_veritrain_proofs',
  docs: ['Proof commitments of training runs, selection-key reveals, and missed-deadline penalties.'],
});

const params = () => protocolParams().proofs;

export const constants = pallet.constants({
  ProofBlocks: constant(
    BlockNumber,
    () => params().proofBlocks,
    'Blocks the winner has, after the auction, to submit its proof.',
  ),
  MissedDeadlineSlash: constant(
    Balance,
    () => params().missedDeadlineSlash,
    'Solver stake slashed (to the jackpot) for a missed deadline.',
  ),
  SelectionDelay: constant(
    BlockNumber,
    () => params().selectionDelay,
    'Blocks after the proof before the selection key may be revealed.',
  ),
  SelectionRevealBlocks: constant(
    BlockNumber,
    () => params().selectionRevealBlocks,
    'Blocks the solver then has to reveal it.',
  ),
  MaxLocatorLength: constant(u32, 256, 'Longest proof locator, in bytes.'),
});

export const storage = pallet.storage({
  Proofs: pallet.map(TaskId, 'Twox64Concat', ProofCommitment, { docs: ['The current proof of each task.'] }),
  SelectionSeeds: pallet.map(TaskId, 'Twox64Concat', H256, {
    docs: ['The seed that chose the verifiers and segments of the current proof.'],
  }),
});

export const events = pallet.events({
  ProofSubmitted: {
    index: 0,
    fields: {
      task: TaskId,
      solver: AccountId,
      proof_round: u32,
      checkpoint_root: H256,
      step_root: H256,
      final_model_hash: H256,
      claimed_metric: u32,
    },
    docs: ['A solver committed to its training run.'],
  },
  SelectionKeyRevealed: {
    index: 1,
    fields: { task: TaskId, seed: H256 },
    docs: ['The selection key was revealed; `seed` chose the verifiers and segments (see `Verification.Assigned`).'],
  },
  DeadlineMissed: {
    index: 2,
    fields: { task: TaskId, solver: AccountId, slashed: Balance },
    docs: ['The solver missed a deadline and was slashed; the task is re-auctioned or refunded.'],
  },
});

export const errors = pallet.errors({
  LocatorTooLong: { index: 0, docs: ['The proof locator is longer than `MaxLocatorLength`.'] },
  SelectionKeyMismatch: { index: 1, docs: ['The key does not hash to the committed selection commitment.'] },
  NoDeadlineMissed: { index: 2, docs: ['The task is not waiting on its solver, or the deadline has not passed.'] },
});
