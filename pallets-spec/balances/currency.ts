/**
 * Balance operations, for Balances' calls and for every other pallet (stakes, escrows, slashes). All amounts are
 * bigint; nothing here mints: every function moves value between accounts, or burns it and lowers
 * `TotalIssuance`. An account exists while `providers > 0`; it is created by the first deposit of at least the
 * existential deposit and reaped (its dust burned) when its free plus reserved balance falls below it.
 */
import { fail, type DispatchContext } from '../framework/dispatch.js';
import type { AccountId, AccountInfo } from '../types/primitives.js';
import { EMPTY_ACCOUNT, events as systemEvents, storage as systemStorage } from '../system/index.js';
import { EXISTENTIAL_DEPOSIT, errors, events, storage } from './declaration.js';

export type Existence = 'KeepAlive' | 'AllowDeath';

export const accountOf = (ctx: DispatchContext, who: AccountId): AccountInfo =>
  systemStorage.Account.get(ctx.state, who);
export const freeBalance = (ctx: DispatchContext, who: AccountId): bigint => accountOf(ctx, who).data.free;
export const reservedBalance = (ctx: DispatchContext, who: AccountId): bigint => accountOf(ctx, who).data.reserved;
export const totalIssuance = (ctx: DispatchContext): bigint => storage.TotalIssuance.get(ctx.state);

function lowerIssuance(ctx: DispatchContext, amount: bigint): void {
  if (amount > 0n) storage.TotalIssuance.set(ctx.state, totalIssuance(ctx) - amount);
}

/** Writes `info` back, reaping the account (and burning its dust) when it fell below the existential deposit. */
function store(ctx: DispatchContext, who: AccountId, info: AccountInfo): void {
  const total = info.data.free + info.data.reserved;
  if (info.providers > 0 && total < EXISTENTIAL_DEPOSIT && info.consumers === 0) {
    systemStorage.Account.remove(ctx.state, who);
    if (total > 0n) {
      lowerIssuance(ctx, total);
      ctx.emit(events.DustLost({ account: who, amount: total }));
    }
    ctx.emit(systemEvents.KilledAccount({ account: who }));
    return;
  }
  systemStorage.Account.set(ctx.state, who, info);
}

/** Takes `amount` from `who`'s free balance, checking it stays payable and, with `KeepAlive`, alive. */
function debit(ctx: DispatchContext, who: AccountId, amount: bigint, existence: Existence): AccountInfo {
  const info = accountOf(ctx, who);
  if (info.data.free < amount) fail(errors.InsufficientBalance);
  const free = info.data.free - amount;
  if (free < info.data.frozen) fail(errors.LiquidityRestrictions);
  const remaining = free + info.data.reserved;
  if (remaining < EXISTENTIAL_DEPOSIT && (existence === 'KeepAlive' || info.consumers > 0 || info.data.reserved > 0n)) {
    fail(errors.Expendability);
  }
  return { ...info, data: { ...info.data, free } };
}

/** Adds `amount` to `who`'s free balance, creating the account when it reaches the existential deposit. */
function credit(ctx: DispatchContext, who: AccountId, amount: bigint): void {
  const info = accountOf(ctx, who);
  if (info.providers === 0) {
    if (amount < EXISTENTIAL_DEPOSIT) fail(errors.ExistentialDeposit);
    systemStorage.Account.set(ctx.state, who, {
      ...EMPTY_ACCOUNT,
      nonce: info.nonce,
      providers: 1,
      data: { ...EMPTY_ACCOUNT.data, free: amount },
    });
    ctx.emit(systemEvents.NewAccount({ account: who }));
    ctx.emit(events.Endowed({ account: who, free_balance: amount }));
    return;
  }
  systemStorage.Account.set(ctx.state, who, { ...info, data: { ...info.data, free: info.data.free + amount } });
}

/** Moves free balance between accounts (emits `Transfer`, even for zero, like pallet_balances). */
export function transfer(
  ctx: DispatchContext,
  from: AccountId,
  to: AccountId,
  amount: bigint,
  existence: Existence,
): void {
  if (amount < 0n) fail({ type: 'Arithmetic', value: { type: 'Underflow', value: undefined } });
  if (from === to) {
    debit(ctx, from, amount, existence);
    return;
  }
  const source = debit(ctx, from, amount, existence);
  if (amount > 0n) {
    credit(ctx, to, amount);
    store(ctx, from, source);
  }
  ctx.emit(events.Transfer({ from, to, amount }));
}

