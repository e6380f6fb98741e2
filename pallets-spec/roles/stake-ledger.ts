/**
 * A participant's stake in one role (DESIGN.md §3, `roles`). The whole ledger, active plus unbonding, is reserved
 * balance, and is what the other pallets slash. Unbonding stake stays slashable until it is withdrawn, so leaving
 * does not outrun a dispute about work done while staked.
 */
import { type BlockNumber, type Decision, accept, refuse } from '../tasks/decision.js';
import type { StakeLedger, UnbondingChunk } from './types.js';

export type { StakeLedger, UnbondingChunk };

export type StakeError =
  | 'AlreadyRegistered'
  | 'NotRegistered'
  | 'StakeBelowMinimum'
  | 'ZeroAmount'
  | 'InsufficientStake'
  | 'TooManyUnbondingChunks'
  | 'NothingToWithdraw';

export interface StakeRules {
  minimumStake: bigint;
  unbondingDelay: number;
  maxUnbondingChunks: number;
}

/** Everything the ledger holds reserved. */
export function reservedBy(ledger: StakeLedger): bigint {
  return ledger.unbonding.reduce((total, chunk) => total + chunk.amount, ledger.active);
}

export function register(
  existing: StakeLedger | undefined,
  amount: bigint,
  rules: StakeRules,
): Decision<StakeLedger, StakeError> {
  if (existing !== undefined) return refuse('AlreadyRegistered');
  if (amount < rules.minimumStake || amount <= 0n) return refuse('StakeBelowMinimum');
  return accept({ active: amount, unbonding: [] });
}

export function bondExtra(ledger: StakeLedger | undefined, amount: bigint): Decision<StakeLedger, StakeError> {
  if (ledger === undefined) return refuse('NotRegistered');
  if (amount <= 0n) return refuse('ZeroAmount');
  return accept({ ...ledger, active: ledger.active + amount });
}

/**
 * Starts unbonding `amount`. What stays active must be zero (leaving the role) or at least the minimum, and no
 * less than `engaged`, the stake backing unfinished work (an accepted bid, an assigned verification, a dispute).
 */
export function unbond(
  ledger: StakeLedger | undefined,
  amount: bigint,
  engaged: bigint,
  now: BlockNumber,
  rules: StakeRules,
): Decision<StakeLedger, StakeError> {
  if (ledger === undefined) return refuse('NotRegistered');
  if (amount <= 0n) return refuse('ZeroAmount');
  if (amount > ledger.active) return refuse('InsufficientStake');
  const remaining = ledger.active - amount;
  if (remaining < engaged) return refuse('InsufficientStake');
  if (remaining !== 0n && remaining < rules.minimumStake) return refuse('StakeBelowMinimum');
  if (ledger.unbonding.length >= rules.maxUnbondingChunks) return refuse('TooManyUnbondingChunks');
  return accept({
    active: remaining,
    unbonding: [...ledger.unbonding, { amount, unlock_at: now + rules.unbondingDelay }],
  });
}

/** Releases the unlocked chunks; `ledger` is undefined afterwards when nothing is left (the role is given up). */
export function withdrawUnbonded(
  ledger: StakeLedger | undefined,
  now: BlockNumber,
): Decision<{ ledger: StakeLedger | undefined; released: bigint }, StakeError> {
  if (ledger === undefined) return refuse('NotRegistered');
  const unlocked = ledger.unbonding.filter((chunk) => chunk.unlock_at <= now);
  if (unlocked.length === 0) return refuse('NothingToWithdraw');
  const released = unlocked.reduce((total, chunk) => total + chunk.amount, 0n);
  const rest = ledger.unbonding.filter((chunk) => chunk.unlock_at > now);
  const left = ledger.active === 0n && rest.length === 0 ? undefined : { active: ledger.active, unbonding: rest };
  return accept({ ledger: left, released });
}

/**
 * Takes up to `amount`: from the active stake first, then from the chunks that would unlock last. Never fails;
 * returns what it could take (a slash cannot exceed what is at stake).
 */
export function slashLedger(ledger: StakeLedger, amount: bigint): { ledger: StakeLedger; slashed: bigint } {
  let owed = amount < 0n ? 0n : amount;
  const fromActive = owed < ledger.active ? owed : ledger.active;
  owed -= fromActive;
  const unbonding = [...ledger.unbonding];
  for (let i = unbonding.length - 1; i >= 0 && owed > 0n; i -= 1) {
    const taken = owed < unbonding[i].amount ? owed : unbonding[i].amount;
    unbonding[i] = { ...unbonding[i], amount: unbonding[i].amount - taken };
    owed -= taken;
  }
  return {
    ledger: { active: ledger.active - fromActive, unbonding: unbonding.filter((chunk) => chunk.amount > 0n) },
    slashed: (amount < 0n ? 0n : amount) - owed,
  };
}
