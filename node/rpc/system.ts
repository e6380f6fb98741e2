/** `system_*`: node identity, chain facts, health, and the next usable nonce of an account. */
import { decodeAddress } from '@polkadot/util-crypto';
import * as t from 'io-ts';
import { bytesToHex } from '../store/hex.js';
import { decodeParams } from './params.js';
import { runtimeCall } from './state.js';
import { ResponseError, RPC_ERROR, type Handler } from './types.js';

const noParams =
  <R>(answer: (context: Parameters<Handler>[0]) => R): Handler<R> =>
  (context, params) => {
    decodeParams(params, []);
    return answer(context);
  };

export const system_name = noParams((context) => context.identity.name);
export const system_version = noParams((context) => context.identity.version);
export const system_chain = noParams((context) => context.spec.name);
export const system_chainType = noParams((context) => context.spec.chainType);
export const system_properties = noParams((context) => context.spec.properties);
export const system_health = noParams(() => ({ peers: 0, isSyncing: false, shouldHavePeers: false }));
export const system_peers = noParams(() => []);
export const system_localPeerId = noParams((context) => context.identity.peerId);
export const system_nodeRoles = noParams(() => ['Authority']);
export const system_localListenAddresses = noParams((context) => [
  `/ip4/127.0.0.1/tcp/30333/p2p/${context.identity.peerId}`,
]);
export const system_syncState = noParams((context) => ({
  startingBlock: 0,
  currentBlock: context.chain.best.number,
  highestBlock: context.chain.best.number,
}));

/** The account's nonce on chain (`AccountNonceApi_account_nonce`), moved past its transactions waiting in the pool. */
export const system_accountNextIndex: Handler = (context, params) => {
  const [address] = decodeParams(params, [t.string]);
  let accountId: Uint8Array;
  try {
    accountId = decodeAddress(address);
  } catch (error) {
    throw new ResponseError(
      RPC_ERROR.invalidParams,
      'Invalid params',
      `param 0: not an SS58 address or account id: ${(error as Error).message}`,
    );
  }
  const output = runtimeCall(
    context,
    context.chain.headState,
    'AccountNonceApi_account_nonce',
    accountId,
    context.chain.best.hash,
  );
  const view = Buffer.from(output);
  let nonce = output.length >= 8 ? Number(view.readBigUInt64LE()) : view.readUInt32LE();
  // Pool transactions provide the tag SCALE((AccountId, Nonce)); skip the nonces they already use.
  const tag = (value: number): `0x${string}` => {
    const width = output.length >= 8 ? 8 : 4;
    const encoded = Buffer.alloc(width);
    if (width === 8) encoded.writeBigUInt64LE(BigInt(value));
    else encoded.writeUInt32LE(value);
    return bytesToHex(Buffer.concat([accountId, encoded]));
  };
  while (context.pool.provides(tag(nonce))) nonce++;
  return nonce;
};
export const account_nextIndex = system_accountNextIndex;
