/**
 * Turns one incoming JSON-RPC frame (single or batch) into its answer, whatever the transport: parse, check
 * the request's shape with io-ts, find the handler, run it, and map every failure to a JSON-RPC error.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { NodeMetrics } from '../metrics.js';
import { inTurn } from '../fairness.js';
import { ResponseError, RPC_ERROR, type HandlerTable, type RpcContext, type Subscriptions } from './types.js';

const RequestShape = t.intersection([
  t.type({ jsonrpc: t.literal('2.0'), method: t.string }),
  t.partial({ id: t.union([t.number, t.string, t.null]), params: t.union([t.array(t.unknown), t.UnknownRecord]) }),
]);

type Id = number | string | null;
type Response =
  | { jsonrpc: '2.0'; id: Id; result: unknown }
  | { jsonrpc: '2.0'; id: Id; error: { code: number; message: string; data?: unknown } };

/** Largest batch answered; bigger ones are refused as a whole. */
const MAX_BATCH = 1_000;

export interface DispatchOptions {
  handlers: HandlerTable;
  context: RpcContext;
  metrics: NodeMetrics;
  allowUnsafe: boolean;
  unsafeMethods: Set<string>;
}

const errorResponse = (id: Id, code: number, message: string, data?: unknown): Response => ({
  jsonrpc: '2.0',
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});

/**
 * Answers a frame. `afterAnswer` runs once the answer has been handed to the transport, so subscriptions may
 * then deliver their first notification. Resolves with `undefined` when nothing is to be answered.
 */
export async function dispatchFrame(
  frame: string,
  subscriptions: Subscriptions,
  options: DispatchOptions,
): Promise<Response | Response[] | undefined> {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return errorResponse(null, RPC_ERROR.parse, 'Parse error');
  }
  if (Array.isArray(message)) {
    if (message.length === 0) return errorResponse(null, RPC_ERROR.invalidRequest, 'Invalid request', 'empty batch');
    if (message.length > MAX_BATCH)
      return errorResponse(
        null,
        RPC_ERROR.invalidRequest,
        'Invalid request',
        `batch larger than ${MAX_BATCH} requests`,
      );
    const answers = await Promise.all(message.map((request) => dispatchRequest(request, subscriptions, options)));
    const present = answers.filter((answer): answer is Response => answer !== undefined);
    return present.length > 0 ? present : undefined;
  }
  return dispatchRequest(message, subscriptions, options);
}

async function dispatchRequest(
  request: unknown,
  subscriptions: Subscriptions,
  options: DispatchOptions,
): Promise<Response | undefined> {
  const decoded = RequestShape.decode(request);
  if (isLeft(decoded)) {
    const id =
      typeof request === 'object' && request !== null && 'id' in request
        ? ((request as { id: unknown }).id as Id)
        : null;
    return errorResponse(
      typeof id === 'number' || typeof id === 'string' ? id : null,
      RPC_ERROR.invalidRequest,
      'Invalid request',
    );
  }
  const { method, params } = decoded.right;
  const id = decoded.right.id;
  const handler = Object.hasOwn(options.handlers, method) ? options.handlers[method] : undefined;
  const notification = id === undefined;
  const label = handler ? method : 'unknown';
  const stopTimer = options.metrics.rpcLatency.startTimer({ method: label });
  try {
    if (!handler) throw new ResponseError(RPC_ERROR.methodNotFound, 'Method not found');
    if (!options.allowUnsafe && options.unsafeMethods.has(method)) {
      throw new ResponseError(RPC_ERROR.methodNotFound, 'RPC call is unsafe to be called externally');
    }
    if (params !== undefined && !Array.isArray(params)) {
      throw new ResponseError(
        RPC_ERROR.invalidParams,
        'Invalid params',
        'named parameters are not supported; pass an array',
      );
    }
    const result = await inTurn(() => handler(options.context, params ?? [], subscriptions));
    options.metrics.rpcCalls.inc({ method: label, outcome: 'ok' });
    return notification ? undefined : { jsonrpc: '2.0', id: id ?? null, result: result === undefined ? null : result };
  } catch (error) {
    options.metrics.rpcCalls.inc({ method: label, outcome: 'error' });
    if (notification) return undefined;
    if (error instanceof ResponseError) return errorResponse(id ?? null, error.code, error.message, error.data);
    options.context.log.error({ err: error }, `RPC ${method} failed`);
    return errorResponse(id ?? null, RPC_ERROR.internal, 'Internal error', (error as Error).message);
  } finally {
    stopTimer();
  }
}
