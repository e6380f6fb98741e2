/**
 * Metadata V14 and V15, derived from the pallet declarations, the signed extensions and the runtime APIs, and
 * encoded with `@polkadot-api/substrate-bindings`' metadata codec. Built once per runtime.
 */
import { metadata as metadataCodec } from '@polkadot-api/substrate-bindings';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { struct } from '../pallets-spec/types/dsl.js';
import { TOKEN } from '../pallets-spec/balances/declaration.js';
import type { Hasher } from '../pallets-spec/framework/state.js';
import type { Pallet } from '../pallets-spec/framework/pallet.js';
import { AccountId, MultiAddress, MultiSignature } from '../pallets-spec/types/primitives.js';
import { PALLETS, RuntimeCallType, RuntimeErrorType, RuntimeEventType } from './construct.js';
import { ExtraType, SIGNED_EXTENSIONS, UncheckedExtrinsicType } from './extrinsic.js';
import { RUNTIME_API_DECLS } from './apis.js';
import { TypeRegistry } from './registry.js';
import { type ProtocolParams, protocolParams } from '../chain-config/protocol-params.js';

const HASHER_TAG: Record<Hasher, string> = {
  Blake2_128: 'Blake2128',
  Blake2_256: 'Blake2256',
  Blake2_128Concat: 'Blake2128Concat',
  Twox128: 'Twox128',
  Twox256: 'Twox256',
  Twox64Concat: 'Twox64Concat',
  Identity: 'Identity',
};

const RuntimeType = struct(['veritrain_runtime', 'Runtime'], {});

function palletEntry(reg: TypeRegistry, p: Pallet) {
  const storageItems = Object.values(p.storage).map(({ meta }) => ({
    name: meta.name,
    modifier: meta.modifier === 'Optional' ? 0 : 1,
    type: meta.keyType
      ? {
          tag: 'map' as const,
          value: {
            hashers: meta.hashers.map((h) => ({ tag: HASHER_TAG[h], value: undefined })),
            key: reg.idOf(meta.keyType),
            value: reg.idOf(meta.valueType),
          },
        }
      : { tag: 'plain' as const, value: reg.idOf(meta.valueType) },
    fallback: u8aToHex(meta.fallback),
    docs: meta.docs,
  }));
  return {
    name: p.header.name,
    storage: storageItems.length ? { prefix: p.header.name, items: storageItems } : undefined,
    calls: p.callType ? reg.idOf(p.callType) : undefined,
    events: p.eventType ? reg.idOf(p.eventType) : undefined,
    constants: Object.entries(p.constants).map(([name, c]) => ({
      name,
      type: reg.idOf(c.type),
      value: u8aToHex(c.type.codec.enc(c.value)),
      docs: c.docs,
    })),
    errors: p.errorType ? reg.idOf(p.errorType) : undefined,
    index: p.header.index,
    docs: p.header.docs,
  };
}

/** Both versions share one registry, so type ids agree between V14 and V15. */
function build(): { v14: Uint8Array; v15: Uint8Array } {
  const reg = new TypeRegistry();
  // Register the well-known types first so their ids are small and stable.
  for (const t of [
    AccountId,
    MultiAddress,
    MultiSignature,
    RuntimeCallType,
    RuntimeEventType,
    RuntimeErrorType,
    UncheckedExtrinsicType,
  ])
    reg.idOf(t);
  const pallets = PALLETS.map((p) => palletEntry(reg, p));
  const signedExtensions = SIGNED_EXTENSIONS.map((e) => ({
    identifier: e.identifier,
    type: reg.idOf(e.type),
    additionalSigned: reg.idOf(e.additionalSigned),
  }));
  const apis = RUNTIME_API_DECLS.map((api) => ({
    name: api.name,
    docs: api.docs,
    methods: api.methods.map((m) => ({
      name: m.name,
      inputs: m.inputs.map((i) => ({ name: i.name, type: reg.idOf(i.type) })),
      output: reg.idOf(m.output),
      docs: m.docs,
    })),
  }));
  const runtimeType = reg.idOf(RuntimeType);
  const extra = reg.idOf(ExtraType);
  const outerEnums = {
    call: reg.idOf(RuntimeCallType),
    event: reg.idOf(RuntimeEventType),
    error: reg.idOf(RuntimeErrorType),
  };
  const lookup = reg.entries;
  const magicNumber = 0x6174656d; // "meta"
  const v14 = metadataCodec.enc({
    magicNumber,
    metadata: {
      tag: 'v14',
      value: {
        lookup,
        pallets,
        extrinsic: { type: reg.idOf(UncheckedExtrinsicType), version: 4, signedExtensions },
        type: runtimeType,
        apis: [],
      },
    },
  } as never);
  const v15 = metadataCodec.enc({
    magicNumber,
    metadata: {
      tag: 'v15',
      value: {
        lookup,
        pallets,
        extrinsic: {
          version: 4,
          address: reg.idOf(MultiAddress),
          call: outerEnums.call,
          signature: reg.idOf(MultiSignature),
          extra,
          signedExtensions,
        },
        type: runtimeType,
        apis,
        outerEnums,
        custom: [],
      },
    },
  } as never);
  return { v14, v15 };
}

// Built once per set of protocol parameters: their values are metadata constants (chain-config/protocol-params.ts).
let cached: { v14: Uint8Array; v15: Uint8Array; digest?: Uint8Array; params: ProtocolParams } | undefined;

function current(): NonNullable<typeof cached> {
  if (cached?.params !== protocolParams()) cached = { ...build(), params: protocolParams() };
  return cached;
}

/** The runtime's metadata (`magic ‖ version ‖ body`), as `state_getMetadata` returns it. */
export function runtimeMetadata(version: 14 | 15): Uint8Array {
  const built = current();
  return version === 14 ? built.v14 : built.v15;
}

/**
 * The RFC-78 metadata hash (`CheckMetadataHash` with mode 1 signs `Some(hash)`): the merkleized V15 metadata
 * with the chain's token properties (12 decimals, VRT), computed once.
 */
export function metadataDigest(): Uint8Array {
  const built = current();
  built.digest ??= merkleizeMetadata(built.v15, { decimals: TOKEN.decimals, tokenSymbol: TOKEN.symbol }).digest();
  return built.digest;
}
