/**
 * The `repro` sections of bench/training: the proof overhead (checkpoints and per-step hashes on vs off), where a
 * step's time goes, and replay time per segment; plus the timing helper and sessions the other sections share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FsArtifactStore,
  loadKernelSet,
  openSession,
  replaySegment,
  trainSession,
  useNumericCore,
  type TaskSession,
  type TrainProgress,
} from '../offchain/engine/index.js';
import { loadWasmCore, type NumericCore } from '../offchain/engine/kernels/native/index.js';
import { hasherStats, hashingWorkerInBurst } from '../offchain/engine/train/background-hasher.js';
import { printBreakdown, stepBreakdown } from './training-breakdown.js';
import { startHostProbe } from './host-probe.js';
import { formatTiming, mainThreadCpuMs, type StepTiming } from './training-timing.js';
import type { BenchOptions } from './training.js';

/**
 * Best time per step over `windows` runs of `steps` steps, proof recording on or off, on the given core. Many short
 * windows rather than a few long ones: on a shared machine the best short window is the least disturbed.
 */
export async function trainTiming(
  session: TaskSession,
  core: NumericCore,
  steps: number,
  windows: number,
  proof: boolean,
  onProgress?: (progress: TrainProgress) => void,
): Promise<StepTiming> {
  await loadKernelSet('repro');
  useNumericCore(core);
  await trainSession(session, { steps: Math.min(steps, 5), proof, evaluate: false }); // warm-up (JIT, wasm tier-up)
  let best = Infinity;
  const cpuBefore = mainThreadCpuMs();
  for (let w = 0; w < windows; w++) {
    const result = await trainSession(session, { steps, proof, evaluate: false, onProgress });
    best = Math.min(best, (result.seconds * 1000) / steps);
  }
  const cpuAfter = mainThreadCpuMs();
  const cpuMsPerStep =
    cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / (steps * windows);
  return { msPerStep: best, stepsPerSecond: 1000 / best, cpuMsPerStep };
}

/**
 * Proof on and off in alternating windows (same machine load for both), and a third window per round: proof off with
 * the host probe busy on the other vCPU. The overhead is the median over rounds of on/off − 1, each round comparing
 * windows a second apart: on the shared hosts measured here the step time itself drifts by ±20 % within minutes, far
 * more than the effect. Also what the proof cost the training thread itself and the hashing worker.
 */
export interface ProofOverhead {
  plain: StepTiming;
  proved: StepTiming;
  /** Per round: proof on / proof off − 1, in %. */
  overheads: number[];
  /** Per round: proof off with the host probe busy / proof off − 1, in %. */
  probes: number[];
  /** Proof work on the training thread per state: copies not done in place, commitments done here, waiting. */
  mainMsPerState: number;
  /** Of mainMsPerState: waiting for the worker to finish a slot it had claimed (mostly the run's last states). */
  waitedMsPerState: number;
  /** The worker's time per state it committed (beside training). */
  workerMsPerState: number;
  hashedHere: number;
  inPlace: number;
  pushes: number;
  /** The training thread's CPU time per step, proof off and on (mean over the rounds; NaN where unmeasurable). */
  cpuMsPerStep: { plain: number; proved: number };
  /** Proof-on steps split by what the hashing worker did meanwhile, against proof off's mean step. */
  split: WorkerSplit;
}

/** Step times of proof-on windows by the hashing worker's state at the step's start and end (BURST word). */
export interface WorkerSplit {
  offMsPerStep: number;
  sleeping: StepClass;
  committing: StepClass;
  /** The worker woke up or went to sleep during the step. */
  changing: StepClass;
}
interface StepClass {
  ms: number;
  steps: number;
}

function emptySplit(): WorkerSplit {
  const none = (): StepClass => ({ ms: 0, steps: 0 });
  return { offMsPerStep: 0, sleeping: none(), committing: none(), changing: none() };
}

/**
 * An onProgress that files each step's wall time under what the hashing worker did meanwhile: steps beside a
 * sleeping worker carry the training thread's own proof work, steps beside a committing one also the host's price
 * for a busy second vCPU (the host probe's effect), in the same windows.
 */
function workerSplitter(split: WorkerSplit): (progress: TrainProgress) => void {
  let last = performance.now();
  let before = hashingWorkerInBurst();
  return (progress) => {
    const now = performance.now();
    const after = hashingWorkerInBurst();
    // The first step of a window also holds the run's start-up: left out.
    if (progress.step > 1) {
      const into = before !== after ? split.changing : after ? split.committing : split.sleeping;
      into.ms += now - last;
      into.steps++;
    }
    last = now;
    before = after;
  };
}

