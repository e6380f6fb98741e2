/**
 * CLI flags arrive as strings from commander; these io-ts codecs turn them into typed options and explain
 * what was wrong in one line (`veritrain: invalid --rpc-port "x": expected an integer from 0 to 65535`).
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** A usage error: printed as one line, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** An integer in [min, max], given as a decimal string (or a number, for defaults). */
export function integerFlag(min: number, max: number) {
  return new t.Type<number, string, unknown>(
    `an integer from ${min} to ${max}`,
    (value): value is number => typeof value === 'number',
    (value, context) => {
      const parsed =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\d+$/.test(value.trim())
            ? Number(value)
            : NaN;
      return Number.isSafeInteger(parsed) && parsed >= min && parsed <= max
        ? t.success(parsed)
        : t.failure(value, context);
    },
    String,
  );
}

export const Port = integerFlag(0, 65_535);
export const Milliseconds = integerFlag(1, 3_600_000);
export const RpcMethods = t.keyof({ safe: null, unsafe: null, auto: null }, 'one of safe, unsafe, auto');
export const LogFormat = t.keyof({ text: null, json: null }, 'one of text, json');

/** `--rpc-cors all`, or a comma-separated list of origins (`http://localhost:3000,https://polkadot.js.org`). */
export const Cors = new t.Type<'all' | string[], string, unknown>(
  '"all" or a comma-separated list of origins',
  (value): value is 'all' | string[] => value === 'all' || Array.isArray(value),
  (value, context) => {
    if (value === 'all' || value === '*') return t.success('all');
    if (typeof value !== 'string') return t.failure(value, context);
    const origins = value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    return origins.length > 0 && origins.every((origin) => /^[a-z][a-z0-9+.-]*:\/\/[^\s,]+$/i.test(origin))
      ? t.success(origins)
      : t.failure(value, context);
  },
  (value) => (value === 'all' ? 'all' : value.join(',')),
);

const optionalString = t.union([t.string, t.undefined]);

/** What `veritrain node` accepts (commander's camelCase names). */
export const NodeFlags = t.type({
  dev: t.boolean,
  chain: optionalString,
  basePath: optionalString,
  tmp: t.boolean,
  rpcPort: Port,
  rpcExternal: t.boolean,
  rpcCors: t.union([Cors, t.undefined]),
  rpcMethods: RpcMethods,
  rpcMaxConnections: integerFlag(1, 100_000),
  rpcMaxRequestSize: integerFlag(1, 1024),
  prometheusPort: Port,
  prometheus: t.boolean,
  blockTime: t.union([Milliseconds, t.undefined]),
  instantSeal: t.boolean,
  poolLimit: integerFlag(1, 1_000_000),
  verifyWorkers: t.union([integerFlag(0, 16), t.undefined]),
  logFormat: LogFormat,
});
export type NodeFlags = t.TypeOf<typeof NodeFlags>;

export const CheckChainFlags = t.type({
  basePath: t.string,
  dev: t.boolean,
  chain: optionalString,
  logFormat: LogFormat,
});
export type CheckChainFlags = t.TypeOf<typeof CheckChainFlags>;

export const DevnetFlags = t.type({
  rpcPort: t.union([Port, t.undefined]),
  exitAfterDemo: t.boolean,
  basePath: optionalString,
});
export type DevnetFlags = t.TypeOf<typeof DevnetFlags>;

/** Kebab-case flag name for messages (`rpcPort` → `--rpc-port`). */
const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** Decodes commander's option object; the first problem becomes a `CliUsageError`. */
export function decodeFlags<C extends t.Mixed>(codec: C, raw: Record<string, unknown>): t.TypeOf<C> {
  const result = codec.decode(raw);
  if (!isLeft(result)) return result.right;
  const error = result.left[0]!;
  const key =
    error.context.find((entry, index) => index > 0 && entry.key !== '' && !/^\d+$/.test(entry.key))?.key ?? 'flags';
  const expected = error.context[error.context.length - 1]!.type.name;
  throw new CliUsageError(`invalid ${flagName(key)} ${JSON.stringify(error.value)}: expected ${expected}`);
}
