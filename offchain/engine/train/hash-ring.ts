/**
 * A ring of state slots in shared memory (a shared WebAssembly.Memory), between the training thread (its kernels
 * write a step's new state into a slot) and the state-hashing worker (computes the slot's state commitment in place,
 * with the wasm hashing module over the same memory). Either thread may hash a written slot: it claims the slot with
 * a compare-and-swap, so each slot is hashed exactly once, and the training thread can hash a slot itself when the
 * worker falls behind (or has not started yet) instead of waiting. No message is sent per step.
 *
 *   control (Int32): [0] pushed count | [1] OPEN, CLOSED or LEFT | [2, 3] worker stats | [4] wake-ups |
 *                    [5] 1 while the worker is in a burst | per slot: FREE … HASHED
 *   memory: see ring-plan.ts.
 * The worker sleeps between bursts: the training thread wakes it once per plan.batch pushes (and when the run ends),
 * and it then commits every pending slot (see ringSlots for why not once per step).
 * The commitment is offchain/referee/commitment.ts's stateCommitment(layoutHash(step, layout), tensor roots).
 */
import { LAYOUT_STEP_OFFSET, layoutPreimage, type TensorLayout } from '../../referee/index.js';
import { instantiateHashing, type HashingExports } from '../kernels/native/hashing-module.js';
import {
  WASM_CORE_NAME,
  WasmCoreUnavailableError,
  wasmKernelsOver,
  type LightKernels,
  type NumericCore,
} from '../kernels/native/index.js';
import { planRing, SLOT_HASH, SLOT_STEP, WORKER_THREAD, type HashingThread, type RingPlan } from './ring-plan.js';

export const FREE = 0;
export const WRITTEN = 1;
export const HASHING = 2;
export const HASHED = 3;

export const PUSHED = 0;
/** Control word 1: the run's phase. The worker sets LEFT once it has stopped serving, so the ring can be reused. */
export const PHASE = 1;
export const OPEN = 0;
export const CLOSED = 1;
export const LEFT = 2;
/** Control words 2 and 3: the worker's time committing (µs) and its commits, for the training thread's stats. */
export const WORKER_MICROS = 2;
export const WORKER_COMMITS = 3;
/** Control word 4: bumped (and notified) to wake the worker. */
const WAKE = 4;
/** Control word 5: 1 from the worker's first commit after a wake-up until it sleeps again (bench/training reads it). */
export const BURST = 5;
const HEADER = 6;
/**
 * A sleeping worker looks for work at least this often anyway, in case a wake-up was missed (a wait that started
 * just after the bump it waits for returns at once, so none should be). Longer than a batch of steps takes: each
 * look wakes the second vCPU, which costs the training thread (ring-plan.ts, ringSlots), and finding work it would
 * start a burst early; with a wake-up missed the training thread commits what the ring holds itself meanwhile.
 */
const IDLE_CHECK_MS = 1_000;
/** 2 GiB: address space reserved, not memory; the kernels' scratch grows into it as a model needs. */
const MAX_PAGES = 32_768;
const PAGE = 65_536;

/** What the worker receives once per run (shared memory: no copy). */
export interface HashRingMemory {
  /** Names the ring within the process, so a worker can keep its handle (and leaf caches) for the next run. */
  id: number;
  control: SharedArrayBuffer;
  memory: WebAssembly.Memory;
  plan: RingPlan;
  /** The current run's state layout (names may change from run to run; the plan may not). */
  layout: TensorLayout[];
}

let rings = 0;

export function allocateRing(layout: readonly TensorLayout[], plan: RingPlan = planRing(layout)): HashRingMemory {
  return {
    id: ++rings,
    control: new SharedArrayBuffer(4 * (HEADER + plan.slots)),
    // Room to grow: the numeric kernels over this memory lay out their scratch after the ring (HashRing.kernels).
    memory: new WebAssembly.Memory({ initial: plan.pages, maximum: MAX_PAGES, shared: true }),
    plan,
    layout: layout.map((t) => ({ name: t.name, shape: t.shape.slice() })),
  };
}

/** One thread's handle on a ring: hashes slots in its own region of the memory. */
export class HashRing {
  readonly control: Int32Array;
  readonly plan: RingPlan;
  private readonly buffer: SharedArrayBuffer;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly wasm: HashingExports;
  private readonly primed: boolean[];
  private readonly slotViews: Float32Array[][];

