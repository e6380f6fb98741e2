/**
 * Runtime APIs answered through `Runtime.call` (`state_call`). Each is declared once with its input and output
 * types: the same declaration decodes the call, encodes the answer and describes the API in metadata V15.
 */
import { compactNumber } from '@polkadot-api/substrate-bindings';
import { u8aConcat } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { tuple, u32, type AnyType } from '../pallets-spec/types/dsl.js';
import { AccountId, H256, Nonce } from '../pallets-spec/types/primitives.js';
import { RuntimeVersionType, RUNTIME_VERSION } from '../pallets-spec/system/version.js';
import {
  FeeDetails,
  RuntimeDispatchInfo,
  computeFeeDetails,
  totalFee,
} from '../pallets-spec/transaction-payment/index.js';
import { storage as system } from '../pallets-spec/system/index.js';
import {
  MetadataVersions,
  OpaqueMetadata,
  OptionOpaqueMetadata,
  TransactionSource,
  TransactionValidity,
  type TransactionValidityValue,
} from './api-types.js';
import { decodeExtrinsic, UncheckedExtrinsicType } from './extrinsic.js';
import { Overlay } from './overlay.js';
import type { StorageReader, TransactionValidity as SeamValidity } from './seam.js';
import { hexBytes } from './signature.js';
import { callInfo } from './validity.js';

/** What an API implementation may use: the state at the block, and the runtime's own services. */
export interface ApiEnv {
  state: StorageReader;
  atHash: HexString;
  metadata(version: 14 | 15): Uint8Array;
  validate(extrinsic: Uint8Array): SeamValidity;
}

export interface ApiMethod {
  name: string;
  inputs: Array<{ name: string; type: AnyType }>;
  output: AnyType;
  docs: string[];
  run(env: ApiEnv, args: unknown[]): unknown;
}

export interface RuntimeApi {
  name: string;
  docs: string[];
  methods: ApiMethod[];
}

/** Thrown when a runtime API is unknown or its input does not decode; the node answers with an RPC error. */
export class RuntimeApiError extends Error {
  override name = 'RuntimeApiError';
}

const withPrefix = (body: Uint8Array): Uint8Array => u8aConcat(compactNumber.enc(body.length), body);
const SUPPORTED_METADATA = [14, 15] as const;

function toValidity(v: SeamValidity): TransactionValidityValue {
  if (v.ok) {
    return {
      success: true,
      value: {
        priority: v.priority,
        requires: v.requires.map(hexBytes),
        provides: v.provides.map(hexBytes),
        longevity: v.longevity,
        propagate: v.propagate,
      },
    };
  }
  const value =
    v.kind === 'invalid'
      ? { type: 'Invalid' as const, value: { type: v.variant, value: undefined } }
      : { type: 'Unknown' as const, value: { type: v.variant, value: undefined } };
  return { success: false, value } as TransactionValidityValue;
}

function feeDetails(ext: Uint8Array, len: number) {
  const decoded = decodeExtrinsic(withPrefix(ext));
  const info = callInfo(decoded.call);
  return {
    info,
    details: decoded.signed ? computeFeeDetails(len, info.callWeight, 0n) : { inclusion_fee: undefined, tip: 0n },
  };
}

