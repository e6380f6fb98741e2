/**
 * Binary Merkle trees with blake2-256, for checkpoint lists, per-step state hashes and tensors committed in chunks.
 *
 * Leaves and inner nodes are domain-separated (leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right)), so a node can
 * never pass for a leaf. A level with an odd count promotes its last node unchanged; proofs therefore carry the
 * leaf count, which fixes the shape of the tree.
 *
 * Tensor trees have the same shape with BLAKE3 (blake3.ts): leaf = BLAKE3(chunk), node = BLAKE3 keyed with
 * TENSOR_NODE_KEY (left ‖ right), the key separating nodes from 64-byte leaves. Training commits every step's state,
 * so tensor trees are the bulk of the hashing beside training, and BLAKE3 does it in about half BLAKE2b's time.
 */
import { blake2AsU8a } from '@polkadot/util-crypto';
import { blake3, TENSOR_NODE_KEY } from './blake3.js';

/** Float32 elements per tensor chunk: a proof for one element carries its 1 KiB chunk and log₂(chunks) hashes. */
export const TENSOR_CHUNK_ELEMENTS = 256;

const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);

export function blake2(data: Uint8Array): Uint8Array {
  return blake2AsU8a(data, 256);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function leafHash(data: Uint8Array): Uint8Array {
  return blake2(concat([LEAF, data]));
}

type NodeHash = (left: Uint8Array, right: Uint8Array) => Uint8Array;

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return blake2(concat([NODE, left, right]));
}

function tensorNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return blake3(concat([left, right]), TENSOR_NODE_KEY);
}

/** Root over already-hashed leaves (use leafHash). The empty tree's root is H(0x01). */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return blake2(NODE);
  return rootWith(leaves, nodeHash);
}

/** The level above: pairs hashed with `node`, an odd last one promoted unchanged. */
function levelAbove(level: readonly Uint8Array[], node: NodeHash): Uint8Array[] {
  const next: Uint8Array[] = [];
  for (let i = 0; i < level.length; i += 2) {
    const right = level[i + 1];
    next.push(right === undefined ? (level[i] as Uint8Array) : node(level[i] as Uint8Array, right));
  }
  return next;
}

function rootWith(leaves: readonly Uint8Array[], node: NodeHash): Uint8Array {
  let level = leaves.slice();
  while (level.length > 1) level = levelAbove(level, node);
  return level[0] as Uint8Array;
}

export interface MerkleProof {
  leafIndex: number;
  leafCount: number;
  /** Sibling hashes from the leaf level up; levels where the node was promoted have none. */
  siblings: Uint8Array[];
}

export function merkleProof(leaves: readonly Uint8Array[], leafIndex: number): MerkleProof {
  return proofWith(leaves, leafIndex, nodeHash);
}

function proofWith(leaves: readonly Uint8Array[], leafIndex: number, node: NodeHash): MerkleProof {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= leaves.length) {
    throw new RangeError(`leaf ${leafIndex} does not exist in a tree of ${leaves.length}`);
  }
  const siblings: Uint8Array[] = [];
  let level = leaves.slice();
  let index = leafIndex;
  while (level.length > 1) {
    const sibling = level[index ^ 1];
    if (sibling !== undefined) siblings.push(sibling);
    level = levelAbove(level, node);
    index >>= 1;
  }
  return { leafIndex, leafCount: leaves.length, siblings };
}

export function verifyMerkleProof(root: Uint8Array, leaf: Uint8Array, proof: MerkleProof): boolean {
  return verifyWith(root, leaf, proof, nodeHash);
}

function verifyWith(root: Uint8Array, leaf: Uint8Array, proof: MerkleProof, node: NodeHash): boolean {
  const { leafCount } = proof;
  if (!Number.isInteger(proof.leafIndex) || proof.leafIndex < 0 || proof.leafIndex >= leafCount) return false;
  let hash = leaf;
  let index = proof.leafIndex;
  let width = leafCount;
  let used = 0;
  while (width > 1) {
    const hasSibling = (index ^ 1) < width;
    if (hasSibling) {
      const sibling = proof.siblings[used++];
      if (sibling === undefined) return false;
      hash = index & 1 ? node(sibling, hash) : node(hash, sibling);
    }
    index >>= 1;
    width = Math.ceil(width / 2);
  }
  return used === proof.siblings.length && equalBytes(hash, root);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function chunkBytes(values: Float32Array, chunk: number): Uint8Array {
  const start = chunk * TENSOR_CHUNK_ELEMENTS;
  const end = Math.min(values.length, start + TENSOR_CHUNK_ELEMENTS);
  return new Uint8Array(values.buffer, values.byteOffset + start * 4, (end - start) * 4).slice();
}

/** A tensor chunk's leaf: BLAKE3 of its bytes (at most 1 KiB). */
export function tensorLeafHash(chunk: Uint8Array): Uint8Array {
  return blake3(chunk);
}

/** Leaf hashes of a tensor's chunks (little-endian float32 bytes, as stored in memory on every supported host). */
export function tensorLeaves(values: Float32Array): Uint8Array[] {
  const count = Math.max(1, Math.ceil(values.length / TENSOR_CHUNK_ELEMENTS));
  const leaves: Uint8Array[] = [];
  for (let c = 0; c < count; c++) leaves.push(tensorLeafHash(chunkBytes(values, c)));
  return leaves;
}

/** The commitment to a tensor: the Merkle root over its chunks (BLAKE3 leaves and nodes). */
export function tensorRoot(values: Float32Array): Uint8Array {
  return rootWith(tensorLeaves(values), tensorNodeHash);
}

/** One element of a committed tensor, provable against the tensor's root. */
export interface ElementProof {
  index: number;
  /** The element's whole chunk (the leaf preimage). */
  chunk: Float32Array;
  proof: MerkleProof;
}

export function elementProof(values: Float32Array, index: number, leaves = tensorLeaves(values)): ElementProof {
  if (!Number.isInteger(index) || index < 0 || index >= values.length) {
    throw new RangeError(`element ${index} does not exist in a tensor of ${values.length}`);
  }
  const chunk = Math.floor(index / TENSOR_CHUNK_ELEMENTS);
  const bytes = chunkBytes(values, chunk);
  return { index, chunk: new Float32Array(bytes.buffer), proof: proofWith(leaves, chunk, tensorNodeHash) };
}

/** The proven element's value, or undefined when the proof does not lead to `root`. */
export function verifyElementProof(root: Uint8Array, proof: ElementProof): number | undefined {
  const chunk = Math.floor(proof.index / TENSOR_CHUNK_ELEMENTS);
  if (proof.proof.leafIndex !== chunk) return undefined;
  const bytes = new Uint8Array(proof.chunk.buffer, proof.chunk.byteOffset, proof.chunk.byteLength);
  if (!verifyWith(root, tensorLeafHash(bytes), proof.proof, tensorNodeHash)) return undefined;
  return proof.chunk[proof.index - chunk * TENSOR_CHUNK_ELEMENTS];
}
