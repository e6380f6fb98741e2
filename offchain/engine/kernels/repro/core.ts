/**
 * Which numeric core (matmul and convolutions) and which light kernels (optimizer updates, relu, bias, max pooling)
 * the `repro` kernels use. Every core gives the same bits (the contract in ../native/contract.ts), and the wasm
 * light kernels apply the referee's rules lane for lane (test/kernels/light-kernels.test.ts), so switching changes
 * speed only. The light kernels follow the core: wasm with the wasm core, the JS rules with jsCore, so that choosing
 * jsCore runs the whole step in plain JS (the determinism tests compare both paths bitwise).
 */
import { fastestCore, jsCore, loadWasmLightKernels, type LightKernels, type NumericCore } from '../native/index.js';

let current: NumericCore | undefined;
let light: LightKernels | undefined;

/** The core in use: the fastest available (wasm when built, else plain JS) unless one was chosen. */
export function numericCore(): NumericCore {
  if (current === undefined) useNumericCore(fastestCore());
  return current as NumericCore;
}

/** `withLight`: the light kernels of the same module as a wasm core made over another memory (wasmKernelsOver). */
export function useNumericCore(core: NumericCore, withLight?: LightKernels): void {
  current = core;
  // A wasm core means the numeric module is built and runs here, so the light kernels (same module) load too.
  light = core.name === jsCore.name ? undefined : (withLight ?? loadWasmLightKernels());
}

/** The core and light kernels in use, to restore later with useNumericCore(saved.core, saved.light). */
export function numericKernels(): { core: NumericCore; light: LightKernels | undefined } {
  return { core: numericCore(), light };
}

/** Whatever holds a run's states in a memory of its own, and can give kernels that work over that memory. */
export interface StateMemory {
  kernelsReplacing(current: NumericCore): { core: NumericCore; light: LightKernels } | undefined;
}

/**
 * Switches to the kernels over a run's state memory (when it has them: the wasm core and the shared build) for the
 * length of the run; returns the function that restores the kernels in use before.
 */
export function useKernelsOver(memory: StateMemory | undefined): () => void {
  const before = numericKernels();
  const over = memory?.kernelsReplacing(before.core);
  if (over !== undefined) useNumericCore(over.core, over.light);
  return () => useNumericCore(before.core, before.light);
}

/** The wasm light kernels when the wasm core is in use; undefined means: apply the referee's rules in JS. */
export function lightKernels(): LightKernels | undefined {
  numericCore();
  return light;
}
