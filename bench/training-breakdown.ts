/**
 * Where a `repro` training step spends its time, per kernel: tfjs's profiler times every kernel call (the cpu-style
 * `repro` backend measures wall time), and what remains of the step is the engine's own work outside kernels
 * (batches, tensor bookkeeping, and with proofs on, state encoding and hashing). Explains the end-to-end ratios.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadKernelSet, trainSession, useNumericCore, type TaskSession } from '../offchain/engine/index.js';
import type { NumericCore } from '../offchain/engine/kernels/native/index.js';

export interface StepBreakdown {
  msPerStep: number;
  /** Kernel name → ms per step, largest first. */
  kernels: Array<[string, number]>;
}

export async function stepBreakdown(
  session: TaskSession,
  core: NumericCore,
  steps: number,
  proof: boolean,
): Promise<StepBreakdown> {
  await loadKernelSet('repro');
  useNumericCore(core);
  await trainSession(session, { steps: 3, proof, evaluate: false });
  let seconds = 0;
  const info = await tf.profile(async () => {
    seconds = (await trainSession(session, { steps, proof, evaluate: false })).seconds;
    return [];
  });
  const totals = new Map<string, number>();
  for (const kernel of info.kernels) {
    const ms = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    totals.set(kernel.name, (totals.get(kernel.name) ?? 0) + ms / steps);
  }
  return { msPerStep: (seconds * 1000) / steps, kernels: [...totals].sort((a, b) => b[1] - a[1]) };
}

export function printBreakdown(label: string, b: StepBreakdown, top = 8): void {
  const inKernels = b.kernels.reduce((sum, [, ms]) => sum + ms, 0);
  const share = (ms: number): string => `${((100 * ms) / b.msPerStep).toFixed(0).padStart(3)} %`;
  console.log(`${label}: ${b.msPerStep.toFixed(2)} ms/step (under the profiler), of which`);
  for (const [name, ms] of b.kernels.slice(0, top))
    console.log(`  ${name.padEnd(24)} ${ms.toFixed(3).padStart(8)} ms  ${share(ms)}`);
  const rest = b.kernels.slice(top).reduce((sum, [, ms]) => sum + ms, 0);
  if (rest > 0) console.log(`  ${'other kernels'.padEnd(24)} ${rest.toFixed(3).padStart(8)} ms  ${share(rest)}`);
  const outside = b.msPerStep - inKernels;
  console.log(`  ${'outside kernels'.padEnd(24)} ${outside.toFixed(3).padStart(8)} ms  ${share(outside)}`);
}
