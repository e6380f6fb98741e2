/**
 * The result of a protocol rule: either the new value, or the name of the module error that refused it.
 *
 * Pure decision functions return this instead of throwing so that a dispatchable can check every rule up front
 * and change nothing when one fails (FRAME's `ensure!` then `assert_noop!` in tests). The error names are the
 * pallets' module error variants, so they reach clients unchanged.
 */
import { type PalletError, fail } from '../framework/dispatch.js';

export type Decision<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function refuse<E extends string>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** An account as the runtime stores it: the 32-byte public key, lowercase 0x-hex, so string order is byte order. */
export type AccountKey = `0x${string}`;

/** Block numbers are u32 on chain; plain numbers are exact in that range. */
export type BlockNumber = number;

/** Compares two account keys in byte order (deterministic tie-breaks and sorted iteration). */
export function compareAccounts(a: AccountKey, b: AccountKey): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Unwraps a decision inside a dispatchable: a refusal becomes the pallet's module error of the same name, and the
 * runtime then discards every write of the call.
 */
export function decided<T, E extends string>(decision: Decision<T, E>, errors: Record<E, PalletError>): T {
  if (!decision.ok) fail(errors[decision.error]);
  return decision.value;
}
