/**
 * The Merkle and commitment checks of the dispute moves (docs/dispute-protocol.md), over the referee's byte formats
 * (offchain/referee/commitment.ts, merkle.ts). Pure: each check answers a value or fails with a module error, so a
 * malformed or mismatched proof never panics the runtime and changes nothing.
 */
import { hexToU8a } from '@polkadot/util';
import { type PalletError, fail } from '../framework/dispatch.js';
import type { H256 } from '../types/primitives.js';
import {
  RefereeError,
  TENSOR_CHUNK_ELEMENTS,
  blake2,
  decodeTemplate,
  encodeTemplate,
  float32Bits,
  leafHash,
  recordLeafData,
  verifyElementProof,
  verifyMerkleProof,
  type NodeTemplate,
} from '../../offchain/referee/index.js';
import { errors } from './declaration.js';
import type { NodeRecordProof, ScalarProof } from './types.js';

export const bytesOf = (hash: H256): Uint8Array => hexToU8a(hash);

/** Whether `leaf` (already leaf-hashed) sits at `leafIndex` of a `leafCount`-leaf tree under `root`. */
export function provenLeaf(root: H256, leaf: Uint8Array, leafIndex: number, leafCount: number, siblings: H256[]) {
  return verifyMerkleProof(bytesOf(root), leaf, { leafIndex, leafCount, siblings: siblings.map(bytesOf) });
}

export function ensureLeaf(
  root: H256,
  leaf: Uint8Array,
  position: { leafIndex: number; leafCount: number },
  siblings: H256[],
  error: PalletError = errors.ProofMismatch,
): void {
  if (!provenLeaf(root, leaf, position.leafIndex, position.leafCount, siblings)) fail(error);
}

/** The leaf of a node record (referee `recordLeaf`) from its submitted parts. */
export function recordLeafOf(record: NodeRecordProof): Uint8Array {
  return leafHash(
    recordLeafData(blake2(record.template), record.input_roots.map(bytesOf), bytesOf(record.output_root)),
  );
}

/** Decodes template bytes; malformed bytes are `MalformedTemplate`, never an exception out of the runtime. */
export function templateOf(bytes: Uint8Array): NodeTemplate {
  const decoded = tryTemplate(bytes);
  return decoded ?? fail(errors.MalformedTemplate);
}

export function tryTemplate(bytes: Uint8Array): NodeTemplate | undefined {
  try {
    return decodeTemplate(bytes);
  } catch (error) {
    if (error instanceof RefereeError) return undefined;
    throw error;
  }
}

/**
 * A record's template agrees with the task's when the bytes are equal, or, for Adam's parameter update only, when
 * they differ in nothing but `stepSize` (it varies with the step; the task's graph carries the step-1 value).
 */
export function templatesAgree(record: NodeTemplate, graph: NodeTemplate): boolean {
  const same = (a: NodeTemplate, b: NodeTemplate) => {
    const x = encodeTemplate(a);
    const y = encodeTemplate(b);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  };
  if (record.call.op === 'AdamParam' && graph.call.op === 'AdamParam') {
    const normalized = { ...record, call: { ...record.call, attrs: { ...record.call.attrs, stepSize: 0 } } };
    const graphNormalized = { ...graph, call: { ...graph.call, attrs: { ...graph.call.attrs, stepSize: 0 } } };
    return same(normalized, graphNormalized);
  }
  return same(record, graph);
}

/** Chunks of a committed tensor of `length` elements (the leaf count of its Merkle tree; at least one). */
export function chunkCount(length: number): number {
  return Math.max(1, Math.ceil(length / TENSOR_CHUNK_ELEMENTS));
}

/** A chunk's bytes as float32 values: a whole number of values, at most one chunk, copied to aligned memory. */
export function chunkValues(chunk: Uint8Array): Float32Array {
  if (chunk.length % 4 !== 0 || chunk.length > TENSOR_CHUNK_ELEMENTS * 4) fail(errors.MalformedChunk);
  return new Float32Array(chunk.slice().buffer);
}

/** The element at `index` of the tensor of `length` elements committed by `root`, or `ProofMismatch`. */
export function provenElement(root: H256, length: number, index: number, chunk: Uint8Array, siblings: H256[]): number {
  const proof = elementProofOf(length, index, chunk, siblings);
  const value = verifyElementProof(bytesOf(root), proof);
  return value ?? fail(errors.ProofMismatch);
}

/** A submitted scalar proof as the referee's ElementProof over a tensor of `length` elements. */
export function elementProofOf(length: number, index: number, chunk: Uint8Array, siblings: H256[]) {
  return {
    index,
    chunk: chunkValues(chunk),
    proof: {
      leafIndex: Math.floor(index / TENSOR_CHUNK_ELEMENTS),
      leafCount: chunkCount(length),
      siblings: siblings.map(bytesOf),
    },
  };
}

export function scalarProofOf(lengths: readonly number[], proof: ScalarProof) {
  const length = lengths[proof.input] ?? fail(errors.OperandMismatch);
  return elementProofOf(length, proof.index, proof.chunk, proof.siblings);
}

const bitsView = new DataView(new ArrayBuffer(4));

export function fromBits(bits: number): number {
  bitsView.setUint32(0, bits, true);
  return bitsView.getFloat32(0, true);
}

export { float32Bits as bitsOf };

/** A partial result's leaf from its float32 bits (referee `partialLeaf`, with the exact bits, NaN payloads too). */
export function partialLeafOfBits(bits: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, bits, true);
  return leafHash(bytes);
}
