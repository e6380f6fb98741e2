/**
 * The runtime's version (`Core_version`, `state_getRuntimeVersion`, the `System.Version` constant). Bump
 * `specVersion` whenever the state transition function or the metadata changes.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import type { HexString } from '@polkadot/util/types';
import { fixedHex, str, struct, tuple, u32, u8, vec, type TypeOf } from '../types/dsl.js';

/** The runtime APIs `Runtime.call` answers, with the versions whose encodings we implement. */
export const RUNTIME_APIS: ReadonlyArray<readonly [name: string, version: number]> = [
  ['Core', 5],
  ['Metadata', 2],
  ['TaggedTransactionQueue', 3],
  ['AccountNonceApi', 1],
  ['TransactionPaymentApi', 4],
];

export const RuntimeVersionType = struct(['sp_version', 'RuntimeVersion'], {
  spec_name: { type: str, typeName: "Cow<'static, str>" },
  impl_name: { type: str, typeName: "Cow<'static, str>" },
  authoring_version: u32,
  spec_version: u32,
  impl_version: u32,
  apis: { type: vec(tuple(fixedHex(8), u32)), typeName: 'ApisVec' },
  transaction_version: u32,
  system_version: u8,
});
export type RuntimeVersionValue = TypeOf<typeof RuntimeVersionType>;

const apiId = (name: string): HexString => blake2AsHex(name, 64);

export const RUNTIME_VERSION: RuntimeVersionValue = {
  spec_name: 'veritrain',
  impl_name: 'veritrain-node',
  authoring_version: 1,
  spec_version: 100,
  impl_version: 1,
  apis: RUNTIME_APIS.map(([name, v]) => [apiId(name), v] as [HexString, number]),
  transaction_version: 1,
  system_version: 1,
};

/** The additional-signed data of CheckSpecVersion and CheckTxVersion: both versions as u32 (little-endian). */
export const SIGNED_VERSIONS = new Uint8Array(
  new Uint32Array([RUNTIME_VERSION.spec_version, RUNTIME_VERSION.transaction_version]).buffer,
);
