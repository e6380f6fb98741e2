/**
 * Roles (pallet index 40): solvers, verifiers and whistleblowers register with a stake held as reserved balance,
 * add to it, and leave through an unbonding delay. The other protocol pallets slash these stakes (`stakes.ts`).
 * Constants, storage, events and errors here; calls in index.ts.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { bool, u32 } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { Role, StakeLedger } from './types.js';

export const pallet = palletBuilder({
  name: 'Roles',
  index: 40,
  crate: 'pallet_veritrain_roles',
  docs: ['Stakes of solvers, verifiers and whistleblowers: register, bond more, unbond with a delay, withdraw.'],
});

const params = () => protocolParams().roles;

export const constants = pallet.constants({
  MinimumSolverStake: constant(Balance, () => params().minimumStake.Solver, 'Least active stake a solver must hold.'),
  MinimumVerifierStake: constant(
    Balance,
    () => params().minimumStake.Verifier,
    'Least active stake a verifier must hold.',
  ),
  MinimumWhistleblowerStake: constant(
    Balance,
    () => params().minimumStake.Whistleblower,
    'Least active stake a whistleblower must hold.',
  ),
  UnbondingDelay: constant(
    BlockNumber,
    () => params().unbondingDelay,
    'Blocks between `unbond` and the moment the stake can be withdrawn; it stays slashable meanwhile.',
  ),
  MaxUnbondingChunks: constant(u32, () => params().maxUnbondingChunks, 'Most unbonding chunks one ledger may hold.'),
});

export const storage = pallet.storage({
  Stakes: pallet.doubleMap([AccountId, 'Blake2_128Concat'], [Role, 'Twox64Concat'], StakeLedger, {
    docs: ['The stake of an account in a role. The whole ledger is reserved balance of the account.'],
  }),
  Engaged: pallet.doubleMap([AccountId, 'Blake2_128Concat'], [Role, 'Twox64Concat'], Balance, {
    docs: ['Active stake backing unfinished work (a won auction, an assigned verification); it cannot be unbonded.'],
  }),
});

export const events = pallet.events({
  Registered: {
    index: 0,
    fields: { who: AccountId, role: Role, stake: Balance },
    docs: ['An account took a role with a stake (reserved).'],
  },
  Bonded: {
    index: 1,
    fields: { who: AccountId, role: Role, amount: Balance, active: Balance },
    docs: ['An account added `amount` to its stake in a role; `active` is the new active stake.'],
  },
  Unbonding: {
    index: 2,
    fields: { who: AccountId, role: Role, amount: Balance, unlock_at: BlockNumber },
    docs: ['An account started unbonding `amount`; it can be withdrawn from block `unlock_at`.'],
  },
  Withdrawn: {
    index: 3,
    fields: {
      who: AccountId,
      role: Role,
      amount: Balance,
      left_role: { type: bool, docs: ['Whether the account gave up the role.'] },
    },
    docs: ['Unbonded stake was released to the free balance.'],
  },
  StakeSlashed: {
    index: 4,
    fields: { who: AccountId, role: Role, amount: Balance },
    docs: ['Stake was taken from an account for a protocol fault; the receiving pallet records where it went.'],
  },
});

export const errors = pallet.errors({
  AlreadyRegistered: { index: 0, docs: ['The account already holds this role.'] },
  NotRegistered: { index: 1, docs: ['The account does not hold this role.'] },
  StakeBelowMinimum: { index: 2, docs: ['The active stake would be below the role minimum (and not zero).'] },
  ZeroAmount: { index: 3, docs: ['The amount must be positive.'] },
  InsufficientStake: { index: 4, docs: ['More than the active, unengaged stake was asked for.'] },
  TooManyUnbondingChunks: { index: 5, docs: ['Too many unbonding chunks; withdraw the unlocked ones first.'] },
  NothingToWithdraw: { index: 6, docs: ['No unbonding chunk has unlocked yet.'] },
});
