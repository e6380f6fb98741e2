/**
 * The wasm hashing module (kernels/assembly/blake2.ts, tensor-merkle.ts) against @polkadot/util-crypto's blake2-256
 * and the referee's tensorRoot (offchain/referee/merkle.ts), on random inputs of every length class: empty, inside
 * one 128-byte block, on block edges, many blocks; with and without the one-byte domain prefix; and tensor roots with
 * the leaf cache, whose hits must never change a root.
 */
import { strict as assert } from 'node:assert';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { tensorRoot } from '../../offchain/referee/index.js';
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

  it('tensorRoot on random tensors (empty, partial chunks, odd chunk counts, 100,352 floats)', () => {
    for (const count of [0, 1, 255, 256, 257, 768, 1_290, 2_561, 100_352]) {
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
