/**
 * The node's embedded database (classic-level): blocks, headers, number → hash, the finalized head, and the
 * state of every block (versioned keys) plus the head state (`latest` keys, loaded into memory at start).
 * A block and everything it changes are written in one atomic batch, before the node reports the block.
 */
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { Block, Header, HexString, StorageChanges } from '../../runtime-bindings/seam.js';
import { dbKeys, VERSION_DELETED, VERSION_PRESENT } from './db-keys.js';
import { bytesToHex, concatBytes, hexToBytes } from './hex.js';
import { SortedState } from './sorted-state.js';

export interface BlockRef {
  number: number;
  hash: HexString;
}

/** Where a chain's database lives under a base path, as Substrate lays it out: `<base>/chains/<spec id>/db`. */
export function chainDbPath(basePath: string, specId: string): string {
  return join(basePath, 'chains', specId, 'db');
}

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

type Db = ClassicLevel<Uint8Array, Uint8Array>;
const VIEW = { keyEncoding: 'view', valueEncoding: 'view' } as const;

export class ChainDb {
  private constructor(
    private readonly db: Db,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<ChainDb> {
    const db: Db = new ClassicLevel<Uint8Array, Uint8Array>(path, VIEW);
    try {
      await db.open();
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      const locked = cause?.code === 'LEVEL_LOCKED' || /lock/i.test(String((cause as Error | undefined)?.message));
      throw new DatabaseError(
        locked
          ? `the database at ${path} is in use by another process (is a node running on this base path?)`
          : `cannot open the database at ${path}: ${(cause as Error | undefined)?.message ?? error}`,
        { cause: error },
      );
    }
    return new ChainDb(db, path);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async getJson<T>(key: Uint8Array): Promise<T | undefined> {
    const bytes = await this.db.get(key);
    return bytes === undefined ? undefined : (JSON.parse(Buffer.from(bytes).toString('utf8')) as T);
  }

  readFinalized(): Promise<BlockRef | undefined> {
    return this.getJson<BlockRef>(dbKeys.meta('finalized'));
  }

  readChainId(): Promise<string | undefined> {
    return this.getJson<string>(dbKeys.meta('chain'));
  }

  getBlock(hash: HexString): Promise<Block | undefined> {
    return this.getJson<Block>(dbKeys.block(hexToBytes(hash)));
  }

  getHeader(hash: HexString): Promise<Header | undefined> {
    return this.getJson<Header>(dbKeys.header(hexToBytes(hash)));
  }

  async getHash(number: number): Promise<HexString | undefined> {
    const bytes = await this.db.get(dbKeys.number(number));
    return bytes === undefined ? undefined : bytesToHex(bytes);
  }

  /** The head state as last written (every `latest` entry). */
  async loadLatestState(): Promise<SortedState> {
    const entries: Array<[HexString, Uint8Array]> = [];
    for await (const [key, value] of this.db.iterator({ gte: dbKeys.latestNamespace, lt: dbKeys.latestNamespaceEnd })) {
      entries.push([bytesToHex(key.subarray(1)), value]);
    }
    return new SortedState(entries);
  }

  /** The value of `key` at block `number`: the last version written at or before it. */
  async storageAt(key: HexString, number: number): Promise<Uint8Array | undefined> {
    const keyBytes = hexToBytes(key);
    const exactLength = 1 + keyBytes.length + 4;
    // Longer keys that start with `key` sort among its versions; skip them by their length.
    for await (const [entryKey, value] of this.db.iterator({
      gte: dbKeys.versioned(keyBytes, 0),
      lte: dbKeys.versioned(keyBytes, number),
      reverse: true,
    })) {
      if (entryKey.length !== exactLength) continue;
      return value[0] === VERSION_PRESENT ? value.subarray(1) : undefined;
    }
    return undefined;
  }

  /** The whole state at block `number`, read from the versioned keys (for past blocks beyond the in-memory window). */
  async snapshotAt(number: number): Promise<SortedState> {
    const latest = new Map<HexString, { number: number; value: Uint8Array | undefined }>();
    for await (const [entryKey, value] of this.db.iterator({
      gt: dbKeys.versionedNamespace,
      lt: Uint8Array.of(dbKeys.versionedNamespace[0]! + 1),
    })) {
      const version = Buffer.from(entryKey.buffer, entryKey.byteOffset + entryKey.length - 4, 4).readUInt32BE();
      if (version > number) continue;
      const key = bytesToHex(entryKey.subarray(1, entryKey.length - 4));
      const seen = latest.get(key);
      if (seen && seen.number > version) continue;
      latest.set(key, { number: version, value: value[0] === VERSION_PRESENT ? value.subarray(1) : undefined });
    }
    const entries: Array<[HexString, Uint8Array]> = [];
    for (const [key, { value }] of latest) if (value !== undefined) entries.push([key, value]);
    return new SortedState(entries);
  }

  /**
   * Writes a block, its state changes and the new finalized head in one atomic batch. Genesis (number 0)
   * also records the chain id.
   */
  async writeBlock(block: Block, hash: HexString, changes: StorageChanges, chainId: string): Promise<void> {
    const hashBytes = hexToBytes(hash);
    const number = block.header.number;
    const batch = this.db.batch();
    batch.put(dbKeys.block(hashBytes), Buffer.from(JSON.stringify(block)));
    batch.put(dbKeys.header(hashBytes), Buffer.from(JSON.stringify(block.header)));
    batch.put(dbKeys.number(number), hashBytes);
    for (const [key, value] of changes) {
      const keyBytes = hexToBytes(key);
      if (value === null) {
        batch.put(dbKeys.versioned(keyBytes, number), Uint8Array.of(VERSION_DELETED));
        batch.del(dbKeys.latest(keyBytes));
      } else {
        batch.put(dbKeys.versioned(keyBytes, number), concatBytes(Uint8Array.of(VERSION_PRESENT), value));
        batch.put(dbKeys.latest(keyBytes), value);
      }
    }
    const head: BlockRef = { number, hash };
    batch.put(dbKeys.meta('finalized'), Buffer.from(JSON.stringify(head)));
    if (number === 0) batch.put(dbKeys.meta('chain'), Buffer.from(JSON.stringify(chainId)));
    await batch.write();
  }
}
