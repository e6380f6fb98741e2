/**
 * Where a task's escrow goes when it ends (DESIGN.md §3.7). The submitter reserved `budget + verificationFee`;
 * every unit of it is accounted for below, so settlement neither mints nor loses a unit.
 */
import type { AccountKey } from '../tasks/decision.js';
import { type Perbill, mulFloor, splitEvenly } from './shares.js';

export interface TaskEscrow {
  budget: bigint;
  verificationFee: bigint;
}

export interface SuccessPayout {
  solver: bigint;
  /** Each paid verifier's fee. */
  perVerifier: bigint;
  verifiers: AccountKey[];
  /** Fee share that funds the forced-error jackpot. */
  jackpot: bigint;
  /** The unspent budget and the fee's rounding remainder (and the fee of verifiers that earned none). */
  submitterRefund: bigint;
}

export class SettlementInvariantError extends Error {
  override name = 'SettlementInvariantError';
}

/**
 * A task whose proof stood: the solver gets the auction price, the verifiers who revealed share the fee less the
 * jackpot's cut, the submitter gets the rest back.
 */
export function settleSuccess(
  escrow: TaskEscrow,
  price: bigint,
  paidVerifiers: readonly AccountKey[],
  jackpotShareOfFee: Perbill,
): SuccessPayout {
  if (price < 0n || price > escrow.budget) {
    throw new SettlementInvariantError(`auction price ${price} outside the budget ${escrow.budget}`);
  }
  const jackpot = mulFloor(escrow.verificationFee, jackpotShareOfFee);
  const { each, remainder } = splitEvenly(escrow.verificationFee - jackpot, paidVerifiers.length);
  return {
    solver: price,
    perVerifier: each,
    verifiers: [...paidVerifiers],
    jackpot,
    submitterRefund: escrow.budget - price + remainder,
  };
}

/** A task that failed, expired or was cancelled: the submitter gets its whole escrow back. */
export function settleFailure(escrow: TaskEscrow): { submitterRefund: bigint } {
  return { submitterRefund: escrow.budget + escrow.verificationFee };
}

/** The total a payout moves, for the conservation check `total === budget + fee`. */
export function successTotal(payout: SuccessPayout): bigint {
  return payout.solver + payout.perVerifier * BigInt(payout.verifiers.length) + payout.jackpot + payout.submitterRefund;
}
