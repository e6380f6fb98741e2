/**
 * BLAKE3 (https://github.com/BLAKE3-team/BLAKE3-specs) of an input of at most one chunk (1,024 bytes), 32-byte
 * output, unkeyed or keyed: the hashes of tensor Merkle trees (merkle.ts), leaf = BLAKE3(chunk) and node =
 * BLAKE3-keyed(TENSOR_NODE_KEY, left ‖ right). A tensor chunk is exactly one BLAKE3 chunk, hashed in 16 compressions
 * of 7 rounds on 32-bit words, which the state-hashing worker runs four chunks at a time in wasm SIMD
 * (kernels/assembly/blake3.ts, the same function): about half the time of BLAKE2b's 9 compressions of 12 rounds on
 * 64-bit words; a node is one compression. That is what committing every training step costs beside training.
 *
 * This is the chain's definition: plain integer arithmetic, no tables that depend on the host.
 */

const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const CHUNK_START = 1;
const CHUNK_END = 2;
const ROOT = 8;
const KEYED_HASH = 16;
export const BLAKE3_CHUNK_BYTES = 1024;

/** The key of tensor-tree nodes (keyed mode separates them from leaves, which may be 64 bytes long too). */
export const TENSOR_NODE_KEY = new TextEncoder().encode('veritrain/tensor-merkle-node/v1.');

const block = new Uint8Array(64);
const blockView = new DataView(block.buffer);

function keyWords(key: Uint8Array): Uint32Array {
  const view = new DataView(key.buffer, key.byteOffset, 32);
  return Uint32Array.from({ length: 8 }, (_, i) => view.getUint32(4 * i, true));
}

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/**
 * One compression of `block` into the chaining value `h` (in place); counter 0, as for a single-chunk input. State
 * and message live in locals (typed arrays cost several times as much here): 7 rounds, each the spec's G on the
 * four columns and then the four diagonals, the message permuted between rounds.
 */
