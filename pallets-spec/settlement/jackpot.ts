/**
 * The forced-error jackpot's pot: the free balance of a keyless pallet account (Substrate's `PalletId` layout,
 * `"modl" ‖ id ‖ zero padding`), funded by forfeited deposits, a share of fees and a share of slashes.
 */
import { stringToU8a, u8aToHex } from '@polkadot/util';
import type { DispatchContext } from '../framework/dispatch.js';
import { EXISTENTIAL_DEPOSIT } from '../balances/declaration.js';
import { accountOf, repatriateReserved, slashReserved } from '../balances/currency.js';
import type { AccountId } from '../types/primitives.js';

function palletAccount(id: string): AccountId {
  const bytes = new Uint8Array(32);
  bytes.set(stringToU8a('modl'), 0);
  bytes.set(stringToU8a(id).subarray(0, 8), 4);
  return u8aToHex(bytes);
}

/** `PalletId(*b"vt/jackp")`: no key can sign for it. */
export const JACKPOT_ACCOUNT = palletAccount('vt/jackp');

/**
 * Moves `amount` of `from`'s reserved balance into the pot. While the pot account does not exist and `amount`
 * could not create it (below the existential deposit), the amount is burned instead: nothing is ever minted, and
 * the chain spec should endow the pot at genesis so this does not happen. Returns what reached the pot.
 */
export function fundJackpot(ctx: DispatchContext, from: AccountId, amount: bigint): bigint {
  if (amount <= 0n) return 0n;
  if (accountOf(ctx, JACKPOT_ACCOUNT).providers === 0 && amount < EXISTENTIAL_DEPOSIT) {
    slashReserved(ctx, from, amount);
    return 0n;
  }
  return repatriateReserved(ctx, from, JACKPOT_ACCOUNT, amount, 'Free');
}
