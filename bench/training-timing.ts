import { readFileSync } from 'node:fs';

/**
 * Timing helpers of bench/training. The machine may be shared with other work, so every figure is the best of
 * several timed windows (the least disturbed one), and ratios compare figures taken the same way in the same run.
 */

/** Best wall time of one call in ms over repeated runs, within about budgetMs (at least 3 timed runs). */
export function bestTimeMs(run: () => void, budgetMs: number, maxRuns = 2000): number {
  run();
  let best = Infinity;
  const until = performance.now() + budgetMs;
  for (let i = 0; i < maxRuns && (i < 3 || performance.now() < until); i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export interface StepTiming {
  /** Best mean time of one step over the timed windows, ms. */
  msPerStep: number;
  stepsPerSecond: number;
  /** The main thread's CPU time per step over all windows, where measurable (mainThreadCpuMs). */
  cpuMsPerStep?: number;
}

/** One training step per call; the argument is the step number. */
export type StepFunction = (step: number) => void;

/** Runs `warmup` steps, then `windows` windows of `steps` steps each; the best window's mean time per step. */
export function timeSteps(step: StepFunction, steps: number, windows: number, warmup = 3): StepTiming {
  let next = 0;
  for (let i = 0; i < warmup; i++) step(next++);
  let best = Infinity;
  for (let w = 0; w < windows; w++) {
    const start = performance.now();
    for (let i = 0; i < steps; i++) step(next++);
    best = Math.min(best, (performance.now() - start) / steps);
  }
  return { msPerStep: best, stepsPerSecond: 1000 / best };
}

export const formatTiming = (label: string, t: StepTiming, note = ''): string =>
  `${label.padEnd(34)} ${t.msPerStep.toFixed(2).padStart(8)} ms/step  ${t.stepsPerSecond.toFixed(1).padStart(7)} steps/s${note}`;

export const ratio = (value: number): string => `${value.toFixed(2)}×`;

/**
 * CPU time this process's main thread has run, ms (Linux: /proc/self/task/<pid>/schedstat, nanoseconds on CPU), or
 * undefined elsewhere. Unlike wall time it does not count time the thread waited for a core, so on a machine shared
 * with other work it still shows what the thread itself spent.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(/\s+/);
    const ns = Number(fields[0]);
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    return undefined;
  }
}
