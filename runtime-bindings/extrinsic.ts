/**
 * Extrinsic format v4 (DESIGN.md §5): `compact(len) ‖ 0x84 ‖ MultiAddress ‖ MultiSignature ‖ extra ‖ call`
 * for signed, `compact(len) ‖ 0x04 ‖ call` for unsigned (only the Timestamp inherent). `extra` is the standard
 * signed extensions' explicit data; the signed payload is `call ‖ extra ‖ additionalSigned`.
 */
import { compactNumber } from '@polkadot-api/substrate-bindings';
import { u8aConcat } from '@polkadot/util';
import {
  bytes,
  decodeAt,
  ownBytes,
  compactU32,
  enumType,
  fixedHex,
  newtype,
  option,
  struct,
  tuple,
  u32,
  unit,
  type AnyType,
  type Type,
} from '../pallets-spec/types/dsl.js';
import { Era, type EraValue } from '../pallets-spec/types/era.js';
import { compactBalance, H256, MultiAddress, MultiSignature, named } from './types-reexport.js';
import { RuntimeCallType } from './construct.js';

const fs = (mod: string, name: string) => ['frame_system', 'extensions', mod, name];
const emptyExt = (path: string[]): Type<undefined> =>
  struct(path, {}, { params: [{ name: 'T' }] }) as unknown as Type<undefined>;

export const MetadataHashMode = enumType(['frame_metadata_hash_extension', 'Mode'], {
  Disabled: { index: 0 },
  Enabled: { index: 1 },
});

/** The standard signed extensions, in order: identifier, explicit type, additional-signed type. */
export const SIGNED_EXTENSIONS: ReadonlyArray<{ identifier: string; type: AnyType; additionalSigned: AnyType }> = [
  {
    identifier: 'CheckNonZeroSender',
    type: emptyExt(fs('check_non_zero_sender', 'CheckNonZeroSender')),
    additionalSigned: unit,
  },
  {
    identifier: 'CheckSpecVersion',
    type: emptyExt(fs('check_spec_version', 'CheckSpecVersion')),
    additionalSigned: u32,
  },
  { identifier: 'CheckTxVersion', type: emptyExt(fs('check_tx_version', 'CheckTxVersion')), additionalSigned: u32 },
  { identifier: 'CheckGenesis', type: emptyExt(fs('check_genesis', 'CheckGenesis')), additionalSigned: H256 },
  {
    identifier: 'CheckMortality',
    type: newtype(fs('check_mortality', 'CheckMortality'), Era, { params: [{ name: 'T' }] }),
    additionalSigned: H256,
  },
  {
    identifier: 'CheckNonce',
    type: newtype(fs('check_nonce', 'CheckNonce'), named(compactU32, { typeName: 'T::Nonce' }), {
      params: [{ name: 'T' }],
    }),
    additionalSigned: unit,
  },
  { identifier: 'CheckWeight', type: emptyExt(fs('check_weight', 'CheckWeight')), additionalSigned: unit },
  {
    identifier: 'ChargeTransactionPayment',
    type: newtype(['pallet_transaction_payment', 'ChargeTransactionPayment'], compactBalance, {
      params: [{ name: 'T' }],
    }),
    additionalSigned: unit,
  },
  {
    identifier: 'CheckMetadataHash',
    type: struct(
      ['frame_metadata_hash_extension', 'CheckMetadataHash'],
      { mode: MetadataHashMode },
      { params: [{ name: 'T' }] },
    ),
    additionalSigned: option(fixedHex(32)),
  },
];

export const ExtraType = tuple(...SIGNED_EXTENSIONS.map((e) => e.type));

export const UncheckedExtrinsicType = newtype(
  ['sp_runtime', 'generic', 'unchecked_extrinsic', 'UncheckedExtrinsic'],
  bytes,
  {
    params: [
      { name: 'Address', type: MultiAddress },
      { name: 'Call', type: RuntimeCallType },
      { name: 'Signature', type: MultiSignature },
      { name: 'Extra', type: ExtraType },
    ],
  },
);

export type RuntimeCallValue = { type: string; value: { type: string; value: unknown } };

export interface SignedPart {
  address: MultiAddress;
  signature: MultiSignature;
  era: EraValue;
  nonce: number;
  tip: bigint;
  metadataHashMode: 0 | 1;
  /** Raw `extra` bytes, as signed. */
  extra: Uint8Array;
}

export interface DecodedExtrinsic {
  signed?: SignedPart;
  call: RuntimeCallValue;
  /** Raw call bytes, as signed. */
  callBytes: Uint8Array;
  /** Length of the whole extrinsic including its length prefix (what fees are charged on). */
  encodedLength: number;
}

/** Why an extrinsic could not be decoded; the pool answers "Could not decode" (1010 `Call`-like). */
export class ExtrinsicDecodeError extends Error {
  override name = 'ExtrinsicDecodeError';
}

type MultiAddressValue = import('../pallets-spec/types/primitives.js').MultiAddress;
type MultiSignatureValue = import('../pallets-spec/types/primitives.js').MultiSignature;

const take = decodeAt;

/** Decodes an extrinsic with its compact length prefix; rejects trailing or missing bytes. */
export function decodeExtrinsic(input: Uint8Array): DecodedExtrinsic {
  const data = ownBytes(input);
  try {
    const [len, start] = take(compactU32, data, 0);
    if (start + len !== data.length)
      throw new ExtrinsicDecodeError(`length prefix says ${len} bytes, got ${data.length - start}`);
    const version = data[start];
    let offset = start + 1;
    let signed: SignedPart | undefined;
    if (version === 0x84) {
      let address: MultiAddressValue,
        signature: MultiSignatureValue,
        era: EraValue,
        nonce: number,
        tip: bigint,
        mode: { type: string };
      [address, offset] = take(MultiAddress, data, offset);
      [signature, offset] = take(MultiSignature, data, offset);
      const extraStart = offset;
      [era, offset] = take(Era, data, offset);
      [nonce, offset] = take(compactU32, data, offset);
      [tip, offset] = take(compactBalance, data, offset);
      [mode, offset] = take(MetadataHashMode, data, offset);
      signed = {
        address,
        signature,
        era,
        nonce,
        tip,
        metadataHashMode: mode.type === 'Enabled' ? 1 : 0,
        extra: data.slice(extraStart, offset),
      };
    } else if (version !== 0x04) {
      throw new ExtrinsicDecodeError(`unsupported extrinsic version byte 0x${(version ?? 0).toString(16)}`);
    }
    const callBytes = data.slice(offset);
    const [call, end] = take(RuntimeCallType, data, offset) as [RuntimeCallValue, number];
    if (end !== data.length) throw new ExtrinsicDecodeError(`${data.length - end} trailing bytes after the call`);
    return { signed, call, callBytes, encodedLength: data.length };
  } catch (e) {
    if (e instanceof ExtrinsicDecodeError) throw e;
    throw new ExtrinsicDecodeError(`could not decode extrinsic: ${(e as Error).message}`, { cause: e });
  }
}

/** Encodes an unsigned (inherent) extrinsic for `call`, with its length prefix. */
export function encodeUnsigned(call: RuntimeCallValue): Uint8Array {
  const body = u8aConcat(new Uint8Array([0x04]), RuntimeCallType.codec.enc(call));
  return u8aConcat(compactNumber.enc(body.length), body);
}
