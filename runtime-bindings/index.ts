/**
 * The Veritrain runtime behind the seam (seam.ts): `createRuntime()` returns a `Runtime`.
 *
 * Ready: genesis; block building and re-execution (Timestamp inherent first, then signed extrinsics);
 * extrinsic v4 decoding with the standard signed extensions (CheckMetadataHash modes 0 and 1) and wasm-crypto
 * signature checks, memoised so pool validation and block building verify each signature once; System (remark,
 * remark_with_event), Balances (transfer_allow_death, transfer_keep_alive, transfer_all, burn; reserve,
 * unreserve, slash and repatriate for other pallets), TransactionPayment (fees burned), Timestamp; metadata
 * V14/V15; runtime APIs Core_version, Metadata_metadata(_versions, _at_version),
 * TaggedTransactionQueue_validate_transaction, AccountNonceApi_account_nonce,
 * TransactionPaymentApi_query_info/_query_fee_details. Client helpers (pre-signing) in client.ts; the pallet
 * reference generator in docs.ts.
 *
 * Notes for the node: importing this module initialises wasm-crypto (top-level await). `BlockInputs.timestampMs`
 * is raised to parent + `Timestamp.MinimumPeriod` (1 ms) when lower. `Runtime.genesis` (re)writes the
 * state-commitment entry (state-root.ts) into the genesis map: store the map after calling it.
 * `Runtime.call` throws `RuntimeApiError` for unknown methods or undecodable input.
 */
import { u8aConcat, u8aToHex, hexToU8a, stringToU8a } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { storage as system } from '../pallets-spec/system/index.js';
import { ZERO_HASH } from '../pallets-spec/types/primitives.js';
import { RUNTIME_VERSION, RuntimeVersionType } from '../pallets-spec/system/version.js';
import { callRuntimeApi } from './apis.js';
import { decodeExtrinsic, ExtrinsicDecodeError, type DecodedExtrinsic } from './extrinsic.js';
import { applyExtrinsic, blockTimestamp, finalizeBlock, initializeBlock, timestampInherent } from './executive.js';
import { decodeHeader, encodeHeader, extrinsicsRoot, hashHeader } from './header.js';
import { runtimeMetadata } from './metadata.js';
import type { BlockContext } from './context.js';
import { Overlay } from './overlay.js';
import {
  BlockExecutionError,
  type Block,
  type BuiltBlock,
  type Header,
  type Runtime,
  type RuntimeVersion,
  type SignatureCheck,
  type StorageChanges,
  type StorageReader,
  type TransactionValidity,
} from './seam.js';
import { applyCommitment, rootOf, STATE_COMMITMENT_KEY, withCommitment } from './state-root.js';
import { checkSigned, rejection, signatureToCheck, undecodable } from './validity.js';
import { blake2_256, hexBytes, noteValidSignature } from './signature.js';
import type { MultiSignature } from '../pallets-spec/types/primitives.js';

export { RuntimeApiError } from './apis.js';
export { STATE_COMMITMENT_KEY } from './state-root.js';
export * from './seam.js';

/** The `:code` entry: stable bytes naming this runtime (version ‖ blake2-256 of metadata V15). */
export function runtimeCode(): Uint8Array {
  return u8aConcat(
    stringToU8a('veritrain-runtime:'),
    RuntimeVersionType.codec.enc(RUNTIME_VERSION),
    blake2_256(runtimeMetadata(15)),
  );
}

function versionJson(): RuntimeVersion {
  const v = RUNTIME_VERSION;
  return {
    specName: v.spec_name,
    implName: v.impl_name,
    authoringVersion: v.authoring_version,
    specVersion: v.spec_version,
    implVersion: v.impl_version,
    apis: v.apis.map(([id, ver]) => [id, ver]),
    transactionVersion: v.transaction_version,
    stateVersion: v.system_version,
  };
}

/**
 * Recently decoded submissions by their hex: the node asks for a submission's `signatureCheck` and then validates
 * it, so each is decoded once. Decoding is a pure function of the bytes and decoded extrinsics are never mutated.
 */
const RECENT_LIMIT = 2048;
const recentlyDecoded = new Map<HexString, DecodedExtrinsic>();

function decodeSubmission(extrinsic: Uint8Array | HexString): DecodedExtrinsic {
  if (typeof extrinsic !== 'string') return decodeExtrinsic(extrinsic);
  const known = recentlyDecoded.get(extrinsic);
  if (known) return known;
  const decoded = decodeExtrinsic(hexBytes(extrinsic));
  if (recentlyDecoded.size >= RECENT_LIMIT) recentlyDecoded.delete(recentlyDecoded.keys().next().value!);
  recentlyDecoded.set(extrinsic, decoded);
  return decoded;
}

/** As frame_executive: a transaction is validated against the next block, with block `atHash` as its parent. */
function poolContext(state: StorageReader, atHash: HexString): BlockContext {
  const overlay = new Overlay(state);
  return initializeBlock(overlay, system.Number.get(overlay) + 1, atHash, false);
}

