// Merkle roots of tensors, as offchain/referee/merkle.ts defines them: 256-element (1 KiB) chunks, leaf =
// BLAKE3(chunk), node = BLAKE3 keyed with the tensor-node key (left ‖ right), a level's odd last node promoted
// unchanged; an empty tensor is one empty chunk. One call per tensor: the whole tree is hashed inside the module,
// four leaves or four nodes at a time (blake3.ts) wherever four are pending.
import { blake3Blocks4, blake3Chunk } from './blake3';

const CHUNK_BYTES: i32 = 1024;
/** Scratch layout: a block area (the last, zero-padded block of a short chunk), then one hash per chunk. */
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

/** Caches full chunk i, whose leaf hash has just been written. */
@inline
function hashedFull(data: usize, hashes: usize, cache: usize, width: i32, i: i32): void {
  remember(cache, width, i, hashes + (<usize>i << 5), data + <usize>(i * CHUNK_BYTES), CHUNK_BYTES);
}

/** Hashes and caches full chunk i on its own (none when i < 0). */
function leftover(data: usize, hashes: usize, cache: usize, width: i32, i: i32, block: usize): void {
  if (i < 0) return;
  blake3Chunk(data + <usize>(i * CHUNK_BYTES), CHUNK_BYTES, hashes + (<usize>i << 5), block, false);
  hashedFull(data, hashes, cache, width, i);
}

/**
 * tensorRoot, reusing the leaf hash of every chunk whose bytes equal those cached for its position (a training step
 * leaves many chunks untouched: weights of inputs that are zero across a batch, such as MNIST's border pixels).
 * The cache (tensorRootCacheBytes, private to the caller) is keyed by content, so it is never stale; `primed` false
 * means it holds nothing yet, and every chunk is hashed and cached. cache = 0 hashes every chunk and caches nothing.
 */
export function tensorRootCached(data: usize, count: i32, out: usize, scratch: usize, cache: usize, primed: bool): void {
  const block = scratch;
  const hashes = scratch + BLOCKS;
  const bytes: i32 = count << 2;
  let width: i32 = chunkCount(count);
  // Full chunks to hash wait in `pending` until four are there, then are hashed together.
  let pending0: i32 = -1;
  let pending1: i32 = -1;
  let pending2: i32 = -1;
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
      blake3Chunk(chunk, length, leaf, block, false);
      remember(cache, width, i, leaf, chunk, length);
    } else if (pending0 < 0) {
      pending0 = i;
    } else if (pending1 < 0) {
      pending1 = i;
    } else if (pending2 < 0) {
      pending2 = i;
    } else {
      blake3Blocks4(
        data + <usize>(pending0 * CHUNK_BYTES),
        data + <usize>(pending1 * CHUNK_BYTES),
        data + <usize>(pending2 * CHUNK_BYTES),
        chunk,
        16,
        false,
        hashes + (<usize>pending0 << 5),
        hashes + (<usize>pending1 << 5),
        hashes + (<usize>pending2 << 5),
        leaf,
      );
      hashedFull(data, hashes, cache, width, pending0);
      hashedFull(data, hashes, cache, width, pending1);
      hashedFull(data, hashes, cache, width, pending2);
      hashedFull(data, hashes, cache, width, i);
      pending0 = pending1 = pending2 = -1;
    }
  }
  // At most three full chunks left: one at a time.
  leftover(data, hashes, cache, width, pending0, block);
  leftover(data, hashes, cache, width, pending1, block);
  leftover(data, hashes, cache, width, pending2, block);
  // Each level in place: node i reads hashes 2i and 2i+1 (64 contiguous bytes) and writes hash i; four nodes are
  // read before any of them is written, and a write lands only on inputs of nodes already hashed.
  while (width > 1) {
    const half = width >> 1;
    let i: i32 = 0;
    for (; i + 4 <= half; i += 4) {
      const left = hashes + (<usize>i << 6);
      const out = hashes + (<usize>i << 5);
      blake3Blocks4(left, left + 64, left + 128, left + 192, 1, true, out, out + 32, out + 64, out + 96);
    }
    for (; i < half; i++) blake3Chunk(hashes + (<usize>i << 6), 64, hashes + (<usize>i << 5), block, true);
    if (width & 1) memory.copy(hashes + (<usize>half << 5), hashes + (<usize>(width - 1) << 5), 32);
    width = half + (width & 1);
  }
  memory.copy(out, hashes, 32);
}
