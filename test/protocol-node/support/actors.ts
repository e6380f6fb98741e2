/**
 * The accounts of a protocol test: sr25519 keys derived from readable URIs (`//vt/solver/1`), funded by //Alice
 * with real transfers, so every participant is an ordinary signed account of the dev chain.
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { UNIT } from '../../../pallets-spec/balances/declaration.js';
import type { AccountId } from '../../../pallets-spec/types/primitives.js';
import { accountIdOf } from './snapshot.js';
import type { ProtocolSession } from './session.js';

export interface Actor {
  readonly name: string;
  readonly pair: KeyringPair;
  /** The 32-byte account id as the pallets' storage keys and events carry it. */
  readonly id: AccountId;
}

/** What each test account gets from //Alice: ample for stakes, escrows and fees. */
export const ACTOR_FUNDS = 100_000n * UNIT;

let keyring: Keyring | undefined;

async function sr25519(): Promise<Keyring> {
  if (keyring === undefined) {
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  }
  return keyring;
}

export async function actor(uri: string): Promise<Actor> {
  const pair = (await sr25519()).addFromUri(uri);
  return { name: uri, pair, id: accountIdOf(pair.publicKey) };
}

/** //Alice, the dev chain's richest account: pays for every other actor. */
export const alice = (): Promise<Actor> => actor('//Alice');

/**
 * Creates the actors `//vt/<tag>/<i>` and funds each with `amount` from //Alice, one transfer per block so the
 * nonces never race. `tag` keeps sets apart when one node serves several tests.
 */
export async function fundedActors(
  session: ProtocolSession,
  tag: string,
  count: number,
  amount = ACTOR_FUNDS,
): Promise<Actor[]> {
  const funder = await alice();
  const actors = await Promise.all(Array.from({ length: count }, (_, i) => actor(`//vt/${tag}/${i + 1}`)));
  for (const a of actors)
    await session.ok(funder.pair, session.api.tx.balances.transferKeepAlive(a.pair.address, amount));
  return actors;
}
