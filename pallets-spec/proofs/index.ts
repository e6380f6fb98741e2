/** Proofs (pallet index 43): the calls. */
import { u32 as u32Codec, u64 as u64Codec } from '@polkadot-api/substrate-bindings';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { call } from '../framework/pallet.js';
import { ensure, ensureSigned, fail, weight } from '../framework/dispatch.js';
import { bytes, fixedHex, u32 } from '../types/dsl.js';
import { H256 } from '../types/primitives.js';
import { storage as systemStorage } from '../system/index.js';
import { advanceTask, getTask } from '../tasks/lifecycle.js';
import { TaskId } from '../tasks/types.js';
import { deriveSeed, selectionKeyCommitment } from '../verification/randomness.js';
import { assignVerifiers, clearAssignments } from '../verification/assign.js';
import { constants, errors, events, pallet, storage } from './declaration.js';
import { penaliseSolver } from './penalties.js';

export const calls = pallet.calls({
  submit_proof: call({
    index: 0,
    args: {
      task: TaskId,
      checkpoint_root: H256,
      step_root: H256,
      final_model_hash: H256,
      claimed_metric: u32,
      locator: bytes,
      selection_commitment: H256,
    },
    docs: [
      "The task's solver commits to its training run before its proof deadline, with a commitment to a fresh",
      '32-byte selection key that it must reveal after `SelectionDelay` blocks.',
    ],
    weight: weight(60_000_000, 3_593),
    dispatch(ctx, origin, args) {
      const solver = ensureSigned(origin);
      ensure(args.locator.length <= constants.MaxLocatorLength.value, errors.LocatorTooLong);
      const info = advanceTask(ctx, args.task, { kind: 'ProofSubmitted', by: solver });
      if (info.status.type !== 'AwaitingSelection') fail({ type: 'Corruption', value: undefined });
      const { proof_round } = info.status.value;
      const { task, ...commitment } = args;
      storage.Proofs.set(ctx.state, task, { ...commitment, proof_round, submitted_at: ctx.blockNumber });
      const { checkpoint_root, step_root, final_model_hash, claimed_metric } = args;
      ctx.emit(
        events.ProofSubmitted({
          task,
          solver,
          proof_round,
          checkpoint_root,
          step_root,
          final_model_hash,
          claimed_metric,
        }),
      );
    },
  }),
  reveal_selection_key: call({
    index: 1,
    args: { task: TaskId, key: fixedHex(32) },
    docs: [
      'The solver reveals its selection key; with the hash of the block before the reveal window it seeds the',
      'stake-weighted draw of verifiers and of their segments (docs/randomness.md).',
    ],
    weight: weight(150_000_000, 20_000),
    dispatch(ctx, origin, { task, key }) {
      const solver = ensureSigned(origin);
      const proof = storage.Proofs.get(ctx.state, task);
      const info = advanceTask(ctx, task, { kind: 'SelectionRevealed', by: solver });
      if (proof === undefined) fail({ type: 'Corruption', value: undefined });
      ensure(
        u8aToHex(selectionKeyCommitment(hexToU8a(key))) === proof.selection_commitment,
        errors.SelectionKeyMismatch,
      );
      // The last block whose hash is known in every block of the reveal window: the author who made it could not
      // know the key, and the solver committed to the key before it existed.
      const anchor = systemStorage.BlockHash.get(ctx.state, proof.submitted_at + constants.SelectionDelay.value - 1);
      const seed = deriveSeed('veritrain/selection', [
        u64Codec.enc(task),
        u32Codec.enc(proof.proof_round),
        hexToU8a(key),
        hexToU8a(anchor),
      ]);
      storage.SelectionSeeds.set(ctx.state, task, u8aToHex(seed));
      ctx.emit(events.SelectionKeyRevealed({ task, seed: u8aToHex(seed) }));
      assignVerifiers(ctx, task, info, solver, seed);
    },
  }),
  report_missed_deadline: call({
    index: 2,
    args: { task: TaskId },
    docs: [
      'Anyone may report a solver that let a deadline pass (proof, selection key, or secret): it is slashed',
      '`MissedDeadlineSlash` into the jackpot, and the task is re-auctioned or, after its last round, refunded.',
    ],
    weight: weight(100_000_000, 10_000),
    dispatch(ctx, origin, { task }) {
      ensureSigned(origin);
      const { status } = getTask(ctx, task);
      const missed = {
        Proving: 'ProofDeadlinePassed',
        AwaitingSelection: 'SelectionDeadlinePassed',
        AwaitingSecret: 'SecretDeadlinePassed',
      } as const;
      if (status.type !== 'Proving' && status.type !== 'AwaitingSelection' && status.type !== 'AwaitingSecret') {
        fail(errors.NoDeadlineMissed);
      }
      const solver = status.value.solver;
      advanceTask(ctx, task, { kind: missed[status.type] });
      clearAssignments(ctx, task);
      storage.Proofs.remove(ctx.state, task);
      const slashed = penaliseSolver(ctx, solver, constants.MissedDeadlineSlash.value);
      ctx.emit(events.DeadlineMissed({ task, solver, slashed }));
    },
  }),
});

export { constants, errors, events, storage };
export const Proofs = pallet.finish({ constants, storage, events, errors, calls });
