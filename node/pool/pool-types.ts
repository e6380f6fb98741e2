/** The pool's transaction record, its watch statuses (the JSON shapes `author_extrinsicUpdate` carries), and its errors. */
import type { HexString } from '../../runtime-bindings/seam.js';

export interface PoolTransaction {
  hash: HexString;
  extrinsic: HexString;
  priority: bigint;
  /** Tags still to be provided by another pool transaction (tags the chain already provides are pruned). */
  requires: Set<HexString>;
  provides: HexString[];
  /** Arrival order, the tie-break after priority. */
  insertion: number;
  sender: string;
  ready: boolean;
}

/** `author_submitAndWatchExtrinsic` statuses, in Substrate's JSON form. */
export type WatchStatus =
  | 'future'
  | 'ready'
  | 'invalid'
  | 'dropped'
  | { inBlock: HexString }
  | { finalized: HexString }
  | { usurped: HexString };

/** True for statuses after which the transaction leaves the pool (the watch subscription ends). */
export function isFinalStatus(status: WatchStatus): boolean {
  return typeof status === 'string' ? status === 'invalid' || status === 'dropped' : !('inBlock' in status);
}

/** Substrate's pool error codes (sc-rpc-api author errors). */
export const POOL_ERROR = {
  invalid: 1010,
  unknownValidity: 1011,
  alreadyImported: 1013,
  tooLowPriority: 1014,
  immediatelyDropped: 1016,
} as const;

export class PoolRejection extends Error {
  override name = 'PoolRejection';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: string,
  ) {
    super(message);
  }
}

export interface PoolLimits {
  /** All transactions, ready and future together. */
  total: number;
  /** Per sender (the account part of its `provides` tags). */
  perSender: number;
  /** Future transactions (waiting for a nonce gap to fill). */
  future: number;
  /** Largest accepted extrinsic in bytes (Substrate's default block length is 5 MiB). */
  maxExtrinsicBytes: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = {
  total: 65_536,
  perSender: 4_096,
  future: 8_192,
  maxExtrinsicBytes: 5 * 1024 * 1024,
};
