/** `state_*`: runtime version and metadata, runtime calls, storage reads at any block, storage subscriptions. */
import { blake2AsHex } from '@polkadot/util-crypto';
import * as t from 'io-ts';
import type { HexString } from '../../runtime-bindings/seam.js';
import { bytesToHex, hexToBytes } from '../store/hex.js';
import { resolveBlock, stateAt } from './blocks.js';
import { unsubscribeHandler } from './chain.js';
import { Hash, Hex, decodeParams, lowerHex, optional } from './params.js';
import { ResponseError, RPC_ERROR, type Handler, type RpcContext } from './types.js';

/** Substrate caps `state_getKeysPaged` at 1,000 keys per page. */
const MAX_KEYS_PAGE = 1000;

export const state_getRuntimeVersion: Handler = async (context, params) => {
  const [hash] = decodeParams(params, [optional(Hash)]);
  await resolveBlock(context, hash);
  return context.runtime.version;
};

export const state_getMetadata: Handler = async (context, params) => {
  const [hash] = decodeParams(params, [optional(Hash)]);
  await resolveBlock(context, hash);
  return bytesToHex(context.runtime.metadata(14));
};

/** Runs a runtime API at a block; a failure inside the runtime is a client error with its message. */
export function runtimeCall(
  context: RpcContext,
  reader: Parameters<RpcContext['runtime']['call']>[0],
  method: string,
  data: Uint8Array,
  at: HexString,
): Uint8Array {
  try {
    return context.runtime.call(reader, method, data, at);
  } catch (error) {
    throw new ResponseError(RPC_ERROR.client, `Client error: Execution failed: ${(error as Error).message}`);
  }
}

export const state_call: Handler = async (context, params) => {
  const [method, data, hash] = decodeParams(params, [t.string, Hex, optional(Hash)]);
  const { reader, hash: at } = await stateAt(context, hash);
  return bytesToHex(runtimeCall(context, reader, method, hexToBytes(data as HexString), at));
};

async function storageValue(
  context: RpcContext,
  key: string,
  hash: string | null | undefined,
): Promise<Uint8Array | undefined> {
  const { number } = await resolveBlock(context, hash);
  return context.chain.storageAt(lowerHex(key), number);
}

export const state_getStorage: Handler = async (context, params) => {
  const [key, hash] = decodeParams(params, [Hex, optional(Hash)]);
  const value = await storageValue(context, key, hash);
  return value === undefined ? null : bytesToHex(value);
};
export const state_getStorageAt = state_getStorage;

export const state_getStorageHash: Handler = async (context, params) => {
  const [key, hash] = decodeParams(params, [Hex, optional(Hash)]);
  const value = await storageValue(context, key, hash);
  return value === undefined ? null : blake2AsHex(value, 256);
};
export const state_getStorageHashAt = state_getStorageHash;

export const state_getStorageSize: Handler = async (context, params) => {
  const [key, hash] = decodeParams(params, [Hex, optional(Hash)]);
  const value = await storageValue(context, key, hash);
  return value === undefined ? null : value.length;
};
export const state_getStorageSizeAt = state_getStorageSize;

export const state_getKeys: Handler = async (context, params) => {
  const [prefix, hash] = decodeParams(params, [Hex, optional(Hash)]);
  const { reader } = await stateAt(context, hash);
  return reader.keysWithPrefix(lowerHex(prefix));
};

export const state_getKeysPaged: Handler = async (context, params) => {
  const [prefix, count, startKey, hash] = decodeParams(params, [
    optional(Hex),
    t.number,
    optional(Hex),
    optional(Hash),
  ]);
  if (!Number.isInteger(count) || count < 0 || count > MAX_KEYS_PAGE) {
    throw new ResponseError(
      RPC_ERROR.invalidParams,
      `count exceeds maximum value. value: ${count}, max: ${MAX_KEYS_PAGE}`,
    );
  }
  const { reader } = await stateAt(context, hash);
  return reader.keysWithPrefix(lowerHex(prefix ?? '0x'), startKey ? lowerHex(startKey) : undefined, count);
};
export const state_getKeysPagedAt = state_getKeysPaged;

/** Unsafe: the whole matching state in one answer. */
export const state_getPairs: Handler = async (context, params) => {
  const [prefix, hash] = decodeParams(params, [Hex, optional(Hash)]);
  const { reader } = await stateAt(context, hash);
  return reader.keysWithPrefix(lowerHex(prefix)).map((key) => [key, bytesToHex(reader.get(key)!)]);
};

export const state_queryStorageAt: Handler = async (context, params) => {
  const [keys, hash] = decodeParams(params, [t.array(Hex), optional(Hash)]);
  const { reader, hash: at } = await stateAt(context, hash);
  const changes = keys.map((key) => {
    const value = reader.get(lowerHex(key));
    return [key, value === undefined ? null : bytesToHex(value)];
  });
  return [{ block: at, changes }];
};

export const state_subscribeStorage: Handler = (context, params, subscriptions) => {
  const [keys] = decodeParams(params, [optional(t.array(Hex))]);
  const watched = keys ? new Set(keys.map(lowerHex)) : undefined;
  let stop = (): void => {};
  const subscription = subscriptions.subscribe('state_storage', () => stop());
  if (watched) {
    const changes = [...watched].map((key) => {
      const value = context.chain.headState.get(key);
      return [key, value === undefined ? null : bytesToHex(value)];
    });
    subscription.notify({ block: context.chain.best.hash, changes });
  }
  stop = context.chain.onBlock(({ hash, changes }) => {
    const reported: Array<[HexString, HexString | null]> = [];
    if (watched) {
      for (const key of watched) {
        if (changes.has(key)) {
          const value = changes.get(key)!;
          reported.push([key, value === null ? null : bytesToHex(value)]);
        }
      }
    } else {
      for (const [key, value] of changes) reported.push([key, value === null ? null : bytesToHex(value)]);
    }
    if (reported.length > 0) subscription.notify({ block: hash, changes: reported });
  });
  return subscription.id;
};
export const state_unsubscribeStorage = unsubscribeHandler();

/** The runtime never upgrades on this chain yet, so the version is sent once. */
export const state_subscribeRuntimeVersion: Handler = (context, params, subscriptions) => {
  decodeParams(params, []);
  const subscription = subscriptions.subscribe('state_runtimeVersion', () => {});
  subscription.notify(context.runtime.version);
  return subscription.id;
};
export const state_unsubscribeRuntimeVersion = unsubscribeHandler();
export const chain_getRuntimeVersion = state_getRuntimeVersion;
export const chain_subscribeRuntimeVersion = state_subscribeRuntimeVersion;
export const chain_unsubscribeRuntimeVersion = state_unsubscribeRuntimeVersion;
