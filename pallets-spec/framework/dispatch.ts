/**
 * What a call's dispatch function receives and how it fails. Dispatch logic is pure: it reads and writes only
 * through `ctx.state`, learns the block only from `ctx`, and reports through `ctx.emit`. Failing means throwing a
 * `DispatchFailure`; the runtime then discards every write and event of the call (transactional layer).
 */
import type { StateIO } from './state.js';
import type { AccountId, DispatchError, Weight } from '../types/primitives.js';

export type Origin = { type: 'Signed'; who: AccountId } | { type: 'None' } | { type: 'Root' };

/** An event ready to be recorded: pallet and variant names and the field values. */
export interface EmittedEvent {
  pallet: string;
  name: string;
  data: unknown;
}

export interface DispatchContext {
  readonly state: StateIO;
  /** The number of the block being built or executed. */
  readonly blockNumber: number;
  emit(event: EmittedEvent): void;
}

/** Thrown by dispatch logic; carries the `sp_runtime::DispatchError` recorded in `System.ExtrinsicFailed`. */
export class DispatchFailure extends Error {
  override name = 'DispatchFailure';
  constructor(
    readonly error: DispatchError,
    message: string,
  ) {
    super(message);
  }
}

/** A pallet error, once its pallet is known (see pallet.ts). */
export interface PalletError {
  readonly pallet: string;
  readonly palletIndex: number;
  readonly name: string;
  readonly index: number;
  readonly docs: string[];
}

export function moduleError(e: PalletError): DispatchError {
  const hex = `0x${e.index.toString(16).padStart(2, '0')}000000` as const;
  return { type: 'Module', value: { index: e.palletIndex, error: hex } };
}

export function fail(e: PalletError | DispatchError): never {
  if ('palletIndex' in e) throw new DispatchFailure(moduleError(e), `${e.pallet}.${e.name}`);
  throw new DispatchFailure(e, e.type);
}

export function ensure(condition: boolean, e: PalletError | DispatchError): asserts condition {
  if (!condition) fail(e);
}

export function ensureSigned(origin: Origin): AccountId {
  if (origin.type !== 'Signed') fail({ type: 'BadOrigin', value: undefined });
  return origin.who;
}

export function ensureNone(origin: Origin): void {
  if (origin.type !== 'None') fail({ type: 'BadOrigin', value: undefined });
}

export const weight = (refTime: number | bigint, proofSize: number | bigint = 0): Weight => ({
  ref_time: BigInt(refTime),
  proof_size: BigInt(proofSize),
});
