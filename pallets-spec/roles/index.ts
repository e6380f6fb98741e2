/** Roles (pallet index 40): the calls. Each checks its rules through the pure ledger functions, then reserves. */
import { call } from '../framework/pallet.js';
import { ensureSigned, weight } from '../framework/dispatch.js';
import { reserve, unreserve } from '../balances/currency.js';
import { Balance } from '../types/primitives.js';
import { decided } from '../tasks/decision.js';
import { constants, errors, events, pallet, storage } from './declaration.js';
import { bondExtra, register, unbond, withdrawUnbonded } from './stake-ledger.js';
import { engagedStake, stakeRules } from './stakes.js';
import { Role } from './types.js';

export const calls = pallet.calls({
  register: call({
    index: 0,
    args: { role: Role, stake: Balance },
    docs: ['Take `role` with `stake` reserved from the free balance; `stake` must reach the role minimum.'],
    weight: weight(40_000_000, 3_593),
    dispatch(ctx, origin, { role, stake }) {
      const who = ensureSigned(origin);
      const ledger = decided(
        register(storage.Stakes.get(ctx.state, [who, role]), stake, stakeRules(role.type)),
        errors,
      );
      reserve(ctx, who, stake);
      storage.Stakes.set(ctx.state, [who, role], ledger);
      ctx.emit(events.Registered({ who, role, stake }));
    },
  }),
  bond_extra: call({
    index: 1,
    args: { role: Role, amount: Balance },
    docs: ['Add `amount` (reserved from the free balance) to the active stake of a role the caller holds.'],
    weight: weight(35_000_000, 3_593),
    dispatch(ctx, origin, { role, amount }) {
      const who = ensureSigned(origin);
      const ledger = decided(bondExtra(storage.Stakes.get(ctx.state, [who, role]), amount), errors);
      reserve(ctx, who, amount);
      storage.Stakes.set(ctx.state, [who, role], ledger);
      ctx.emit(events.Bonded({ who, role, amount, active: ledger.active }));
    },
  }),
  unbond: call({
    index: 2,
    args: { role: Role, amount: Balance },
    docs: [
      'Start unbonding `amount` of active stake: withdrawable after `UnbondingDelay` blocks, slashable until then.',
      'What stays active must be zero or at least the role minimum, and cover the engaged stake.',
    ],
    weight: weight(35_000_000, 3_593),
    dispatch(ctx, origin, { role, amount }) {
      const who = ensureSigned(origin);
      const current = storage.Stakes.get(ctx.state, [who, role]);
      const engaged = engagedStake(ctx, who, role.type);
      const ledger = decided(unbond(current, amount, engaged, ctx.blockNumber, stakeRules(role.type)), errors);
      storage.Stakes.set(ctx.state, [who, role], ledger);
      const unlock_at = ctx.blockNumber + constants.UnbondingDelay.value;
      ctx.emit(events.Unbonding({ who, role, amount, unlock_at }));
    },
  }),
  withdraw_unbonded: call({
    index: 3,
    args: { role: Role },
    docs: ['Release every unlocked unbonding chunk to the free balance; with nothing left the role is given up.'],
    weight: weight(35_000_000, 3_593),
    dispatch(ctx, origin, { role }) {
      const who = ensureSigned(origin);
      const { ledger, released } = decided(
        withdrawUnbonded(storage.Stakes.get(ctx.state, [who, role]), ctx.blockNumber),
        errors,
      );
      unreserve(ctx, who, released);
      if (ledger === undefined) storage.Stakes.remove(ctx.state, [who, role]);
      else storage.Stakes.set(ctx.state, [who, role], ledger);
      ctx.emit(events.Withdrawn({ who, role, amount: released, left_role: ledger === undefined }));
    },
  }),
});

export { constants, errors, events, storage };
export const Roles = pallet.finish({ constants, storage, events, errors, calls });
