/**
 * Where everything lies in the shared memory of a state-hashing ring (hash-ring.ts): one region per hashing thread
 * (its block area, the layout preimage, the roots it commits, tensorRoot's scratch and its leaf cache), then the
 * slots, each a 32-byte commitment, the u32 step, and the state tensors' float32 values, each 16-byte aligned (the
 * kernels write a step's new state straight into a slot, see BackgroundHasher.reserve).
 */
import { layoutPreimage, TENSOR_CHUNK_ELEMENTS, type TensorLayout } from '../../referee/index.js';

/** The two threads that may hash a slot; each has a region of its own. */
export const TRAINING_THREAD = 0;
export const WORKER_THREAD = 1;
export type HashingThread = typeof TRAINING_THREAD | typeof WORKER_THREAD;

export const SLOT_HASH = 0;
export const SLOT_STEP = 32;
const SLOT_HEADER = 48;
const PAGE = 65536;

export interface ThreadRegion {
  block: number;
  preimage: number;
  /** The layout hash, then each tensor's root: what the state commitment hashes. */
  roots: number;
  scratch: number;
  /** Per tensor: its leaf cache (tensorRootCached). */
  caches: number[];
}

/** Plain numbers only: the plan travels to the worker with the memory. */
export interface RingPlan {
  slots: number;
  /** Float32 values of each state tensor, in state order. */
  counts: number[];
  preimageBytes: number;
  regions: ThreadRegion[];
  firstSlot: number;
  slotBytes: number;
  /** Byte offset of each tensor inside a slot. */
  tensorOffsets: number[];
  pages: number;
}

const align16 = (n: number): number => Math.ceil(n / 16) * 16;
const chunks = (count: number): number => Math.max(1, Math.ceil(count / TENSOR_CHUNK_ELEMENTS));
/** The hashing module's tensorRootScratch and tensorRootCacheBytes, for planning before it is loaded. */
const scratchBytes = (count: number): number => 256 + 32 * chunks(count);
const cacheBytes = (count: number): number => chunks(count) * (32 + 4 * TENSOR_CHUNK_ELEMENTS);

export function countOf(t: TensorLayout): number {
  return t.shape.reduce((a, b) => a * b, 1);
}

export function planRing(layout: readonly TensorLayout[], slots: number): RingPlan {
  const counts = layout.map(countOf);
  const preimageBytes = layoutPreimage(0, layout).length;
  let next = 0;
  const take = (bytes: number): number => {
    const at = next;
    next = align16(next + bytes);
    return at;
  };
  const regions = [TRAINING_THREAD, WORKER_THREAD].map(() => ({
    block: take(128),
    preimage: take(preimageBytes),
    roots: take(32 * (counts.length + 1)),
    scratch: take(scratchBytes(Math.max(0, ...counts))),
    caches: counts.map((count) => take(cacheBytes(count))),
  }));
  let slotBytes = SLOT_HEADER;
  const tensorOffsets = counts.map((count) => {
    const at = slotBytes;
    slotBytes = align16(slotBytes + 4 * count);
    return at;
  });
  const firstSlot = next;
  return {
    slots,
    counts,
    preimageBytes,
    regions,
    firstSlot,
    slotBytes,
    tensorOffsets,
    pages: Math.ceil((firstSlot + slots * slotBytes) / PAGE),
  };
}

/** Whether a ring planned for `a` serves a run planned as `b` (same places for everything; names may differ). */
export function samePlan(a: RingPlan, b: RingPlan): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
