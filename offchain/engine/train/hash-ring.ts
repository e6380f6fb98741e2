/**
 * A ring of state slots in shared memory, between the training thread (writes a state into a slot) and the
 * state-hashing worker (hashes written slots in place). Either thread may hash a written slot: it claims the slot
 * with a compare-and-swap, so each slot is hashed exactly once, and the training thread can hash a slot itself when
 * the worker falls behind (or has not started yet) instead of waiting. No message is sent per step.
 *
 *   control (Int32): [0] pushed count | [1] closed flag | per slot: state, byte length
 *   data: per slot: 32-byte hash | state bytes (capacity)
 */
export const FREE = 0;
export const WRITTEN = 1;
export const HASHING = 2;
export const HASHED = 3;

export const PUSHED = 0;
export const CLOSED = 1;
const HEADER = 2;
const HASH_BYTES = 32;

/** What the worker receives once per run (shared memory: no copy). */
export interface HashRingMemory {
  control: SharedArrayBuffer;
  data: SharedArrayBuffer;
  slots: number;
  capacity: number;
}

/** A ring whose slots each hold a state of up to `capacity` bytes (rounded up so every slot stays 8-aligned). */
export function allocateRing(slots: number, stateBytes: number): HashRingMemory {
  const capacity = Math.ceil(stateBytes / 8) * 8;
  return {
    control: new SharedArrayBuffer(4 * (HEADER + 2 * slots)),
    data: new SharedArrayBuffer(slots * (HASH_BYTES + capacity)),
    slots,
    capacity,
  };
}

export class HashRing {
  readonly control: Int32Array;
  private readonly data: Uint8Array;

  constructor(readonly memory: HashRingMemory) {
    this.control = new Int32Array(memory.control);
    this.data = new Uint8Array(memory.data);
  }

  get slots(): number {
    return this.memory.slots;
  }

  stateIndex(slot: number): number {
    return HEADER + 2 * slot;
  }

  state(slot: number): number {
    return Atomics.load(this.control, this.stateIndex(slot));
  }

  private offset(slot: number): number {
    return slot * (HASH_BYTES + this.memory.capacity);
  }

  /** The slot's state area to fill (only while the slot is not WRITTEN or HASHING). */
  target(slot: number, length: number): Uint8Array {
    const start = this.offset(slot) + HASH_BYTES;
    return this.data.subarray(start, start + length);
  }

  /** Publishes a filled slot as push number `count − 1` and wakes the worker. */
  publish(slot: number, length: number, count: number): void {
    Atomics.store(this.control, this.stateIndex(slot) + 1, length);
    Atomics.store(this.control, this.stateIndex(slot), WRITTEN);
    Atomics.store(this.control, PUSHED, count);
    Atomics.notify(this.control, PUSHED);
  }

  /** Claims a WRITTEN slot and hashes it in place; false when it was not WRITTEN (hashed or being hashed). */
  tryHash(slot: number, hash: (bytes: Uint8Array) => Uint8Array): boolean {
    const at = this.stateIndex(slot);
    if (Atomics.compareExchange(this.control, at, WRITTEN, HASHING) !== WRITTEN) return false;
    const length = Atomics.load(this.control, at + 1);
    const start = this.offset(slot);
    this.data.set(hash(this.data.subarray(start + HASH_BYTES, start + HASH_BYTES + length)), start);
    Atomics.store(this.control, at, HASHED);
    Atomics.notify(this.control, at);
    return true;
  }

  /** A copy of a HASHED slot's hash. */
  hashOf(slot: number): Uint8Array {
    const start = this.offset(slot);
    return this.data.slice(start, start + HASH_BYTES);
  }
}

/** The worker's side: hashes slots in push order until the ring is closed; skips slots already claimed. */
export function serveRing(memory: HashRingMemory, hash: (bytes: Uint8Array) => Uint8Array): void {
  const ring = new HashRing(memory);
  let cursor = 0;
  for (;;) {
    const pushed = Atomics.load(ring.control, PUSHED);
    if (cursor < pushed) {
      // Slots older than one ring's length were reused, so the training thread has hashed them already.
      cursor = Math.max(cursor, pushed - ring.slots);
      ring.tryHash(cursor % ring.slots, hash);
      cursor++;
    } else if (Atomics.load(ring.control, CLOSED) === 1) {
      return;
    } else {
      // A timeout, so that a worker never blocks for good (a closed ring is also signalled by a notify).
      Atomics.wait(ring.control, PUSHED, pushed, 200);
    }
  }
}
