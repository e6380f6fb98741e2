/**
 * The head-to-head section of bench/training: the example tasks trained with the `repro` kernels and with plain
 * tfjs (cpu, wasm-SIMD), alternated round by round so that every contender sees the same machine load, the best
 * window of each kept. Prints steps/s and the ratios the issue sets targets for.
 */
import type { TaskSession } from '../offchain/engine/index.js';
import { jsCore, loadWasmCore } from '../offchain/engine/kernels/native/index.js';
import { trainTiming } from './training-repro.js';
import { disposeVariables, tfjsTrainer, useBackend, type ModelKind } from './training-tfjs.js';
import { formatTiming, ratio, timeSteps, type StepFunction, type StepTiming } from './training-timing.js';

/** The plain-tfjs figures that later sections compare against. */
export interface Baselines {
  mlpWasm: StepTiming;
  mlpCpu: StepTiming;
  cnnCpu: StepTiming;
}

type Contender = 'mlpWasm' | 'mlpCpu' | 'cnnCpu' | 'mlpRepro' | 'mlpReproJs' | 'cnnRepro';

const better = (a: StepTiming | undefined, b: StepTiming): StepTiming =>
  a === undefined || b.msPerStep < a.msPerStep ? b : a;

async function trainer(backend: 'cpu' | 'wasm', kind: ModelKind, session: TaskSession): Promise<StepFunction> {
  await useBackend(backend);
  return tfjsTrainer(kind, (step) => session.batches.batch(step));
}

/** tfjs wasm has no Conv2DBackpropFilter: the attempt is reported, not timed. */
async function cnnOnTfjsWasm(session: TaskSession): Promise<string> {
  try {
    timeSteps(await trainer('wasm', 'cnn', session), 1, 1, 0);
    return 'trains (unexpected)';
  } catch (error) {
    return `cannot train: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
}

export async function benchHeadToHead(
  sessions: { mlp: TaskSession; cnn: TaskSession },
  quick: boolean,
): Promise<Baselines> {
  console.log('\n## Training speed, head to head (examples/mnist-*.json models, same batches, batch 32)');
  console.log('plain tfjs = the same models with tfjs ops, autodiff and optimizers; repro = the engine, as it runs');
  console.log('(wasm core: wasm SIMD matmul/conv and light kernels; jsCore: every kernel in plain JS, same bits)\n');
  const tfjs = {
    mlpWasm: await trainer('wasm', 'mlp', sessions.mlp),
    mlpCpu: await trainer('cpu', 'mlp', sessions.mlp),
    cnnCpu: await trainer('cpu', 'cnn', sessions.cnn),
  };
  const best: Partial<Record<Contender, StepTiming>> = {};
  const keep = (who: Contender, t: StepTiming): void => {
    best[who] = better(best[who], t);
  };
  for (let round = 0; round < (quick ? 2 : 4); round++) {
    await useBackend('wasm');
    keep('mlpWasm', timeSteps(tfjs.mlpWasm, quick ? 15 : 30, 1, round === 0 ? 3 : 1));
    keep('mlpRepro', await trainTiming(sessions.mlp, loadWasmCore(), quick ? 25 : 50, 1, false));
    await useBackend('cpu');
    keep('mlpCpu', timeSteps(tfjs.mlpCpu, quick ? 5 : 10, 1, 1));
    keep('cnnCpu', timeSteps(tfjs.cnnCpu, 1, 1, round === 0 ? 1 : 0)); // seconds per step
    keep('cnnRepro', await trainTiming(sessions.cnn, loadWasmCore(), quick ? 8 : 15, 1, false));
    if (round < 2) keep('mlpReproJs', await trainTiming(sessions.mlp, jsCore, 5, 1, false));
  }
  const cnnWasm = await cnnOnTfjsWasm(sessions.cnn);
  disposeVariables();
  const t = best as Record<Contender, StepTiming>;
  console.log(formatTiming('MLP, tfjs wasm-SIMD', t.mlpWasm));
  console.log(formatTiming('MLP, tfjs cpu', t.mlpCpu));
  console.log(formatTiming('MLP, repro (wasm core)', t.mlpRepro));
  console.log(formatTiming('MLP, repro (jsCore)', t.mlpReproJs));
  console.log(formatTiming('CNN, tfjs cpu', t.cnnCpu));
  console.log(`${'CNN, tfjs wasm-SIMD'.padEnd(34)} ${cnnWasm}`);
  console.log(formatTiming('CNN, repro (wasm core)', t.cnnRepro));
  console.log('\n## Ratios (target in brackets)');
  console.log(`MLP repro time / tfjs wasm-SIMD time   ${ratio(t.mlpRepro.msPerStep / t.mlpWasm.msPerStep)}  [≤ 1.5×]`);
  console.log(`MLP repro time / tfjs cpu time         ${ratio(t.mlpRepro.msPerStep / t.mlpCpu.msPerStep)}`);
  console.log(`MLP repro jsCore time / wasm-core time ${ratio(t.mlpReproJs.msPerStep / t.mlpRepro.msPerStep)}`);
  console.log(`CNN repro speed-up over tfjs cpu       ${ratio(t.cnnCpu.msPerStep / t.cnnRepro.msPerStep)}  [≥ 10×]`);
  return { mlpWasm: t.mlpWasm, mlpCpu: t.mlpCpu, cnnCpu: t.cnnCpu };
}
