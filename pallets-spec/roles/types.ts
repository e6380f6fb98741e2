/** The roles pallet's SCALE types, declared once: codecs, TypeScript types and metadata derive from these. */
import { enumType, struct, vec, type TypeOf } from '../types/dsl.js';
import { Balance, BlockNumber } from '../types/primitives.js';

const CRATE = 'pallet_veritrain_roles';

export const Role = enumType([CRATE, 'Role'], {
  Solver: { index: 0, docs: ['Bids on tasks, trains, and submits proofs.'] },
  Verifier: { index: 1, docs: ['Replays assigned segments and posts verdicts.'] },
  Whistleblower: { index: 2, docs: ['Challenges verdicts and proofs by opening disputes.'] },
});
export type Role = TypeOf<typeof Role>;
export type RoleName = Role['type'];
export const ROLE_NAMES: readonly RoleName[] = ['Solver', 'Verifier', 'Whistleblower'];

export const UnbondingChunk = struct([CRATE, 'UnbondingChunk'], {
  amount: Balance,
  unlock_at: { type: BlockNumber, docs: ['First block at which the chunk can be withdrawn.'] },
});
export type UnbondingChunk = TypeOf<typeof UnbondingChunk>;

export const StakeLedger = struct([CRATE, 'StakeLedger'], {
  active: { type: Balance, docs: ['Stake backing the role; at least the role minimum unless zero.'] },
  unbonding: {
    type: vec(UnbondingChunk),
    docs: ['Stake on its way out, in the order it was unbonded; still reserved and slashable.'],
  },
});
export type StakeLedger = TypeOf<typeof StakeLedger>;
