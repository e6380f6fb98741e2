/**
 * State root: an incremental multiset commitment over the full state, so a block costs O(its changes), never
 * O(state). For every pair (k, v) except the commitment entry itself, h(k, v) = blake2b-512(compact(|k|) ‖ k ‖ v)
 * read as a little-endian integer; the commitment is Σ h mod 2⁵¹², kept in state under `:veritrain:state_commitment`
 * (64 bytes LE). The header's state root is blake2-256 of those 64 bytes. Any change of any pair changes the
 * sum; a block updates it by subtracting the hashes of the pairs it overwrites and adding the new ones.
 * (An additive multiset hash over 512 bits: sound for accidental and practical forgery here; it is not a
 * Merkle trie, so it gives no inclusion proofs.)
 */
import { compactNumber } from '@polkadot-api/substrate-bindings';
import { stringToHex, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2b } from '@polkadot/wasm-crypto';
import type { HexString } from '@polkadot/util/types';
import type { StorageChanges, StorageReader } from './seam.js';
import { blake2_256, hexBytes } from './signature.js';

export const STATE_COMMITMENT_KEY: HexString = stringToHex(':veritrain:state_commitment');
const MOD = 1n << 512n;
const EMPTY = new Uint8Array();

function toBigLE(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes).reverse().toString('hex')}`);
}

function fromBigLE(value: bigint): Uint8Array {
  const out = new Uint8Array(64);
  let v = value;
  for (let i = 0; i < 64; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function pairHash(key: HexString, value: Uint8Array): bigint {
  const k = hexBytes(key);
  return toBigLE(blake2b(u8aConcat(compactNumber.enc(k.length), k, value), EMPTY, 64));
}

/** The commitment over a complete state (genesis). */
export function commitmentOf(pairs: Iterable<[HexString, Uint8Array]>): Uint8Array {
  let sum = 0n;
  for (const [k, v] of pairs) if (k !== STATE_COMMITMENT_KEY) sum = (sum + pairHash(k, v)) % MOD;
  return fromBigLE(sum);
}

/** Adds (or recomputes) the commitment entry of a complete state (genesis); returns `storage`. */
export function withCommitment(storage: StorageChanges): StorageChanges {
  const pairs: Array<[HexString, Uint8Array]> = [];
  for (const [k, v] of storage) if (v) pairs.push([k, v]);
  storage.set(STATE_COMMITMENT_KEY, commitmentOf(pairs));
  return storage;
}

/** Updates the parent's commitment with `changes`; adds the new commitment to `changes`; returns the state root. */
export function applyCommitment(parent: StorageReader, changes: StorageChanges): HexString {
  const stored = parent.get(STATE_COMMITMENT_KEY);
  let sum = stored ? toBigLE(stored) : 0n;
  for (const [k, v] of changes) {
    if (k === STATE_COMMITMENT_KEY) continue;
    const old = parent.get(k);
    if (old) sum -= pairHash(k, old);
    if (v) sum += pairHash(k, v);
  }
  sum = ((sum % MOD) + MOD) % MOD;
  const commitment = fromBigLE(sum);
  changes.set(STATE_COMMITMENT_KEY, commitment);
  return rootOf(commitment);
}

export const rootOf = (commitment: Uint8Array): HexString => u8aToHex(blake2_256(commitment));