export async function proofOverhead(session: TaskSession, steps: number, rounds: number): Promise<ProofOverhead> {
  let plain: StepTiming | undefined;
  let proved: StepTiming | undefined;
  const better = (a: StepTiming | undefined, b: StepTiming): StepTiming =>
    a === undefined || b.msPerStep < a.msPerStep ? b : a;
  const overheads: number[] = [];
  const probes: number[] = [];
  const cpu = { plain: 0, proved: 0 };
  const split = emptySplit();
  // Every window runs the same per-step callback (its cost on both sides); proof off's steps, timed by it the same
  // way as proof on's, are the split's reference.
  const offSteps = emptySplit();
  const probeSteps = emptySplit();
  const probe = startHostProbe();
  const before = hasherStats();
  try {
    for (let r = 0; r < rounds; r++) {
      // Alternate the order too, so that neither side always follows the other.
      const first = r % 2 === 0;
      const timeOff = () => trainTiming(session, loadWasmCore(), steps, 1, false, workerSplitter(offSteps));
      const off = first ? await timeOff() : undefined;
      const on = await trainTiming(session, loadWasmCore(), steps, 1, true, workerSplitter(split));
      const offAfter = off ?? (await timeOff());
      probe.busy(true);
      const loaded = await trainTiming(session, loadWasmCore(), steps, 1, false, workerSplitter(probeSteps));
      probe.busy(false);
      plain = better(plain, offAfter);
      proved = better(proved, on);
      overheads.push((on.msPerStep / offAfter.msPerStep - 1) * 100);
      probes.push((loaded.msPerStep / offAfter.msPerStep - 1) * 100);
      cpu.plain += (offAfter.cpuMsPerStep ?? NaN) / rounds;
      cpu.proved += (on.cpuMsPerStep ?? NaN) / rounds;
    }
  } finally {
    await probe.stop();
  }
  const offClasses = [offSteps.sleeping, offSteps.committing, offSteps.changing];
  split.offMsPerStep =
    offClasses.reduce((ms, c) => ms + c.ms, 0) /
    Math.max(
      1,
      offClasses.reduce((n, c) => n + c.steps, 0),
    );
  const after = hasherStats();
  const pushes = after.pushes - before.pushes;
  return {
    plain: plain as StepTiming,
    proved: proved as StepTiming,
    overheads,
    probes,
    mainMsPerState: (after.mainThreadMs - before.mainThreadMs) / pushes,
    waitedMsPerState: (after.waitedMs - before.waitedMs) / pushes,
    workerMsPerState: (after.workerMs - before.workerMs) / Math.max(1, after.workerCommits - before.workerCommits),
    hashedHere: after.hashedHere - before.hashedHere,
    inPlace: after.inPlace - before.inPlace,
    pushes,
    cpuMsPerStep: cpu,
    split,
  };
}

