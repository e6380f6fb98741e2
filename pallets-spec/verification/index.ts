/** Verification (pallet index 44): the calls. Rules live in verdicts.ts and forced-error.ts. */
import { u64 as u64Codec } from '@polkadot-api/substrate-bindings';
import { hexToU8a } from '@polkadot/util';
import { call } from '../framework/pallet.js';
import { type DispatchContext, ensure, ensureSigned, fail, weight } from '../framework/dispatch.js';
import { fixedHex } from '../types/dsl.js';
import { type AccountId, H256 } from '../types/primitives.js';
import { EXISTENTIAL_DEPOSIT } from '../balances/declaration.js';
import { freeBalance, transfer } from '../balances/currency.js';
import { verifierAtRisk, release, slashStake } from '../roles/stakes.js';
import { decided } from '../tasks/decision.js';
import { errors as taskErrors } from '../tasks/declaration.js';
import { advanceTask, getTask } from '../tasks/lifecycle.js';
import { TaskId, type TaskInfo } from '../tasks/types.js';
import { storage as marketStorage } from '../market/declaration.js';
import { JACKPOT_ACCOUNT, fundJackpot } from '../settlement/jackpot.js';
import { payJackpot } from '../settlement/penalties.js';
import { perbill } from '../settlement/shares.js';
import { assignmentsOf, clearAssignments } from './assign.js';
import { constants, errors, events, pallet, storage } from './declaration.js';
import { decideForcedError, judgeForcedError, opensSolverSecret } from './forced-error.js';
import { segmentCountOf } from './selection.js';
import { Verdict } from './types.js';
import { type VerdictSlot, type VerdictWindow, commitVerdict, revealVerdict, tallyVerdicts } from './verdicts.js';

function verdictWindow(info: TaskInfo): VerdictWindow {
  if (info.status.type !== 'Verifying') fail(taskErrors.WrongTaskPhase);
  return { commitEnd: info.status.value.commit_end, revealEnd: info.status.value.reveal_end };
}

function slotsOf(ctx: DispatchContext, task: bigint): VerdictSlot[] {
  return assignmentsOf(ctx, task).map(([verifier, a]) => ({
    verifier,
    segments: a.segments,
    commitment: a.commitment === undefined ? undefined : hexToU8a(a.commitment),
    verdict: a.verdict,
  }));
}

function slashVerifier(
  ctx: DispatchContext,
  task: bigint,
  verifier: AccountId,
  reason: 'Silent' | 'MissedForcedError',
): void {
  const amount = slashStake(ctx, verifier, 'Verifier', constants.LazyVerifierSlash.value);
  fundJackpot(ctx, verifier, amount);
  ctx.emit(events.VerifierSlashed({ task, verifier, amount, reason: { type: reason, value: undefined } }));
}

