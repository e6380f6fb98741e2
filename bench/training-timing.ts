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
