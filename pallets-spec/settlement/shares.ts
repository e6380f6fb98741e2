/**
 * Exact share arithmetic on balances: Perbill / Permill as integer parts, every split summing back to its input.
 *
 * Balances are bigint and never pass through floats. Every multiplication rounds down (Substrate's `mul_floor`);
 * whatever rounding leaves over is returned explicitly as a remainder, so callers decide where each unit goes
 * and total issuance is conserved to the smallest unit.
 */

/** Parts per billion, 0 ..= 1_000_000_000 (Substrate's `Perbill`, SCALE u32). */
export type Perbill = { readonly perbill: number };
/** Parts per million, 0 ..= 1_000_000 (Substrate's `Permill`, SCALE u32). */
export type Permill = { readonly permill: number };

export const PERBILL_ONE = 1_000_000_000;
export const PERMILL_ONE = 1_000_000;

export class ShareOutOfRangeError extends Error {
  override name = 'ShareOutOfRangeError';
}

export function perbill(parts: number): Perbill {
  if (!Number.isInteger(parts) || parts < 0 || parts > PERBILL_ONE) {
    throw new ShareOutOfRangeError(`Perbill must be an integer in 0..=${PERBILL_ONE}, got ${parts}`);
  }
  return { perbill: parts };
}

export function permill(parts: number): Permill {
  if (!Number.isInteger(parts) || parts < 0 || parts > PERMILL_ONE) {
    throw new ShareOutOfRangeError(`Permill must be an integer in 0..=${PERMILL_ONE}, got ${parts}`);
  }
  return { permill: parts };
}

/** `floor(amount × share)`. */
export function mulFloor(amount: bigint, share: Perbill | Permill): bigint {
  if (amount < 0n) throw new RangeError(`balance must not be negative, got ${amount}`);
  return 'perbill' in share
    ? (amount * BigInt(share.perbill)) / BigInt(PERBILL_ONE)
    : (amount * BigInt(share.permill)) / BigInt(PERMILL_ONE);
}

/** Splits `amount` into `count` equal parts; the remainder (< count) is returned, never silently dropped. */
export function splitEvenly(amount: bigint, count: number): { each: bigint; remainder: bigint } {
  if (count <= 0) return { each: 0n, remainder: amount };
  const n = BigInt(count);
  return { each: amount / n, remainder: amount % n };
}

/** The sum of a list of balances. */
export function sum(amounts: readonly bigint[]): bigint {
  return amounts.reduce((total, amount) => total + amount, 0n);
}
