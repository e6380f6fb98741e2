/**
 * What the other protocol pallets may do with a role's stake: read it, engage part of it for a task, release it,
 * and slash it. A slash lowers the ledger and returns the amount; the caller then moves that much of the account's
 * reserved balance (to a winner, the jackpot, or burned), so reserved balance always equals what the ledgers and
 * escrows account for.
 */
import type { DispatchContext } from '../framework/dispatch.js';
import type { AccountId } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { events, storage } from './declaration.js';
import { type StakeRules, slashLedger } from './stake-ledger.js';
import { ROLE_NAMES, type Role, type RoleName } from './types.js';

const maxOf = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** The stake a task's solver engages: the most any single fault of a solver can cost it. */
export const solverAtRisk = (): bigint =>
  maxOf(protocolParams().disputes.claimantSlash, protocolParams().proofs.missedDeadlineSlash);
/** The stake each assigned verifier engages. */
export const verifierAtRisk = (): bigint =>
  maxOf(protocolParams().verification.lazyVerifierSlash, protocolParams().disputes.wrongVerdictSlash);

export const roleValue = (name: RoleName): Role => ({ type: name, value: undefined });

export function stakeRules(role: RoleName): StakeRules {
  const params = protocolParams().roles;
  return {
    minimumStake: params.minimumStake[role],
    unbondingDelay: params.unbondingDelay,
    maxUnbondingChunks: params.maxUnbondingChunks,
  };
}

/** Active stake, or 0n when the account does not hold the role. */
export function activeStake(ctx: DispatchContext, who: AccountId, role: RoleName): bigint {
  return storage.Stakes.get(ctx.state, [who, roleValue(role)])?.active ?? 0n;
}

export function engagedStake(ctx: DispatchContext, who: AccountId, role: RoleName): bigint {
  return storage.Engaged.get(ctx.state, [who, roleValue(role)]) ?? 0n;
}

/** Whether `who` holds `role` with at least `amount` of active stake not already engaged. */
export function canEngage(ctx: DispatchContext, who: AccountId, role: RoleName, amount: bigint): boolean {
  const ledger = storage.Stakes.get(ctx.state, [who, roleValue(role)]);
  return ledger !== undefined && ledger.active - engagedStake(ctx, who, role) >= amount;
}

export function engage(ctx: DispatchContext, who: AccountId, role: RoleName, amount: bigint): void {
  storage.Engaged.set(ctx.state, [who, roleValue(role)], engagedStake(ctx, who, role) + amount);
}

export function release(ctx: DispatchContext, who: AccountId, role: RoleName, amount: bigint): void {
  const left = engagedStake(ctx, who, role) - amount;
  if (left > 0n) storage.Engaged.set(ctx.state, [who, roleValue(role)], left);
  else storage.Engaged.remove(ctx.state, [who, roleValue(role)]);
}

/**
 * Takes up to `amount` from the ledger (active first, then the chunks unlocking last) and returns what it took.
 * The account's reserved balance still holds that amount: the caller must move or burn exactly that much.
 */
export function slashStake(ctx: DispatchContext, who: AccountId, role: RoleName, amount: bigint): bigint {
  const key: [AccountId, Role] = [who, roleValue(role)];
  const ledger = storage.Stakes.get(ctx.state, key);
  if (ledger === undefined || amount <= 0n) return 0n;
  const { ledger: after, slashed } = slashLedger(ledger, amount);
  storage.Stakes.set(ctx.state, key, after);
  if (engagedStake(ctx, who, role) > after.active) storage.Engaged.set(ctx.state, key, after.active);
  if (slashed > 0n) ctx.emit(events.StakeSlashed({ who, role: roleValue(role), amount: slashed }));
  return slashed;
}

/**
 * Every account holding `role`, with its active stake, in storage-key order. Keys are
 * `prefix(32) ‖ blake2_128(16) ‖ account(32) ‖ twox64(8) ‖ role(1)`; the account and role are read from the key
 * directly (both hashers keep the key after the hash).
 */
export function holdersOf(ctx: DispatchContext, role: RoleName): Array<{ account: AccountId; stake: bigint }> {
  const roleByte = ROLE_NAMES.indexOf(role).toString(16).padStart(2, '0');
  const accountStart = 2 + 64 + 32;
  const out: Array<{ account: AccountId; stake: bigint }> = [];
  for (const key of ctx.state.keysWithPrefix(storage.Stakes.prefixHex)) {
    if (key.slice(-2) !== roleByte) continue;
    const account = `0x${key.slice(accountStart, accountStart + 64)}` as AccountId;
    out.push({ account, stake: activeStake(ctx, account, role) });
  }
  return out;
}
