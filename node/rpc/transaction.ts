/**
 * `transaction_v1_*` and `transactionWatch_v1_*` of the new JSON-RPC spec
 * (https://paritytech.github.io/json-rpc-interface-spec/api/transaction.html), on the node's one pool.
 *
 * `broadcast` is fire-and-forget by design: the spec answers an operation id even for a transaction the pool
 * refuses (clients such as polkadot-api validate with `TaggedTransactionQueue_validate_transaction` first and
 * watch blocks for inclusion). `submitAndWatch` reports what happens, with the pool's statuses mapped the way
 * Substrate's `sc-rpc-spec-v2` maps them.
 */
import * as t from 'io-ts';
import type { Chain } from '../chain.js';
import { PoolRejection, POOL_ERROR, type WatchStatus } from '../pool/pool-types.js';
import { decodeParams, Hex, lowerHex } from './params.js';
import { ResponseError, RPC_ERROR, type Handler, type HexString } from './types.js';

type BlockRef = { hash: HexString; index: number };
type WatchEvent =
  | { event: 'validated' }
  | { event: 'bestChainBlockIncluded'; block: BlockRef | null }
  | { event: 'finalized'; block: BlockRef }
  | { event: 'invalid'; error: string }
  | { event: 'dropped'; error: string }
  | { event: 'error'; error: string };

/**
 * Broadcast operations, alive until the client stops them (as in Substrate, whose broadcast keeps retrying until
 * `transaction_v1_stop`). Clients that never stop are bounded by evicting the oldest ids.
 */
const broadcasts = new Set<string>();
const MAX_BROADCASTS = 4096;
let nextBroadcast = 0;

export const transaction_v1_broadcast: Handler<string> = (context, params) => {
  const [extrinsic] = decodeParams(params, [Hex]);
  const operationId = `broadcast-${nextBroadcast++}`;
  broadcasts.add(operationId);
  if (broadcasts.size > MAX_BROADCASTS) broadcasts.delete(broadcasts.values().next().value!);
  try {
    context.pool.submit(lowerHex(extrinsic));
  } catch (error) {
    if (!(error instanceof PoolRejection)) throw error;
    context.log.debug(
      { operationId, code: error.code, reason: error.data ?? error.message },
      'transaction_v1_broadcast: refused by the pool',
    );
  }
  return operationId;
};

export const transaction_v1_stop: Handler<null> = (_context, params) => {
  const [operationId] = decodeParams(params, [t.string]);
  if (!broadcasts.delete(operationId))
    throw new ResponseError(RPC_ERROR.invalidParams, 'Invalid operation id', operationId);
  return null;
};

export const transactionWatch_v1_submitAndWatch: Handler<string> = (context, params, subscriptions) => {
  const [raw] = decodeParams(params, [Hex]);
  const extrinsic = lowerHex(raw);
  let stopWatching: (() => void) | undefined;
  const subscription = subscriptions.subscribe('transactionWatch_v1_watchEvent', () => stopWatching?.());
  // Events go out in the order the pool reported them, though locating a block's index needs a read.
  let queue: Promise<void> = Promise.resolve();
  const send = (event: WatchEvent | Promise<WatchEvent>, last = false): void => {
    queue = queue.then(async () => {
      subscription.notify(await event);
      // Closing drops notifications the transport still holds back until the answer is out, so let that go first.
      if (last) setImmediate(() => subscription.close());
    });
  };
  let validated = false;
  const onStatus = (status: WatchStatus): void => {
    if (status === 'ready' || status === 'future') {
      if (!validated) send({ event: 'validated' });
      validated = true;
    } else if (status === 'invalid') send({ event: 'invalid', error: 'Extrinsic marked as invalid' }, true);
    else if (status === 'dropped')
      send({ event: 'dropped', error: 'Extrinsic dropped from the pool due to exceeding limits' }, true);
    else if ('usurped' in status)
      send({ event: 'invalid', error: 'Extrinsic was rendered invalid by another extrinsic' }, true);
    else if ('inBlock' in status)
      send(
        locate(context.chain, status.inBlock, extrinsic).then((block) => ({ event: 'bestChainBlockIncluded', block })),
      );
    else
      send(
        locate(context.chain, status.finalized, extrinsic).then((block) => ({ event: 'finalized', block })),
        true,
      );
  };
  try {
    const tx = context.pool.submit(extrinsic);
    // Watch after submit so a refusal leaves no watcher behind; `submit` reported ready/future before we listened.
    if (!validated) send({ event: 'validated' });
    validated = true;
    stopWatching = context.pool.watch(tx.hash, onStatus);
  } catch (error) {
    if (!(error instanceof PoolRejection)) throw error;
    const reason = typeof error.data === 'string' ? error.data : error.message;
    const refused =
      error.code === POOL_ERROR.invalid || error.code === POOL_ERROR.unknownValidity
        ? 'invalid'
        : error.code === POOL_ERROR.immediatelyDropped
          ? 'dropped'
          : 'error';
    send({ event: refused, error: reason }, true);
  }
  return subscription.id;
};

export const transactionWatch_v1_unwatch: Handler<null> = (_context, params, subscriptions) => {
  const [id] = decodeParams(params, [t.string]);
  if (!subscriptions.unsubscribe(id)) throw new ResponseError(RPC_ERROR.invalidParams, 'Invalid subscription id', id);
  return null;
};

/** The block and the transaction's index in it, as the spec's events carry them. */
async function locate(chain: Chain, hash: HexString, extrinsic: HexString): Promise<BlockRef> {
  const block = await chain.getBlock(hash);
  const index = block?.extrinsics.findIndex((candidate) => candidate.toLowerCase() === extrinsic) ?? -1;
  return { hash, index: Math.max(index, 0) };
}
