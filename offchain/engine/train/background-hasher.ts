/**
 * Per-step state commitments computed off the training thread. Committing the state after every step (≈ 0.4 MB for
 * the MNIST MLP: ≈ 400 chunk hashes and their Merkle trees) costs a large share of a step when done inline, and so
 * did copying each state into a buffer for a worker. Instead the state lives in a shared-memory ring (hash-ring.ts):
 * the training thread reserves the next slot, the update kernels write the new state straight into it, and a worker
 * commits the slot in place while the next steps run; hand-off is by Atomics, no message per step. When the ring is
 * full (the worker behind, or still starting), the training thread commits the oldest slot itself rather than wait,
 * so nothing can dead-lock.
 *
 * Each run takes a worker from a process-wide pool (the first is started when a session opens, so start-up is paid
 * once; concurrent runs get their own) together with the ring it served last, reused when the layout fits. Workers
 * are unref'd: the training thread never waits for a message from them. Where the compiled worker or the wasm
 * hashing module is absent (running from TypeScript sources), commitments are computed on the calling thread with
 * the referee's functions; they are the same.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TensorLayout } from '../../referee/index.js';
import { EngineError } from '../errors.js';
import { hashingModuleAvailable } from '../kernels/native/hashing-module.js';
import type { LightKernels, NumericCore } from '../kernels/native/index.js';
import { allocateRing, BURST, CLOSED, HASHING, HashRing, PHASE, WORKER_COMMITS, WORKER_MICROS } from './hash-ring.js';
import { countOf, planRing, samePlan, TRAINING_THREAD } from './ring-plan.js';
import { stateCommitmentOf } from './state.js';

const workerUrl = new URL('./hash-worker.js', import.meta.url);
/** How long a new run waits for the worker to leave the ring of the run before, so as to reuse it. */
const LEAVE_WAIT_MS = 5;
/** How long the training thread waits for the worker to finish a slot it claimed before declaring it dead. */
const CLAIMED_SLOT_TIMEOUT_MS = 60_000;

/** A worker and the ring of its last run (reused by its next run: HashRing.reset). */
interface HashingWorker {
  worker: Worker;
  ring?: HashRing;
}

const idleWorkers: HashingWorker[] = [];

/** What proof recording cost the training thread, summed over the process (bench/training prints it). */
export interface HasherStats {
  /** States pushed. */
  pushes: number;
  /** Time inside reserve, push and finish: copying a state not already in its slot, hashing here, waiting. */
  mainThreadMs: number;
  /** States hashed on the training thread (worker behind, absent or still starting). */
  hashedHere: number;
  /** Time spent waiting for the worker to finish a slot it had claimed. */
  waitedMs: number;
  /** States whose tensors were all written in place by the kernels (no copy into the ring). */
  inPlace: number;
  /** The worker's time committing states (it runs beside training: on a busy machine it competes for a core). */
  workerMs: number;
  workerCommits: number;
}

const stats: HasherStats = {
  pushes: 0,
  mainThreadMs: 0,
  hashedHere: 0,
  waitedMs: 0,
  inPlace: 0,
  workerMs: 0,
  workerCommits: 0,
};

export function hasherStats(): HasherStats {
  return { ...stats };
}

let workersStarted = 0;
/** The ring of the run that opened one last (for hashingWorkerInBurst). */
let latestRing: HashRing | undefined;

/**
 * Whether the hashing worker of the latest run is committing a burst right now (bench/training splits step times by
 * it: steps beside a busy worker against steps beside a sleeping one).
 */
export function hashingWorkerInBurst(): boolean {
  return latestRing !== undefined && Atomics.load(latestRing.control, BURST) === 1;
}

/**
 * Starts the first hashing worker ahead of use (once per process): its start-up takes from a few hundred ms to over
 * a second on a busy machine, during which a run would hash on its own thread.
 */
export function prepareBackgroundHashing(): void {
  if (workersStarted > 0) return;
  const worker = startWorker();
  if (worker !== undefined) idleWorkers.push(worker);
}

function takeWorker(): HashingWorker | undefined {
  return idleWorkers.pop() ?? startWorker();
}

function startWorker(): HashingWorker | undefined {
  if (!existsSync(fileURLToPath(workerUrl)) || !hashingModuleAvailable()) return undefined;
  workersStarted++;
  const hashing: HashingWorker = { worker: new Worker(workerUrl) };
  hashing.worker.unref();
  // A dead worker claims nothing more (the training thread hashes what it left, see collect); never reuse it.
  hashing.worker.on('error', () => undefined);
  hashing.worker.on('exit', () => {
    const at = idleWorkers.indexOf(hashing);
    if (at >= 0) idleWorkers.splice(at, 1);
  });
  return hashing;
}

export class BackgroundHasher {
  private readonly hashes: Uint8Array[] = [];
  private readonly hashing = takeWorker();
  private readonly counts: number[];
  private ring: HashRing | undefined;
  private pushed = 0;
  /** The push number whose slot has been reserved (collected, so free to write), or −1. */
  private reserved = -1;
  private done = false;

  /** The state's layout (names and shapes, in state order) is the same for every push of a run. */
  constructor(private readonly layout: readonly TensorLayout[]) {
    this.counts = layout.map(countOf);
  }

  /**
   * Kernels that write states straight into this hasher's ring, to use instead of `current` for the run
   * (HashRing.kernelsReplacing); undefined without a ring.
   */
  kernelsReplacing(current: NumericCore): { core: NumericCore; light: LightKernels } | undefined {
    return this.hashing === undefined ? undefined : this.ringFor().kernelsReplacing(current);
  }

