/** An in-memory `StorageReader` with a stack of committed blocks, for runtime unit tests. */
import type { HexString } from '@polkadot/util/types';
import type { StorageChanges, StorageReader } from '../../runtime-bindings/seam.js';

export class MemoryState implements StorageReader {
  private readonly data = new Map<HexString, Uint8Array>();

  constructor(initial?: StorageChanges) {
    if (initial) this.apply(initial);
  }

  get(key: HexString): Uint8Array | undefined {
    return this.data.get(key);
  }

  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[] {
    const keys = [...this.data.keys()]
      .filter((k) => k.startsWith(prefix) && (startAfter === undefined || k > startAfter))
      .sort();
    return limit === undefined ? keys : keys.slice(0, limit);
  }

  apply(changes: StorageChanges): void {
    for (const [k, v] of changes) {
      if (v === null) this.data.delete(k);
      else this.data.set(k, v);
    }
  }

  /** A copy, so a test can run a block and still compare with the state before it. */
  clone(): MemoryState {
    const c = new MemoryState();
    for (const [k, v] of this.data) c.data.set(k, v);
    return c;
  }

  entries(): Array<[HexString, Uint8Array]> {
    return [...this.data.entries()];
  }
}
