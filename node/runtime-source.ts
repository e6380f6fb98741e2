/**
 * Where the node gets its runtime and chain specs: `runtime-bindings/` and `chain-config/`. The node never
 * reaches behind the seam; this is the only file that names those modules.
 */
// The runtime binds the pallets' shared type slots when it loads; chain-config needs them bound, so it comes first.
import { createRuntime } from '../runtime-bindings/index.js';
import { loadChainSpec } from '../chain-config/index.js';
import type { ChainSpec, Runtime } from '../runtime-bindings/seam.js';

export class ChainSpecError extends Error {
  override name = 'ChainSpecError';
}

export async function loadRuntime(): Promise<Runtime> {
  return createRuntime();
}

/** A chain spec by name (`dev`, `local`) or JSON file path, with a clear error when it cannot be loaded. */
export async function loadSpec(nameOrPath: string): Promise<ChainSpec> {
  try {
    return loadChainSpec(nameOrPath);
  } catch (error) {
    throw new ChainSpecError(`cannot load chain spec "${nameOrPath}": ${(error as Error).message}`, { cause: error });
  }
}
