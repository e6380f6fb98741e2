/**
 * Where the node gets its runtime and chain specs: `runtime-bindings/` and `chain-config/`, loaded once.
 * The node never reaches behind the seam; this is the only file that names those modules.
 */
import type { ChainSpec, Runtime } from '../runtime-bindings/seam.js';

export class ChainSpecError extends Error {
  override name = 'ChainSpecError';
}

// Loaded by path so the node compiles while the runtime is being written beside it.
const RUNTIME_MODULE = '../runtime-bindings/index.js';
const CHAIN_CONFIG_MODULE = '../chain-config/index.js';

export async function loadRuntime(): Promise<Runtime> {
  const module = (await import(RUNTIME_MODULE)) as { createRuntime(): Runtime };
  return module.createRuntime();
}

/** A chain spec by name (`dev`, `local`) or JSON file path, with a clear error when it cannot be loaded. */
export async function loadSpec(nameOrPath: string): Promise<ChainSpec> {
  // The runtime binds the pallets' shared type slots when it loads; chain-config needs them bound first.
  await import(RUNTIME_MODULE);
  const module = (await import(CHAIN_CONFIG_MODULE)) as { loadChainSpec(nameOrPath: string): ChainSpec };
  try {
    return module.loadChainSpec(nameOrPath);
  } catch (error) {
    throw new ChainSpecError(`cannot load chain spec "${nameOrPath}": ${(error as Error).message}`, { cause: error });
  }
}
