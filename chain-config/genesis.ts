/**
 * Genesis state builder: endowed accounts and the fixed token supply. The supply is exactly
 * 1,232,922,769 VRT (12 decimals) and never grows: no call mints; burns, fees and slashes lower it.
 */
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import type { StateIO } from '../pallets-spec/framework/state.js';
import { EMPTY_ACCOUNT, HASH69, storage as system } from '../pallets-spec/system/index.js';
import { EXISTENTIAL_DEPOSIT, UNIT, storage as balances } from '../pallets-spec/balances/index.js';
import { FIXED_ONE, storage as payment } from '../pallets-spec/transaction-payment/index.js';
import type { AccountId } from '../pallets-spec/types/primitives.js';
import { JACKPOT_ACCOUNT } from '../pallets-spec/settlement/jackpot.js';
import { runtimeCode, type StorageChanges } from '../runtime-bindings/index.js';
import { withCommitment } from '../runtime-bindings/state-root.js';

/** The whole supply, in the smallest unit. */
export const TOTAL_ISSUANCE = 1_232_922_769n * UNIT;
export const CODE_KEY: HexString = u8aToHex(new TextEncoder().encode(':code'));

export class GenesisError extends Error {
  override name = 'GenesisError';
}

/** Splits the supply evenly; the first account also gets the indivisible remainder. */
export function splitSupply(accounts: AccountId[]): Array<[AccountId, bigint]> {
  if (accounts.length === 0) throw new GenesisError('genesis needs at least one endowed account');
  const share = TOTAL_ISSUANCE / BigInt(accounts.length);
  const rest = TOTAL_ISSUANCE % BigInt(accounts.length);
  return accounts.map((a, i) => [a, i === 0 ? share + rest : share]);
}

/**
 * Gives the forced-error jackpot's pot the existential deposit, taken from the first endowed account, unless the
 * list already endows the pot. Without it, a payment into the pot below the existential deposit could not create
 * its account and would be burned (settlement/jackpot.ts); with it the pot exists from block 0 and keeps every unit.
 * The total is unchanged: genesis still holds exactly the fixed supply.
 */
export function endowJackpot(endowed: Array<[AccountId, bigint]>): Array<[AccountId, bigint]> {
  if (endowed.length === 0 || endowed.some(([who]) => who === JACKPOT_ACCOUNT)) return endowed;
  const [[first, share], ...rest] = endowed as [[AccountId, bigint], ...Array<[AccountId, bigint]>];
  if (share - EXISTENTIAL_DEPOSIT < EXISTENTIAL_DEPOSIT)
    throw new GenesisError(
      `account ${first} gets ${share}, too little to also endow the jackpot with the existential deposit`,
    );
  return [[first, share - EXISTENTIAL_DEPOSIT], ...rest, [JACKPOT_ACCOUNT, EXISTENTIAL_DEPOSIT]];
}

/** Genesis storage for `endowed` (which must sum to the total supply); the jackpot is endowed from the first. */
export function buildGenesis(requested: Array<[AccountId, bigint]>): StorageChanges {
  const endowed = endowJackpot(requested);
  const out: StorageChanges = new Map();
  const io: StateIO = {
    read: (k) => out.get(k) ?? undefined,
    write: (k, v) => void out.set(k, v),
    keysWithPrefix: () => [],
  };
  let total = 0n;
  const seen = new Set<string>();
  for (const [who, amount] of endowed) {
    if (seen.has(who)) throw new GenesisError(`account ${who} is endowed twice`);
    seen.add(who);
    if (amount < EXISTENTIAL_DEPOSIT)
      throw new GenesisError(`account ${who} gets ${amount}, below the existential deposit ${EXISTENTIAL_DEPOSIT}`);
    total += amount;
    system.Account.set(io, who, { ...EMPTY_ACCOUNT, providers: 1, data: { ...EMPTY_ACCOUNT.data, free: amount } });
  }
  if (total !== TOTAL_ISSUANCE)
    throw new GenesisError(
      `genesis balances sum to ${total}, not the fixed supply ${TOTAL_ISSUANCE} (1,232,922,769 VRT)`,
    );
  balances.TotalIssuance.set(io, total);
  system.BlockHash.set(io, 0, HASH69);
  system.ParentHash.set(io, HASH69);
  payment.NextFeeMultiplier.set(io, FIXED_ONE);
  out.set(CODE_KEY, runtimeCode());
  return withCommitment(out);
}
