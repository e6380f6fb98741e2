/** The RPC layer's shared types: the one error type, handler signature, per-call context and subscriptions. */
import type { ChainSpec, HexString, Runtime } from '../../runtime-bindings/seam.js';
import type { Chain } from '../chain.js';
import type { Logger } from '../log.js';
import type { TransactionPool } from '../pool/transaction-pool.js';

/** A JSON-RPC error answered to the client as `{ code, message, data }`. */
export class ResponseError extends Error {
  override name = 'ResponseError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export const RPC_ERROR = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  oversizedRequest: -32007,
  /** Substrate's "Client error" (unknown block, failed runtime call). */
  client: 4003,
} as const;

export interface NodeIdentity {
  name: string;
  version: string;
  peerId: string;
}

/** What every handler may use. */
export interface RpcContext {
  chain: Chain;
  pool: TransactionPool;
  runtime: Runtime;
  spec: ChainSpec;
  identity: NodeIdentity;
  log: Logger;
  /** Development chains only: author `count` blocks now, empty or not; resolves with the last one's hash. */
  dev?: { newBlocks(count: number): Promise<HexString> };
}

export interface Subscription {
  readonly id: string;
  /** Sends one notification (held back until the subscribe call's own answer has gone out). */
  notify(result: unknown): void;
  /** Ends the subscription from the server side. */
  close(): void;
}

/** One connection's subscriptions. Over HTTP, `subscribe` fails with a clear error. */
export interface Subscriptions {
  subscribe(notificationMethod: string, onClose: () => void): Subscription;
  unsubscribe(id: string): boolean;
}

/** A handler named exactly as its wire method; `params` is the raw array, decoded by the handler with io-ts. */
export type Handler<Result = unknown> = (
  context: RpcContext,
  params: unknown[],
  subscriptions: Subscriptions,
) => Result | Promise<Result>;

export type HandlerTable = Record<string, Handler>;

export type { HexString };
