/**
 * The node's view of its chain: the finalized head (authoring finalizes at once, so best = finalized), the
 * head state in memory, the undo logs of recent blocks (so their state is readable without the database),
 * and the database for everything older. `importBlock` is the only way the chain grows.
 */
import type {
  Block,
  ChainSpec,
  Header,
  HexString,
  Runtime,
  StorageChanges,
  StorageReader,
} from '../runtime-bindings/seam.js';
import { ChainDb, DatabaseError, type BlockRef } from './store/chain-db.js';
import { SortedState, UndoOverlayReader, type UndoLog } from './store/sorted-state.js';

/** How many recent blocks keep their undo log and body in memory. */
const RECENT_WINDOW = 128;
/** Past snapshots loaded from the database, kept for repeated reads at the same old block. */
const SNAPSHOT_CACHE = 2;

export interface ImportedBlock {
  block: Block;
  hash: HexString;
  changes: StorageChanges;
}

type BlockListener = (imported: ImportedBlock) => void;

export class ChainMismatchError extends Error {
  override name = 'ChainMismatchError';
}

export class Chain {
  private readonly listeners = new Set<BlockListener>();
  /** Bodies and undo logs of the last RECENT_WINDOW blocks, oldest first; the last one is the head. */
  private readonly recent: Array<{ number: number; hash: HexString; block: Block; undo: UndoLog }> = [];
  private readonly recentByHash = new Map<HexString, number>();
  private readonly snapshots = new Map<number, SortedState>();
  private head: { number: number; hash: HexString; header: Header };

  private constructor(
    readonly db: ChainDb,
    readonly runtime: Runtime,
    readonly genesisHash: HexString,
    readonly headState: SortedState,
    head: { number: number; hash: HexString; header: Header },
  ) {
    this.head = head;
  }

  /** Opens the chain in `db`: writes genesis on a fresh database, resumes from the finalized head otherwise. */
  static async open(db: ChainDb, runtime: Runtime, spec: ChainSpec): Promise<Chain> {
    const genesis = runtime.genesis(spec.genesisStorage);
    const stored = await db.readFinalized();
    if (!stored) {
      const block: Block = { header: genesis.header, extrinsics: [] };
      await db.writeBlock(block, genesis.hash, spec.genesisStorage, spec.id);
      const state = new SortedState();
      state.apply(spec.genesisStorage);
      return new Chain(db, runtime, genesis.hash, state, { number: 0, hash: genesis.hash, header: genesis.header });
    }
    const storedGenesis = await db.getHash(0);
    if (storedGenesis !== genesis.hash) {
      throw new ChainMismatchError(
        `the database at ${db.path} holds chain ${(await db.readChainId()) ?? '?'} with genesis ${storedGenesis}, ` +
          `not ${spec.id} (genesis ${genesis.hash}); use another --base-path or remove this one`,
      );
    }
    const header = await db.getHeader(stored.hash);
    if (!header)
      throw new DatabaseError(`the database at ${db.path} has no header for its finalized head #${stored.number}`);
    return new Chain(db, runtime, genesis.hash, await db.loadLatestState(), { ...stored, header });
  }

  get best(): { number: number; hash: HexString; header: Header } {
    return this.head;
  }

  /** The number of the oldest block in the recent window (the head's own number + 1 while the window is empty). */
  private get firstRecent(): number {
    return this.head.number - this.recent.length + 1;
  }

  get finalized(): BlockRef {
    return this.head;
  }

  onBlock(listener: BlockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores a block built or checked on the current head, then makes it the new (finalized) head. */
  async importBlock(block: Block, hash: HexString, changes: StorageChanges, chainId: string): Promise<void> {
    if (block.header.parentHash !== this.head.hash) {
      throw new ChainMismatchError(`block #${block.header.number} does not build on the head ${this.head.hash}`);
    }
    await this.db.writeBlock(block, hash, changes, chainId);
    const undo = this.headState.apply(changes);
    this.recent.push({ number: block.header.number, hash, block, undo });
    this.recentByHash.set(hash, block.header.number);
    if (this.recent.length > RECENT_WINDOW) this.recentByHash.delete(this.recent.shift()!.hash);
    this.head = { number: block.header.number, hash, header: block.header };
    const imported = { block, hash, changes };
    for (const listener of this.listeners) listener(imported);
  }

  async getHash(number: number): Promise<HexString | undefined> {
    if (number > this.head.number || number < 0) return undefined;
    const offset = number - this.firstRecent;
    if (offset >= 0) return this.recent[offset]!.hash;
    return this.db.getHash(number);
  }

  async getBlock(hash: HexString): Promise<Block | undefined> {
    const number = this.recentByHash.get(hash);
    if (number !== undefined) return this.recent[number - this.firstRecent]!.block;
    return this.db.getBlock(hash);
  }

  async getHeader(hash: HexString): Promise<Header | undefined> {
    if (hash === this.head.hash) return this.head.header;
    const number = this.recentByHash.get(hash);
    if (number !== undefined) return (await this.getBlock(hash))!.header;
    return this.db.getHeader(hash);
  }

  /** The block number of `hash`, or undefined when this chain has no such block. */
  async numberOf(hash: HexString): Promise<number | undefined> {
    if (hash === this.head.hash) return this.head.number;
    return this.recentByHash.get(hash) ?? (await this.db.getHeader(hash))?.number;
  }

  /** A synchronous reader of the state at block `number` (head, recent window, or a loaded snapshot). */
  async readerAtNumber(number: number): Promise<StorageReader> {
    if (number === this.head.number) return this.headState;
    // The undo log of block n restores the state of block n - 1.
    if (number >= this.firstRecent - 1) {
      const logs = this.recent.slice(number - this.firstRecent + 1).map((entry) => entry.undo);
      return new UndoOverlayReader(this.headState, logs);
    }
    let snapshot = this.snapshots.get(number);
    if (!snapshot) {
      snapshot = await this.db.snapshotAt(number);
      if (this.snapshots.size >= SNAPSHOT_CACHE) this.snapshots.delete(this.snapshots.keys().next().value!);
      this.snapshots.set(number, snapshot);
    }
    return snapshot;
  }

  /** One storage value at block `number`, straight from the database when the block is old. */
  async storageAt(key: HexString, number: number): Promise<Uint8Array | undefined> {
    if (number >= this.firstRecent - 1) return (await this.readerAtNumber(number)).get(key);
    return this.db.storageAt(key, number);
  }
}