  constructor(
    readonly memory: HashRingMemory,
    private readonly thread: HashingThread,
  ) {
    this.control = new Int32Array(memory.control);
    this.plan = memory.plan;
    this.buffer = memory.memory.buffer as unknown as SharedArrayBuffer;
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.wasm = instantiateHashing(memory.memory);
    this.primed = this.plan.counts.map(() => false);
    this.relabel(memory.layout);
    this.slotViews = Array.from({ length: this.plan.slots }, (_, slot) =>
      this.plan.counts.map((count, i) => new Float32Array(this.buffer, this.tensorAt(slot, i), count)),
    );
  }

  /** The wasm kernels over this ring's memory, made on first use; null when numeric-shared.wasm is not built. */
  private overRing?: { core: NumericCore; light: LightKernels } | null;

  /**
   * kernels over this ring's memory to use instead of `current` for a run whose states go to this ring: states in
   * the slots are read where they lie and update kernels write the next state straight into the reserved slot, with
   * no copy from JavaScript. Undefined when `current` is not a wasm core (the JS core is kept: it is chosen
   * deliberately) or the shared build is missing (then states are copied, as before). Same bits either way.
   */
  kernelsReplacing(current: NumericCore): { core: NumericCore; light: LightKernels } | undefined {
    if (current.name !== WASM_CORE_NAME) return undefined;
    if (this.overRing === undefined) {
      try {
        this.overRing = wasmKernelsOver(this.memory.memory, this.plan.pages * PAGE);
      } catch (error) {
        if (!(error instanceof WasmCoreUnavailableError)) throw error;
        this.overRing = null;
      }
    }
    return this.overRing ?? undefined;
  }

  /** Takes a run's layout (same plan, names may differ): the layout preimage this thread hashes per step. */
  relabel(layout: readonly TensorLayout[]): void {
    const preimage = layoutPreimage(0, layout);
    if (preimage.length !== this.plan.preimageBytes) throw new RangeError('the layout does not fit the ring’s plan');
    this.memory.layout = layout.map((t) => ({ name: t.name, shape: t.shape.slice() }));
    this.bytes.set(preimage, this.region.preimage);
  }

  get slots(): number {
    return this.plan.slots;
  }

  private get region() {
    return this.plan.regions[this.thread] as RingPlan['regions'][number];
  }

  stateIndex(slot: number): number {
    return HEADER + slot;
  }

  state(slot: number): number {
    return Atomics.load(this.control, this.stateIndex(slot));
  }

  private offset(slot: number): number {
    return this.plan.firstSlot + slot * this.plan.slotBytes;
  }

  private tensorAt(slot: number, tensor: number): number {
    return this.offset(slot) + (this.plan.tensorOffsets[tensor] as number);
  }

  /** The slot's tensors (views of the shared memory): kernels may write a state there before it is pushed. */
  views(slot: number): Float32Array[] {
    return this.slotViews[slot] as Float32Array[];
  }

  /**
   * Writes a state into a slot that is not WRITTEN or HASHING; tensors already in place (the slot's own arrays) are
   * not copied. Returns whether all were in place.
   */
  write(slot: number, step: number, values: readonly Float32Array[]): boolean {
    this.view.setUint32(this.offset(slot) + SLOT_STEP, step, true);
    const targets = this.views(slot);
    let inPlace = true;
    for (let i = 0; i < targets.length; i++) {
      const source = values[i] as Float32Array;
      const target = targets[i] as Float32Array;
      if (source === target) continue;
      inPlace = false;
      target.set(source);
    }
    return inPlace;
  }

  /**
   * Readies a ring whose previous run is over for the next one (all slots FREE, nothing pushed); false while a
   * worker may still be serving it (after waiting up to `waitMs` for it to leave). Reuse keeps the slots' pages warm: a fresh ring is page-faulted in slot by slot
   * and its allocation, per run, adds to the garbage collector's external-memory pressure.
   */
  reset(waitMs = 0): boolean {
    // The worker leaves within microseconds of the close unless it is descheduled: worth a short wait rather than a
    // new ring (a few MB to page in, a wasm instance, a message) for the next run.
    if (waitMs > 0 && Atomics.load(this.control, PHASE) === CLOSED) Atomics.wait(this.control, PHASE, CLOSED, waitMs);
    if (Atomics.load(this.control, PHASE) !== LEFT) return false;
    for (let i = 0; i < this.control.length; i++) Atomics.store(this.control, i, i === PHASE ? OPEN : FREE);
    return true;
  }

