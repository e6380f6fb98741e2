/**
 * The compiled AssemblyScript kernels (../assembly, built by scripts/build-wasm.mjs to dist/wasm/numeric.wasm):
 * finding, instantiating (synchronously, because tfjs kernels are synchronous) and sharing one instance per process,
 * plus the host-side view of its memory. One wasm memory is reused across calls and grows when a call needs more.
 *
 * A second build of the same source, numeric-shared.wasm, runs over a given shared memory: the state-hashing ring's
 * (train/hash-ring.ts). Arrays that already lie in that memory (the ring's state slots) are then read where they lie
 * and outputs written straight into them, because copying to or from shared memory from JavaScript takes V8's
 * relaxed-atomic copy, about twice memcpy's time (30 µs vs 14 µs per 400 KB here): three such copies of the MLP's
 * weights per step were most of the proof overhead left.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export class WasmCoreUnavailableError extends Error {
  override readonly name = 'WasmCoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The module's exports; every pointer is a byte address in `memory`, every size a count of float32 values. */
export interface NumericExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmul(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    aRowStride: number,
    aDepthStride: number,
  ): void;
  transposeBatched(src: number, dst: number, count: number, rows: number, cols: number): void;
  conv2d(x: number, w: number, y: number, ...shape: number[]): void;
  conv2dBackpropInput(dy: number, wT: number, dx: number, ...shape: number[]): void;
  conv2dBackpropFilter(x: number, dy: number, dw: number, ...shape: number[]): void;
  sgdUpdate(w: number, g: number, out: number, size: number, learningRate: number): void;
  momentumVelocity(v: number, g: number, out: number, size: number, momentum: number): void;
  relu(x: number, y: number, size: number): void;
  reluGrad(dy: number, y: number, dx: number, size: number): void;
  biasAdd(x: number, bias: number, y: number, rows: number, cols: number): void;
  biasGrad(dy: number, db: number, rows: number, cols: number): void;
  maxPool(x: number, y: number, ...shape: number[]): void;
  maxPoolGrad(dy: number, x: number, dx: number, ...shape: number[]): void;
}

/** Where a built module may be: beside the compiled dist/ output, or under dist/ when run from source (tsx). */
export const wasmCandidatePaths = (name: string): string[] => [
  fileURLToPath(new URL(`../../../../wasm/${name}.wasm`, import.meta.url)),
  fileURLToPath(new URL(`../../../../dist/wasm/${name}.wasm`, import.meta.url)),
];

/** The built module's path, if any (the first candidate that exists). */
function builtWasmPath(name: string): string | undefined {
  return wasmCandidatePaths(name).find((path) => existsSync(path));
}

export function wasmCorePath(): string | undefined {
  return builtWasmPath('numeric');
}

/** Compiled modules by name, once per thread. */
const compiled = new Map<string, WebAssembly.Module>();

/** Whether dist/wasm/<name>.wasm is built (or already compiled here). */
export function wasmModuleAvailable(name: string): boolean {
  return compiled.has(name) || builtWasmPath(name) !== undefined;
}

/** dist/wasm/<name>.wasm, compiled once per thread. Throws WasmCoreUnavailableError when it is not built. */
export function compiledWasm(name: string): WebAssembly.Module {
  const cached = compiled.get(name);
  if (cached !== undefined) return cached;
  const path = builtWasmPath(name);
  if (!path) {
    throw new WasmCoreUnavailableError(
      `${name}.wasm not found (looked in ${wasmCandidatePaths(name).join(', ')}); run npm run build`,
    );
  }
  try {
    const module = new WebAssembly.Module(readFileSync(path));
    compiled.set(name, module);
    return module;
  } catch (error) {
    throw new WasmCoreUnavailableError(`cannot compile ${path}`, { cause: error });
  }
}

const BYTES = 4;
/** Kernels may load up to 3 floats past a buffer's end (lanes that are never stored): 16 bytes of slack each. */
const SLACK = 16;
const PAGE = 65536;
const alignUp = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/**
 * Host-side view of the module's linear memory: lays out regions above heapBase (and above `base`, what the owner of
 * a shared memory keeps for itself) and grows the memory as needed. Arrays that are views of this memory are used
 * where they lie instead of being copied in.
 */
export class Arena {
  /** Every buffer this memory has had (a shared memory's views keep their buffer after it grows). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(
    private readonly exports: NumericExports,
    private readonly memory: WebAssembly.Memory = exports.memory,
    private readonly base = 0,
  ) {
    this.buffers.add(memory.buffer);
  }

  /** Whether `values` is a view of this memory (then its byteOffset is its address). */
  owns(values: Float32Array): boolean {
    return this.buffers.has(values.buffer);
  }

  /** Byte offsets for regions of the given float counts, each 16-byte aligned with slack after it. */
  layout(floatCounts: readonly number[]): number[] {
    let next = alignUp(Math.max(this.exports.heapBase(), this.base));
    const offsets = floatCounts.map((count) => {
      const at = next;
      next = alignUp(at + count * BYTES + SLACK);
      return at;
    });
    const memory = this.memory;
    if (next > memory.buffer.byteLength) {
      memory.grow(Math.ceil((next - memory.buffer.byteLength) / PAGE));
      this.buffers.add(memory.buffer);
    }
    return offsets;
  }

  /** Copies arrays into fresh regions (plus empty regions for outputs); returns all offsets, inputs first. An input
   * that lies in this memory is not copied: its own address is returned (kernels never write their inputs). */
  stage(inputs: readonly Float32Array[], outputCounts: readonly number[]): number[] {
    const owned = inputs.map((values) => this.owns(values));
    const offsets = this.layout([...inputs.map((a, i) => (owned[i] ? 0 : a.length)), ...outputCounts]);
    inputs.forEach((values, i) => {
      if (owned[i]) offsets[i] = values.byteOffset;
      else this.write(offsets[i] as number, values);
    });
    return offsets;
  }

  write(at: number, values: Float32Array): void {
    new Float32Array(this.memory.buffer, at, values.length).set(values);
  }

  /** Copies a region into `target` (its length of floats) and returns it. */
  readInto(at: number, target: Float32Array): Float32Array {
    target.set(new Float32Array(this.memory.buffer, at, target.length));
    return target;
  }

  /** A copy of a region: the caller owns it, and later calls may overwrite the memory. */
  read(at: number, count: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, count).slice();
  }
}

export interface NumericModule {
  exports: NumericExports;
  arena: Arena;
}

let loaded: NumericModule | undefined;

/** The module, instantiated once per process. Throws WasmCoreUnavailableError when the .wasm is not built. */
export function loadNumericModule(): NumericModule {
  if (loaded) return loaded;
  let exports: NumericExports;
  try {
    exports = new WebAssembly.Instance(compiledWasm('numeric'), {}).exports as unknown as NumericExports;
  } catch (error) {
    if (error instanceof WasmCoreUnavailableError) throw error;
    throw new WasmCoreUnavailableError('cannot instantiate numeric.wasm', { cause: error });
  }
  loaded = { exports, arena: new Arena(exports) };
  return loaded;
}

/**
 * An instance of numeric-shared.wasm over `memory` (shared), laying out its regions from byte `base` up: the owner
 * keeps [0, base). Throws WasmCoreUnavailableError when the .wasm is not built.
 */
export function numericModuleOver(memory: WebAssembly.Memory, base: number): NumericModule {
  const instance = new WebAssembly.Instance(compiledWasm('numeric-shared'), { env: { memory } });
  const exports = instance.exports as unknown as NumericExports;
  return { exports, arena: new Arena(exports, memory, base) };
}
