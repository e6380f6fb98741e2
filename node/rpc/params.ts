/** io-ts codecs for RPC parameters and the one place they are decoded (bad params → -32602 with the reason). */
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { HexString } from '../../runtime-bindings/seam.js';
import { ResponseError, RPC_ERROR } from './types.js';

interface HexBrand {
  readonly Hex: unique symbol;
}

/** `0x`-prefixed hex with an even number of digits. */
// No repeated group in the pattern: a group repeated millions of times (a 5 MiB extrinsic) overflows the regex stack.
export const Hex = t.brand(
  t.string,
  (value): value is t.Branded<string, HexBrand> => value.length % 2 === 0 && /^0x[0-9a-fA-F]*$/.test(value),
  'Hex',
);

const HASH_PATTERN = /^0x[0-9a-fA-F]{64}$/;
interface HashBrand {
  readonly Hash: unique symbol;
}
/** A 32-byte hash in hex. */
export const Hash = t.brand(
  t.string,
  (value): value is t.Branded<string, HashBrand> => HASH_PATTERN.test(value),
  'Hash',
);

/** An optional parameter: absent, `null` or `undefined` all mean "not given". */
export const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.null, t.undefined]);

/** A block number as clients send it: a number, or a hex / decimal string. */
export const BlockNumber = new t.Type<number, unknown, unknown>(
  'BlockNumber',
  (value): value is number => typeof value === 'number',
  (value, context) => {
    const parsed =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(value)
          ? Number(value)
          : NaN;
    return Number.isSafeInteger(parsed) && parsed >= 0 && parsed < 2 ** 32
      ? t.success(parsed)
      : t.failure(value, context, 'expected a block number (u32)');
  },
  (value) => value,
);

function describeErrors(errors: t.Errors): string {
  return errors
    .map((error) => {
      const path = error.context.filter((entry) => /^\d+$/.test(entry.key)).map((entry) => entry.key);
      const expected = error.context[error.context.length - 1]?.type.name ?? 'value';
      const where = path.length > 0 ? `param ${path[0]}` : 'params';
      return error.message ?? `${where}: expected ${expected}, got ${JSON.stringify(error.value)?.slice(0, 80)}`;
    })
    .slice(0, 3)
    .join('; ');
}

/**
 * Decodes positional params against a tuple of codecs. Missing trailing params are `undefined`, so optional
 * codecs accept them; extra params are an error.
 */
export function decodeParams<C extends [t.Mixed, ...t.Mixed[]] | []>(
  params: unknown[],
  codecs: C,
): { [K in keyof C]: C[K] extends t.Mixed ? t.TypeOf<C[K]> : never } {
  if (params.length > codecs.length) {
    throw new ResponseError(
      RPC_ERROR.invalidParams,
      'Invalid params',
      `expected at most ${codecs.length} params, got ${params.length}`,
    );
  }
  const decoded: unknown[] = [];
  for (let index = 0; index < codecs.length; index++) {
    const result = (codecs[index] as t.Mixed).decode(params[index]);
    if (isLeft(result)) {
      throw new ResponseError(
        RPC_ERROR.invalidParams,
        'Invalid params',
        `param ${index}: ${describeErrors(result.left)}`,
      );
    }
    decoded.push(result.right);
  }
  return decoded as never;
}

/** Lowercases hex so it matches the node's keys (storage keys are compared as lowercase hex). */
export function lowerHex(hex: string): HexString {
  return hex.toLowerCase() as HexString;
}