  /**
   * The slot the next push will use, as one array per state tensor: a kernel that writes the next state there
   * spares push its copy. Undefined when commitments are computed on this thread (no ring).
   */
  reserve(): Float32Array[] | undefined {
    if (this.hashing === undefined) return undefined;
    const started = performance.now();
    const ring = this.ringFor();
    if (this.reserved !== this.pushed && this.pushed >= ring.slots) this.collect(ring, this.pushed - ring.slots);
    this.reserved = this.pushed;
    stats.mainThreadMs += performance.now() - started;
    return ring.views(this.pushed % ring.slots);
  }

  /**
   * Records the commitment to the state after `step` steps. Values are copied into the ring unless they are the
   * reserved slot's own arrays; the caller may reuse them afterwards. Commitments come out of finish in push order.
   */
  push(step: number, values: readonly Float32Array[]): void {
    const started = performance.now();
    stats.pushes++;
    if (!this.fits(values)) {
      throw new EngineError(
        `a state of sizes [${values.map((v) => v.length).join(', ')}] does not fit the run's layout [${this.counts.join(', ')}]`,
      );
    }
    if (this.hashing === undefined) {
      this.hashes.push(stateCommitmentOf(step, this.layout, values));
      stats.hashedHere++;
    } else {
      const ring = this.ringFor();
      const slot = this.pushed % ring.slots;
      if (this.reserved !== this.pushed && this.pushed >= ring.slots) this.collect(ring, this.pushed - ring.slots);
      if (ring.write(slot, step, values)) stats.inPlace++;
      ring.publish(slot, ++this.pushed);
    }
    stats.mainThreadMs += performance.now() - started;
  }

  private fits(values: readonly Float32Array[]): boolean {
    if (values.length !== this.counts.length) return false;
    for (let i = 0; i < values.length; i++) if ((values[i] as Float32Array).length !== this.counts[i]) return false;
    return true;
  }

  /** Wakes the worker now (pushes wake it once per batch, see HashRing.publish): no more pushes are coming soon. */
  wake(): void {
    this.ring?.wakeWorker();
  }

  /** All commitments, in push order; the hasher is done afterwards. */
  finish(): Uint8Array[] {
    const started = performance.now();
    const ring = this.ring;
    if (ring !== undefined) {
      this.wake(); // the worker hashes the last states alongside this thread
      for (let n = Math.max(0, this.pushed - ring.slots); n < this.pushed; n++) this.collect(ring, n);
      // Every slot is hashed now, so the worker's counts are final for this run (reset clears them for the next).
      stats.workerMs += Atomics.load(ring.control, WORKER_MICROS) / 1000;
      stats.workerCommits += Atomics.load(ring.control, WORKER_COMMITS);
    }
    this.release();
    stats.mainThreadMs += performance.now() - started;
    return this.hashes;
  }

  /** Drops pending commitments (a failed run) and gives the worker back. */
  abandon(): void {
    this.release();
  }

  private ringFor(): HashRing {
    if (this.ring === undefined) {
      const hashing = this.hashing as HashingWorker;
      const last = hashing.ring;
      const plan = planRing(this.layout);
      const reusable = last !== undefined && samePlan(last.plan, plan) && last.reset(LEAVE_WAIT_MS);
      if (reusable) last.relabel(this.layout);
      this.ring = reusable ? last : new HashRing(allocateRing(this.layout, plan), TRAINING_THREAD);
      hashing.ring = this.ring;
      latestRing = this.ring;
      // The worker kept the ring it served last (hashing.ring): a reused one is named, not posted again.
      const { id, layout } = this.ring.memory;
      hashing.worker.postMessage(reusable ? { id, layout } : this.ring.memory);
    }
    return this.ring;
  }

  /**
   * Makes sure push number n is committed (by the worker, else here) and stores its commitment. While the worker is
   * still hashing n, this thread hashes later pending pushes instead of idling (from the newest, which the worker
   * reaches last), and waits only when none is left.
   */
  private collect(ring: HashRing, n: number): void {
    const slot = n % ring.slots;
    if (ring.tryHash(slot)) stats.hashedHere++;
    const at = ring.stateIndex(slot);
    const deadline = performance.now() + CLAIMED_SLOT_TIMEOUT_MS;
    while (Atomics.load(ring.control, at) === HASHING) {
      if (this.hashAnyPending(ring, n)) continue;
      const waitStarted = performance.now();
      if (waitStarted > deadline) throw new EngineError('the state-hashing worker stopped responding');
      Atomics.wait(ring.control, at, HASHING, 1000);
      stats.waitedMs += performance.now() - waitStarted;
    }
    this.hashes[n] = ring.hashOf(slot);
  }

  /** Hashes one pending push after n (newest first) on this thread; false when there is none. */
  private hashAnyPending(ring: HashRing, n: number): boolean {
    for (let m = this.pushed - 1; m > n; m--) {
      if (ring.tryHash(m % ring.slots)) {
        stats.hashedHere++;
        return true;
      }
    }
    return false;
  }

  private release(): void {
    if (this.done) return;
    this.done = true;
    if (this.ring !== undefined) {
      Atomics.store(this.ring.control, PHASE, CLOSED);
      this.ring.wakeWorker();
    }
    if (this.hashing !== undefined) idleWorkers.push(this.hashing);
  }
}
