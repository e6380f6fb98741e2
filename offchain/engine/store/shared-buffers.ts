/**
 * Reused shared buffers for artifacts written off the training thread (checkpoints). A fresh 0.4 MB buffer per
 * checkpoint is external memory to V8, and in a process that already holds much of it (a long-lived worker, a
 * benchmark after tfjs), each such allocation set off a full garbage collection: measured 11 per 1,250-step MLP run,
 * 100–130 ms, 7–9 % of the run. Buffers come back once their write has settled.
 */
export class SharedBufferPool {
  private readonly free = new Map<number, SharedArrayBuffer[]>();

  constructor(private readonly keepPerSize: number) {}

  /** `length` bytes of shared memory, from the pool when one of that size is free. */
  take(length: number): Uint8Array {
    const buffer = this.free.get(length)?.pop() ?? new SharedArrayBuffer(length);
    return new Uint8Array(buffer);
  }

  /** Returns a buffer from take(); the caller no longer reads or writes it, nor does anyone it gave it to. */
  give(bytes: Uint8Array): void {
    const buffer = bytes.buffer;
    if (!(buffer instanceof SharedArrayBuffer)) return;
    const list = this.free.get(buffer.byteLength) ?? [];
    if (list.length < this.keepPerSize) list.push(buffer);
    this.free.set(buffer.byteLength, list);
  }
}
