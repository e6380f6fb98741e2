/** Shared by the namespaces: resolving an optional `at` hash, reading state there, and the JSON shapes of blocks. */
import type { Block, Header, HexString, StorageReader } from '../../runtime-bindings/seam.js';
import { lowerHex } from './params.js';
import { ResponseError, RPC_ERROR, type RpcContext } from './types.js';

export function headerJson(header: Header): Record<string, unknown> {
  return {
    parentHash: header.parentHash,
    number: `0x${header.number.toString(16)}`,
    stateRoot: header.stateRoot,
    extrinsicsRoot: header.extrinsicsRoot,
    digest: { logs: header.digest },
  };
}

export function signedBlockJson(block: Block): Record<string, unknown> {
  return { block: { header: headerJson(block.header), extrinsics: block.extrinsics }, justifications: null };
}

/** The block named by `hash`, or the best block when none is given; unknown hashes are a client error (4003). */
export async function resolveBlock(
  context: RpcContext,
  hash: string | null | undefined,
): Promise<{ hash: HexString; number: number }> {
  if (hash === null || hash === undefined) return { hash: context.chain.best.hash, number: context.chain.best.number };
  const normalized = lowerHex(hash);
  const number = await context.chain.numberOf(normalized);
  if (number === undefined) {
    throw new ResponseError(
      RPC_ERROR.client,
      `Client error: UnknownBlock: Header was not found in the database: ${hash}`,
    );
  }
  return { hash: normalized, number };
}

/** A synchronous state reader at the named (or best) block, for runtime calls and key iteration. */
export async function stateAt(
  context: RpcContext,
  hash: string | null | undefined,
): Promise<{ reader: StorageReader; hash: HexString; number: number }> {
  const block = await resolveBlock(context, hash);
  return { ...block, reader: await context.chain.readerAtNumber(block.number) };
}
