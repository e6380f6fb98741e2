/**
 * Hash commitments for sealed values: a bid price now, a verdict or a solver's secret elsewhere.
 *
 * `commitment = blake2_256(SCALE(value) ‖ salt)` with a 32-byte salt. The salt hides low-entropy values (a price
 * has few plausible values; without a salt anyone could hash them all) and binds the committer: it cannot find a
 * second (value, salt) with the same hash.
 */
import { Blake2256, u128 } from '@polkadot-api/substrate-bindings';

export const SALT_BYTES = 32;
export const U128_MAX = (1n << 128n) - 1n;

export type Hash32 = Uint8Array;

export class MalformedCommitmentInputError extends Error {
  override name = 'MalformedCommitmentInputError';
}

/** blake2_256(payload ‖ salt); throws when the salt is not 32 bytes (a dispatchable decodes it as `[u8; 32]`). */
export function commitTo(payload: Uint8Array, salt: Uint8Array): Hash32 {
  if (salt.length !== SALT_BYTES) {
    throw new MalformedCommitmentInputError(`salt must be ${SALT_BYTES} bytes, got ${salt.length}`);
  }
  const preimage = new Uint8Array(payload.length + salt.length);
  preimage.set(payload, 0);
  preimage.set(salt, payload.length);
  return Blake2256(preimage);
}

/** The sealed bid `blake2_256(SCALE_u128(price) ‖ salt)`. */
export function bidCommitment(price: bigint, salt: Uint8Array): Hash32 {
  if (price < 0n || price > U128_MAX) {
    throw new MalformedCommitmentInputError(`price must fit in u128, got ${price}`);
  }
  return commitTo(u128.enc(price), salt);
}

/** Constant-shape byte comparison (the inputs are public hashes, so timing does not matter; clarity does). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Whether (price, salt) opens `commitment`. */
export function opensBid(commitment: Hash32, price: bigint, salt: Uint8Array): boolean {
  if (salt.length !== SALT_BYTES || price < 0n || price > U128_MAX) return false;
  return sameHash(commitment, bidCommitment(price, salt));
}
