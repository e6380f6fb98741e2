/**
 * Re-executes a stored chain from genesis with `runtime.executeBlock` and checks every link, hash and state
 * root, then compares the re-executed head state with the stored one. Any disagreement throws.
 */
import type { ChainSpec, HexString, Runtime } from '../runtime-bindings/seam.js';
import { bytesToHex } from './store/hex.js';
import type { ChainDb } from './store/chain-db.js';
import { SortedState } from './store/sorted-state.js';

export class ChainCheckError extends Error {
  override name = 'ChainCheckError';
  constructor(
    message: string,
    readonly blockNumber: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface ChainCheckSummary {
  blocks: number;
  extrinsics: number;
  head: { number: number; hash: HexString };
  stateKeys: number;
}

export async function checkChain(
  db: ChainDb,
  runtime: Runtime,
  spec: ChainSpec,
  progress: (done: number, total: number) => void,
): Promise<ChainCheckSummary> {
  const head = await db.readFinalized();
  if (!head) throw new ChainCheckError(`the database at ${db.path} holds no chain`, 0);
  const genesis = runtime.genesis(spec.genesisStorage);
  const storedGenesis = await db.getHash(0);
  if (storedGenesis !== genesis.hash) {
    throw new ChainCheckError(
      `genesis mismatch: the database has ${storedGenesis}, chain spec ${spec.id} gives ${genesis.hash}`,
      0,
    );
  }
  const state = new SortedState();
  state.apply(spec.genesisStorage);
  let parentHash = genesis.hash;
  let extrinsics = 0;
  for (let number = 1; number <= head.number; number++) {
    const hash = await db.getHash(number);
    const block = hash && (await db.getBlock(hash));
    if (!hash || !block) throw new ChainCheckError(`block #${number} is missing from the database`, number);
    if (block.header.number !== number)
      throw new ChainCheckError(`block ${hash} says it is #${block.header.number}, stored as #${number}`, number);
    if (block.header.parentHash !== parentHash)
      throw new ChainCheckError(
        `block #${number} has parent ${block.header.parentHash}, expected ${parentHash}`,
        number,
      );
    const computedHash = runtime.hashHeader(block.header);
    if (computedHash !== hash)
      throw new ChainCheckError(`block #${number} hashes to ${computedHash}, stored as ${hash}`, number);
    let result: ReturnType<Runtime['executeBlock']>;
    try {
      result = runtime.executeBlock(state, block);
    } catch (error) {
      throw new ChainCheckError(`block #${number} (${hash}) fails re-execution: ${(error as Error).message}`, number, {
        cause: error,
      });
    }
    if (result.stateRoot !== block.header.stateRoot) {
      throw new ChainCheckError(
        `block #${number} state root mismatch: header ${block.header.stateRoot}, re-executed ${result.stateRoot}`,
        number,
      );
    }
    state.apply(result.changes);
    extrinsics += block.extrinsics.length;
    parentHash = hash;
    progress(number, head.number);
  }
  if (parentHash !== head.hash)
    throw new ChainCheckError(
      `the finalized head ${head.hash} is not block #${head.number} (${parentHash})`,
      head.number,
    );
  const stored = await db.loadLatestState();
  for (const [key, value] of stored.entries()) {
    const recomputed = state.get(key);
    if (recomputed === undefined || bytesToHex(recomputed) !== bytesToHex(value)) {
      throw new ChainCheckError(`stored head state differs from the re-executed state at key ${key}`, head.number);
    }
  }
  if (stored.size !== state.size)
    throw new ChainCheckError(`stored head state has ${stored.size} keys, re-executed ${state.size}`, head.number);
  return { blocks: head.number, extrinsics, head, stateKeys: state.size };
}
