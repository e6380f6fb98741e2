/**
 * Client helpers built from the same declarations: encode a call and sign an extrinsic v4 without
 * `@polkadot/api` (benchmarks pre-sign thousands of transfers; tests need exact bytes). Signing uses
 * wasm-crypto's sr25519, as verification does.
 */
import { compactNumber } from '@polkadot-api/substrate-bindings';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { sr25519KeypairFromSeed, sr25519Sign } from '@polkadot/wasm-crypto';
import { compactU32, compactU128 } from '../pallets-spec/types/dsl.js';
import { SIGNED_VERSIONS } from '../pallets-spec/system/version.js';
import { RuntimeCallType } from './construct.js';
import type { RuntimeCallValue } from './extrinsic.js';
import { blake2_256 } from './signature.js';

export interface Sr25519Signer {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/** An sr25519 key pair from a 32-byte seed (mini secret). */
export function sr25519FromSeed(seed: Uint8Array): Sr25519Signer {
  const pair = sr25519KeypairFromSeed(seed);
  return { secretKey: pair.slice(0, 64), publicKey: pair.slice(64) };
}

export function encodeCall(call: RuntimeCallValue): Uint8Array {
  return RuntimeCallType.codec.enc(call);
}

/** `Balances.transfer_keep_alive(dest, value)` as a runtime call. */
export const transferKeepAlive = (dest: HexString, value: bigint): RuntimeCallValue => ({
  type: 'Balances',
  value: { type: 'transfer_keep_alive', value: { dest: { type: 'Id', value: dest }, value } },
});

/** A signed, immortal extrinsic (with its length prefix), signed over the standard signed extensions. */
export function signImmortal(
  signer: Sr25519Signer,
  call: RuntimeCallValue,
  nonce: number,
  genesisHash: HexString,
  tip = 0n,
): HexString {
  const callBytes = encodeCall(call);
  const extra = u8aConcat(
    new Uint8Array([0]),
    compactU32.codec.enc(nonce),
    compactU128.codec.enc(tip),
    new Uint8Array([0]),
  );
  const genesis = hexToU8a(genesisHash);
  let payload = u8aConcat(callBytes, extra, SIGNED_VERSIONS, genesis, genesis, new Uint8Array([0]));
  if (payload.length > 256) payload = blake2_256(payload);
  const signature = sr25519Sign(signer.publicKey, signer.secretKey, payload);
  const body = u8aConcat(
    new Uint8Array([0x84, 0x00]),
    signer.publicKey,
    new Uint8Array([0x01]),
    signature,
    extra,
    callBytes,
  );
  return u8aToHex(u8aConcat(compactNumber.enc(body.length), body));
}
