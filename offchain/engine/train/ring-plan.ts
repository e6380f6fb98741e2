/**
 * Where everything lies in the shared memory of a state-hashing ring (hash-ring.ts): one region per hashing thread
 * (its block area, the layout preimage, the roots it commits, tensorRoot's scratch and its leaf cache), then the
 * slots, each a 32-byte commitment, the u32 step, and the state tensors' float32 values, each 16-byte aligned (the
 * kernels write a step's new state straight into a slot, see BackgroundHasher.reserve).
 */
import { layoutPreimage, TENSOR_CHUNK_ELEMENTS, type TensorLayout } from '../../referee/index.js';
import { sizeOf } from '../model/shapes.js';

/** The two threads that may hash a slot; each has a region of its own. */
export const TRAINING_THREAD = 0;
export const WORKER_THREAD = 1;
export type HashingThread = typeof TRAINING_THREAD | typeof WORKER_THREAD;

export const SLOT_HASH = 0;
export const SLOT_STEP = 32;
const SLOT_HEADER = 48;
const PAGE = 65536;
/**
 * The ring starts one page in: the numeric kernels that write states into its slots run over the same memory
 * (kernels/native/wasm-module.ts, numeric-shared.wasm) and keep [0, heapBase) for themselves; their scratch regions
 * lie after the ring (`pages`), in memory they grow.
 */
const RING_BASE = PAGE;

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
  /** The worker is woken once per `batch` pushes and then commits every pending slot (hash-ring.ts). */
  batch: number;
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

/**
 * The ring's size: as many slots as fit in RING_BUDGET_BYTES, within [MIN_SLOTS, MAX_SLOTS]. The worker sleeps while
 * half the slots fill, then commits them in one burst: a second vCPU that wakes every step (even to do little) slows
 * the training vCPU by 5–8 % on the shared hosts measured (the host keeps it busy between wake-ups), one that sleeps
 * for long stretches costs about its share of busy time (bench/training-proof.ts and the closing notes of issue 3).
 */
const RING_BUDGET_BYTES = 16 << 20;
const MIN_SLOTS = 4;
const MAX_SLOTS = 64;

export function ringSlots(slotBytes: number): number {
  return Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, Math.floor(RING_BUDGET_BYTES / slotBytes)));
}
const chunks = (count: number): number => Math.max(1, Math.ceil(count / TENSOR_CHUNK_ELEMENTS));
/** The hashing module's tensorRootScratch and tensorRootCacheBytes, for planning before it is loaded. */
const scratchBytes = (count: number): number => 256 + 32 * chunks(count);
const cacheBytes = (count: number): number => chunks(count) * (32 + 4 * TENSOR_CHUNK_ELEMENTS);

export function countOf(t: TensorLayout): number {
  return sizeOf(t.shape);
}

/** A ring for `layout`: `slots` when given (tests), else ringSlots of its slot size. */
export function planRing(layout: readonly TensorLayout[], slots?: number): RingPlan {
  const counts = layout.map(countOf);
  const preimageBytes = layoutPreimage(0, layout).length;
  let next = RING_BASE;
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
  const slotCount = slots ?? ringSlots(slotBytes);
  return {
    slots: slotCount,
    batch: Math.max(1, Math.floor(slotCount / 2)),
    counts,
    preimageBytes,
    regions,
    firstSlot,
    slotBytes,
    tensorOffsets,
    pages: Math.ceil((firstSlot + slotCount * slotBytes) / PAGE),
  };
}

/** Whether a ring planned for `a` serves a run planned as `b` (same places for everything; names may differ). */
export function samePlan(a: RingPlan, b: RingPlan): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