  /** Publishes a written slot as push number `count − 1`; wakes the worker once per batch. */
  publish(slot: number, count: number): void {
    Atomics.store(this.control, this.stateIndex(slot), WRITTEN);
    Atomics.store(this.control, PUSHED, count);
    if (count % this.plan.batch === 0) this.wakeWorker();
  }

  /** Wakes the worker (it commits every pending slot, or leaves a closed ring). */
  wakeWorker(): void {
    Atomics.add(this.control, WAKE, 1);
    Atomics.notify(this.control, WAKE);
  }

  /** Claims a WRITTEN slot and commits its state in place; false when it was not WRITTEN (hashed or being hashed). */
  tryHash(slot: number): boolean {
    const at = this.stateIndex(slot);
    if (Atomics.compareExchange(this.control, at, WRITTEN, HASHING) !== WRITTEN) return false;
    const started = performance.now();
    this.commit(slot);
    if (this.thread === WORKER_THREAD) {
      Atomics.add(this.control, WORKER_MICROS, Math.round(1000 * (performance.now() - started)));
      Atomics.add(this.control, WORKER_COMMITS, 1);
    }
    Atomics.store(this.control, at, HASHED);
    Atomics.notify(this.control, at);
    return true;
  }

  /** stateCommitment(layoutHash(step, layout), roots) of the slot, into its hash field. */
  private commit(slot: number): void {
    const { block, preimage, roots, scratch, caches } = this.region;
    const base = this.offset(slot);
    this.view.setUint32(preimage + LAYOUT_STEP_OFFSET, this.view.getUint32(base + SLOT_STEP, true), true);
    this.wasm.blake2b256(-1, preimage, this.plan.preimageBytes, roots, block);
    this.plan.counts.forEach((count, i) => {
      const out = roots + 32 * (i + 1);
      this.wasm.tensorRootCached(this.tensorAt(slot, i), count, out, scratch, caches[i] as number, this.primed[i]);
      this.primed[i] = true;
    });
    this.wasm.blake2b256(-1, roots, 32 * (this.plan.counts.length + 1), base + SLOT_HASH, block);
  }

  /** A copy of a HASHED slot's commitment. */
  hashOf(slot: number): Uint8Array {
    const start = this.offset(slot) + SLOT_HASH;
    return this.bytes.slice(start, start + 32);
  }
}

/** A new run on the ring a worker served last: its id and the run's layout (posting the memory again costs ≈ 1 ms). */
export interface RingReuse {
  id: number;
  layout: TensorLayout[];
}

let served: HashRing | undefined;

/**
 * The worker's side: hashes slots in push order until the ring is closed; skips slots already claimed. The ring
 * served last keeps its handle (wasm instance, leaf caches) for a run that reuses it.
 */
export function serveRing(run: HashRingMemory | RingReuse, thread: HashingThread): void {
  if ('memory' in run) served = new HashRing(run, thread);
  else if (served?.memory.id === run.id) served.relabel(run.layout);
  else throw new RangeError(`ring ${run.id} was not served here before`);
  const ring = served;
  let cursor = 0;
  // BURST is written on changes only: the control words share cache lines with the training thread's.
  let inBurst = false;
  const burst = (on: boolean) => {
    if (inBurst !== on) Atomics.store(ring.control, BURST, on ? 1 : 0);
    inBurst = on;
  };
  for (;;) {
    // Read before looking for work: a wake-up that comes after this read ends the wait below at once.
    const wakeups = Atomics.load(ring.control, WAKE);
    const pushed = Atomics.load(ring.control, PUSHED);
    if (cursor < pushed) {
      burst(true);
      // Slots older than one ring's length were reused, so the training thread has hashed them already.
      cursor = Math.max(cursor, pushed - ring.slots);
      ring.tryHash(cursor % ring.slots);
      cursor++;
      continue;
    }
    burst(false);
    if (Atomics.load(ring.control, PHASE) === CLOSED) {
      Atomics.store(ring.control, PHASE, LEFT);
      Atomics.notify(ring.control, PHASE); // a next run may be waiting to reuse the ring (HashRing.reset)
      return;
    }
    Atomics.wait(ring.control, WAKE, wakeups, IDLE_CHECK_MS);
  }
}
