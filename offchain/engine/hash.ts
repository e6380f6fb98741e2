/** Content addresses: blake2-256, written as 0x-prefixed lowercase hex. */
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

export type HashHex = `0x${string}`;

export function hashBytes(bytes: Uint8Array): Uint8Array {
  return blake2AsU8a(bytes, 256);
}

export function hashHex(bytes: Uint8Array): HashHex {
  return u8aToHex(hashBytes(bytes)) as HashHex;
}

export function toHex(bytes: Uint8Array): HashHex {
  return u8aToHex(bytes) as HashHex;
}

/** Loads the wasm blake2 (about an order of magnitude faster than the JS fallback); call before hashing in bulk. */
export async function hashingReady(): Promise<void> {
  await cryptoWaitReady();
}
