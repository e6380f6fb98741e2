/** Worker thread: artifact ids of the shared byte arrays it is sent (off-thread-hash.ts). */
import { parentPort } from 'node:worker_threads';
import { hashHex, hashingReady } from '../hash.js';
import type { HashAnswer, HashRequest } from './off-thread-hash.js';

await hashingReady();
parentPort?.postMessage('ready');
parentPort?.on('message', ({ seq, bytes }: HashRequest) => {
  const answer: HashAnswer = { seq, id: hashHex(bytes) };
  parentPort?.postMessage(answer);
});
