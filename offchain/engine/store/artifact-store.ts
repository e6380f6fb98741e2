/**
 * Content-addressed artifact storage (datasets, checkpoints, step-hash lists). The id is the blake2-256 of the
 * bytes and every read checks it, so the medium (a folder today, NATS object store later) is never trusted.
 */
import { mkdir, readFile, rename, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactError } from '../errors.js';
import { hashHex, type HashHex } from '../hash.js';
import { hashOffThread } from './off-thread-hash.js';

export interface ArtifactStore {
  /**
   * Stores bytes; returns their id. Idempotent. The store keeps no reference to `bytes` once the promise has settled
   * (the training loop reuses checkpoint buffers).
   */
  put(bytes: Uint8Array): Promise<HashHex>;
  /** The bytes with this id; throws ArtifactError when missing or when the bytes do not hash to the id. */
  get(id: string): Promise<Uint8Array>;
  has(id: string): Promise<boolean>;
}

const ID = /^0x[0-9a-f]{64}$/;

/** Checks that bytes hash to the id they were fetched under. */
export function verifyArtifact(id: string, bytes: Uint8Array, what = 'artifact'): Uint8Array {
  const actual = hashHex(bytes);
  if (actual !== id) throw new ArtifactError(`${what} ${id} is corrupt: its bytes hash to ${actual}`);
  return bytes;
}

/** One file per artifact, `<dir>/<id>.bin`, written atomically (temp file then rename). */
export class FsArtifactStore implements ArtifactStore {
  constructor(readonly dir: string) {}

  private path(id: string): string {
    if (!ID.test(id)) throw new ArtifactError(`${JSON.stringify(id)} is not an artifact id (0x + 64 hex digits)`);
    return join(this.dir, `${id}.bin`);
  }

  async put(bytes: Uint8Array): Promise<HashHex> {
    return this.putUnder(hashHex(bytes), bytes);
  }

  /** put, with the id already computed from these very bytes (putOffThread). */
  async putUnder(id: HashHex, bytes: Uint8Array): Promise<HashHex> {
    const path = this.path(id);
    if (await this.has(id)) return id;
    await mkdir(this.dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, path);
    return id;
  }

  async get(id: string): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(this.path(id)));
    } catch (cause) {
      if (cause instanceof ArtifactError) throw cause;
      throw new ArtifactError(`artifact ${id} is not in ${this.dir}`, { cause });
    }
    return verifyArtifact(id, bytes);
  }

  async has(id: string): Promise<boolean> {
    try {
      await access(this.path(id));
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Stores a large artifact whose bytes the caller hands over (not changed afterwards): its id is computed off this
 * thread when the store is a folder and the bytes lie in shared memory (off-thread-hash.ts), else as put does.
 */
export async function putOffThread(store: ArtifactStore, bytes: Uint8Array): Promise<HashHex> {
  if (!(store instanceof FsArtifactStore)) return store.put(bytes);
  return store.putUnder(await hashOffThread(bytes), bytes);
}
