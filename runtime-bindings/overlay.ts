/**
 * Layered writes over the parent state. The bottom layer collects the block's changes; `begin`/`commit`/`rollback`
 * give each dispatch its transactional layer, so a failing call leaves nothing behind (only the fee and nonce,
 * written in the layer below, remain).
 */
import type { HexString } from '@polkadot/util/types';
import type { StateIO } from '../pallets-spec/framework/state.js';
import type { StorageChanges, StorageReader } from './seam.js';

export class Overlay implements StateIO {
  private readonly layers: Array<Map<HexString, Uint8Array | null>> = [new Map()];

  constructor(private readonly base: StorageReader) {}

  read(key: HexString): Uint8Array | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (layer.has(key)) return layer.get(key) ?? undefined;
    }
    return this.base.get(key);
  }

  write(key: HexString, value: Uint8Array | null): void {
    this.layers[this.layers.length - 1].set(key, value);
  }

  begin(): void {
    this.layers.push(new Map());
  }

  commit(): void {
    if (this.layers.length < 2) throw new Error('commit without an open transactional layer');
    const top = this.layers.pop()!;
    const below = this.layers[this.layers.length - 1];
    for (const [k, v] of top) below.set(k, v);
  }

  rollback(): void {
    if (this.layers.length < 2) throw new Error('rollback without an open transactional layer');
    this.layers.pop();
  }

  /** Overlay writes merged with the parent's keys, in ascending order, deletions removed. */
  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[] {
    const touched = new Map<HexString, boolean>();
    for (const layer of this.layers) {
      for (const [k, v] of layer)
        if (k.startsWith(prefix) && (startAfter === undefined || k > startAfter)) touched.set(k, v !== null);
    }
    let deleted = 0;
    for (const live of touched.values()) if (!live) deleted++;
    const fromBase = this.base.keysWithPrefix(prefix, startAfter, limit === undefined ? undefined : limit + deleted);
    const all = new Set<HexString>(fromBase);
    for (const [k, live] of touched) {
      if (live) all.add(k);
      else all.delete(k);
    }
    const sorted = [...all].sort();
    return limit === undefined ? sorted : sorted.slice(0, limit);
  }

  /** The block's changes (every transactional layer must be closed). */
  changes(): StorageChanges {
    if (this.layers.length !== 1) throw new Error('changes() with a transactional layer still open');
    return new Map(this.layers[0]);
  }
}
