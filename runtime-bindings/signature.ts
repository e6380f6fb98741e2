/**
 * Signature checks on the hot path, with `@polkadot/wasm-crypto` (util-crypto 14 verifies sr25519 in pure JS,
 * about 8× slower). Results are memoised by (signature, signer, payload hash) so the pool's validation and the
 * block builder verify each signature once. The wasm module is initialised by importing this file (top-level
 * await), so callers never meet an uninitialised verifier.
 */
import { blake2b, ed25519Verify, secp256k1Recover, sr25519Verify, waitReady } from '@polkadot/wasm-crypto';
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { AccountId, MultiSignature } from '../pallets-spec/types/primitives.js';

await waitReady();
await cryptoWaitReady();

const EMPTY_KEY = new Uint8Array();

/** Hex to bytes with Node's native decoder (the hot path converts signatures and keys per transaction). */
export const hexBytes = (hex: HexString): Uint8Array => {
  const b = Buffer.from(hex.slice(2), 'hex');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();
};
export const blake2_256 = (data: Uint8Array): Uint8Array => blake2b(data, EMPTY_KEY, 32);

/** Entries are ~600 bytes (signature, signer, payload as hex): 50k bound the memo to ~30 MB, far above a pool. */
const MEMO_LIMIT = 50_000;
const memo = new Map<string, boolean>();

function check(signature: MultiSignature, message: Uint8Array, signer: AccountId): boolean {
  const sig = hexBytes(signature.value);
  const pubkey = hexBytes(signer);
  switch (signature.type) {
    case 'Sr25519':
      return sr25519Verify(sig, message, pubkey);
    case 'Ed25519':
      return ed25519Verify(sig, message, pubkey);
    case 'Ecdsa': {
      // Substrate's ECDSA account id is blake2-256 of the compressed public key recovered from the signature.
      try {
        const recovered = secp256k1Recover(
          blake2_256(message),
          sig.subarray(0, 64),
          sig[64] >= 27 ? sig[64] - 27 : sig[64],
        );
        return u8aToHex(blake2_256(recovered)) === signer;
      } catch {
        return false;
      }
    }
  }
}

// The payload is at most 256 bytes (longer ones arrive hashed), so it can be part of the key as it is.
const memoKey = (signature: MultiSignature, payload: Uint8Array, signer: AccountId): string =>
  `${signature.type}${signature.value}${signer}${Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('hex')}`;

function remember(key: string, ok: boolean): void {
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(key, ok);
}

/** Whether `signature` by `signer` is valid over `payload` (the signed payload, already hashed when > 256 bytes). */
export function verifySignature(signature: MultiSignature, payload: Uint8Array, signer: AccountId): boolean {
  const key = memoKey(signature, payload, signer);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const ok = check(signature, payload, signer);
  remember(key, ok);
  return ok;
}

/**
 * Records a signature verified elsewhere (the node's verification workers) as valid. Only positive results are
 * taken: anything not noted is verified here, so a wrong "invalid" elsewhere cannot change a transaction's fate.
 */
export function noteValidSignature(signature: MultiSignature, payload: Uint8Array, signer: AccountId): void {
  remember(memoKey(signature, payload, signer), true);
}