/** What `who` can send without dying (`KeepAlive`) or at all (`AllowDeath`). */
export function reducibleBalance(ctx: DispatchContext, who: AccountId, existence: Existence): bigint {
  const info = accountOf(ctx, who);
  const untouchable = info.data.frozen;
  const mustKeep =
    existence === 'KeepAlive' || info.consumers > 0 || info.data.reserved > 0n
      ? EXISTENTIAL_DEPOSIT - info.data.reserved
      : 0n;
  const floor = untouchable > mustKeep ? untouchable : mustKeep;
  const spendable = info.data.free - (floor > 0n ? floor : 0n);
  return spendable > 0n ? spendable : 0n;
}

/** Withdraws and burns (fees): emits `Withdraw` and lowers total issuance. */
export function withdrawAndBurn(ctx: DispatchContext, who: AccountId, amount: bigint, existence: Existence): void {
  if (amount === 0n) return;
  store(ctx, who, debit(ctx, who, amount, existence));
  lowerIssuance(ctx, amount);
  ctx.emit(events.Withdraw({ who, amount }));
}

/** Burns from free balance (`Balances.burn`): emits `Burned`. */
export function burn(ctx: DispatchContext, who: AccountId, amount: bigint, existence: Existence): void {
  store(ctx, who, debit(ctx, who, amount, existence));
  lowerIssuance(ctx, amount);
  ctx.emit(events.Burned({ who, amount }));
}

/** Moves `amount` from free to reserved (stakes, deposits, escrows). */
export function reserve(ctx: DispatchContext, who: AccountId, amount: bigint): void {
  const info = accountOf(ctx, who);
  if (info.providers === 0 || info.data.free < amount) fail(errors.InsufficientBalance);
  if (info.data.free - amount < info.data.frozen) fail(errors.LiquidityRestrictions);
  systemStorage.Account.set(ctx.state, who, {
    ...info,
    data: { ...info.data, free: info.data.free - amount, reserved: info.data.reserved + amount },
  });
  if (amount > 0n) ctx.emit(events.Reserved({ who, amount }));
}

/** Moves up to `amount` back from reserved to free; returns the part that could not be unreserved. */
export function unreserve(ctx: DispatchContext, who: AccountId, amount: bigint): bigint {
  const info = accountOf(ctx, who);
  const actual = amount < info.data.reserved ? amount : info.data.reserved;
  if (actual === 0n) return amount;
  systemStorage.Account.set(ctx.state, who, {
    ...info,
    data: { ...info.data, free: info.data.free + actual, reserved: info.data.reserved - actual },
  });
  ctx.emit(events.Unreserved({ who, amount: actual }));
  return amount - actual;
}

/** Burns up to `amount` of `who`'s reserved balance (a slash); returns the amount actually slashed. */
export function slashReserved(ctx: DispatchContext, who: AccountId, amount: bigint): bigint {
  const info = accountOf(ctx, who);
  const actual = amount < info.data.reserved ? amount : info.data.reserved;
  if (actual === 0n) return 0n;
  store(ctx, who, { ...info, data: { ...info.data, reserved: info.data.reserved - actual } });
  lowerIssuance(ctx, actual);
  ctx.emit(events.Slashed({ who, amount: actual }));
  return actual;
}

/**
 * Moves up to `amount` of `from`'s reserved balance to `to`'s free or reserved balance (paying a winner from a
 * slashed stake, settling an escrow); returns the amount moved. The beneficiary must exist, or receive at least
 * the existential deposit into its free balance.
 */
export function repatriateReserved(
  ctx: DispatchContext,
  from: AccountId,
  to: AccountId,
  amount: bigint,
  status: 'Free' | 'Reserved',
): bigint {
  const source = accountOf(ctx, from);
  const actual = amount < source.data.reserved ? amount : source.data.reserved;
  if (actual === 0n) return 0n;
  if (from === to) {
    if (status === 'Free') unreserve(ctx, from, actual);
    return actual;
  }
  const dest = accountOf(ctx, to);
  if (dest.providers === 0 && status === 'Reserved') fail(errors.DeadAccount);
  store(ctx, from, { ...source, data: { ...source.data, reserved: source.data.reserved - actual } });
  if (status === 'Free') credit(ctx, to, actual);
  else
    systemStorage.Account.set(ctx.state, to, {
      ...dest,
      data: { ...dest.data, reserved: dest.data.reserved + actual },
    });
  ctx.emit(
    events.ReserveRepatriated({ from, to, amount: actual, destination_status: { type: status, value: undefined } }),
  );
  return actual;
}
