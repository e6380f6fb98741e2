/**
 * bench/training-proof: one example's proof overhead alone (proof on vs off, alternated in one process, with the host
 * probe), also for profiling (`node --cpu-prof dist/bench/training-proof.js`) without the full bench/training run.
 *
 *   node dist/bench/training-proof.js [rounds] [steps] [on|off|both] [mlp|cnn]
 *
 * Defaults: 9 rounds of 1,250-step windows (the example task's length).
 *
 * With `on` or `off`, trains only that way (rounds × steps), for a CPU profile of one side. Default: both, mlp.
 */
import { fileURLToPath } from 'node:url';
import { readTaskSpecFile } from '../offchain/engine/index.js';
import { loadWasmCore } from '../offchain/engine/kernels/native/index.js';
import {
  openExampleSessions,
  printProofOverhead,
  proofMachineLine,
  proofOverhead,
  trainTiming,
} from './training-repro.js';
import { formatTiming } from './training-timing.js';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 9);
  const steps = Number(process.argv[3] ?? 1250);
  const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
  const model = process.argv[5] === 'cnn' ? 'CNN' : 'MLP';
  const spec = await readTaskSpecFile(example(model === 'CNN' ? 'mnist-cnn.json' : 'mnist-mlp.json'));
  const sessions = await openExampleSessions({ mlp: spec, cnn: spec });
  try {
    const only = process.argv[4];
    if (only === 'on' || only === 'off') {
      console.log(
        formatTiming(
          `${model}, proof ${only}`,
          await trainTiming(sessions.mlp, loadWasmCore(), steps, rounds, only === 'on'),
        ),
      );
      return;
    }
    console.log(proofMachineLine());
    printProofOverhead(model, await proofOverhead(sessions.mlp, steps, rounds));
  } finally {
    sessions.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
