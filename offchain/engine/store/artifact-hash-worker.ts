/** Worker thread: artifact ids of the buffers it is sent (off-thread-hash.ts), each buffer handed back with its id. */
import { parentPort } from 'node:worker_threads';
import { hashHex, hashingReady } from '../hash.js';
import type { HashAnswer, HashRequest } from './off-thread-hash.js';

await hashingReady();
parentPort?.postMessage('ready');
parentPort?.on('message', ({ seq, buffer }: HashRequest) => {
  const answer: HashAnswer = { seq, buffer, id: hashHex(new Uint8Array(buffer)) };
  parentPort?.postMessage(answer, [buffer]);
});
