/**
 * `dev_*`: controls for development chains (as Chopsticks offers), so that tests and tools can move a chain through
 * the protocol's windows without waiting for the clock. Refused on other chains and under `--rpc-methods safe`.
 */
import * as t from 'io-ts';
import { decodeParams, optional } from './params.js';
import { ResponseError, RPC_ERROR, type Handler, type HexString } from './types.js';

const NewBlockOptions = t.exact(
  t.partial({
    count: new t.Type<number, number, unknown>(
      'BlockCount',
      (u): u is number => typeof u === 'number',
      (u, c) =>
        typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= 1_000
          ? t.success(u)
          : t.failure(u, c, 'count must be an integer in 1..=1000'),
      (a) => a,
    ),
  }),
);

/** `dev_newBlock([{ count? }])`: authors `count` (default 1) blocks now; returns the new best block's hash. */
export const dev_newBlock: Handler<HexString> = async (context, params) => {
  const [options] = decodeParams(params, [optional(NewBlockOptions)]);
  if (!context.dev) {
    throw new ResponseError(RPC_ERROR.methodNotFound, 'dev_newBlock is only available on Development chains');
  }
  return context.dev.newBlocks(options?.count ?? 1);
};
