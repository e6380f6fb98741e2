/** The pool of checkpoint buffers (store/shared-buffers.ts): reuse by size, a bound on what it keeps. */
import { strict as assert } from 'node:assert';
import { SharedBufferPool } from '../../offchain/engine/store/shared-buffers.js';

describe('shared buffer pool', () => {
  it('hands back a returned buffer for the same size, and a new one for another size or when none is free', () => {
    const pool = new SharedBufferPool(2);
    const a = pool.take(1_000);
    assert.ok(a.buffer instanceof SharedArrayBuffer);
    assert.equal(a.length, 1_000);
    const b = pool.take(1_000);
    assert.notEqual(b.buffer, a.buffer, 'a buffer in use is not handed out twice');
    pool.give(a);
    assert.equal(pool.take(1_000).buffer, a.buffer);
    assert.notEqual(pool.take(2_000).buffer, a.buffer);
  });

  it('keeps at most its bound per size and ignores buffers it did not make', () => {
    const pool = new SharedBufferPool(1);
    const [a, b] = [pool.take(64), pool.take(64)];
    pool.give(a);
    pool.give(b); // over the bound: dropped
    pool.give(new Uint8Array(64)); // not shared: ignored
    assert.equal(pool.take(64).buffer, a.buffer);
    const fresh = pool.take(64);
    assert.notEqual(fresh.buffer, b.buffer);
    assert.ok(fresh.buffer instanceof SharedArrayBuffer);
  });
});
