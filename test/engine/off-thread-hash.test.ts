/**
 * Checkpoint ids computed off the training thread (store/off-thread-hash.ts): the id is blake2-256 of the bytes, the
 * bytes come back intact, concurrent requests keep their own answers, and a store written this way reads back.
 */
import { strict as assert } from 'node:assert';
import { hashHex, hashingReady } from '../../offchain/engine/hash.js';
import { FsArtifactStore, putOffThread } from '../../offchain/engine/store/artifact-store.js';
import { hashOffThread } from '../../offchain/engine/store/off-thread-hash.js';
import { SeededRandom, tempDir } from './helpers.js';

function randomBytes(rng: SeededRandom, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rng.nextUint32() & 0xff);
}

describe('artifact ids computed off the training thread', () => {
  const tmp = tempDir('off-thread');
  const rng = new SeededRandom(3, 'off-thread-hash');
  before(hashingReady);
  after(() => tmp.cleanup());

  it('gives blake2-256 of each buffer and hands the bytes back, with many requests in flight', async () => {
    const inputs = [0, 1, 1_000, 401_555, 64_000, 3].map((n) => randomBytes(rng, n));
    const expected = inputs.map((b) => ({ id: hashHex(b), copy: b.slice() }));
    const answers = await Promise.all(inputs.map((b) => hashOffThread(b)));
    answers.forEach((answer, i) => {
      assert.equal(answer.id, expected[i]?.id);
      assert.deepEqual(answer.bytes, expected[i]?.copy);
    });
  });

  it('hashes a view that does not own its buffer in place, leaving the buffer usable', async () => {
    const whole = randomBytes(rng, 4_096);
    const view = whole.subarray(10, 2_000);
    const answer = await hashOffThread(view);
    assert.equal(answer.id, hashHex(view));
    assert.equal(whole.byteLength, 4_096, 'not transferred away');
  });

  it('stores under the id computed there, and the store reads the artifact back verified', async () => {
    const store = new FsArtifactStore(tmp.dir);
    const bytes = randomBytes(rng, 300_001);
    const id = hashHex(bytes);
    assert.equal(await putOffThread(store, bytes.slice()), id);
    assert.deepEqual(await store.get(id), bytes);
  });
});