/** The median and quartiles of a list, for "m % [q1, q3]". */
export function spread(values: readonly number[]): { median: number; q1: number; q3: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (f: number): number => {
    const i = (sorted.length - 1) * f;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

export function formatSpread(values: readonly number[]): string {
  const { median, q1, q3 } = spread(values);
  return `${median.toFixed(1)} % [quartiles ${q1.toFixed(1)}, ${q3.toFixed(1)}; ${values.length} rounds]`;
}

/**
 * The machine line of the proof overhead: training runs on one CPU and the hashing worker beside it on another, so
 * the figure depends on whether that other CPU is the worker's own (on the 2-vCPU hosts measured here it is not:
 * the host probe line shows what any work beside training costs there at the time).
 */
export function proofMachineLine(): string {
  const cpus = availableParallelism();
  const others = cpus < 3 ? 'the other, shared with the runtime’s helper threads' : 'another';
  return `machine: ${cpus} logical CPUs: training on one, the hashing worker on ${others}`;
}

/** The lines bench/training and bench/training-proof print for one model. */
export function printProofOverhead(kind: string, o: ProofOverhead): void {
  const ofStep = (ms: number): string => `${((100 * ms) / o.plain.msPerStep).toFixed(1)} % of a step`;
  console.log(formatTiming(`${kind}, proof off (best window)`, o.plain));
  console.log(formatTiming(`${kind}, proof on (best window)`, o.proved));
  console.log(`  proof overhead, median of paired windows: ${formatSpread(o.overheads)}  [≤ 5 %]`);
  console.log(
    `  host probe, same rounds: an integer loop on the other vCPU alone slows training ${formatSpread(o.probes)} ` +
      `(what any work beside training costs on this host now; the hashing worker is such work)`,
  );
  console.log(
    `  training thread: ${o.mainMsPerState.toFixed(3)} ms per state (${ofStep(o.mainMsPerState)}; of which ` +
      `${o.waitedMsPerState.toFixed(3)} ms waiting for the worker's last states at the end of a run): ` +
      `${o.inPlace} of ${o.pushes} states written in place by the update kernels, ${o.hashedHere} committed here; ` +
      `hashing worker: ${o.workerMsPerState.toFixed(3)} ms per state (${ofStep(o.workerMsPerState)}, beside training)`,
  );
  const { split } = o;
  const all = split.sleeping.steps + split.committing.steps + split.changing.steps;
  const part = (label: string, c: StepClass): string => {
    const ms = c.ms / Math.max(1, c.steps);
    const excess = (100 * (ms / split.offMsPerStep - 1)).toFixed(1);
    return `${label} ${ms.toFixed(3)} ms (${excess} %, ${((100 * c.steps) / Math.max(1, all)).toFixed(0)} % of steps)`;
  };
  console.log(
    `  proof-on steps by what the hashing worker did meanwhile, against proof off's ${split.offMsPerStep.toFixed(3)} ` +
      `ms/step in the same rounds: ${part('sleeping', split.sleeping)}; ${part('committing', split.committing)}; ` +
      `${part('waking or falling asleep', split.changing)}`,
  );
  const { plain: cpuOff, proved: cpuOn } = o.cpuMsPerStep;
  if (Number.isFinite(cpuOff) && Number.isFinite(cpuOn)) {
    console.log(
      `  training thread's CPU time: ${cpuOff.toFixed(3)} ms per step off, ${cpuOn.toFixed(3)} on ` +
        `(${((cpuOn / cpuOff - 1) * 100).toFixed(1)} % more; its own proof work is the line above, the rest is the ` +
        `host slowing it while the worker runs)`,
    );
  }
}

/** Trains two checkpoint segments with proof on, then replays segment 0 (best of `rounds`). */
async function replayTiming(
  session: TaskSession,
  rounds: number,
): Promise<{ seconds: number; steps: number; verdict: string }> {
  useNumericCore(loadWasmCore());
  const interval = session.spec.checkpointInterval;
  const trained = await trainSession(session, { steps: interval * 2, proof: true, evaluate: false });
  const manifest = trained.manifest;
  if (manifest === undefined) throw new Error('training with proof on returned no manifest');
  let best = { seconds: Infinity, steps: interval, verdict: '' };
  for (let r = 0; r < rounds; r++) {
    const report = await replaySegment(session.spec, manifest, session.store, 0, { session });
    if (report.seconds < best.seconds)
      best = { seconds: report.seconds, steps: report.toStep - report.fromStep, verdict: report.verdict };
  }
  return best;
}

export async function benchRepro(
  sessions: { mlp: TaskSession; cnn: TaskSession },
  options: BenchOptions,
): Promise<void> {
  const q = options.quick;
  console.log(
    '\n## Proof overhead (checkpoints + a state commitment after every step, vs none; repro, wasm core; ' +
      'both keep the state in shared-memory slots, so they differ by the commitments only)',
  );
  console.log(proofMachineLine());
  for (const [kind, session] of [
    ['MLP', sessions.mlp],
    ['CNN', sessions.cnn],
  ] as const) {
    // The MLP's windows are the example task's whole run (1,250 steps), as bench/training-proof's.
    const steps = kind === 'MLP' ? (q ? 100 : 1250) : q ? 8 : 30;
    printProofOverhead(kind, await proofOverhead(session, steps, q ? 3 : 9));
  }

  console.log('\n## Where a repro step goes (wasm core, tfjs profiler; "outside kernels" is the engine\'s own work)');
  printBreakdown('MLP, proof off', await stepBreakdown(sessions.mlp, loadWasmCore(), q ? 30 : 100, false));
  printBreakdown('MLP, proof on', await stepBreakdown(sessions.mlp, loadWasmCore(), q ? 30 : 100, true), 4);
  printBreakdown('CNN, proof off', await stepBreakdown(sessions.cnn, loadWasmCore(), q ? 8 : 25, false));

  console.log('\n## Replay (segment 0, repro, wasm core; includes the per-step state commitment checks)');
  for (const [kind, session] of [
    ['MLP', sessions.mlp],
    ['CNN', sessions.cnn],
  ] as const) {
    const replay = await replayTiming(session, q ? 1 : 2);
    console.log(
      `${kind}: ${replay.steps}-step segment replayed in ${(replay.seconds * 1000).toFixed(0)} ms ` +
        `(${((replay.seconds * 1000) / replay.steps).toFixed(2)} ms/step), verdict ${replay.verdict}`,
    );
  }
}

/** Opens the example tasks' sessions over a throw-away artifact store (datasets are packed from `mnist` on first use). */
export async function openExampleSessions(specs: {
  mlp: Parameters<typeof openSession>[0];
  cnn: Parameters<typeof openSession>[0];
}): Promise<{ mlp: TaskSession; cnn: TaskSession; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'veritrain-bench-'));
  const store = new FsArtifactStore(dir);
  const mlp = await openSession(specs.mlp, store, 'repro');
  const cnn = await openSession(specs.cnn, store, 'repro');
  return { mlp, cnn, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
