/**
 * The compiled hashing module (../assembly/hashing.ts, built by scripts/build-wasm.mjs to dist/wasm/hashing.wasm):
 * BLAKE2b-256, BLAKE3 of one chunk and tensor Merkle roots (offchain/referee/merkle.ts's definition) over a shared memory the caller
 * provides, so that each thread that hashes (the training thread, the hashing worker) runs its own instance over the
 * same bytes, where they lie. Compiled once per thread, instantiated once per memory.
 */
import { compiledWasm, wasmModuleAvailable } from './wasm-module.js';

/** Every pointer is a byte address in the shared memory; counts are float32 values. */
export interface HashingExports {
  /** Hashes prefix ‖ data[0 .. len) (no prefix byte when prefix < 0) into 32 bytes at out. */
  blake2b256(prefix: number, data: number, len: number, out: number, block: number): void;
  /** BLAKE3 of data[0 .. len) (len ≤ 1,024) into 32 bytes at out; keyed: with the referee's TENSOR_NODE_KEY. */
  blake3Chunk(data: number, len: number, out: number, block: number, keyed: boolean): void;
  tensorRoot(data: number, count: number, out: number, scratch: number): void;
  /** tensorRoot reusing the leaves of chunks whose bytes equal the cache's (see the AssemblyScript source). */
  tensorRootCached(data: number, count: number, out: number, scratch: number, cache: number, primed: boolean): void;
  /** Scratch bytes tensorRoot needs: a 256-byte block area, then 32 bytes per chunk. */
  tensorRootScratch(count: number): number;
  tensorRootCacheBytes(count: number): number;
}

/** Whether the module is built (the engine falls back to the referee's JS hashing otherwise). */
export function hashingModuleAvailable(): boolean {
  return wasmModuleAvailable('hashing');
}

/** An instance over `memory` (shared). Throws WasmCoreUnavailableError when the module is not built. */
export function instantiateHashing(memory: WebAssembly.Memory): HashingExports {
  return new WebAssembly.Instance(compiledWasm('hashing'), { env: { memory } }).exports as unknown as HashingExports;
}
