/**
 * The referee's BLAKE3 (offchain/referee/blake3.ts), the chain's definition of tensor-tree hashes, against the
 * published BLAKE3 value for the empty input and against @noble/hashes' independent implementation on every input
 * length it accepts, unkeyed and keyed; and its refusals.
 */
import { strict as assert } from 'node:assert';
import { blake3 as nobleBlake3 } from '@noble/hashes/blake3.js';
import { blake3, TENSOR_NODE_KEY } from '../../offchain/referee/index.js';
import { SeededRandom } from '../../offchain/engine/data/rng.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('referee BLAKE3 (one chunk, unkeyed and keyed)', () => {
  const rng = new SeededRandom(3, 'blake3');

  it('hashes the empty input to the value the BLAKE3 specification publishes', () => {
    assert.equal(hex(blake3(new Uint8Array(0))), 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262');
  });

  it('equals @noble/hashes on every length from 0 to 1,024 bytes, unkeyed and keyed with the tensor-node key', () => {
    assert.equal(TENSOR_NODE_KEY.length, 32);
    for (let length = 0; length <= 1_024; length++) {
      const data = Uint8Array.from({ length }, () => rng.nextUint32() & 0xff);
      assert.equal(hex(blake3(data)), hex(nobleBlake3(data)), `length ${length}`);
      assert.equal(
        hex(blake3(data, TENSOR_NODE_KEY)),
        hex(nobleBlake3(data, { key: TENSOR_NODE_KEY })),
        `length ${length}, keyed`,
      );
    }
  });

  it('reads an input where it lies (a view at an odd offset) and leaves it unchanged', () => {
    const backing = Uint8Array.from({ length: 1_100 }, (_, i) => (i * 31) & 0xff);
    const view = backing.subarray(7, 7 + 1_024);
    const before = hex(backing);
    assert.equal(hex(blake3(view)), hex(nobleBlake3(view.slice())));
    assert.equal(hex(backing), before);
  });

  it('refuses inputs over one chunk and keys that are not 32 bytes', () => {
    assert.throws(() => blake3(new Uint8Array(1_025)), /one chunk/);
    assert.throws(() => blake3(new Uint8Array(8), new Uint8Array(16)), /32 bytes/);
  });
});
