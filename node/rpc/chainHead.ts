/**
 * `chainHead_v1_*`: the new JSON-RPC spec's way of following the chain
 * (https://paritytech.github.io/json-rpc-interface-spec/api/chainHead.html), which polkadot-api speaks natively.
 * The subscription's logic lives in `chain-head-follow.ts`; this file decodes parameters and maps the spec's
 * answers and errors the way Substrate's `sc-rpc-spec-v2` does:
 * an unknown follow subscription is answered as "nothing to do" (`null` / `limitReached`), a block the
 * subscription has not pinned is error -32801.
 */
import * as t from 'io-ts';
import {
  BlockNotPinnedError,
  FollowSubscription,
  type OperationStarted,
  type StorageQueryItem,
} from './chain-head-follow.js';
import { decodeParams, Hash, Hex, lowerHex, optional } from './params.js';
import { ResponseError, type Handler, type HexString } from './types.js';

/** Substrate's chainHead error codes (sc-rpc-spec-v2 `chain_head::error`). */
const CHAIN_HEAD_ERROR = { reachedLimits: -32800, invalidBlock: -32801, invalidDuplicateHashes: -32804 } as const;
/** Follow subscriptions the node serves at once, over all connections (each holds pinned blocks). */
const MAX_FOLLOW_SUBSCRIPTIONS = 512;

/**
 * Live follow subscriptions by id. Subscription ids carry a random per-connection prefix (server.ts), so one client
 * cannot guess and act on another's subscription; a subscription leaves this map when it ends for any reason.
 */
const follows = new Map<string, FollowSubscription>();

/** A block the subscription does not hold pinned is the spec's "invalid block" error; anything else goes on. */
function asInvalidBlock(error: unknown): never {
  if (error instanceof BlockNotPinnedError)
    throw new ResponseError(CHAIN_HEAD_ERROR.invalidBlock, 'Invalid block hash', error.message);
  throw error;
}

/**
 * Runs `action` on a live subscription, its errors (thrown, or rejected when it is async) mapped by asInvalidBlock;
 * `absent` is the spec's answer when there is no subscription by that id.
 */
function withFollow<R>(id: string, absent: R, action: (follow: FollowSubscription) => R): R {
  const follow = follows.get(id);
  if (!follow) return absent;
  try {
    const result = action(follow);
    return (result instanceof Promise ? result.catch(asInvalidBlock) : result) as R;
  } catch (error) {
    return asInvalidBlock(error);
  }
}

const LIMIT_REACHED = { result: 'limitReached' } as const;
type OperationAnswer = OperationStarted | typeof LIMIT_REACHED;

const StorageQueryType = t.keyof({
  value: null,
  hash: null,
  closestDescendantMerkleValue: null,
  descendantsValues: null,
  descendantsHashes: null,
});
const StorageQuery = t.type({ key: Hex, type: StorageQueryType });
/** polkadot-api sends `""` for empty call parameters; Substrate reads it as no bytes, and so do we. */
const CallParameters = t.union([Hex, t.literal('')]);

export const chainHead_v1_follow: Handler<string> = (context, params, subscriptions) => {
  const [withRuntime] = decodeParams(params, [t.boolean]);
  if (follows.size >= MAX_FOLLOW_SUBSCRIPTIONS) {
    throw new ResponseError(CHAIN_HEAD_ERROR.reachedLimits, 'Reached the limit of follow subscriptions');
  }
  const subscription = subscriptions.subscribe('chainHead_v1_followEvent', () => {
    follows.get(subscription.id)?.close();
    follows.delete(subscription.id);
  });
  const follow = new FollowSubscription(
    context.chain,
    withRuntime,
    (event) => subscription.notify(event),
    () => subscription.close(),
  );
  follows.set(subscription.id, follow);
  // Events are held back by the transport until this call's answer (the subscription id) has gone out.
  follow.start();
  return subscription.id;
};

export const chainHead_v1_unfollow: Handler<null> = (_context, params, subscriptions) => {
  const [id] = decodeParams(params, [t.string]);
  // `unsubscribe` only ends subscriptions of the calling connection, and runs the close hook set in follow.
  subscriptions.unsubscribe(id);
  return null;
};

export const chainHead_v1_header: Handler<HexString | null> = (_context, params) => {
  const [id, hash] = decodeParams(params, [t.string, Hash]);
  return withFollow<Promise<HexString | null>>(id, Promise.resolve(null), (follow) => follow.header(lowerHex(hash)));
};

export const chainHead_v1_body: Handler<OperationAnswer> = (_context, params) => {
  const [id, hash] = decodeParams(params, [t.string, Hash]);
  return withFollow<OperationAnswer>(id, LIMIT_REACHED, (follow) => follow.body(lowerHex(hash)));
};

export const chainHead_v1_call: Handler<OperationAnswer> = (_context, params) => {
  const [id, hash, method, data] = decodeParams(params, [t.string, Hash, t.string, CallParameters]);
  const parameters = data === '' ? '0x' : lowerHex(data);
  return withFollow<OperationAnswer>(id, LIMIT_REACHED, (follow) => follow.call(lowerHex(hash), method, parameters));
};

export const chainHead_v1_storage: Handler<OperationAnswer> = (_context, params) => {
  const [id, hash, items, childTrie] = decodeParams(params, [t.string, Hash, t.array(StorageQuery), optional(Hex)]);
  // The node's runtime keeps no child tries, so every child-trie query is about an empty trie: nothing to report.
  const queries: StorageQueryItem[] = childTrie
    ? []
    : items.map((item) => ({ key: lowerHex(item.key), type: item.type }));
  return withFollow<OperationAnswer>(id, LIMIT_REACHED, (follow) => follow.storage(lowerHex(hash), queries));
};

export const chainHead_v1_unpin: Handler<null> = (_context, params) => {
  const [id, hashOrHashes] = decodeParams(params, [t.string, t.union([Hash, t.array(Hash)])]);
  const hashes = (Array.isArray(hashOrHashes) ? hashOrHashes : [hashOrHashes]).map(lowerHex);
  if (new Set(hashes).size !== hashes.length) {
    throw new ResponseError(
      CHAIN_HEAD_ERROR.invalidDuplicateHashes,
      'Received duplicate hashes for the chainHead_v1_unpin method',
    );
  }
  return withFollow(id, null, (follow) => {
    follow.unpin(hashes);
    return null;
  });
};

/** Operations never wait for `continue` here (each streams to its end), so there is nothing to resume. */
export const chainHead_v1_continue: Handler<null> = (_context, params) => {
  decodeParams(params, [t.string, t.string]);
  return null;
};

export const chainHead_v1_stopOperation: Handler<null> = (_context, params) => {
  const [id, operationId] = decodeParams(params, [t.string, t.string]);
  return withFollow(id, null, (follow) => {
    follow.stopOperation(operationId);
    return null;
  });
};
