/**
 * Checkpoint ids computed off the training thread (store/off-thread-hash.ts): the id is blake2-256 of the bytes,
 * computed by the worker for shared bytes (and here otherwise), concurrent requests keep their own answers, and a
 * store written this way reads back verified.
 */
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashHex, hashingReady } from '../../offchain/engine/hash.js';
import { FsArtifactStore, putOffThread } from '../../offchain/engine/store/artifact-store.js';
import {
  hashOffThread,
  offThreadHashCount,
  prepareOffThreadHashing,
} from '../../offchain/engine/store/off-thread-hash.js';
import { SeededRandom, tempDir } from './helpers.js';

function sharedBytes(rng: SeededRandom, length: number): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(length));
  for (let i = 0; i < length; i++) bytes[i] = rng.nextUint32() & 0xff;
  return bytes;
}

describe('artifact ids computed off the training thread', () => {
  const tmp = tempDir('off-thread');
  const rng = new SeededRandom(3, 'off-thread-hash');
  before(async () => {
    await hashingReady();
    prepareOffThreadHashing();
    await sleep(1_500); // the worker's start-up; before it is ready, ids are computed here (the same ids)
  });
  after(() => tmp.cleanup());

  it('gives blake2-256 of shared and unshared bytes, with many requests in flight', async () => {
    const inputs = [0, 1, 1_000, 401_555, 64_000, 3].map((n) => sharedBytes(rng, n));
    inputs.push(Uint8Array.from(inputs[2] as Uint8Array));
    const expected = inputs.map((b) => hashHex(b));
    const before = offThreadHashCount();
    assert.deepEqual(await Promise.all(inputs.map((b) => hashOffThread(b))), expected);
    assert.equal(offThreadHashCount() - before, 6, 'the six shared arrays were hashed by the worker');
  });

  it('stores under the id computed there, and the store reads the artifact back verified', async () => {
    const store = new FsArtifactStore(tmp.dir);
    const bytes = sharedBytes(rng, 300_001);
    const id = hashHex(bytes);
    assert.equal(await putOffThread(store, bytes), id);
    assert.deepEqual(await store.get(id), Uint8Array.from(bytes));
  });
});
