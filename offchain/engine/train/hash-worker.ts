/** Worker thread: blake2-256 of each state it receives (see background-hasher.ts). */
import { parentPort } from 'node:worker_threads';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';

await cryptoWaitReady();
parentPort?.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  const hash = blake2AsU8a(bytes, 256);
  parentPort?.postMessage({ id, hash }, [hash.buffer as ArrayBuffer]);
});
