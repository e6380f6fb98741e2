// Entry point of dist/wasm/hashing.wasm: BLAKE2b-256, BLAKE3 of one chunk and tensor Merkle roots over an imported
// shared memory (the state-hashing ring), so that the hashing worker and the training thread hash a state where it
// lies.
export { blake2b256 } from './blake2';
export { blake3Chunk } from './blake3';
export { tensorRoot, tensorRootCached, tensorRootCacheBytes, tensorRootScratch } from './tensor-merkle';
