/** Settlement (pallet index 46): the call that ends a task's challenge window. Arithmetic in payouts.ts. */
import { call } from '../framework/pallet.js';
import { ensureSigned, fail, weight } from '../framework/dispatch.js';
import { repatriateReserved, unreserve } from '../balances/currency.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { solverAtRisk, release } from '../roles/stakes.js';
import { errors as taskErrors } from '../tasks/declaration.js';
import { advanceTask, getTask } from '../tasks/lifecycle.js';
import { TaskId } from '../tasks/types.js';
import { storage as proofStorage } from '../proofs/declaration.js';
import { penaliseSolver } from '../proofs/penalties.js';
import { assignmentsOf, clearAssignments } from '../verification/assign.js';
import { constants, errors, events, pallet, storage } from './declaration.js';
import { fundJackpot } from './jackpot.js';
import { settleSuccess } from './payouts.js';

export const calls = pallet.calls({
  close_task: call({
    index: 0,
    args: { task: TaskId },
    docs: [
      'After the challenge window (anyone may call). With every verdict an acceptance the task is paid out; a',
      'rejection the solver did not dispute fails the proof: the solver is slashed `MissedDeadlineSlash` and the task',
      're-auctioned or refunded.',
    ],
    weight: weight(150_000_000, 20_000),
    dispatch(ctx, origin, { task }) {
      ensureSigned(origin);
      const info = getTask(ctx, task);
      // The phase first: a task that is not challengeable is in the wrong phase, whether or not a proof is stored.
      if (info.status.type !== 'Challengeable') fail(taskErrors.WrongTaskPhase);
      const proof = proofStorage.Proofs.get(ctx.state, task) ?? fail(errors.NoProof);
      const assignments = assignmentsOf(ctx, task);
      const rejected = assignments.some(([, a]) => a.verdict?.type === 'Reject');
      const next = advanceTask(ctx, task, { kind: 'ChallengeWindowClosed', rejected });
      clearAssignments(ctx, task);
      proofStorage.Proofs.remove(ctx.state, task);
      if (next.status.type !== 'Settled') {
        penaliseSolver(ctx, info.status.value.solver, protocolParams().proofs.missedDeadlineSlash);
        return;
      }
      const { solver, price } = next.status.value;
      const verifiers = assignments.map(([verifier]) => verifier);
      const escrow = { budget: info.budget, verificationFee: info.verification_fee };
      const payout = settleSuccess(escrow, price, verifiers, protocolParams().verification.jackpotShareOfFee);
      repatriateReserved(ctx, info.submitter, solver, payout.solver, 'Free');
      for (const verifier of verifiers) repatriateReserved(ctx, info.submitter, verifier, payout.perVerifier, 'Free');
      fundJackpot(ctx, info.submitter, payout.jackpot);
      unreserve(ctx, info.submitter, payout.submitterRefund);
      release(ctx, solver, 'Solver', solverAtRisk());
      storage.FinalModels.set(ctx.state, task, proof.final_model_hash);
      ctx.emit(
        events.TaskSettled({
          task,
          solver,
          price,
          verifiers,
          per_verifier: payout.perVerifier,
          jackpot: payout.jackpot,
          submitter_refund: payout.submitterRefund,
          final_model_hash: proof.final_model_hash,
        }),
      );
    },
  }),
});

export { constants, errors, events, storage };
export const Settlement = pallet.finish({ constants, storage, events, errors, calls });
