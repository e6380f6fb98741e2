/**
 * An in-memory storage view: a map plus the keys in byte order (lowercase hex sorts like its bytes), so
 * prefix iteration is a binary search and a walk. Used for the head state and for loaded past snapshots.
 */
import type { HexString, StorageChanges, StorageReader } from '../../runtime-bindings/seam.js';

/** Index of the first element of `sorted` that is ≥ `key` (or > when `strict`). */
export function lowerBound(sorted: readonly string[], key: string, strict = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const probe = sorted[middle]!;
    if (probe < key || (strict && probe === key)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Walks `sorted` from the prefix (or strictly after `startAfter`) while keys start with the prefix. */
export function sortedKeysWithPrefix(
  sorted: readonly HexString[],
  prefix: HexString,
  startAfter?: HexString,
  limit?: number,
): HexString[] {
  const from =
    startAfter !== undefined && startAfter >= prefix
      ? lowerBound(sorted, startAfter, true)
      : lowerBound(sorted, prefix);
  const keys: HexString[] = [];
  for (let index = from; index < sorted.length; index++) {
    const key = sorted[index]!;
    if (!key.startsWith(prefix)) break;
    if (limit !== undefined && keys.length >= limit) break;
    keys.push(key);
  }
  return keys;
}

/** What a block overwrote: key → its value before the block (`undefined` when it did not exist). */
export type UndoLog = Map<HexString, Uint8Array | undefined>;

export class SortedState implements StorageReader {
  private readonly values = new Map<HexString, Uint8Array>();
  private readonly sortedKeys: HexString[] = [];

  constructor(entries?: Iterable<[HexString, Uint8Array]>) {
    if (!entries) return;
    for (const [key, value] of entries) this.values.set(key, value);
    this.sortedKeys.push(...this.values.keys());
    this.sortedKeys.sort();
  }

  get size(): number {
    return this.values.size;
  }

  get(key: HexString): Uint8Array | undefined {
    return this.values.get(key);
  }

  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[] {
    return sortedKeysWithPrefix(this.sortedKeys, prefix, startAfter, limit);
  }

  /** Applies a block's changes and returns what they overwrote, so the previous state stays readable. */
  apply(changes: StorageChanges): UndoLog {
    const undo: UndoLog = new Map();
    for (const [key, value] of changes) {
      const previous = this.values.get(key);
      if (!undo.has(key)) undo.set(key, previous);
      if (value === null) {
        if (previous === undefined) continue;
        this.values.delete(key);
        this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 1);
      } else {
        if (previous === undefined) this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 0, key);
        this.values.set(key, value);
      }
    }
    return undo;
  }

  entries(): IterableIterator<[HexString, Uint8Array]> {
    return this.values.entries();
  }
}

/**
 * The state of a recent block: the head state seen through the undo logs of the blocks after it
 * (oldest first), so reading block `head - k` costs k map lookups and no database access.
 */
export class UndoOverlayReader implements StorageReader {
  constructor(
    private readonly head: StorageReader,
    private readonly undoLogs: readonly UndoLog[],
  ) {}

  get(key: HexString): Uint8Array | undefined {
    for (const undo of this.undoLogs) if (undo.has(key)) return undo.get(key);
    return this.head.get(key);
  }

  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[] {
    const candidates = new Set(this.head.keysWithPrefix(prefix, startAfter));
    for (const undo of this.undoLogs) {
      for (const key of undo.keys()) {
        if (key.startsWith(prefix) && (startAfter === undefined || key > startAfter)) candidates.add(key);
      }
    }
    const keys = [...candidates].filter((key) => this.get(key) !== undefined).sort();
    return limit === undefined ? keys : keys.slice(0, limit);
  }
}
