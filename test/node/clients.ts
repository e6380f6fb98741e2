/** Real @polkadot/api clients and dev keys for the node tests. */
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';

export { devKeys } from '../helpers/dev-keys.js';

export async function connectApi(wsUrl: string): Promise<ApiPromise> {
  return ApiPromise.create({ provider: new WsProvider(wsUrl), noInitWarn: true, throwOnConnect: true });
}

/** A signed `transferKeepAlive` as hex, with an explicit nonce (immortal, so it stays valid however long a test runs). */
export async function signedTransfer(
  api: ApiPromise,
  from: KeyringPair,
  to: string,
  amount: bigint,
  nonce: number,
): Promise<`0x${string}`> {
  const tx = await api.tx.balances.transferKeepAlive(to, amount).signAsync(from, { nonce, era: 0 });
  return tx.toHex();
}

/** Free balance of an account at a block (the best when `at` is absent), read with a plain storage query. */
export async function freeBalance(api: ApiPromise, address: string, at?: string): Promise<bigint> {
  const source = at ? await api.at(at) : api;
  const account = (await source.query.system.account(address)) as unknown as { data: { free: { toBigInt(): bigint } } };
  return account.data.free.toBigInt();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
