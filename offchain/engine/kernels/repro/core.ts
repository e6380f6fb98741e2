/**
 * Which numeric core (matmul and convolutions) the `repro` kernels use. Every core gives the same bits (the
 * contract in ../native/contract.ts), so switching changes speed only.
 */
import { fastestCore, type NumericCore } from '../native/index.js';

let current: NumericCore | undefined;

/** The core in use: the fastest available (wasm when built, else plain JS) unless one was chosen. */
export function numericCore(): NumericCore {
  current ??= fastestCore();
  return current;
}

export function useNumericCore(core: NumericCore): void {
  current = core;
}
