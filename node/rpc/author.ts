/** `author_*`: submitting (and watching) extrinsics, and the pool's pending list. */
import * as t from 'io-ts';
import type { HexString } from '../../runtime-bindings/seam.js';
import { isFinalStatus, PoolRejection, type WatchStatus } from '../pool/pool-types.js';
import { unsubscribeHandler } from './chain.js';
import { Hex, decodeParams, lowerHex } from './params.js';
import { ResponseError, type Handler, type RpcContext } from './types.js';

async function submit(context: RpcContext, extrinsic: string, watcher?: (status: WatchStatus) => void) {
  try {
    return await context.pool.submitVerified(lowerHex(extrinsic), watcher);
  } catch (error) {
    if (error instanceof PoolRejection) throw new ResponseError(error.code, error.message, error.data);
    throw error;
  }
}

export const author_submitExtrinsic: Handler = async (context, params) => {
  const [extrinsic] = decodeParams(params, [Hex]);
  return (await submit(context, extrinsic)).hash;
};

/** How long the `finalized` status trails `inBlock` on a watched extrinsic (see the watcher below). */
const FINALIZED_NOTIFICATION_DELAY_MS = 250;

export const author_submitAndWatchExtrinsic: Handler = async (context, params, subscriptions) => {
  const [extrinsic] = decodeParams(params, [Hex]);
  let stopWatching = (): void => {};
  const subscription = subscriptions.subscribe('author_extrinsicUpdate', () => stopWatching());
  const watcher = (status: WatchStatus): void => {
    // With instant finality `finalized` follows `inBlock` at once, and @polkadot/api (its status stream is a
    // switchMap that fetches each status's events) then drops InBlock before the dApp sees it. Holding `finalized`
    // back briefly lets clients report InBlock then Finalized, as they do on Substrate (Chopsticks does the same).
    if (typeof status === 'object' && 'finalized' in status) {
      setTimeout(() => {
        subscription.notify(status);
        subscription.close();
      }, FINALIZED_NOTIFICATION_DELAY_MS);
      return;
    }
    subscription.notify(status);
    if (isFinalStatus(status)) subscription.close();
  };
  try {
    const tx = await submit(context, extrinsic, watcher);
    stopWatching = () => context.pool.unwatch(tx.hash, watcher);
  } catch (error) {
    subscription.close();
    throw error;
  }
  return subscription.id;
};
export const author_unwatchExtrinsic = unsubscribeHandler();

export const author_pendingExtrinsics: Handler = (context, params) => {
  decodeParams(params, []);
  return context.pool.pending();
};

/** Unsafe. Accepts `{ Hash: 0x… }` or `{ Extrinsic: 0x… }` items (Substrate's `ExtrinsicOrHash`). */
const ExtrinsicOrHash = t.union([
  t.type({ Hash: Hex }),
  t.type({ Extrinsic: Hex }),
  t.type({ hash: Hex }),
  t.type({ extrinsic: Hex }),
]);

export const author_removeExtrinsic: Handler = (context, params) => {
  const [items] = decodeParams(params, [t.array(ExtrinsicOrHash)]);
  const hashes = items.map((item): HexString => {
    if ('Hash' in item) return lowerHex(item.Hash);
    if ('hash' in item) return lowerHex(item.hash);
    return context.pool.hashOf(lowerHex('Extrinsic' in item ? item.Extrinsic : item.extrinsic));
  });
  return context.pool.removeByHash(hashes);
};
