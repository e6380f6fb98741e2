/** Who watches which pool transaction (`author_submitAndWatchExtrinsic`, `transactionWatch_v1`), and telling them. */
import type { HexString } from '../../runtime-bindings/seam.js';
import { isFinalStatus, type WatchStatus } from './pool-types.js';

export type Watcher = (status: WatchStatus) => void;

export class Watchers {
  private readonly byHash = new Map<HexString, Set<Watcher>>();

  add(hash: HexString, watcher: Watcher): void {
    let set = this.byHash.get(hash);
    if (!set) this.byHash.set(hash, (set = new Set()));
    set.add(watcher);
  }

  remove(hash: HexString, watcher: Watcher): void {
    const set = this.byHash.get(hash);
    set?.delete(watcher);
    if (set?.size === 0) this.byHash.delete(hash);
  }

  /** Tells every watcher of `hash`; after a final status nobody watches it any more. */
  notify(hash: HexString, status: WatchStatus): void {
    const set = this.byHash.get(hash);
    if (!set) return;
    for (const watcher of set) watcher(status);
    if (isFinalStatus(status)) this.byHash.delete(hash);
  }
}