function compress(h: Uint32Array, blockLength: number, flags: number): void {
  let v0 = h[0] as number;
  let v1 = h[1] as number;
  let v2 = h[2] as number;
  let v3 = h[3] as number;
  let v4 = h[4] as number;
  let v5 = h[5] as number;
  let v6 = h[6] as number;
  let v7 = h[7] as number;
  let v8 = IV[0] as number;
  let v9 = IV[1] as number;
  let v10 = IV[2] as number;
  let v11 = IV[3] as number;
  let v12 = 0;
  let v13 = 0;
  let v14 = blockLength;
  let v15 = flags;
  let m0 = blockView.getUint32(0, true);
  let m1 = blockView.getUint32(4, true);
  let m2 = blockView.getUint32(8, true);
  let m3 = blockView.getUint32(12, true);
  let m4 = blockView.getUint32(16, true);
  let m5 = blockView.getUint32(20, true);
  let m6 = blockView.getUint32(24, true);
  let m7 = blockView.getUint32(28, true);
  let m8 = blockView.getUint32(32, true);
  let m9 = blockView.getUint32(36, true);
  let m10 = blockView.getUint32(40, true);
  let m11 = blockView.getUint32(44, true);
  let m12 = blockView.getUint32(48, true);
  let m13 = blockView.getUint32(52, true);
  let m14 = blockView.getUint32(56, true);
  let m15 = blockView.getUint32(60, true);
  for (let round = 0; round < 7; round++) {
    v0 = (v0 + v4 + m0) | 0;
    v12 = rotr(v12 ^ v0, 16);
    v8 = (v8 + v12) | 0;
    v4 = rotr(v4 ^ v8, 12);
    v0 = (v0 + v4 + m1) | 0;
    v12 = rotr(v12 ^ v0, 8);
    v8 = (v8 + v12) | 0;
    v4 = rotr(v4 ^ v8, 7);
    v1 = (v1 + v5 + m2) | 0;
    v13 = rotr(v13 ^ v1, 16);
    v9 = (v9 + v13) | 0;
    v5 = rotr(v5 ^ v9, 12);
    v1 = (v1 + v5 + m3) | 0;
    v13 = rotr(v13 ^ v1, 8);
    v9 = (v9 + v13) | 0;
    v5 = rotr(v5 ^ v9, 7);
    v2 = (v2 + v6 + m4) | 0;
    v14 = rotr(v14 ^ v2, 16);
    v10 = (v10 + v14) | 0;
    v6 = rotr(v6 ^ v10, 12);
    v2 = (v2 + v6 + m5) | 0;
    v14 = rotr(v14 ^ v2, 8);
    v10 = (v10 + v14) | 0;
    v6 = rotr(v6 ^ v10, 7);
    v3 = (v3 + v7 + m6) | 0;
    v15 = rotr(v15 ^ v3, 16);
    v11 = (v11 + v15) | 0;
    v7 = rotr(v7 ^ v11, 12);
    v3 = (v3 + v7 + m7) | 0;
    v15 = rotr(v15 ^ v3, 8);
    v11 = (v11 + v15) | 0;
    v7 = rotr(v7 ^ v11, 7);
    v0 = (v0 + v5 + m8) | 0;
    v15 = rotr(v15 ^ v0, 16);
    v10 = (v10 + v15) | 0;
    v5 = rotr(v5 ^ v10, 12);
    v0 = (v0 + v5 + m9) | 0;
    v15 = rotr(v15 ^ v0, 8);
    v10 = (v10 + v15) | 0;
    v5 = rotr(v5 ^ v10, 7);
    v1 = (v1 + v6 + m10) | 0;
    v12 = rotr(v12 ^ v1, 16);
    v11 = (v11 + v12) | 0;
    v6 = rotr(v6 ^ v11, 12);
    v1 = (v1 + v6 + m11) | 0;
    v12 = rotr(v12 ^ v1, 8);
    v11 = (v11 + v12) | 0;
    v6 = rotr(v6 ^ v11, 7);
    v2 = (v2 + v7 + m12) | 0;
    v13 = rotr(v13 ^ v2, 16);
    v8 = (v8 + v13) | 0;
    v7 = rotr(v7 ^ v8, 12);
    v2 = (v2 + v7 + m13) | 0;
    v13 = rotr(v13 ^ v2, 8);
    v8 = (v8 + v13) | 0;
    v7 = rotr(v7 ^ v8, 7);
    v3 = (v3 + v4 + m14) | 0;
    v14 = rotr(v14 ^ v3, 16);
    v9 = (v9 + v14) | 0;
    v4 = rotr(v4 ^ v9, 12);
    v3 = (v3 + v4 + m15) | 0;
    v14 = rotr(v14 ^ v3, 8);
    v9 = (v9 + v14) | 0;
    v4 = rotr(v4 ^ v9, 7);
    // The spec's permutation of the message words between rounds: m'[i] = m[PERMUTATION[i]].
    const t0 = m0,
      t1 = m1,
      t2 = m2,
      t3 = m3,
      t4 = m4,
      t5 = m5,
      t6 = m6,
      t7 = m7;
    const t8 = m8,
      t9 = m9,
      t10 = m10,
      t11 = m11,
      t12 = m12,
      t13 = m13,
      t14 = m14,
      t15 = m15;
    m0 = t2;
    m1 = t6;
    m2 = t3;
    m3 = t10;
    m4 = t7;
    m5 = t0;
    m6 = t4;
    m7 = t13;
    m8 = t1;
    m9 = t11;
    m10 = t12;
    m11 = t5;
    m12 = t9;
    m13 = t14;
    m14 = t15;
    m15 = t8;
  }
  h[0] = v0 ^ v8;
  h[1] = v1 ^ v9;
  h[2] = v2 ^ v10;
  h[3] = v3 ^ v11;
  h[4] = v4 ^ v12;
  h[5] = v5 ^ v13;
  h[6] = v6 ^ v14;
  h[7] = v7 ^ v15;
}

/** BLAKE3-256 of `data` (at most 1,024 bytes: one chunk, which is then the root), keyed when `key` is given. */
export function blake3(data: Uint8Array, key?: Uint8Array): Uint8Array {
  if (data.length > BLAKE3_CHUNK_BYTES) {
    throw new RangeError(`blake3 here hashes one chunk (≤ ${BLAKE3_CHUNK_BYTES} bytes), got ${data.length}`);
  }
  if (key !== undefined && key.length !== 32) throw new RangeError(`a blake3 key is 32 bytes, got ${key.length}`);
  const h = key === undefined ? IV.slice() : keyWords(key);
  const mode = key === undefined ? 0 : KEYED_HASH;
  const blocks = Math.max(1, Math.ceil(data.length / 64));
  for (let k = 0; k < blocks; k++) {
    const start = k * 64;
    const length = Math.min(64, data.length - start);
    block.fill(0);
    block.set(data.subarray(start, start + length));
    const flags = mode | (k === 0 ? CHUNK_START : 0) | (k === blocks - 1 ? CHUNK_END | ROOT : 0);
    compress(h, length, flags);
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(4 * i, h[i] as number, true);
  return out;
}
