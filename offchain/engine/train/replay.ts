/**
 * Replay of one segment: from checkpoint i, run the segment's steps and compare with the claim: each step's state
 * commitment against the published list (the starting state's too), and the final state against checkpoint i + 1
 * (L2, L∞, cosine distances).
 */
import * as tf from '@tensorflow/tfjs-core';
import { u8aToHex } from '@polkadot/util';
import { equalBytes } from '../../referee/index.js';
import { ArtifactError, CheckpointError, ReplayError } from '../errors.js';
import type { KernelSetName, TaskSpec } from '../spec/task.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { checkCheckpointFits, decodeCheckpoint, encodeCheckpoint, type NamedTensor } from './checkpoint.js';
import { stateDistances, type Distances } from './distance.js';
import { runStep } from './execute.js';
import { checkManifest, unpackStepHashes, type ProofManifest } from './manifest.js';
import { openSession, type TaskSession } from './session.js';
import { BackgroundHasher } from './background-hasher.js';
import { fromTensors, stateLayout, toTensors, viewTensors } from './state.js';
import { useKernelsOver } from '../kernels/repro/core.js';
import { hashBytes } from '../hash.js';

export interface ReplayReport {
  segment: number;
  fromStep: number;
  toStep: number;
  distances: Distances;
  /** Every replayed step hash equals the published one, and the end state equals checkpoint i + 1. */
  hashesMatch: boolean;
  /**
   * The first leaf t of the step list (the state after t steps) whose replayed commitment differs from the published
   * one; the segment's first step when its starting checkpoint is not the state the list commits to there.
   */
  firstDifferingStep?: number;
  verdict: 'accept' | 'reject';
  seconds: number;
}

export interface ReplayOptions {
  kernelSet?: KernelSetName;
  /** An already-open session for the same task (bench loops). */
  session?: TaskSession;
}

/** Loads and checks a checkpoint of the manifest by its index. */
export async function loadCheckpoint(
  store: ArtifactStore,
  manifest: ProofManifest,
  index: number,
  session: TaskSession,
) {
  const entry = manifest.checkpoints[index];
  if (entry === undefined)
    throw new ReplayError(`checkpoint ${index} does not exist (the proof has ${manifest.checkpoints.length})`);
  let bytes: Uint8Array;
  try {
    bytes = await store.get(entry.hash);
  } catch (cause) {
    const reason = cause instanceof ArtifactError ? cause.message.replace(/^artifact \S+ /, '') : String(cause);
    throw new CheckpointError(`checkpoint ${index} (${entry.hash}) ${reason}`, { cause });
  }
  const checkpoint = decodeCheckpoint(bytes, entry.hash);
  checkCheckpointFits(checkpoint, session.graph, `checkpoint ${index}`);
  if (checkpoint.step !== entry.step)
    throw new ReplayError(`checkpoint ${index} is at step ${checkpoint.step}, the manifest says ${entry.step}`);
  return checkpoint;
}

export async function loadStepHashes(store: ArtifactStore, manifest: ProofManifest): Promise<Uint8Array[]> {
  const hashes = unpackStepHashes(await store.get(manifest.stepHashes), manifest.steps);
  checkManifest(manifest, hashes);
  return hashes;
}

export async function replaySegment(
  spec: TaskSpec,
  manifest: ProofManifest,
  store: ArtifactStore,
  segment: number,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const segments = manifest.checkpoints.length - 1;
  if (!Number.isInteger(segment) || segment < 0 || segment >= segments) {
    throw new ReplayError(`segment ${segment} does not exist: the proof has segments 0 to ${segments - 1}`);
  }
  const session = options.session ?? (await openSession(spec, store, options.kernelSet ?? manifest.kernelSet));
  const claimedHashes = await loadStepHashes(store, manifest);
  const start = await loadCheckpoint(store, manifest, segment, session);
  const end = await loadCheckpoint(store, manifest, segment + 1, session);
  const began = performance.now();
  const { state, firstDifferingStep } = runSegment(session, start.tensors, start.step, end.step, claimedHashes);
  const seconds = (performance.now() - began) / 1000;
  const endHash = hashBytes(encodeCheckpoint({ step: end.step, tensors: state }));
  const claimedEnd = manifest.checkpoints[segment + 1]?.hash as string;
  const hashesMatch = firstDifferingStep === undefined && u8aToHex(endHash) === claimedEnd;
  const distances = stateDistances(state, end.tensors);
  const t = spec.thresholds ?? {};
  const withinThresholds =
    distances.l2 <= (t.l2 ?? 0) && distances.linf <= (t.linf ?? 0) && distances.cosine <= (t.cosine ?? 0);
  const verdict = session.kernels.reproducible
    ? hashesMatch
      ? 'accept'
      : 'reject'
    : withinThresholds
      ? 'accept'
      : 'reject';
  return {
    segment,
    fromStep: start.step,
    toStep: end.step,
    distances,
    hashesMatch,
    firstDifferingStep,
    verdict,
    seconds,
  };
}

/**
 * Runs steps [from, to) from a state; `hashes` are the state commitments of steps from … to (leaves fromStep …
 * toStep, the starting state's included). With `claimed` (a proof's step list, leaf t = the state after t steps),
 * also the first leaf whose commitment differs: fromStep itself when the starting state is not the one claimed.
 */
export function runSegment(
  session: TaskSession,
  from: readonly NamedTensor[],
  fromStep: number,
  toStep: number,
  claimed?: readonly Uint8Array[],
): { state: NamedTensor[]; hashes: Uint8Array[]; firstDifferingStep?: number } {
  let state = toTensors(from);
  // Commitments as in training: computed off this thread while the next step runs (background-hasher.ts).
  const hasher = new BackgroundHasher(stateLayout(session.graph));
  const push = (step: number) =>
    hasher.push(
      step,
      viewTensors(session.graph, state).map((t) => t.values),
    );
  let restoreKernels = () => {};
  try {
    push(fromStep);
    restoreKernels = useKernelsOver(hasher);
    for (let step = fromStep; step < toStep; step++) {
      const batch = session.batchTensors(step);
      const nodes = session.nodesAt(step);
      const result = runStep(session.kernels, session.graph, nodes, state, batch, {}, hasher.reserve());
      tf.dispose([batch.x, batch.labels, result.loss, ...state]);
      state = result.next;
      push(step + 1);
    }
  } catch (error) {
    hasher.abandon();
    tf.dispose(state);
    throw error;
  } finally {
    restoreKernels();
  }
  const hashes = hasher.finish();
  const differs = (hash: Uint8Array, i: number): boolean => {
    const expected = claimed?.[fromStep + i];
    return expected !== undefined && !equalBytes(hash, expected);
  };
  const firstDiffering = hashes.findIndex(differs);
  const out = fromTensors(session.graph, state);
  tf.dispose(state);
  return { state: out, hashes, firstDifferingStep: firstDiffering < 0 ? undefined : fromStep + firstDiffering };
}