function validate(state: StorageReader, extrinsic: Uint8Array | HexString, atHash: HexString): TransactionValidity {
  let ext;
  try {
    ext = decodeSubmission(extrinsic);
  } catch (e) {
    if (e instanceof ExtrinsicDecodeError) return { ok: false, ...undecodable(e) };
    throw e;
  }
  if (!ext.signed) return { ok: false, ...rejection('NoUnsignedValidator') };
  const r = checkSigned(poolContext(state, atHash), ext, 'pool');
  if (!r.ok) return { ok: false, ...r.rejection };
  return {
    ok: true,
    priority: r.priority,
    requires: r.requires,
    provides: r.provides,
    longevity: r.longevity,
    propagate: true,
  };
}

/** The signature `validate` would check for `extrinsic` (same decoding, same block context), as plain data. */
function signatureCheck(state: StorageReader, extrinsic: HexString, atHash: HexString): SignatureCheck | undefined {
  let ext;
  try {
    ext = decodeSubmission(extrinsic);
  } catch (e) {
    if (e instanceof ExtrinsicDecodeError) return undefined;
    throw e;
  }
  if (!ext.signed) return undefined;
  const toCheck = signatureToCheck(poolContext(state, atHash), ext);
  if ('rejection' in toCheck) return undefined;
  return {
    scheme: toCheck.signature.type,
    signer: toCheck.who,
    signature: toCheck.signature.value,
    payload: toCheck.payload,
  };
}

function genesis(genesisStorage: StorageChanges): { header: Header; hash: HexString } {
  const commitment = withCommitment(genesisStorage).get(STATE_COMMITMENT_KEY)!;
  const header: Header = {
    parentHash: ZERO_HASH,
    number: 0,
    stateRoot: rootOf(commitment),
    extrinsicsRoot: extrinsicsRoot([]),
    digest: [],
  };
  return { header, hash: hashHeader(header) };
}

function seal(state: StorageReader, overlay: Overlay, parentHash: HexString, number: number, extrinsics: HexString[]) {
  const changes = overlay.changes();
  const stateRoot = applyCommitment(state, changes);
  const header: Header = { parentHash, number, stateRoot, extrinsicsRoot: extrinsicsRoot(extrinsics), digest: [] };
  return { header, changes, stateRoot };
}

function buildBlock(state: StorageReader, inputs: Parameters<Runtime['buildBlock']>[1]): BuiltBlock {
  const overlay = new Overlay(state);
  const number = inputs.parent.number + 1;
  const ctx = initializeBlock(overlay, number, inputs.parentHash);
  const inherent = timestampInherent(blockTimestamp(ctx, inputs.timestampMs));
  applyExtrinsic(ctx, inherent);
  const extrinsics: HexString[] = [u8aToHex(inherent)];
  const included: number[] = [];
  const excluded: BuiltBlock['excluded'] = [];
  inputs.candidates.forEach((candidate, index) => {
    const r = applyExtrinsic(ctx, hexBytes(candidate));
    if (r.ok) {
      included.push(index);
      extrinsics.push(candidate.toLowerCase() as HexString);
    } else excluded.push({ index, rejection: r.rejection });
  });
  finalizeBlock(ctx);
  const { header, changes } = seal(state, overlay, inputs.parentHash, number, extrinsics);
  return { block: { header, extrinsics }, hash: hashHeader(header), changes, included, excluded };
}

function executeBlock(state: StorageReader, block: Block): { changes: StorageChanges; stateRoot: HexString } {
  const { header } = block;
  const fail = (why: string): never => {
    throw new BlockExecutionError(`block #${header.number}: ${why}`, header.number);
  };
  const overlay = new Overlay(state);
  const ctx = initializeBlock(overlay, header.number, header.parentHash);
  if (block.extrinsics.length === 0) fail('no Timestamp inherent');
  block.extrinsics.forEach((ext, i) => {
    let r;
    try {
      r = applyExtrinsic(ctx, hexToU8a(ext));
    } catch (e) {
      return fail(`extrinsic ${i}: ${(e as Error).message}`);
    }
    if (!r.ok) fail(`extrinsic ${i} invalid: ${r.rejection.message}`);
  });
  try {
    finalizeBlock(ctx);
  } catch (e) {
    fail(`finalization: ${(e as Error).message}`);
  }
  const sealed = seal(state, overlay, header.parentHash, header.number, block.extrinsics);
  if (sealed.stateRoot !== header.stateRoot)
    fail(`state root ${sealed.stateRoot} does not match the header's ${header.stateRoot}`);
  if (sealed.header.extrinsicsRoot !== header.extrinsicsRoot) fail('extrinsics root does not match');
  return { changes: sealed.changes, stateRoot: sealed.stateRoot };
}

export function createRuntime(): Runtime {
  const version = versionJson();
  return {
    version,
    genesis,
    buildBlock,
    executeBlock,
    validateTransaction: validate,
    signatureCheck,
    noteVerifiedSignature: (check) =>
      noteValidSignature({ type: check.scheme, value: check.signature } as MultiSignature, check.payload, check.signer),
    call: (state, method, data, atHash) =>
      callRuntimeApi(
        { state, atHash, metadata: runtimeMetadata, validate: (ext) => validate(state, ext, atHash) },
        method,
        data,
      ),
    encodeHeader,
    decodeHeader,
    hashHeader,
    metadata: runtimeMetadata,
  };
}
