/**
 * A ring of state slots in shared memory, between the training thread (writes a state into a slot) and the
 * state-hashing worker (hashes written slots in place). Either thread may hash a written slot: it claims the slot
 * with a compare-and-swap, so each slot is hashed exactly once, and the training thread can hash a slot itself when
 * the worker falls behind (or has not started yet) instead of waiting. No message is sent per step.
 *
 *   control (Int32): [0] pushed count | [1] OPEN, CLOSED or LEFT | per slot: its state (FREE … HASHED)
 *   data: per slot: 32-byte hash | u32 piece count, u32 piece lengths | the pieces, each from an 8-aligned offset
 * The state hashed is the pieces joined (for the training loop: the checkpoint encoding, see checkpointPieces).
 */
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
const HEADER = 2;
const HASH_BYTES = 32;
/**
 * How often an idle worker looks for new slots: a few steps at most, which the ring holds; fewer wake-ups take less
 * from the training thread on a busy machine.
 */
const POLL_MS = 2;

/** What the worker receives once per run (shared memory: no copy). */
export interface HashRingMemory {
  control: SharedArrayBuffer;
  data: SharedArrayBuffer;
  slots: number;
  capacity: number;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * Bytes a state made of these pieces takes in a slot: a table of piece lengths, then each piece from an 8-aligned
 * offset. Aligned because V8 copies into or out of shared memory word by word only at 8-byte-aligned offsets (≈ 8×
 * slower otherwise), and the checkpoint format puts its floats at odd offsets; the hashing side closes the gaps.
 */
export function slotBytes(pieceLengths: readonly number[]): number {
  return pieceLengths.reduce((sum, length) => sum + align8(length), align8(4 * (1 + pieceLengths.length)));
}

/** A ring whose slots each hold up to `capacity` bytes (slotBytes of a state). */
export function allocateRing(slots: number, capacity: number): HashRingMemory {
  const aligned = align8(capacity);
  return {
    control: new SharedArrayBuffer(4 * (HEADER + slots)),
    data: new SharedArrayBuffer(slots * (HASH_BYTES + aligned)),
    slots,
    capacity: aligned,
  };
}

export class HashRing {
  readonly control: Int32Array;
  private readonly data: Uint8Array;
  private readonly words: Uint32Array;

  constructor(readonly memory: HashRingMemory) {
    this.control = new Int32Array(memory.control);
    this.data = new Uint8Array(memory.data);
    this.words = new Uint32Array(memory.data);
  }

  get slots(): number {
    return this.memory.slots;
  }

  stateIndex(slot: number): number {
    return HEADER + slot;
  }

  state(slot: number): number {
    return Atomics.load(this.control, this.stateIndex(slot));
  }

  private offset(slot: number): number {
    return slot * (HASH_BYTES + this.memory.capacity);
  }

  /** Writes a state's pieces into a slot that is not WRITTEN or HASHING (each piece at an aligned offset). */
  write(slot: number, pieces: readonly Uint8Array[]): void {
    let o = this.offset(slot) + HASH_BYTES;
    this.words[o / 4] = pieces.length;
    pieces.forEach((piece, i) => (this.words[o / 4 + 1 + i] = piece.length));
    o += align8(4 * (1 + pieces.length));
    for (const piece of pieces) {
      this.data.set(piece, o);
      o += align8(piece.length);
    }
  }

  /**
   * Readies a ring whose previous run is over for the next one (all slots FREE, nothing pushed); false while a
   * worker may still be serving it. Reuse keeps the slots' pages warm: a fresh ring is page-faulted in slot by slot
   * and its allocation, per run, adds to the garbage collector's external-memory pressure.
   */
  reset(): boolean {
    if (Atomics.load(this.control, PHASE) !== LEFT) return false;
    for (let i = 0; i < this.control.length; i++) Atomics.store(this.control, i, i === PHASE ? OPEN : FREE);
    return true;
  }

  /** Publishes a written slot as push number `count − 1`. */
  publish(slot: number, count: number): void {
    // Deliberately no Atomics.notify: on a busy machine, waking the worker hands it this thread's core at once
    // (measured ≈ 0.75 ms per step on 2 loaded cores); the worker polls instead (serveRing), the ring absorbs it.
    Atomics.store(this.control, this.stateIndex(slot), WRITTEN);
    Atomics.store(this.control, PUSHED, count);
  }

  /**
   * Claims a WRITTEN slot and hashes its state (the pieces joined, in `scratch`: private memory of `capacity`
   * bytes); false when it was not WRITTEN (hashed or being hashed).
   */
  tryHash(slot: number, hash: (bytes: Uint8Array) => Uint8Array, scratch: Uint8Array): boolean {
    const at = this.stateIndex(slot);
    if (Atomics.compareExchange(this.control, at, WRITTEN, HASHING) !== WRITTEN) return false;
    const start = this.offset(slot);
    this.data.set(hash(this.joined(start + HASH_BYTES, scratch)), start);
    Atomics.store(this.control, at, HASHED);
    Atomics.notify(this.control, at);
    return true;
  }

  /** One aligned copy of the slot into private memory, then the gaps closed there (a plain memmove). */
  private joined(start: number, scratch: Uint8Array): Uint8Array {
    const count = this.words[start / 4] as number;
    const lengths = Array.from(this.words.subarray(start / 4 + 1, start / 4 + 1 + count));
    const used = slotBytes(lengths);
    scratch.set(this.data.subarray(start, start + used));
    let from = align8(4 * (1 + count));
    let to = 0;
    for (const length of lengths) {
      scratch.copyWithin(to, from, from + length);
      to += length;
      from += align8(length);
    }
    return scratch.subarray(0, to);
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
  const scratch = new Uint8Array(memory.capacity);
  let cursor = 0;
  for (;;) {
    const pushed = Atomics.load(ring.control, PUSHED);
    if (cursor < pushed) {
      // Slots older than one ring's length were reused, so the training thread has hashed them already.
      cursor = Math.max(cursor, pushed - ring.slots);
      ring.tryHash(cursor % ring.slots, hash, scratch);
      cursor++;
    } else if (Atomics.load(ring.control, PHASE) === CLOSED) {
      Atomics.store(ring.control, PHASE, LEFT);
      return;
    } else {
      // Polls (pushes do not notify, see publish); closing the ring notifies, so a finished run is seen at once.
      Atomics.wait(ring.control, PUSHED, pushed, POLL_MS);
    }
  }
}
