/** The JSON chain-spec file format, decoded with io-ts (every field checked, errors listed by path). */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { decodeAddress } from '@polkadot/util-crypto';
import { isHex, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { Amount, ProtocolOverrides } from './protocol-overrides.js';

const HexBytes = new t.Type<HexString, string, unknown>(
  'HexBytes',
  (u): u is HexString => typeof u === 'string' && isHex(u),
  (u, c) =>
    typeof u === 'string' && isHex(u)
      ? t.success(u.toLowerCase() as HexString)
      : t.failure(u, c, 'expected 0x-prefixed hex bytes'),
  (a) => a,
);

/** An SS58 address or 0x-hex public key, as the 32-byte account id (hex). */
export const AccountIdFromString = new t.Type<HexString, string, unknown>(
  'AccountId',
  (u): u is HexString => typeof u === 'string' && isHex(u, 256),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'expected an SS58 address or 0x public key');
    try {
      const bytes = decodeAddress(u);
      if (bytes.length !== 32) return t.failure(u, c, 'expected a 32-byte account');
      return t.success(u8aToHex(bytes));
    } catch (e) {
      return t.failure(u, c, `not an SS58 address: ${(e as Error).message}`);
    }
  },
  (a) => a,
);

const Properties = t.type({ ss58Format: t.number, tokenDecimals: t.number, tokenSymbol: t.string });

export const ChainSpecFile = t.intersection([
  t.type({
    name: t.string,
    id: t.string,
    chainType: t.union([t.literal('Development'), t.literal('Local'), t.literal('Live')]),
    genesis: t.union([
      t.type({ raw: t.type({ top: t.record(t.string, HexBytes) }) }),
      t.type({ balances: t.array(t.tuple([AccountIdFromString, Amount])) }),
    ]),
  }),
  t.partial({
    properties: Properties,
    defaultAuthor: t.string,
    devSeeds: t.array(t.string),
    /** Overrides of the dev protocol parameters (protocol-overrides.ts): this chain's runtime constants. */
    protocolParams: ProtocolOverrides,
  }),
]);
export type ChainSpecFile = t.TypeOf<typeof ChainSpecFile>;

export class ChainSpecError extends Error {
  override name = 'ChainSpecError';
}

/** Decodes parsed JSON; throws `ChainSpecError` listing each problem as `path: message`. */
export function decodeSpecFile(json: unknown, source: string): ChainSpecFile {
  const r = ChainSpecFile.decode(json);
  if (isLeft(r)) {
    const problems = r.left.map((e) => {
      const path = e.context
        .map((c) => c.key)
        .filter((k) => k !== '')
        .join('.');
      return `  ${path || '(root)'}: ${e.message ?? `expected ${e.context[e.context.length - 1]?.type.name}`}`;
    });
    throw new ChainSpecError(`invalid chain spec ${source}:\n${[...new Set(problems)].join('\n')}`);
  }
  return r.right;
}

export { HexBytes };
