/**
 * Artifact ids (blake2-256) of large artifacts computed on a worker thread: a checkpoint of the MNIST MLP is 0.4 MB,
 * about 1 ms of hashing that the training thread would otherwise spend at every checkpoint. The bytes are moved to
 * the worker and back (transferred, not copied). Where the compiled worker is absent (running from TypeScript
 * sources), the hash is computed here; the id is the same.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ArtifactError } from '../errors.js';
import { hashHex, type HashHex } from '../hash.js';

const workerUrl = new URL('./artifact-hash-worker.js', import.meta.url);

/** A request to the worker, and its answer: the same buffer back with the id of its bytes. */
export interface HashRequest {
  seq: number;
  buffer: ArrayBuffer;
}
export interface HashAnswer {
  seq: number;
  buffer: ArrayBuffer;
  id: HashHex;
}

interface Pending {
  resolve(answer: HashAnswer): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let started = false;
/** Set by the worker's first message; until then ids are computed here rather than wait for its start-up. */
let ready = false;
let seq = 0;
const pending = new Map<number, Pending>();

/**
 * Starts the worker ahead of use (its start-up, loading the wasm blake2, takes up to a second on a busy machine); a
 * no-op once started or where it is absent.
 */
export function prepareOffThreadHashing(): void {
  if (started) return;
  started = true;
  if (!existsSync(fileURLToPath(workerUrl))) return;
  const w = new Worker(workerUrl);
  w.unref(); // referenced only while an answer is awaited (see hashOffThread)
  w.on('message', (answer: HashAnswer | 'ready') => {
    if (answer === 'ready') {
      ready = true;
      return;
    }
    const waiting = pending.get(answer.seq);
    pending.delete(answer.seq);
    if (pending.size === 0) w.unref();
    waiting?.resolve(answer);
  });
  const fail = (cause: unknown) => {
    worker = undefined;
    ready = false;
    for (const waiting of pending.values()) {
      waiting.reject(new ArtifactError('the artifact-hashing worker stopped', { cause }));
    }
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', fail);
  worker = w;
}

/**
 * The bytes' artifact id, computed on the worker. `bytes` must own its whole buffer (a fresh encoding): the buffer
 * is transferred, and the returned `bytes` is the same memory, handed back.
 */
export async function hashOffThread(bytes: Uint8Array): Promise<{ bytes: Uint8Array; id: HashHex }> {
  prepareOffThreadHashing();
  const w = worker;
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  if (w === undefined || !ready || !owned || !(bytes.buffer instanceof ArrayBuffer)) {
    return { bytes, id: hashHex(bytes) };
  }
  const request: HashRequest = { seq: ++seq, buffer: bytes.buffer };
  const answer = await new Promise<HashAnswer>((resolve, reject) => {
    pending.set(request.seq, { resolve, reject });
    w.ref();
    w.postMessage(request, [request.buffer]);
  });
  return { bytes: new Uint8Array(answer.buffer), id: answer.id };
}
