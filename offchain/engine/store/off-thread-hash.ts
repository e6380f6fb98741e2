/**
 * Artifact ids (blake2-256) of large artifacts computed on a worker thread: a checkpoint of the MNIST MLP is 0.4 MB,
 * about 1 ms of hashing that the training thread would otherwise spend at every checkpoint. The bytes are shared
 * with the worker (shared memory, nothing copied). Where the compiled worker is absent (running from TypeScript
 * sources) or still starting, the hash is computed here; the id is the same.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ArtifactError } from '../errors.js';
import { hashHex, type HashHex } from '../hash.js';

const workerUrl = new URL('./artifact-hash-worker.js', import.meta.url);

/** A request to the worker (the bytes are shared memory: posting them copies nothing), and its answer. */
export interface HashRequest {
  seq: number;
  bytes: Uint8Array;
}
export interface HashAnswer {
  seq: number;
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
let answered = 0;

/** How many ids the worker has computed in this process (tests check that it is used). */
export function offThreadHashCount(): number {
  return answered;
}

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
      // A received message references the worker again (measured: the process would not exit); undo it.
      if (pending.size === 0) w.unref();
      return;
    }
    answered++;
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
 * The bytes' artifact id: computed on the worker when they lie in shared memory (training's checkpoint buffers; a
 * transferred ArrayBuffer was measured to cost up to 1 ms to post, as much as the hash), else here. The caller must
 * not change the bytes until the id is back.
 */
export async function hashOffThread(bytes: Uint8Array): Promise<HashHex> {
  prepareOffThreadHashing();
  const w = worker;
  if (w === undefined || !ready || !(bytes.buffer instanceof SharedArrayBuffer)) return hashHex(bytes);
  const request: HashRequest = { seq: ++seq, bytes };
  const answer = await new Promise<HashAnswer>((resolve, reject) => {
    pending.set(request.seq, { resolve, reject });
    w.ref();
    w.postMessage(request);
  });
  return answer.id;
}
