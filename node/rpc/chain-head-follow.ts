/**
 * One `chainHead_v1_follow` subscription of the new JSON-RPC spec
 * (https://paritytech.github.io/json-rpc-interface-spec/api/chainHead.html): the blocks it has pinned, the
 * events it reports, and the body/call/storage operations it runs on pinned blocks.
 *
 * This node finalizes every block it authors at once and never forks, so each imported block is reported as
 * `newBlock`, `bestBlockChanged` and `finalized` together, and nothing is ever pruned. Blocks stay pinned until
 * the client unpins them; a client that pins too many is stopped, as the spec allows, rather than letting it make
 * the node hold state for ever.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import type { Chain, ImportedBlock } from '../chain.js';
import type { HexString, RuntimeVersion, StorageReader } from '../../runtime-bindings/seam.js';
import { bytesToHex, hexToBytes } from '../store/hex.js';

/** Most blocks one subscription may keep pinned; past it the subscription gets `stop` (the spec's remedy). */
export const MAX_PINNED_BLOCKS = 1024;
/** Storage items per `operationStorageItems` event, so a large prefix is streamed in bounded messages. */
const STORAGE_ITEMS_PER_EVENT = 1000;

/** The spec's runtime description (`finalizedBlockRuntime`, `newRuntime`). */
export interface RuntimeSpecEvent {
  type: 'valid';
  spec: {
    specName: string;
    implName: string;
    specVersion: number;
    implVersion: number;
    transactionVersion: number;
    apis: Record<HexString, number>;
  };
}

export type StorageQueryType =
  'value' | 'hash' | 'closestDescendantMerkleValue' | 'descendantsValues' | 'descendantsHashes';

export interface StorageQueryItem {
  key: HexString;
  type: StorageQueryType;
}

export interface StorageResultItem {
  key: HexString;
  value?: HexString;
  hash?: HexString;
  closestDescendantMerkleValue?: HexString;
}

export type FollowEvent =
  | { event: 'initialized'; finalizedBlockHashes: HexString[]; finalizedBlockRuntime?: RuntimeSpecEvent }
  | { event: 'newBlock'; blockHash: HexString; parentBlockHash: HexString; newRuntime?: RuntimeSpecEvent | null }
  | { event: 'bestBlockChanged'; bestBlockHash: HexString }
  | { event: 'finalized'; finalizedBlockHashes: HexString[]; prunedBlockHashes: HexString[] }
  | { event: 'operationBodyDone'; operationId: string; value: HexString[] }
  | { event: 'operationCallDone'; operationId: string; output: HexString }
  | { event: 'operationStorageItems'; operationId: string; items: StorageResultItem[] }
  | { event: 'operationStorageDone'; operationId: string }
  | { event: 'operationError'; operationId: string; error: string }
  | { event: 'stop' };

/** What an operation-starting method answers with. */
export type OperationStarted = { result: 'started'; operationId: string; discardedItems?: number };

export class BlockNotPinnedError extends Error {
  override name = 'BlockNotPinnedError';
  constructor(readonly blockHash: string) {
    super(`block ${blockHash} is not pinned by this subscription`);
  }
}

export function runtimeSpecEvent(version: RuntimeVersion): RuntimeSpecEvent {
  return {
    type: 'valid',
    spec: {
      specName: version.specName,
      implName: version.implName,
      specVersion: version.specVersion,
      implVersion: version.implVersion,
      transactionVersion: version.transactionVersion,
      apis: Object.fromEntries(version.apis),
    },
  };
}

export class FollowSubscription {
  private readonly pinned = new Map<HexString, number>();
  private nextOperation = 0;
  private readonly running = new Set<string>();
  private readonly cancelled = new Set<string>();
  private stopListening: (() => void) | undefined;
  private active = true;

  /**
   * `emit` delivers one event to the client; the owner calls `start` only after the subscription id has been sent,
   * because the spec forbids events before the answer to `chainHead_v1_follow`.
   */
  constructor(
    private readonly chain: Chain,
    private readonly withRuntime: boolean,
    private readonly deliver: (event: FollowEvent) => void,
    private readonly onStopped: () => void,
  ) {}

  /** Nothing reaches the client once the subscription ended, not even an operation that was still running. */
  private emit(event: FollowEvent): void {
    if (this.active) this.deliver(event);
  }

  start(): void {
    const head = this.chain.finalized;
    this.pinned.set(head.hash, head.number);
    this.emit({
      event: 'initialized',
      finalizedBlockHashes: [head.hash],
      ...(this.withRuntime ? { finalizedBlockRuntime: runtimeSpecEvent(this.chain.runtime.version) } : {}),
    });
    // The spec has the best block announced right after initialization; here it is the finalized head itself.
    this.emit({ event: 'bestBlockChanged', bestBlockHash: head.hash });
    this.stopListening = this.chain.onBlock((imported) => this.onBlock(imported));
  }

