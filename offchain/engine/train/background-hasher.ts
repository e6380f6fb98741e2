/**
 * Per-step state hashes computed off the training thread. Hashing the state after every step (≈ 0.4 MB for the
 * MNIST MLP, ≈ 1 ms of blake2) costs a large share of a step when done inline, and so did posting each state to a
 * worker (≈ 0.7 ms of message bookkeeping per step). Instead the training thread copies each state once, straight
 * from the tensors into a slot of a shared-memory ring (hash-ring.ts), and a worker hashes the slots while the next
 * steps run; hand-off is by Atomics, no message per step. When the ring is full (the worker behind, or still
 * starting), the training thread hashes the oldest slot itself rather than wait, so nothing can dead-lock.
 *
 * Each run takes a worker from a process-wide pool (the first is started when a session opens, so start-up is paid
 * once; concurrent runs get their own) together with the ring it served last, reused when the state fits. Workers
 * are unref'd: the training thread never waits for a message from them. Where the compiled worker is absent
 * (running from TypeScript sources), hashing happens on the calling thread; the hashes are the same.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../errors.js';
import { hashBytes } from '../hash.js';
import { allocateRing, CLOSED, HASHING, HashRing, PHASE, PUSHED, slotBytes } from './hash-ring.js';

const workerUrl = new URL('./hash-worker.js', import.meta.url);
/** Enough slots to absorb a few steps whose hash is slow (a busy machine); the MLP's ring is then about 3.2 MB. */
const RING_SLOTS = 8;
/** How long the training thread waits for the worker to finish a slot it claimed before declaring it dead. */
const CLAIMED_SLOT_TIMEOUT_MS = 60_000;

/** A worker, the ring of its last run and this thread's scratch for it (reused by its next run: HashRing.reset). */
interface HashingWorker {
  worker: Worker;
  ring?: HashRing;
  scratch?: Uint8Array;
}

const idleWorkers: HashingWorker[] = [];

/** What proof recording cost the training thread, summed over the process (bench/training prints it). */
export interface HasherStats {
  /** States pushed. */
  pushes: number;
  /** Time inside push and finish: encoding into the slot, hashing here, waiting. */
  mainThreadMs: number;
  /** States hashed on the training thread (worker behind, absent or still starting). */
  hashedHere: number;
  /** Time spent waiting for the worker to finish a slot it had claimed. */
  waitedMs: number;
}

const stats: HasherStats = { pushes: 0, mainThreadMs: 0, hashedHere: 0, waitedMs: 0 };

export function hasherStats(): HasherStats {
  return { ...stats };
}

let workersStarted = 0;

/**
 * Starts the first hashing worker ahead of use (once per process): its start-up (loading the wasm blake2) takes
 * from a few hundred ms to over a second on a busy machine, during which a run would hash on its own thread.
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
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
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
  private ring: HashRing | undefined;
  private scratch: Uint8Array | undefined;
  private pushed = 0;
  /** Slot bytes of the run's first state. */
  private firstBytes = 0;
  private done = false;

  /**
   * Records the hash of the pieces joined. They are copied before push returns, so the caller may reuse them; the
   * hashes come out of finish in push order.
   */
  push(pieces: readonly Uint8Array[]): void {
    const started = performance.now();
    stats.pushes++;
    if (this.hashing === undefined) {
      this.hashes.push(hashBytes(Buffer.concat(pieces)));
      stats.hashedHere++;
    } else {
      const ring = this.ringFor(slotBytes(pieces.map((p) => p.length)));
      const slot = this.pushed % ring.slots;
      if (this.pushed >= ring.slots) this.collect(ring, this.pushed - ring.slots);
      ring.write(slot, pieces);
      ring.publish(slot, ++this.pushed);
    }
    stats.mainThreadMs += performance.now() - started;
  }

  /** Wakes a polling worker now (pushes do not, see HashRing.publish): no more pushes are coming soon. */
  wake(): void {
    if (this.ring !== undefined) Atomics.notify(this.ring.control, PUSHED);
  }

  /** All hashes, in push order; the hasher is done afterwards. */
  finish(): Uint8Array[] {
    const started = performance.now();
    const ring = this.ring;
    if (ring !== undefined) {
      this.wake(); // the worker hashes the last states alongside this thread
      for (let n = Math.max(0, this.pushed - ring.slots); n < this.pushed; n++) this.collect(ring, n);
    }
    this.release();
    stats.mainThreadMs += performance.now() - started;
    return this.hashes;
  }

  /** Drops pending hashes (a failed run) and gives the worker back. */
  abandon(): void {
    this.release();
  }

  private ringFor(bytes: number): HashRing {
    if (this.ring === undefined) {
      const hashing = this.hashing as HashingWorker;
      const last = hashing.ring;
      const reusable = last !== undefined && bytes <= last.memory.capacity && last.reset();
      this.ring = reusable ? last : new HashRing(allocateRing(RING_SLOTS, bytes));
      this.scratch = reusable ? hashing.scratch : new Uint8Array(this.ring.memory.capacity);
      hashing.ring = this.ring;
      hashing.scratch = this.scratch;
      hashing.worker.postMessage(this.ring.memory);
      this.firstBytes = bytes;
    }
    // A run's states all have one layout; a larger one is a caller's bug, even where a reused ring would hold it.
    if (bytes > this.firstBytes)
      throw new EngineError(`a state of ${bytes} bytes exceeds the ${this.firstBytes} of the run's first one`);
    return this.ring;
  }

  /**
   * Makes sure push number n is hashed (by the worker, else here) and stores its hash. While the worker is still
   * hashing n, this thread hashes later pending pushes instead of idling (from the newest, which the worker
   * reaches last), and waits only when none is left.
   */
  private collect(ring: HashRing, n: number): void {
    const slot = n % ring.slots;
    if (ring.tryHash(slot, hashBytes, this.scratch as Uint8Array)) stats.hashedHere++;
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
      if (ring.tryHash(m % ring.slots, hashBytes, this.scratch as Uint8Array)) {
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
      Atomics.notify(this.ring.control, PUSHED);
    }
    if (this.hashing !== undefined) idleWorkers.push(this.hashing);
  }
}
