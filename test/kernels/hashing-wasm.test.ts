/**
 * The wasm hashing module (kernels/assembly/blake2.ts, blake3.ts, tensor-merkle.ts) against @polkadot/util-crypto's
 * blake2-256, the referee's BLAKE3 and its tensorRoot (offchain/referee/merkle.ts), on random inputs of every length
 * class: empty, inside one block, on block edges, many blocks; with and without the one-byte domain prefix (BLAKE2b),
 * keyed and unkeyed (BLAKE3); and tensor roots (four leaves and four nodes at a time, and the leftovers) with the leaf
 * cache, whose hits must never change a root.
 */
import { strict as assert } from 'node:assert';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { blake3, TENSOR_NODE_KEY, tensorRoot } from '../../offchain/referee/index.js';
import { instantiateHashing } from '../../offchain/engine/kernels/native/hashing-module.js';
import { SeededRandom } from '../../offchain/engine/data/rng.js';

const memory = new WebAssembly.Memory({ initial: 64, maximum: 64, shared: true });
const bytes = new Uint8Array(memory.buffer);
const BLOCK = 0;
const OUT = 128;
const DATA = 1_001; // odd: the module must read unaligned inputs
const SCRATCH = 2_000_000;
const CACHE = 3_000_000;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const out = (): string => hex(bytes.slice(OUT, OUT + 32));

function randomBytes(rng: SeededRandom, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rng.nextUint32() & 0xff);
}

describe('wasm BLAKE2b-256 and tensor roots equal util-crypto and the referee', () => {
  const wasm = instantiateHashing(memory);
  const rng = new SeededRandom(9, 'hashing-wasm');
  before(cryptoWaitReady);

  it('blake2b256 on 300 random inputs (0 to 3,000 bytes, block edges), with no prefix, 0x00 and 0x01', () => {
    const edges = [0, 1, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1_023, 1_024, 1_025];
    const lengths = [...edges, ...Array.from({ length: 286 }, () => rng.nextUint32() % 3_000)];
    for (const length of lengths) {
      const data = randomBytes(rng, length);
      bytes.set(data, DATA);
      for (const prefix of [-1, 0, 1]) {
        wasm.blake2b256(prefix, DATA, length, OUT, BLOCK);
        const message = prefix < 0 ? data : Uint8Array.from([prefix, ...data]);
        assert.equal(out(), hex(blake2AsU8a(message, 256)), `length ${length}, prefix ${prefix}`);
      }
    }
  });

  it('blake3Chunk, unkeyed and keyed with the tensor-node key, on every length from 0 to 1,024 bytes', () => {
    for (let length = 0; length <= 1_024; length++) {
      const data = randomBytes(rng, length);
      bytes.set(data, DATA);
      wasm.blake3Chunk(DATA, length, OUT, BLOCK, false);
      assert.equal(out(), hex(blake3(data)), `length ${length}`);
      wasm.blake3Chunk(DATA, length, OUT, BLOCK, true);
      assert.equal(out(), hex(blake3(data, TENSOR_NODE_KEY)), `length ${length}, keyed`);
    }
  });

  it('tensorRoot on random tensors (empty, partial chunks, chunk and node counts around multiples of four, 100,352 floats)', () => {
    const counts = [0, 1, 255, 256, 257, 768, 1_024, 1_290, 1_280, 2_048, 2_304, 2_561, 4_352, 8_193, 100_352];
    for (const count of counts) {
      const values = Float32Array.from({ length: count }, () => rng.nextUnit() - 0.5);
      new Float32Array(memory.buffer, 4_096, count).set(values);
      wasm.tensorRoot(4_096, count, OUT, SCRATCH);
      assert.equal(out(), hex(tensorRoot(values)), `${count} floats`);
    }
  });

  it('tensorRootCached gives the referee’s roots as chunks change, stay or change back', () => {
    const count = 3_000;
    const values = Float32Array.from({ length: count }, () => rng.nextUnit());
    const view = new Float32Array(memory.buffer, 4_096, count);
    for (let round = 0; round < 12; round++) {
      if (round > 0) {
        // Touch a few elements (some rounds none, some the partial last chunk), sometimes restoring an earlier value.
        for (let k = 0; k < round % 4; k++) values[rng.nextUint32() % count] = round % 3 === 0 ? 0 : rng.nextUnit();
        if (round === 7) values[count - 1] = -0;
      }
      view.set(values);
      wasm.tensorRootCached(4_096, count, OUT, SCRATCH, CACHE, round > 0);
      assert.equal(out(), hex(tensorRoot(values)), `round ${round}`);
    }
  });
});