  private onBlock({ block, hash }: ImportedBlock): void {
    if (!this.active) return;
    if (this.pinned.size >= MAX_PINNED_BLOCKS) {
      this.emit({ event: 'stop' });
      this.close();
      this.onStopped();
      return;
    }
    this.pinned.set(hash, block.header.number);
    this.emit({
      event: 'newBlock',
      blockHash: hash,
      parentBlockHash: block.header.parentHash,
      // The runtime is built into the node and never upgrades on chain, so no block brings a new one.
      ...(this.withRuntime ? { newRuntime: null } : {}),
    });
    this.emit({ event: 'bestBlockChanged', bestBlockHash: hash });
    this.emit({ event: 'finalized', finalizedBlockHashes: [hash], prunedBlockHashes: [] });
  }

  /** Ends the subscription without a `stop` event (the client unfollowed or disconnected). */
  close(): void {
    this.active = false;
    this.pinned.clear();
    this.stopListening?.();
  }

  private numberOfPinned(hash: HexString): number {
    const number = this.pinned.get(hash);
    if (number === undefined) throw new BlockNotPinnedError(hash);
    return number;
  }

  /** SCALE-encoded header of a pinned block. */
  async header(hash: HexString): Promise<HexString> {
    this.numberOfPinned(hash);
    const header = await this.chain.getHeader(hash);
    if (!header) throw new BlockNotPinnedError(hash);
    return bytesToHex(this.chain.runtime.encodeHeader(header));
  }

  unpin(hashes: HexString[]): void {
    // The spec makes the whole call fail, unpinning nothing, when any hash is not pinned.
    for (const hash of hashes) this.numberOfPinned(hash);
    for (const hash of hashes) this.pinned.delete(hash);
  }

  body(hash: HexString): OperationStarted {
    this.numberOfPinned(hash);
    return this.operation(async (operationId, report) => {
      const block = await this.chain.getBlock(hash);
      if (!block) throw new BlockNotPinnedError(hash);
      report({ event: 'operationBodyDone', operationId, value: block.extrinsics });
    });
  }

  call(hash: HexString, method: string, parameters: HexString): OperationStarted {
    const number = this.numberOfPinned(hash);
    return this.operation(async (operationId, report) => {
      const state = await this.chain.readerAtNumber(number);
      const output = this.chain.runtime.call(state, method, hexToBytes(parameters), hash);
      report({ event: 'operationCallDone', operationId, output: bytesToHex(output) });
    });
  }

  storage(hash: HexString, items: StorageQueryItem[]): OperationStarted {
    const number = this.numberOfPinned(hash);
    const started = this.operation(async (operationId, report) => {
      const state = await this.chain.readerAtNumber(number);
      let batch: StorageResultItem[] = [];
      const flush = (): void => {
        if (batch.length > 0) report({ event: 'operationStorageItems', operationId, items: batch });
        batch = [];
      };
      for (const item of items) {
        for (const result of storageResults(state, item)) {
          batch.push(result);
          if (batch.length >= STORAGE_ITEMS_PER_EVENT) flush();
        }
      }
      flush();
      report({ event: 'operationStorageDone', operationId });
    });
    return { ...started, discardedItems: 0 };
  }

  /** The node never pauses an operation, so `continue` has nothing to resume; stopping silences its events. */
  stopOperation(operationId: string): void {
    if (this.running.has(operationId)) this.cancelled.add(operationId);
  }

  /**
   * Starts `work` after the current turn, so the client has the operation id before any event about it, and turns
   * any failure into the spec's `operationError`.
   */
  private operation(
    work: (operationId: string, report: (event: FollowEvent) => void) => Promise<void>,
  ): OperationStarted {
    const operationId = String(this.nextOperation++);
    this.running.add(operationId);
    const report = (event: FollowEvent): void => {
      if (!this.cancelled.has(operationId)) this.emit(event);
    };
    setImmediate(() => {
      work(operationId, report)
        .catch((error: unknown) =>
          report({
            event: 'operationError',
            operationId,
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .finally(() => {
          this.running.delete(operationId);
          this.cancelled.delete(operationId);
        });
    });
    return { result: 'started', operationId };
  }
}

/** The results of one storage query item, in key order. */
function* storageResults(state: StorageReader, { key, type }: StorageQueryItem): Generator<StorageResultItem> {
  switch (type) {
    case 'value': {
      const value = state.get(key);
      if (value !== undefined) yield { key, value: bytesToHex(value) };
      return;
    }
    case 'hash': {
      const value = state.get(key);
      if (value !== undefined) yield { key, hash: blake2AsHex(value, 256) };
      return;
    }
    case 'descendantsValues':
    case 'descendantsHashes':
      for (const descendant of state.keysWithPrefix(key)) {
        const value = state.get(descendant)!;
        yield type === 'descendantsValues'
          ? { key: descendant, value: bytesToHex(value) }
          : { key: descendant, hash: blake2AsHex(value, 256) };
      }
      return;
    case 'closestDescendantMerkleValue': {
      // Clients use this to notice that anything under a prefix changed (polkadot-api's watchEntries). The node
      // keeps no trie nodes to hand out, so it answers a digest of every key and value under the prefix: it
      // changes exactly when the subtree does, which is the property clients rely on, but it is not a trie node
      // hash and must not be checked against a proof.
      const descendants = state.keysWithPrefix(key);
      if (descendants.length === 0) return;
      const parts = descendants.flatMap((k) => [hexToBytes(k), state.get(k)!]);
      yield { key, closestDescendantMerkleValue: blake2AsHex(Buffer.concat(parts), 256) };
      return;
    }
  }
}
