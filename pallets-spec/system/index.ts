/**
 * System (frame_system, index 0): accounts and nonces, block number and hashes, the block's events.
 * The executive (runtime-bindings/executive.ts) drives the per-block items; the calls here are `remark`s.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import { bytes, named, struct, u16, u32, enumType, vec, type TypeOf } from '../types/dsl.js';
import {
  AccountId,
  AccountInfo,
  BlockNumber,
  DispatchError,
  DispatchInfo,
  H256,
  NEW_LOGIC_FLAG,
  ZERO_HASH,
} from '../types/primitives.js';
import { RuntimeEvent } from '../types/runtime-slots.js';
import { call, constant, palletBuilder } from '../framework/pallet.js';
import { ensureSigned, weight } from '../framework/dispatch.js';
import {
  BLOCK_LENGTH,
  BLOCK_WEIGHTS,
  BlockLengthType,
  BlockWeightsType,
  ConsumedWeightType,
  DB_WEIGHT,
  RuntimeDbWeightType,
} from './limits.js';
import { RUNTIME_VERSION, RuntimeVersionType } from './version.js';

const p = palletBuilder({
  name: 'System',
  index: 0,
  crate: 'frame_system',
  docs: ['Accounts, nonces, block numbers and hashes, and the events of the current block.'],
});

export const Phase = enumType(['frame_system', 'Phase'], {
  ApplyExtrinsic: { index: 0, value: u32, docs: ['Applying an extrinsic.'] },
  Finalization: { index: 1, docs: ['Finalizing the block.'] },
  Initialization: { index: 2, docs: ['Initializing the block.'] },
});
export type Phase = TypeOf<typeof Phase>;

export const EventRecord = struct(
  ['frame_system', 'EventRecord'],
  {
    phase: Phase,
    event: { type: RuntimeEvent, typeName: 'E' },
    topics: { type: vec(H256), typeName: 'Vec<T>' },
  },
  {
    params: [
      { name: 'E', type: RuntimeEvent },
      { name: 'T', type: H256 },
    ],
    docs: ['Record of an event happening.'],
  },
);
export type EventRecord = TypeOf<typeof EventRecord>;
export const EventRecords = vec(EventRecord);

export const EMPTY_ACCOUNT: AccountInfo = Object.freeze({
  nonce: 0,
  consumers: 0,
  providers: 0,
  sufficients: 0,
  data: Object.freeze({ free: 0n, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG }),
});
export const BLOCK_HASH_COUNT = 4096;
/** Substrate's placeholder for the genesis block hash until block 1 records the real one. */
export const HASH69: H256 = `0x${'69'.repeat(32)}`;

export const constants = p.constants({
  BlockWeights: constant(BlockWeightsType, BLOCK_WEIGHTS, 'Block & extrinsics weights: base values and limits.'),
  BlockLength: constant(BlockLengthType, BLOCK_LENGTH, 'The maximum length of a block (in bytes).'),
  BlockHashCount: constant(
    BlockNumber,
    BLOCK_HASH_COUNT,
    'Maximum number of block number to block hash mappings to keep (oldest pruned first).',
  ),
  DbWeight: constant(
    RuntimeDbWeightType,
    DB_WEIGHT,
    'The weight of runtime database operations the runtime can invoke.',
  ),
  Version: constant(RuntimeVersionType, RUNTIME_VERSION, "Get the chain's in-code version."),
  SS58Prefix: constant(u16, 42, 'The designated SS58 prefix of this chain.'),
});

export const storage = p.storage({
  Account: p.mapWithDefault(AccountId, 'Blake2_128Concat', AccountInfo, {
    default: EMPTY_ACCOUNT,
    immutableValues: true,
    docs: ['The full account information for a particular account ID.'],
  }),
  ExtrinsicCount: p.value(u32, { docs: ['Total extrinsics count for the current block.'] }),
  BlockWeight: p.valueWithDefault(ConsumedWeightType, {
    default: { normal: weight(0), operational: weight(0), mandatory: weight(0) },
    docs: ['The current weight for the block.'],
  }),
  AllExtrinsicsLen: p.value(u32, {
    docs: ['Total length (in bytes) for all extrinsics put together, for the current block.'],
  }),
  BlockHash: p.mapWithDefault(BlockNumber, 'Twox64Concat', H256, {
    default: ZERO_HASH,
    docs: ['Map of block numbers to block hashes.'],
  }),
  Number: p.valueWithDefault(BlockNumber, {
    default: 0,
    docs: ['The current block number being processed. Set by `execute_block`.'],
  }),
  ParentHash: p.valueWithDefault(H256, { default: ZERO_HASH, docs: ['Hash of the previous block.'] }),
  Events: p.valueWithDefault(EventRecords, {
    default: [],
    docs: [
      'Events deposited for the current block.',
      '',
      'Reset at the start of every block; written once when the block is finalized.',
    ],
  }),
  EventCount: p.valueWithDefault(named(u32, { typeName: 'EventIndex' }), {
    default: 0,
    docs: ['The number of events in the `Events<T>` list.'],
  }),
});

export const events = p.events({
  ExtrinsicSuccess: {
    index: 0,
    fields: { dispatch_info: DispatchInfo },
    docs: ['An extrinsic completed successfully.'],
  },
  ExtrinsicFailed: {
    index: 1,
    fields: { dispatch_error: DispatchError, dispatch_info: DispatchInfo },
    docs: ['An extrinsic failed.'],
  },
  CodeUpdated: { index: 2, docs: ['`:code` was updated.'] },
  NewAccount: { index: 3, fields: { account: AccountId }, docs: ['A new account was created.'] },
  KilledAccount: { index: 4, fields: { account: AccountId }, docs: ['An account was reaped.'] },
  Remarked: { index: 5, fields: { sender: AccountId, hash: H256 }, docs: ['On on-chain remark happened.'] },
});

export const errors = p.errors({
  InvalidSpecName: {
    index: 0,
    docs: ['The name of specification does not match between the current runtime and the new runtime.'],
  },
  SpecVersionNeedsToIncrease: {
    index: 1,
    docs: ['The specification version is not allowed to decrease between the current runtime and the new runtime.'],
  },
  FailedToExtractRuntimeVersion: { index: 2, docs: ['Failed to extract the runtime version from the new runtime.'] },
  NonDefaultComposite: { index: 3, docs: ['Suicide called when the account has non-default composite data.'] },
  NonZeroRefCount: {
    index: 4,
    docs: ['There is a non-zero reference count preventing the account from being purged.'],
  },
  CallFiltered: { index: 5, docs: ['The origin filter prevent the call to be dispatched.'] },
});

const remarkWeight = (args: { remark: Uint8Array }) => weight(1_000_000 + args.remark.length * 100);

export const calls = p.calls({
  remark: call({
    index: 0,
    args: { remark: bytes },
    docs: ['Make some on-chain remark.', '', 'Can be executed by every `origin`.'],
    weight: remarkWeight,
    dispatch: () => {},
  }),
  remark_with_event: call({
    index: 7,
    args: { remark: bytes },
    docs: ['Make some on-chain remark and emit event.'],
    weight: remarkWeight,
    dispatch: (ctx, origin, { remark }) => {
      const sender = ensureSigned(origin);
      ctx.emit(events.Remarked({ sender, hash: blake2AsHex(remark, 256) }));
    },
  }),
});

export const System = p.finish({ constants, storage, events, errors, calls });
