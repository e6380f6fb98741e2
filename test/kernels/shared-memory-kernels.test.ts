/**
 * The wasm kernels over a shared memory (numeric-shared.wasm via wasmKernelsOver, what training runs over the hashing
 * ring and the state slots): arrays that lie in that memory are read in place and an output target there is written
 * in place, with the same bits as the process's own module; a target that overlaps an input, arrays from elsewhere,
 * and views made before the memory grew all still give the right values.
 */
import assert from 'node:assert/strict';
import { loadWasmCore, loadWasmLightKernels, wasmKernelsOver } from '../../offchain/engine/kernels/native/index.js';
import { numericModuleOver } from '../../offchain/engine/kernels/native/wasm-module.js';
import { assertBitwiseEqual } from './bitwise.js';
import { randomValues, seededRandom } from './random-shapes.js';

const PAGE = 65_536;
const BASE = 4 * PAGE;

function sharedMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 5, maximum: 4_096, shared: true });
}

/** A view of `memory` at byte `at` holding `values`. */
function placed(memory: WebAssembly.Memory, at: number, values: Float32Array): Float32Array {
  const view = new Float32Array(memory.buffer, at, values.length);
  view.set(values);
  return view;
}

describe('wasm kernels over a shared memory work in place, bit for bit', () => {
  const random = seededRandom(41);
  const own = loadWasmLightKernels();
  const ownCore = loadWasmCore();

  it('reads inputs that lie in the memory where they lie, and copies in the others', () => {
    const memory = sharedMemory();
    const { arena } = numericModuleOver(memory, BASE);
    const inside = placed(memory, PAGE, randomValues(random, 300));
    const outside = randomValues(random, 300);
    assert.equal(arena.owns(inside), true);
    assert.equal(arena.owns(outside), false);
    const [a, b, out] = arena.stage([inside, outside], [300]) as [number, number, number];
    assert.equal(a, inside.byteOffset);
    assert.ok(b >= BASE && out >= BASE, 'copies and outputs go above the owner’s part of the memory');
    assert.deepEqual(new Float32Array(memory.buffer, b, 300), outside);
    // Growing the memory gives it a new buffer object; views of the old one are still its own.
    const before = memory.buffer.byteLength;
    arena.layout([4_000_000]);
    assert.ok(memory.buffer.byteLength > before, 'the memory grew');
    assert.notEqual(inside.buffer, memory.buffer);
    assert.equal(arena.owns(inside), true);
    assert.equal(arena.stage([inside], [])[0] as number, inside.byteOffset);
  });

  it('sgdUpdate and momentumVelocity write a target in the memory in place, with the module’s own bits', () => {
    const memory = sharedMemory();
    const { light } = wasmKernelsOver(memory, BASE);
    for (const size of [1, 7, 256, 1_001, 20_000]) {
      const w = randomValues(random, size);
      const g = randomValues(random, size);
      const sw = placed(memory, PAGE, w);
      const sg = placed(memory, PAGE + 4 * size + 64, g);
      const into = new Float32Array(memory.buffer, PAGE + 8 * size + 128, size);
      const result = light.sgdUpdate(sw, sg, 0.1, into);
      assert.equal(result, into, 'the target itself is returned');
      assertBitwiseEqual(into, own.sgdUpdate(w, g, 0.1), `sgdUpdate ${size}`);
      const velocity = light.momentumVelocity(sw, sg, 0.9, into);
      assert.equal(velocity, into);
      assertBitwiseEqual(into, own.momentumVelocity(w, g, 0.9), `momentumVelocity ${size}`);
    }
  });

  it('a target overlapping an input, or outside the memory, gets the right values through a copy', () => {
    const memory = sharedMemory();
    const { light } = wasmKernelsOver(memory, BASE);
    const w = randomValues(random, 1_000);
    const g = randomValues(random, 1_000);
    const expected = own.sgdUpdate(w, g, 0.25);
    const sw = placed(memory, PAGE, w);
    const sg = placed(memory, PAGE + 8_192, g);
    const shifted = new Float32Array(memory.buffer, PAGE + 400, 1_000); // overlaps sw's tail
    assertBitwiseEqual(light.sgdUpdate(sw, sg, 0.25, shifted).slice(), expected, 'overlapping target');
    const elsewhere = new Float32Array(1_000);
    assert.equal(light.sgdUpdate(w, g, 0.25, elsewhere), elsewhere);
    assertBitwiseEqual(elsewhere, expected, 'target outside the memory');
  });

  it('views made before the memory grew are still read in place and give the same matmul', () => {
    const memory = sharedMemory();
    const { core, light } = wasmKernelsOver(memory, BASE);
    const w = randomValues(random, 2_000);
    const g = randomValues(random, 2_000);
    const sw = placed(memory, PAGE, w);
    const sg = placed(memory, PAGE + 16_384, g);
    const before = memory.buffer.byteLength;
    // 300×400 by 400×300: scratch far beyond the initial five pages.
    const a = randomValues(random, 300 * 400);
    const b = randomValues(random, 400 * 300);
    const shape = { m: 300, k: 400, n: 300, transposeA: false, transposeB: false };
    assertBitwiseEqual(core.matmul(a, b, shape), ownCore.matmul(a, b, shape), 'matmul');
    assert.ok(memory.buffer.byteLength > before, 'the memory grew');
    const into = new Float32Array(sw.buffer, PAGE + 32_768, 2_000); // a view of the old buffer
    assert.equal(light.sgdUpdate(sw, sg, 0.5, into), into);
    assertBitwiseEqual(into, own.sgdUpdate(w, g, 0.5), 'after growth');
  });
});