export const RUNTIME_API_DECLS: RuntimeApi[] = [
  {
    name: 'Core',
    docs: ['The `Core` runtime api that every Substrate runtime needs to implement.'],
    methods: [
      {
        name: 'version',
        inputs: [],
        output: RuntimeVersionType,
        docs: ['Returns the version of the runtime.'],
        run: () => RUNTIME_VERSION,
      },
    ],
  },
  {
    name: 'Metadata',
    docs: ['The `Metadata` api trait that returns metadata for the runtime.'],
    methods: [
      {
        name: 'metadata',
        inputs: [],
        output: OpaqueMetadata,
        docs: ['Returns the metadata of a runtime.'],
        run: (env) => env.metadata(14),
      },
      {
        name: 'metadata_at_version',
        inputs: [{ name: 'version', type: u32 }],
        output: OptionOpaqueMetadata,
        docs: [
          'Returns the metadata at a given version.',
          '',
          "If the given `version` isn't supported, this will return `None`.",
        ],
        run: (env, [v]) =>
          (SUPPORTED_METADATA as readonly number[]).includes(v as number) ? env.metadata(v as 14 | 15) : undefined,
      },
      {
        name: 'metadata_versions',
        inputs: [],
        output: MetadataVersions,
        docs: ['Returns the supported metadata versions.', '', 'This can be used to call `metadata_at_version`.'],
        run: () => [...SUPPORTED_METADATA],
      },
    ],
  },
  {
    name: 'TaggedTransactionQueue',
    docs: ['The `TaggedTransactionQueue` api trait for interfering with the transaction queue.'],
    methods: [
      {
        name: 'validate_transaction',
        inputs: [
          { name: 'source', type: TransactionSource },
          { name: 'tx', type: UncheckedExtrinsicType },
          { name: 'block_hash', type: H256 },
        ],
        output: TransactionValidity,
        docs: ['Validate the transaction.'],
        run: (env, [, tx]) => toValidity(env.validate(withPrefix(tx as Uint8Array))),
      },
    ],
  },
  {
    name: 'AccountNonceApi',
    docs: ['The API to query account nonce.'],
    methods: [
      {
        name: 'account_nonce',
        inputs: [{ name: 'account', type: AccountId }],
        output: Nonce,
        docs: ['Get current account nonce of given `AccountId`.'],
        run: (env, [who]) => system.Account.get(new Overlay(env.state), who as string as never).nonce,
      },
    ],
  },
  {
    name: 'TransactionPaymentApi',
    docs: [],
    methods: [
      {
        name: 'query_info',
        inputs: [
          { name: 'uxt', type: UncheckedExtrinsicType },
          { name: 'len', type: u32 },
        ],
        output: RuntimeDispatchInfo,
        docs: [],
        run: (_env, [uxt, len]) => {
          const { info, details } = feeDetails(uxt as Uint8Array, len as number);
          return { weight: info.weight, class: { type: info.class, value: undefined }, partial_fee: totalFee(details) };
        },
      },
      {
        name: 'query_fee_details',
        inputs: [
          { name: 'uxt', type: UncheckedExtrinsicType },
          { name: 'len', type: u32 },
        ],
        output: FeeDetails,
        docs: [],
        run: (_env, [uxt, len]) => feeDetails(uxt as Uint8Array, len as number).details,
      },
    ],
  },
];

const methodTable = new Map<string, { method: ApiMethod; input: AnyType }>();
for (const api of RUNTIME_API_DECLS) {
  for (const m of api.methods)
    methodTable.set(`${api.name}_${m.name}`, { method: m, input: tuple(...m.inputs.map((i) => i.type)) });
}

/** Runs `method` (`Core_version`, …) with SCALE-encoded `data`; returns the SCALE-encoded answer. */
export function callRuntimeApi(env: ApiEnv, method: string, data: Uint8Array): Uint8Array {
  const entry = methodTable.get(method);
  if (!entry) throw new RuntimeApiError(`Exported method ${method} is not found`);
  let args: unknown[];
  try {
    // scale-ts decodes from `data.buffer` at offset 0, ignoring `byteOffset`: a Node Buffer slice (hex decoded with
    // Buffer.from, which shares an 8 KiB pool) would be read from the wrong place, so decode a copy of its own.
    args = entry.method.inputs.length ? (entry.input.codec.dec(new Uint8Array(data)) as unknown[]) : [];
  } catch (e) {
    throw new RuntimeApiError(`Could not decode the input of ${method}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return entry.method.output.codec.enc(entry.method.run(env, args));
  } catch (e) {
    throw new RuntimeApiError(`${method} failed: ${(e as Error).message}`, { cause: e });
  }
}
