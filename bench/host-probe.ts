/**
 * A probe of the host, for reading the proof overhead: a worker thread that, while switched on, runs a plain integer
 * loop (no memory traffic) on the machine's other vCPU. How much that alone slows training, measured in the same run,
 * says how much *any* work beside training costs on this host at this moment (on the 2-vCPU hosts measured here it
 * moved between 0 and 8 % from one minute to the next; see the notes of issue 3).
 */
import { Worker } from 'node:worker_threads';

const LOOP = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData);
let x = 1;
for (;;) {
  const mode = Atomics.load(flag, 0);
  if (mode === 2) break;
  if (mode === 0) { Atomics.wait(flag, 0, 0); continue; }
  for (let i = 0; i < 100000; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0;
}
`;

export interface HostProbe {
  busy(on: boolean): void;
  stop(): Promise<void>;
}

export function startHostProbe(): HostProbe {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(LOOP, { eval: true, workerData: flag.buffer });
  const set = (mode: number) => {
    Atomics.store(flag, 0, mode);
    Atomics.notify(flag, 0);
  };
  return {
    busy: (on) => set(on ? 1 : 0),
    stop: async () => {
      set(2);
      await worker.terminate();
    },
  };
}
