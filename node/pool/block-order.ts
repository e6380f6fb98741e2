/**
 * The order in which ready transactions are offered to a block: each after the transactions providing the
 * tags it requires, otherwise highest priority (tip) first, then arrival. O(n log n) in the ready set.
 */
import type { HexString } from '../../runtime-bindings/seam.js';
import type { PoolTransaction } from './pool-types.js';
import { PriorityHeap } from './priority-heap.js';

const higherFirst = (a: PoolTransaction, b: PoolTransaction): boolean =>
  a.priority !== b.priority ? a.priority > b.priority : a.insertion < b.insertion;

export interface ReadyView {
  ready: Iterable<PoolTransaction>;
  /** True when a ready pool transaction provides `tag`. */
  isReadyTag(tag: HexString): boolean;
  /** Ready transactions requiring `tag`. */
  dependentsOf(tag: HexString): Iterable<PoolTransaction>;
}

export function orderForBlock(view: ReadyView, max: number): PoolTransaction[] {
  const unmet = new Map<PoolTransaction, number>();
  const heap = new PriorityHeap<PoolTransaction>(higherFirst);
  for (const tx of view.ready) {
    let count = 0;
    for (const tag of tx.requires) if (view.isReadyTag(tag)) count++;
    if (count === 0) heap.push(tx);
    else unmet.set(tx, count);
  }
  const chosen: PoolTransaction[] = [];
  while (chosen.length < max) {
    const tx = heap.pop();
    if (!tx) break;
    chosen.push(tx);
    for (const tag of tx.provides) {
      for (const dependent of view.dependentsOf(tag)) {
        const left = unmet.get(dependent);
        if (left === undefined) continue;
        if (left === 1) {
          unmet.delete(dependent);
          heap.push(dependent);
        } else unmet.set(dependent, left - 1);
      }
    }
  }
  return chosen;
}
