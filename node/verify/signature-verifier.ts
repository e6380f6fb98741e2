/**
 * Signature verification on other cores: a small pool of worker threads (signature-worker.ts) that check batches
 * of signatures and answer one boolean each. Batches go round-robin; answers come back in request order per
 * caller because each `verify` resolves on its own.
 */
import { Worker } from 'node:worker_threads';
import type { SignatureCheck } from '../../runtime-bindings/seam.js';

export interface VerifyRequest {
  id: number;
  checks: SignatureCheck[];
}
export interface VerifyResponse {
  id: number;
  valid: boolean[];
}

export class VerifierStartError extends Error {
  override name = 'VerifierStartError';
}

export class SignatureVerifier {
  private nextId = 0;
  private nextWorker = 0;
  private readonly waiting = new Map<number, (valid: boolean[]) => void>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (response: VerifyResponse) => {
        const resolve = this.waiting.get(response.id);
        this.waiting.delete(response.id);
        resolve?.(response.valid);
      });
      // A worker that dies answers nothing more: its callers get "not verified" and the runtime verifies itself.
      worker.on('error', () => this.failAll(worker));
      worker.on('exit', () => this.failAll(worker));
    }
  }

  /** Starts `count` workers and waits until each has its wasm-crypto ready. */
  static async start(count: number): Promise<SignatureVerifier> {
    const url = new URL('./signature-worker.js', import.meta.url);
    const workers = Array.from({ length: count }, () => new Worker(url));
    try {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve, reject) => {
              worker.once('message', () => resolve());
              worker.once('error', reject);
              worker.once('exit', (code) => reject(new Error(`exited with code ${code}`)));
            }),
        ),
      );
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw new VerifierStartError(`signature-verification worker failed to start: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return new SignatureVerifier(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** One answer per check, in order; all `false` when the worker is gone (which only costs a verification). */
  verify(checks: SignatureCheck[]): Promise<boolean[]> {
    if (checks.length === 0 || this.workers.length === 0) return Promise.resolve(checks.map(() => false));
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const request: VerifyRequest = { id, checks };
      worker.postMessage(request);
    });
  }

  private failAll(worker: Worker): void {
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers.splice(index, 1);
    // Request ids do not record their worker; answering all waiters "unverified" is safe (the runtime re-checks).
    for (const [id, resolve] of this.waiting) {
      this.waiting.delete(id);
      resolve([]);
    }
  }

  async stop(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
