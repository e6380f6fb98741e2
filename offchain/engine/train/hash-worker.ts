/** Worker thread: commits the state slots of each ring it receives (see hash-ring.ts and background-hasher.ts). */
import { parentPort } from 'node:worker_threads';
import { serveRing, type HashRingMemory, type RingReuse } from './hash-ring.js';
import { WORKER_THREAD } from './ring-plan.js';

parentPort?.on('message', (run: HashRingMemory | RingReuse) => serveRing(run, WORKER_THREAD));
