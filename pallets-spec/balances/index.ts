/**
 * Balances calls. Declarations (constants → storage → events → errors) are in declaration.ts; the operations
 * they delegate to, shared with other pallets, in currency.ts.
 */
import { bool } from '../types/dsl.js';
import { compactBalance, lookupAddress, MultiAddress, type AccountId } from '../types/primitives.js';
import { call } from '../framework/pallet.js';
import { ensureSigned, fail, weight } from '../framework/dispatch.js';
import { constants, errors, events, pallet, storage } from './declaration.js';
import { burn, reducibleBalance, transfer } from './currency.js';

export { constants, errors, events, storage, EXISTENTIAL_DEPOSIT, UNIT } from './declaration.js';
export * as currency from './currency.js';

function lookup(dest: MultiAddress): AccountId {
  return lookupAddress(dest) ?? fail({ type: 'CannotLookup', value: undefined });
}

export const calls = pallet.calls({
  transfer_allow_death: call({
    index: 0,
    args: { dest: MultiAddress, value: compactBalance },
    docs: [
      'Transfer some liquid free balance to another account.',
      '',
      '`transfer_allow_death` will set the `FreeBalance` of the sender and receiver.',
      "If the sender's account is below the existential deposit as a result",
      'of the transfer, the account will be reaped.',
      '',
      'The dispatch origin for this call must be `Signed` by the transactor.',
    ],
    weight: weight(50_000_000, 3_593),
    dispatch: (ctx, origin, { dest, value }) => transfer(ctx, ensureSigned(origin), lookup(dest), value, 'AllowDeath'),
  }),
  transfer_keep_alive: call({
    index: 3,
    args: { dest: MultiAddress, value: compactBalance },
    docs: [
      'Same as the [`transfer_allow_death`] call, but with a check that the transfer will not',
      'kill the origin account.',
      '',
      '99% of the time you want [`transfer_allow_death`] instead.',
    ],
    weight: weight(45_000_000, 3_593),
    dispatch: (ctx, origin, { dest, value }) => transfer(ctx, ensureSigned(origin), lookup(dest), value, 'KeepAlive'),
  }),
  transfer_all: call({
    index: 4,
    args: { dest: MultiAddress, keep_alive: bool },
    docs: [
      'Transfer the entire transferable balance from the caller account.',
      '',
      '- `dest`: The recipient of the transfer.',
      '- `keep_alive`: A boolean to determine if the `transfer_all` operation should send all',
      '  of the funds the account has, causing the sender account to be killed (false), or',
      '  transfer everything except at least the existential deposit, which will guarantee to',
      '  keep the sender account alive (true).',
    ],
    weight: weight(50_000_000, 3_593),
    dispatch: (ctx, origin, { dest, keep_alive }) => {
      const who = ensureSigned(origin);
      const existence = keep_alive ? 'KeepAlive' : 'AllowDeath';
      transfer(ctx, who, lookup(dest), reducibleBalance(ctx, who, existence), existence);
    },
  }),
  burn: call({
    index: 10,
    args: { value: compactBalance, keep_alive: bool },
    docs: [
      'Burn the specified liquid free balance from the origin account.',
      '',
      "If the origin's account ends up below the existential deposit as a result",
      'of the burn and `keep_alive` is false, the account will be reaped.',
      '',
      'Unlike sending funds to a _burn_ address, which merely makes the funds inaccessible,',
      'this `burn` operation will reduce total issuance by the amount _burned_.',
    ],
    weight: weight(30_000_000, 3_593),
    dispatch: (ctx, origin, { value, keep_alive }) =>
      burn(ctx, ensureSigned(origin), value, keep_alive ? 'KeepAlive' : 'AllowDeath'),
  }),
});

export const Balances = pallet.finish({ constants, storage, events, errors, calls });
