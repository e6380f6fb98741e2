/** Worker thread: hashes the state slots of each ring it receives (see hash-ring.ts and background-hasher.ts). */
import { parentPort } from 'node:worker_threads';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { serveRing, type HashRingMemory } from './hash-ring.js';

await cryptoWaitReady();
parentPort?.on('message', (ring: HashRingMemory) => serveRing(ring, (bytes) => blake2AsU8a(bytes, 256)));
