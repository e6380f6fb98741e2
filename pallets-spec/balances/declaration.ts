/**
 * Balances (pallet_balances, index 5): constants, storage, events and errors. The calls are in index.ts and
 * the balance operations other pallets use (reserve, unreserve, slash, burn, …) in currency.ts.
 * Account balances live in `System.Account` (`AccountInfo.data`), as in Substrate.
 */
import { u32, enumType } from '../types/dsl.js';
import { AccountId, Balance } from '../types/primitives.js';
import { constant, palletBuilder } from '../framework/pallet.js';

export const pallet = palletBuilder({
  name: 'Balances',
  index: 5,
  crate: 'pallet_balances',
  docs: ['The VRT token: free and reserved balances, transfers, burning, and reserve/slash for the protocol pallets.'],
});

/** 1 VRT in the smallest unit (12 decimals). */
/** The token as clients show it: the metadata hash (RFC-78) and `system_properties` both carry these. */
export const TOKEN = { symbol: 'VRT', decimals: 12 } as const;
export const UNIT = 10n ** BigInt(TOKEN.decimals);
export const EXISTENTIAL_DEPOSIT = UNIT / 100n;

export const constants = pallet.constants({
  ExistentialDeposit: constant(
    Balance,
    EXISTENTIAL_DEPOSIT,
    'The minimum amount required to keep an account open. MUST BE GREATER THAN ZERO!',
    '',
    'An account whose free plus reserved balance would fall below this is reaped and the rest (dust) burned.',
  ),
  MaxLocks: constant(u32, 50, 'The maximum number of locks that should exist on an account (no locks exist yet).'),
  MaxReserves: constant(u32, 50, 'The maximum number of named reserves that can exist on an account.'),
  MaxFreezes: constant(
    u32,
    0,
    'The maximum number of individual freeze locks that can exist on an account at any time.',
  ),
});

export const storage = pallet.storage({
  TotalIssuance: pallet.valueWithDefault(Balance, {
    default: 0n,
    docs: ['The total units issued in the system. Fixed at genesis; burning, fees and slashes only reduce it.'],
  }),
  InactiveIssuance: pallet.valueWithDefault(Balance, {
    default: 0n,
    docs: ['The total units of outstanding deactivated balance in the system.'],
  }),
});

export const BalanceStatus = enumType(['frame_support', 'traits', 'tokens', 'misc', 'BalanceStatus'], {
  Free: { index: 0, docs: ['Funds are free, as corresponding to `free` item in Balances.'] },
  Reserved: { index: 1, docs: ['Funds are reserved, as corresponding to `reserved` item in Balances.'] },
});

export const events = pallet.events({
  Endowed: {
    index: 0,
    fields: { account: AccountId, free_balance: Balance },
    docs: ['An account was created with some free balance.'],
  },
  DustLost: {
    index: 1,
    fields: { account: AccountId, amount: Balance },
    docs: [
      'An account was removed whose balance was non-zero but below ExistentialDeposit, resulting in an outright loss.',
    ],
  },
  Transfer: { index: 2, fields: { from: AccountId, to: AccountId, amount: Balance }, docs: ['Transfer succeeded.'] },
  Reserved: {
    index: 4,
    fields: { who: AccountId, amount: Balance },
    docs: ['Some balance was reserved (moved from free to reserved).'],
  },
  Unreserved: {
    index: 5,
    fields: { who: AccountId, amount: Balance },
    docs: ['Some balance was unreserved (moved from reserved to free).'],
  },
  ReserveRepatriated: {
    index: 6,
    fields: { from: AccountId, to: AccountId, amount: Balance, destination_status: BalanceStatus },
    docs: [
      'Some balance was moved from the reserve of the first account to the second account.',
      'Final argument indicates the destination balance type.',
    ],
  },
  Deposit: {
    index: 7,
    fields: { who: AccountId, amount: Balance },
    docs: ['Some amount was deposited (e.g. for transaction fees).'],
  },
  Withdraw: {
    index: 8,
    fields: { who: AccountId, amount: Balance },
    docs: ['Some amount was withdrawn from the account (e.g. for transaction fees).'],
  },
  Slashed: {
    index: 9,
    fields: { who: AccountId, amount: Balance },
    docs: ['Some amount was removed from the account (e.g. for misbehavior).'],
  },
  Burned: { index: 11, fields: { who: AccountId, amount: Balance }, docs: ['Some amount was burned from an account.'] },
});

export const errors = pallet.errors({
  VestingBalance: { index: 0, docs: ['Vesting balance too high to send value.'] },
  LiquidityRestrictions: { index: 1, docs: ['Account liquidity restrictions prevent withdrawal.'] },
  InsufficientBalance: { index: 2, docs: ['Balance too low to send value.'] },
  ExistentialDeposit: { index: 3, docs: ['Value too low to create account due to existential deposit.'] },
  Expendability: { index: 4, docs: ['Transfer/payment would kill account.'] },
  ExistingVestingSchedule: { index: 5, docs: ['A vesting schedule already exists for this account.'] },
  DeadAccount: { index: 6, docs: ['Beneficiary account must pre-exist.'] },
  TooManyReserves: { index: 7, docs: ['Number of named reserves exceed `MaxReserves`.'] },
  TooManyHolds: { index: 8, docs: ['Number of holds exceed `VariantCountOf<T::RuntimeHoldReason>`.'] },
  TooManyFreezes: { index: 9, docs: ['Number of freezes exceed `MaxFreezes`.'] },
  IssuanceDeactivated: { index: 10, docs: ['The issuance cannot be modified since it is already deactivated.'] },
  DeltaZero: { index: 11, docs: ['The delta cannot be zero.'] },
});
