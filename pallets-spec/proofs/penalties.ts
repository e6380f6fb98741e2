/** What happens to a solver that lets its task down: part of its stake goes to the jackpot, the rest is freed. */
import type { DispatchContext } from '../framework/dispatch.js';
import type { AccountId } from '../types/primitives.js';
import { solverAtRisk, release, slashStake } from '../roles/stakes.js';
import { fundJackpot } from '../settlement/jackpot.js';

/** Slashes `amount` of the solver's stake into the jackpot and ends its engagement; returns what was taken. */
export function penaliseSolver(ctx: DispatchContext, solver: AccountId, amount: bigint): bigint {
  const slashed = slashStake(ctx, solver, 'Solver', amount);
  fundJackpot(ctx, solver, slashed);
  release(ctx, solver, 'Solver', solverAtRisk());
  return slashed;
}
