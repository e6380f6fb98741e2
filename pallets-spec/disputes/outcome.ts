/**
 * The money and task consequences of a resolved dispute (DESIGN.md §3.6), with settlement/penalties.ts doing the
 * arithmetic. The loser's slash is split burn / jackpot / winner; wrong-side verifiers lose `WrongVerdictSlash`
 * each (burned share, the rest to the jackpot).
 */
import type { DispatchContext } from '../framework/dispatch.js';
import type { AccountId } from '../types/primitives.js';
import { repatriateReserved, slashReserved, unreserve } from '../balances/currency.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { solverAtRisk, verifierAtRisk, activeStake, release, slashStake } from '../roles/stakes.js';
import { advanceTask } from '../tasks/lifecycle.js';
import { storage as proofStorage } from '../proofs/declaration.js';
import { assignmentsOf, clearAssignments } from '../verification/assign.js';
import { storage as verificationStorage } from '../verification/declaration.js';
import { fundJackpot } from '../settlement/jackpot.js';
import { type SlashSplit, settleDispute } from '../settlement/penalties.js';
import { mulFloor } from '../settlement/shares.js';
import { constants, events, storage } from './declaration.js';
import type { Dispute, PartyName } from './types.js';

const shares = () => ({ burn: protocolParams().slashing.burnShare, jackpot: protocolParams().slashing.jackpotShare });

/** Moves `split` out of `loser`'s reserved balance: burned, to the jackpot, to the winner. */
function distribute(ctx: DispatchContext, loser: AccountId, winner: AccountId, split: SlashSplit): void {
  slashReserved(ctx, loser, split.burned);
  fundJackpot(ctx, loser, split.toJackpot);
  repatriateReserved(ctx, loser, winner, split.toWinner, 'Free');
}

export function resolve(ctx: DispatchContext, id: bigint, dispute: Dispute, winner: PartyName): void {
  const { task, claimant, challenger, bond, segment } = dispute;
  const assignments = assignmentsOf(ctx, task);
  const challengerIsVerifier = assignments.some(([v]) => v === challenger);
  const wrongSide = assignments
    .filter(([, a]) => a.segments.includes(segment) && a.verdict !== undefined)
    .filter(([, a]) => (winner === 'Claimant' ? a.verdict?.type === 'Reject' : a.verdict?.type === 'Accept'))
    .map(([verifier]) => verifier)
    .filter((verifier) => verifier !== challenger);

  // The loser: the solver's stake, or the challenger's bond (or, for a contested verifier, its verifier stake).
  let loserPenalty: bigint;
  let loserStake: bigint;
  if (winner === 'Challenger') {
    loserPenalty = constants.ClaimantSlash.value;
    loserStake = activeStake(ctx, claimant, 'Solver');
  } else if (bond > 0n) {
    loserPenalty = bond;
    loserStake = bond;
  } else {
    loserPenalty = constants.WrongVerdictSlash.value;
    loserStake = activeStake(ctx, challenger, 'Verifier');
  }
  const outcome = settleDispute(
    { atStake: loserStake, penalty: loserPenalty },
    wrongSide.map((verifier) => ({ verifier, atStake: activeStake(ctx, verifier, 'Verifier') })),
    constants.WrongVerdictSlash.value,
    shares(),
  );
  const split = outcome.loserSlash;
  if (winner === 'Challenger') {
    slashStake(ctx, claimant, 'Solver', split.slashed);
    distribute(ctx, claimant, challenger, split);
    unreserve(ctx, challenger, bond);
    release(ctx, claimant, 'Solver', solverAtRisk());
  } else {
    if (bond === 0n) slashStake(ctx, challenger, 'Verifier', split.slashed);
    distribute(ctx, challenger, claimant, split);
  }
  for (const { verifier, slashed } of outcome.verifierSlashes) {
    const taken = slashStake(ctx, verifier, 'Verifier', slashed);
    const burned = mulFloor(taken, shares().burn);
    slashReserved(ctx, verifier, burned);
    fundJackpot(ctx, verifier, taken - burned);
    ctx.emit(events.VerifierSlashed({ dispute: id, verifier, amount: taken, burned }));
  }
  // A rejection the solver beat no longer stands, and its author is not paid for it.
  for (const verifier of winner === 'Claimant' ? [...wrongSide, ...(challengerIsVerifier ? [challenger] : [])] : []) {
    release(ctx, verifier, 'Verifier', verifierAtRisk());
    verificationStorage.Assignments.remove(ctx.state, [task, verifier]);
    const remaining = (verificationStorage.Verifiers.get(ctx.state, task) ?? []).filter((v) => v !== verifier);
    verificationStorage.Verifiers.set(ctx.state, task, remaining);
  }
  const next = advanceTask(ctx, task, { kind: 'DisputeResolved', solverWon: winner === 'Claimant' });
  if (next.status.type !== 'Challengeable') {
    clearAssignments(ctx, task);
    proofStorage.Proofs.remove(ctx.state, task);
  }
  storage.OpenDisputes.remove(ctx.state, task);
  ctx.emit(
    events.DisputeResolved({
      dispute: id,
      task,
      game: dispute.game,
      winner: { type: winner, value: undefined },
      loser_slashed: split.slashed,
      winner_paid: split.toWinner,
      burned: split.burned,
      to_jackpot: split.toJackpot,
    }),
  );
}
