/**
 * Per-step state hashes computed off the training thread. Hashing the state after every step (≈ 0.4 MB for the
 * MNIST MLP) costs about as much as a third of a step when done inline; a worker thread hashes step s while the
 * main thread computes step s + 1, so the proof costs little more than one copy of the state per step. The bytes
 * are transferred, not copied. One worker serves the whole process (started on first use, so its start-up is
 * paid once); it keeps the process alive only while hashes are pending. Where the compiled worker is absent
 * (running from TypeScript sources), hashing falls back to the calling thread; the hashes are the same.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../errors.js';
import { hashBytes } from '../hash.js';

const workerUrl = new URL('./hash-worker.js', import.meta.url);

interface Waiter {
  resolve(hash: Uint8Array): void;
  reject(error: unknown): void;
}

let shared: { worker: Worker; waiting: Map<number, Waiter>; nextId: number } | undefined | null;

function sharedWorker() {
  if (shared !== undefined) return shared;
  if (!existsSync(fileURLToPath(workerUrl))) return (shared = null);
  const worker = new Worker(workerUrl);
  const waiting = new Map<number, Waiter>();
  worker.unref();
  worker.on('message', ({ id, hash }: { id: number; hash: Uint8Array }) => {
    waiting.get(id)?.resolve(new Uint8Array(hash));
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
  });
  worker.on('error', (cause) => {
    for (const w of waiting.values()) w.reject(new EngineError('the state-hashing worker failed', { cause }));
    waiting.clear();
    shared = undefined; // the next run starts a fresh worker
  });
  shared = { worker, waiting, nextId: 0 };
  return shared;
}

export class BackgroundHasher {
  private readonly results: Array<Promise<Uint8Array>> = [];

  /** Queues bytes for hashing; the caller must not use them afterwards (their buffer is transferred). */
  push(bytes: Uint8Array): void {
    const pool = sharedWorker();
    if (pool === null) {
      this.results.push(Promise.resolve(hashBytes(bytes)));
      return;
    }
    const id = pool.nextId++;
    this.results.push(new Promise((resolve, reject) => pool.waiting.set(id, { resolve, reject })));
    if (pool.waiting.size === 1) pool.worker.ref();
    pool.worker.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
  }

  /** All hashes, in push order. */
  async finish(): Promise<Uint8Array[]> {
    return Promise.all(this.results);
  }
}
