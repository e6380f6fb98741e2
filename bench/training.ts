/**
 * bench/training: training speed of the `repro` kernels against plain tfjs (cpu and wasm-SIMD) on the same models
 * and batches in one run, the proof overhead, replay time, and the raw kernels behind them. A benchmark, not a test:
 * it prints figures and ratios (against baselines measured in this run), no pass/fail.
 *
 *   npm run build && node dist/bench/training.js [--quick]
 *
 * Targets (issue 3): MLP repro time ≤ 1.5× tfjs wasm-SIMD time; proof overhead ≤ 5 %; CNN repro ≥ 10× tfjs cpu.
 * The machine may be shared: every figure is the best of several timed windows.
 */
import { fileURLToPath } from 'node:url';
import { readTaskSpecFile, type TaskSession } from '../offchain/engine/index.js';
import { benchKernels } from './training-kernels.js';
import { benchRepro, openExampleSessions } from './training-repro.js';
import { disposeVariables, tfjsTrainer, useBackend, type ModelKind } from './training-tfjs.js';
import { formatTiming, timeSteps, type StepTiming } from './training-timing.js';
import { benchWhatIf } from './training-whatif.js';

export interface BenchOptions {
  quick: boolean;
}

export interface Baselines {
  mlpWasm: StepTiming;
  mlpCpu: StepTiming;
  cnnCpu: StepTiming;
}

async function tfjsTiming(
  backend: 'cpu' | 'wasm',
  kind: ModelKind,
  session: TaskSession,
  quick: boolean,
): Promise<StepTiming | Error> {
  await useBackend(backend);
  try {
    // The CNN on tfjs cpu takes seconds per step: few steps there; the MLP gets many short windows.
    const [steps, windows] =
      kind === 'mlp' ? (quick ? [20, 3] : [30, 6]) : backend === 'cpu' ? [1, quick ? 2 : 3] : [5, 2];
    return timeSteps(
      tfjsTrainer(kind, (step) => session.batches.batch(step)),
      steps,
      windows,
      kind === 'cnn' ? 1 : 3,
    );
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    disposeVariables();
  }
}

async function benchBaselines(sessions: { mlp: TaskSession; cnn: TaskSession }, quick: boolean): Promise<Baselines> {
  console.log('\n## Plain tfjs baselines (the example models with tfjs ops, autodiff and optimizers; batch 32)');
  const mlpWasm = await tfjsTiming('wasm', 'mlp', sessions.mlp, quick);
  const mlpCpu = await tfjsTiming('cpu', 'mlp', sessions.mlp, quick);
  const cnnCpu = await tfjsTiming('cpu', 'cnn', sessions.cnn, quick);
  const cnnWasm = await tfjsTiming('wasm', 'cnn', sessions.cnn, quick);
  const rows = [
    ['MLP 784-128-10, tfjs wasm-SIMD', mlpWasm],
    ['MLP 784-128-10, tfjs cpu', mlpCpu],
    ['CNN, tfjs cpu', cnnCpu],
    ['CNN, tfjs wasm-SIMD', cnnWasm],
  ] as const;
  for (const [label, timing] of rows) {
    console.log(
      timing instanceof Error
        ? `${label.padEnd(34)} cannot train: ${timing.message.split('\n')[0]}`
        : formatTiming(label, timing),
    );
  }
  if (mlpWasm instanceof Error) throw mlpWasm;
  if (mlpCpu instanceof Error) throw mlpCpu;
  if (cnnCpu instanceof Error) throw cnnCpu;
  return { mlpWasm, mlpCpu, cnnCpu };
}

async function main(): Promise<void> {
  const options: BenchOptions = { quick: process.argv.includes('--quick') };
  console.log(
    `# bench/training${options.quick ? ' (quick)' : ''}: node ${process.version}, ${new Date().toISOString()}`,
  );
  const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
  const sessions = await openExampleSessions({
    mlp: await readTaskSpecFile(example('mnist-mlp.json')),
    cnn: await readTaskSpecFile(example('mnist-cnn.json')),
  });
  try {
    const baselines = await benchBaselines(sessions, options.quick);
    await benchRepro(baselines, sessions, options);
    await benchWhatIf(baselines, sessions, options.quick);
    await benchKernels(options.quick ? 150 : 600);
  } finally {
    sessions.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
