/** `chain_*`: block hashes, headers, blocks, the finalized head and head subscriptions. */
import * as t from 'io-ts';
import type { Header } from '../../runtime-bindings/seam.js';
import { headerJson, signedBlockJson } from './blocks.js';
import { BlockNumber, Hash, decodeParams, lowerHex, optional } from './params.js';
import type { Handler, RpcContext, Subscriptions } from './types.js';

export const chain_getBlockHash: Handler = async (context, params) => {
  const [numbers] = decodeParams(params, [optional(t.union([BlockNumber, t.array(BlockNumber)]))]);
  if (numbers === null || numbers === undefined) return context.chain.best.hash;
  if (Array.isArray(numbers))
    return Promise.all(numbers.map(async (number) => (await context.chain.getHash(number)) ?? null));
  return (await context.chain.getHash(numbers)) ?? null;
};

export const chain_getHeader: Handler = async (context, params) => {
  const [hash] = decodeParams(params, [optional(Hash)]);
  const header = hash ? await context.chain.getHeader(lowerHex(hash)) : context.chain.best.header;
  return header ? headerJson(header) : null;
};

export const chain_getBlock: Handler = async (context, params) => {
  const [hash] = decodeParams(params, [optional(Hash)]);
  const block = await context.chain.getBlock(hash ? lowerHex(hash) : context.chain.best.hash);
  return block ? signedBlockJson(block) : null;
};

export const chain_getFinalizedHead: Handler = (context, params) => {
  decodeParams(params, []);
  return context.chain.finalized.hash;
};
export const chain_getFinalisedHead = chain_getFinalizedHead;

/** Every authored block is finalized at once, so new, finalized and all heads are the same stream. */
function subscribeHeads(notification: string): Handler {
  return (context: RpcContext, params: unknown[], subscriptions: Subscriptions) => {
    decodeParams(params, []);
    let stop = (): void => {};
    const subscription = subscriptions.subscribe(notification, () => stop());
    subscription.notify(headerJson(context.chain.best.header));
    stop = context.chain.onBlock(({ block }) => subscription.notify(headerJson(block.header as Header)));
    return subscription.id;
  };
}

function unsubscribe(): Handler {
  return (_context, params, subscriptions) => {
    const [id] = decodeParams(params, [t.union([t.string, t.number])]);
    return subscriptions.unsubscribe(String(id));
  };
}

export const chain_subscribeNewHeads = subscribeHeads('chain_newHead');
export const chain_subscribeNewHead = chain_subscribeNewHeads;
export const subscribe_newHead = chain_subscribeNewHeads;
export const chain_unsubscribeNewHeads = unsubscribe();
export const chain_unsubscribeNewHead = chain_unsubscribeNewHeads;
export const unsubscribe_newHead = chain_unsubscribeNewHeads;
export const chain_subscribeFinalizedHeads = subscribeHeads('chain_finalizedHead');
export const chain_subscribeFinalisedHeads = chain_subscribeFinalizedHeads;
export const chain_unsubscribeFinalizedHeads = unsubscribe();
export const chain_unsubscribeFinalisedHeads = chain_unsubscribeFinalizedHeads;
export const chain_subscribeAllHeads = subscribeHeads('chain_allHead');
export const chain_unsubscribeAllHeads = unsubscribe();

/** Used by the other namespaces' unsubscribe methods. */
export const unsubscribeHandler = unsubscribe;
