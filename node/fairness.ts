/**
 * Keeps a flood of requests from starving the block author. A burst read from a socket would otherwise run
 * its handlers back to back in one turn of the event loop (each submission validates a signature, about a
 * millisecond), delaying the authoring timer by seconds. Here handlers run from a FIFO queue in slices of
 * SLICE_MS; between slices the event loop turns, so timers (block production) and I/O get their share.
 */
const SLICE_MS = 10;

const queue: Array<() => void> = [];
let head = 0;
let draining = false;

function drain(): void {
  const start = performance.now();
  while (head < queue.length && performance.now() - start < SLICE_MS) {
    const task = queue[head]!;
    queue[head++] = undefined as never;
    task();
  }
  if (head < queue.length) {
    setImmediate(drain);
  } else {
    queue.length = 0;
    head = 0;
    draining = false;
  }
}

/** Runs `task` in its turn (arrival order); resolves or rejects with its result. */
export function inTurn<T>(task: () => T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push(() => {
      try {
        resolve(task());
      } catch (error) {
        reject(error);
      }
    });
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  });
}