export const calls = pallet.calls({
  commit_verdict: call({
    index: 0,
    args: { task: TaskId, commitment: H256 },
    docs: ['An assigned verifier seals its verdict: `blake2_256(SCALE(verdict) ‖ salt)`.'],
    weight: weight(40_000_000, 3_593),
    dispatch(ctx, origin, { task, commitment }) {
      const verifier = ensureSigned(origin);
      const window = verdictWindow(getTask(ctx, task));
      decided(commitVerdict(slotsOf(ctx, task), verifier, hexToU8a(commitment), ctx.blockNumber, window), errors);
      const assignment = storage.Assignments.get(ctx.state, [task, verifier]);
      if (assignment === undefined) fail(errors.NotAssignedVerifier);
      storage.Assignments.set(ctx.state, [task, verifier], { ...assignment, commitment });
      ctx.emit(events.VerdictCommitted({ task, verifier }));
    },
  }),
  reveal_verdict: call({
    index: 1,
    args: { task: TaskId, verdict: Verdict, salt: fixedHex(32) },
    docs: ['An assigned verifier opens its sealed verdict; a rejection must name one of its assigned segments.'],
    weight: weight(45_000_000, 3_593),
    dispatch(ctx, origin, { task, verdict, salt }) {
      const verifier = ensureSigned(origin);
      const window = verdictWindow(getTask(ctx, task));
      const saltBytes = hexToU8a(salt);
      decided(revealVerdict(slotsOf(ctx, task), verifier, verdict, saltBytes, ctx.blockNumber, window), errors);
      const assignment = storage.Assignments.get(ctx.state, [task, verifier]);
      if (assignment === undefined) fail(errors.NotAssignedVerifier);
      storage.Assignments.set(ctx.state, [task, verifier], { ...assignment, verdict });
      ctx.emit(events.VerdictRevealed({ task, verifier, verdict }));
    },
  }),
  close_verdicts: call({
    index: 2,
    args: { task: TaskId },
    docs: ['Once the reveal window has ended (anyone may call): silent verifiers are slashed and dropped.'],
    weight: weight(100_000_000, 10_000),
    dispatch(ctx, origin, { task }) {
      ensureSigned(origin);
      advanceTask(ctx, task, { kind: 'VerdictsClosed' });
      const tally = tallyVerdicts(slotsOf(ctx, task));
      for (const verifier of tally.silent) {
        slashVerifier(ctx, task, verifier, 'Silent');
        release(ctx, verifier, 'Verifier', verifierAtRisk());
        storage.Assignments.remove(ctx.state, [task, verifier]);
      }
      const remaining = (storage.Verifiers.get(ctx.state, task) ?? []).filter((v) => !tally.silent.includes(v));
      storage.Verifiers.set(ctx.state, task, remaining);
      const [accepted, rejected, silent] = [tally.accepted.length, tally.rejected.length, tally.silent.length];
      ctx.emit(events.VerdictsClosed({ task, accepted, rejected, silent }));
    },
  }),
  reveal_secret: call({
    index: 3,
    args: { task: TaskId, secret: fixedHex(32) },
    docs: [
      'The solver reveals the secret it committed with its bid. With the randomness fixed at the auction it decides',
      'whether this proof was a forced error: if so, the verifiers who flagged the corrupted segment share the',
      'jackpot, those assigned it who did not are slashed, and the solver proves again, unharmed.',
    ],
    weight: weight(200_000_000, 20_000),
    dispatch(ctx, origin, { task, secret }) {
      const solver = ensureSigned(origin);
      const info = getTask(ctx, task);
      if (info.status.type !== 'AwaitingSecret') fail(taskErrors.WrongTaskPhase);
      ensure(info.status.value.solver === solver, taskErrors.NotTheSolver);
      const award = marketStorage.Awards.get(ctx.state, task);
      if (award === undefined) fail({ type: 'Corruption', value: undefined });
      const secretBytes = hexToU8a(secret);
      ensure(opensSolverSecret(hexToU8a(award.secret_commitment), secretBytes), errors.SecretMismatch);
      const decision = decideForcedError({
        secret: secretBytes,
        assignmentRandomness: hexToU8a(award.assignment_randomness),
        taskId: u64Codec.enc(task),
        round: info.status.value.proof_round,
        segmentCount: segmentCountOf(info.spec.steps, info.spec.checkpoint_interval),
        probability: perbill(constants.ForcedErrorProbability.value),
      });
      ctx.emit(events.SecretRevealed({ task, forced_error: decision.forced, segment: decision.segment }));
      if (decision.forced) {
        const assignments = assignmentsOf(ctx, task);
        const judged = judgeForcedError(
          decision.segment,
          new Map(assignments.map(([v, a]) => [v, a.segments])),
          tallyVerdicts(slotsOf(ctx, task)),
        );
        // The pot keeps the existential deposit so its account never dies.
        const pot = freeBalance(ctx, JACKPOT_ACCOUNT) - EXISTENTIAL_DEPOSIT;
        const payout = payJackpot(pot > 0n ? pot : 0n, constants.JackpotCap.value, judged.flaggers);
        for (const verifier of payout.flaggers) {
          if (payout.perFlagger > 0n) transfer(ctx, JACKPOT_ACCOUNT, verifier, payout.perFlagger, 'KeepAlive');
          ctx.emit(events.JackpotPaid({ task, verifier, amount: payout.perFlagger }));
        }
        for (const verifier of judged.lazy) slashVerifier(ctx, task, verifier, 'MissedForcedError');
        clearAssignments(ctx, task);
      }
      advanceTask(ctx, task, { kind: 'SecretRevealed', by: solver, forcedError: decision.forced });
    },
  }),
});

export { constants, errors, events, storage };
export const Verification = pallet.finish({ constants, storage, events, errors, calls });
