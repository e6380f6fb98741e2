/**
 * The one seam between the node and the runtime (DESIGN.md §2, STYLE.md "one seam").
 *
 * The node owns storage, networking, the pool and persistence; the runtime owns every rule. The runtime is a
 * pure, deterministic function of (parent state, block inputs): it never reads the clock, never draws random
 * numbers and never touches the database. It reads the parent state through a `StorageReader` and returns the
 * changes it wants written; the node stores them. Everything crossing this seam is plain data.
 */
import type { HexString } from '@polkadot/util/types';

export type { HexString };

/** Read-only view of one block's state. Keys and values are raw storage bytes. */
export interface StorageReader {
  get(key: HexString): Uint8Array | undefined;
  /**
   * Keys starting with `prefix`, in ascending byte order, strictly after `startAfter` when given, at most
   * `limit` of them when given. Ordered iteration keeps the runtime deterministic.
   */
  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[];
}

/** What the runtime asks the node to write: a value, or `null` to delete the key. */
export type StorageChanges = Map<HexString, Uint8Array | null>;

/** `Core_version` / `state_getRuntimeVersion`, in the JSON shape Substrate nodes answer with. */
export interface RuntimeVersion {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  /** `[blake2_64(api name) as hex, version]` pairs. */
  apis: Array<[HexString, number]>;
  transactionVersion: number;
  stateVersion: number;
}

/** A block header as the node keeps it; `encodeHeader` gives the SCALE bytes whose blake2-256 is the hash. */
export interface Header {
  parentHash: HexString;
  number: number;
  stateRoot: HexString;
  extrinsicsRoot: HexString;
  /** SCALE-encoded `DigestItem`s, in order. */
  digest: HexString[];
}

export interface Block {
  header: Header;
  /** SCALE-encoded extrinsics (each with its compact length prefix, as in `chain_getBlock`). */
  extrinsics: HexString[];
}

/** Why the pool or the block builder refused a transaction; the node maps these to JSON-RPC error 1010/1011. */
export interface TransactionRejection {
  /** `invalid` maps to 1010 "Invalid Transaction", `unknown` to 1011 "Unknown Transaction Validity". */
  kind: 'invalid' | 'unknown';
  /** Substrate's variant name, e.g. `Stale`, `Future`, `BadProof`, `Payment`, `ExhaustsResources`, `Call`. */
  variant: string;
  /** The human-readable reason Substrate nodes put in the error's `data`, e.g. "Transaction is outdated". */
  message: string;
}

export type TransactionValidity =
  | {
      ok: true;
      priority: bigint;
      /** Tags this transaction needs another to provide first (its sender's previous nonce). */
      requires: HexString[];
      /** Tags it provides (sender ‖ nonce). */
      provides: HexString[];
      longevity: bigint;
      propagate: boolean;
    }
  | ({ ok: false } & TransactionRejection);

/** What the node hands the runtime to author a block: everything non-deterministic is decided here, by the node. */
export interface BlockInputs {
  parent: Header;
  parentHash: HexString;
  /** Milliseconds since the Unix epoch, chosen by the author and fed to the Timestamp inherent. */
  timestampMs: bigint;
  /** Pool transactions in the order the pool wants them tried (SCALE-encoded, with length prefix). */
  candidates: HexString[];
}

export interface BuiltBlock {
  block: Block;
  hash: HexString;
  /** Storage changes relative to the parent state; applying them gives the state whose root is in the header. */
  changes: StorageChanges;
  /** Candidates that made it into the block, by their index in `BlockInputs.candidates`. */
  included: number[];
  /** Candidates left out, with the reason (invalid ones the pool should drop; `ExhaustsResources` ones wait). */
  excluded: Array<{ index: number; rejection: TransactionRejection }>;
}

/**
 * One signature a transaction carries, as plain data the node may check off the main thread (on a worker) before
 * pool validation. `payload` is exactly what was signed (already hashed when longer than 256 bytes).
 */
export interface SignatureCheck {
  scheme: 'Sr25519' | 'Ed25519' | 'Ecdsa';
  signer: HexString;
  signature: HexString;
  payload: Uint8Array;
}

export interface Runtime {
  readonly version: RuntimeVersion;
  /** Genesis storage for a chain spec (built by `chain-config/`), and the genesis header. */
  genesis(genesisStorage: StorageChanges): { header: Header; hash: HexString };
  /** Authors a block on top of `state` (the parent's state). */
  buildBlock(state: StorageReader, inputs: BlockInputs): BuiltBlock;
  /** Re-executes a block on its parent state; throws `BlockExecutionError` when its state root does not match. */
  executeBlock(state: StorageReader, block: Block): { changes: StorageChanges; stateRoot: HexString };
  /** Pool validation (`TaggedTransactionQueue_validate_transaction`) against the state of block `atHash`. */
  validateTransaction(state: StorageReader, extrinsic: HexString, atHash: HexString): TransactionValidity;
  /**
   * The signature check `validateTransaction` would make for `extrinsic` at `atHash`, or `undefined` when there is
   * none to make (unsigned, undecodable, unknown birth block). Lets the node verify it elsewhere beforehand.
   */
  signatureCheck(state: StorageReader, extrinsic: HexString, atHash: HexString): SignatureCheck | undefined;
  /**
   * Tells the runtime a check came out valid, so validation need not verify it again. Only positive results are
   * noted: a check never noted (or found invalid elsewhere) is verified by the runtime itself, which stays the judge.
   */
  noteVerifiedSignature(check: SignatureCheck): void;
  /** `state_call`: runs a runtime API (`Core_version`, `Metadata_metadata_at_version`, …) and returns its SCALE output. */
  call(state: StorageReader, method: string, data: Uint8Array, atHash: HexString): Uint8Array;
  /** SCALE encoding of a header (its blake2-256 is the block hash). */
  encodeHeader(header: Header): Uint8Array;
  decodeHeader(bytes: Uint8Array): Header;
  /** blake2-256 of the encoded header. */
  hashHeader(header: Header): HexString;
  /** The runtime's metadata at a version (14 or 15) as opaque bytes (what `state_getMetadata` returns for 14). */
  metadata(version: 14 | 15): Uint8Array;
}

/** A chain spec as `chain-config/` loads it (by name, `dev` or `local`, or from a JSON file). */
export interface ChainSpec {
  name: string;
  id: string;
  chainType: 'Development' | 'Local' | 'Live';
  /** `system_properties`: `{ ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'VRT' }`. */
  properties: { ss58Format: number; tokenDecimals: number; tokenSymbol: string };
  /** The account (SS58) that authors blocks by default: Alice on `dev`. */
  defaultAuthor: string;
  /** Dev seeds (`//Alice` …) whose keys the dev node may use; empty on live chains. */
  devSeeds: string[];
  genesisStorage: StorageChanges;
}

/** Thrown by `Runtime.executeBlock` when re-execution disagrees with the header. */
export class BlockExecutionError extends Error {
  override name = 'BlockExecutionError';
  constructor(
    message: string,
    readonly blockNumber: number,
  ) {
    super(message);
  }
}
