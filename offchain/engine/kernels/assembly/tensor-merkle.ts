// Merkle roots of tensors, as offchain/referee/merkle.ts defines them: 256-element (1 KiB) chunks, leaf =
// H(0x00 ‖ chunk), node = H(0x01 ‖ left ‖ right), a level's odd last node promoted unchanged; an empty tensor is one
// empty chunk. One call per tensor: the whole tree is hashed inside the module, two equal-length inputs at a time
// (blake2x2.ts) wherever two are pending.
import { blake2b256 } from './blake2';
import { blake2b256x2 } from './blake2x2';

const CHUNK_BYTES: i32 = 1024;
const LEAF: i32 = 0;
const NODE: i32 = 1;
/** Scratch layout: two 128-byte block areas, then one hash per chunk. */
const BLOCKS: usize = 256;

function chunkCount(count: i32): i32 {
  return max(1, (count * 4 + CHUNK_BYTES - 1) / CHUNK_BYTES);
}

/** Scratch bytes tensorRoot needs for a tensor of `count` floats. */
export function tensorRootScratch(count: i32): i32 {
  return <i32>BLOCKS + (chunkCount(count) << 5);
}

/** Bytes of tensorRootCached's cache for a tensor of `count` floats: per chunk, its leaf hash and its bytes. */
export function tensorRootCacheBytes(count: i32): i32 {
  return chunkCount(count) * (32 + CHUNK_BYTES);
}

/** The root over `count` float32 values at `data`, into 32 bytes at `out`; `scratch` is private to the caller. */
export function tensorRoot(data: usize, count: i32, out: usize, scratch: usize): void {
  tensorRootCached(data, count, out, scratch, 0, false);
}

/** Whether `bytes` bytes at a and b are equal (16 at a time, then the rest). */
function sameBytes(a: usize, b: usize, bytes: i32): bool {
  let i: i32 = 0;
  for (; i + 16 <= bytes; i += 16) {
    if (v128.any_true(v128.xor(v128.load(a + <usize>i), v128.load(b + <usize>i)))) return false;
  }
  for (; i < bytes; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) return false;
  return true;
}

/** Stores a freshly hashed leaf and its chunk in the cache (when there is one). */
@inline
function remember(cache: usize, width: i32, i: i32, leaf: usize, chunk: usize, length: i32): void {
  if (cache == 0) return;
  memory.copy(cache + (<usize>i << 5), leaf, 32);
  memory.copy(cache + (<usize>width << 5) + <usize>(i * CHUNK_BYTES), chunk, <usize>length);
}

/**
 * tensorRoot, reusing the leaf hash of every chunk whose bytes equal those cached for its position (a training step
 * leaves many chunks untouched: weights of inputs that are zero across a batch, such as MNIST's border pixels).
 * The cache (tensorRootCacheBytes, private to the caller) is keyed by content, so it is never stale; `primed` false
 * means it holds nothing yet, and every chunk is hashed and cached. cache = 0 hashes every chunk and caches nothing.
 */
export function tensorRootCached(data: usize, count: i32, out: usize, scratch: usize, cache: usize, primed: bool): void {
  const blockA = scratch;
  const blockB = scratch + 128;
  const hashes = scratch + BLOCKS;
  const bytes: i32 = count << 2;
  let width: i32 = chunkCount(count);
  // Full chunks to hash wait in `pending` until a second one comes, then both are hashed together.
  let pending: i32 = -1;
  for (let i: i32 = 0; i < width; i++) {
    const offset: i32 = i * CHUNK_BYTES;
    const chunk = data + <usize>offset;
    const length = min(CHUNK_BYTES, bytes - offset);
    const leaf = hashes + (<usize>i << 5);
    if (cache != 0 && primed) {
      const cachedChunk = cache + (<usize>width << 5) + <usize>offset;
      if (sameBytes(chunk, cachedChunk, length)) {
        memory.copy(leaf, cache + (<usize>i << 5), 32);
        continue;
      }
    }
    if (length < CHUNK_BYTES) {
      blake2b256(LEAF, chunk, length, leaf, blockA);
      remember(cache, width, i, leaf, chunk, length);
    } else if (pending < 0) {
      pending = i;
    } else {
      const first = data + <usize>(pending * CHUNK_BYTES);
      const firstLeaf = hashes + (<usize>pending << 5);
      blake2b256x2(LEAF, first, chunk, CHUNK_BYTES, firstLeaf, leaf, blockA, blockB);
      remember(cache, width, pending, firstLeaf, first, CHUNK_BYTES);
      remember(cache, width, i, leaf, chunk, CHUNK_BYTES);
      pending = -1;
    }
  }
  if (pending >= 0) {
    const first = data + <usize>(pending * CHUNK_BYTES);
    const firstLeaf = hashes + (<usize>pending << 5);
    blake2b256(LEAF, first, CHUNK_BYTES, firstLeaf, blockA);
    remember(cache, width, pending, firstLeaf, first, CHUNK_BYTES);
  }
  // Each level in place: node i reads hashes 2i and 2i+1, copied into a block area before anything is written.
  while (width > 1) {
    const half = width >> 1;
    let i: i32 = 0;
    for (; i + 2 <= half; i += 2) {
      const left = hashes + (<usize>i << 6);
      blake2b256x2(NODE, left, left + 64, 64, hashes + (<usize>i << 5), hashes + (<usize>(i + 1) << 5), blockA, blockB);
    }
    if (i < half) blake2b256(NODE, hashes + (<usize>i << 6), 64, hashes + (<usize>i << 5), blockA);
    if (width & 1) memory.copy(hashes + (<usize>half << 5), hashes + (<usize>(width - 1) << 5), 32);
    width = half + (width & 1);
  }
  memory.copy(out, hashes, 32);
}
