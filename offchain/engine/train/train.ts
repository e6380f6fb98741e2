/**
 * Training a task: runs the steps, records the state commitment before the first step and after every step, stores
 * a checkpoint every k steps (and the last), and writes the proof manifest. Progress goes through a callback.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '../model/graph.js';
import { hashHex, type HashHex } from '../hash.js';
import type { KernelSetName, TaskSpec } from '../spec/task.js';
import { putOffThread, type ArtifactStore } from '../store/artifact-store.js';
import { SharedBufferPool } from '../store/shared-buffers.js';
import { encodeCheckpoint, type NamedTensor } from './checkpoint.js';
import { evaluateState } from './evaluate.js';
import { runStep, type StepHooks } from './execute.js';
import { checkpointSteps, packStepHashes, rootOfHashes, rootOfHexHashes, type ProofManifest } from './manifest.js';
import { openSession, type TaskSession } from './session.js';
import { BackgroundHasher } from './background-hasher.js';
import { StateSlots } from './state-slots.js';
import { useKernelsOver } from '../kernels/repro/core.js';
import { fromTensors, initialState, isParameter, modelBytes, stateLayout, toTensors, viewTensors } from './state.js';

/** Checkpoint encodings, reused run after run (see SharedBufferPool for why). */
const checkpointBuffers = new SharedBufferPool(4);

export interface TrainProgress {
  step: number;
  steps: number;
  loss: number;
  stepsPerSecond: number;
}

/** A deliberate deviation at one step: the protocol's forced errors, and tampered proofs in tests. */
export interface Fault {
  /** 0-based step at which the fault applies. */
  step: number;
  /** Rewrites the nodes executed at that step (e.g. another learning rate). */
  rewrite?(nodes: GraphNode[]): GraphNode[];
  /** Replaces a node's output at that step. */
  override?(node: GraphNode, output: tf.Tensor, inputs: readonly tf.Tensor[]): tf.Tensor | undefined;
}

export interface TrainOptions {
  /** Defaults to the spec's kernel set, else `repro`. */
  kernelSet?: KernelSetName;
  /** Train only the first N steps (benchmarks); the proof then covers those steps. Defaults to spec.steps. */
  steps?: number;
  /** Record state hashes and checkpoints and write the manifest (default true). */
  proof?: boolean;
  /** Evaluate the final model on the test set (default: when proof is on). */
  evaluate?: boolean;
  faults?: Fault[];
  onProgress?(progress: TrainProgress): void;
}

export interface TrainResult {
  /** Present when proof recording was on. */
  manifest?: ProofManifest;
  stepHashes: Uint8Array[];
  finalState: NamedTensor[];
  losses: number[];
  testAccuracy?: number;
  seconds: number;
}

/** Task spec bytes as stored (their hash is the manifest's taskHash). */
export function taskBytes(spec: TaskSpec): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(spec, null, 2)}\n`);
}

export async function train(spec: TaskSpec, store: ArtifactStore, options: TrainOptions = {}): Promise<TrainResult> {
  const session = await openSession(spec, store, options.kernelSet);
  return trainSession(session, options);
}

export async function trainSession(session: TaskSession, options: TrainOptions = {}): Promise<TrainResult> {
  const { spec, graph, kernels, store } = session;
  const steps = options.steps ?? spec.steps;
  const proof = options.proof ?? true;
  // Checkpoint boundaries: where checkpoints are stored (record, with proof) and where the loop yields (always).
  const boundaries = new Set(checkpointSteps(steps, spec.checkpointInterval));
  // Checkpoints are written while training goes on (the loop never waits for the disk); awaited before the manifest.
  const writes: Array<Promise<ProofManifest['checkpoints'][number]>> = [];
  const hasher = proof ? new BackgroundHasher(stateLayout(graph)) : undefined;
  // Without proof, states still go to slots in shared memory: the same data path, only the commitments differ.
  const slots = proof ? undefined : StateSlots.take(stateLayout(graph));
  const losses: number[] = [];
  let state = toTensors(initialState(graph, spec.seed));
  // The state after every step (leaf 0 = the initial state) is committed; the update kernels write it straight into
  // the hasher's reserved slot, so usually nothing is copied here. Checkpoints get bytes of their own.
  const record = (step: number) => {
    const checkpoint = { step, tensors: viewTensors(graph, state) };
    hasher?.push(
      step,
      checkpoint.tensors.map((t) => t.values),
    );
    if (boundaries.has(step)) {
      // Its id (≈ 1 ms of hashing for the MLP) is computed off this thread.
      const bytes = encodeCheckpoint(checkpoint, (length) => checkpointBuffers.take(length));
      const write = putOffThread(store, bytes).then((hash) => {
        checkpointBuffers.give(bytes); // the store keeps no reference once the write has settled
        return { step, hash };
      });
      write.catch(() => undefined); // a failure surfaces where the writes are awaited, or is dropped with the run
      writes.push(write);
    }
  };
  // The training loop; on a failure the state is freed and pending hashes dropped.
  async function runSteps() {
    for (let step = 0; step < steps; step++) {
      const fault = options.faults?.find((f) => f.step === step);
      const nodes = fault?.rewrite ? fault.rewrite(session.nodesAt(step)) : session.nodesAt(step);
      const batch = session.batchTensors(step);
      const into = hasher?.reserve() ?? slots?.reserve();
      const result = runStep(kernels, graph, nodes, state, batch, hooksFor(fault), into);
      tf.dispose([batch.x, batch.labels, ...state]);
      state = result.next;
      const loss = (result.loss.dataSync() as Float32Array)[0] as number;
      result.loss.dispose();
      losses.push(loss);
      if (proof) record(step + 1);
      // At checkpoint boundaries, one turn of the event loop: checkpoint writes proceed, timers and I/O run (a
      // progress bar, a solver's NATS connection). Without proof too: a loop that never yields starves the process,
      // and it defers the runtime's own pending work past the run, which made training without proof look cheaper
      // than it is (bench/training's proof overhead compares the two; see the notes of issue 3).
      if (boundaries.has(step + 1)) await new Promise((resolve) => setImmediate(resolve));
      options.onProgress?.({
        step: step + 1,
        steps,
        loss,
        stepsPerSecond: (step + 1) / ((performance.now() - started) / 1000),
      });
    }
  }
  const started = performance.now();
  let restoreKernels = () => {};
  try {
    if (proof) record(0);
    restoreKernels = useKernelsOver(hasher ?? slots);
    await runSteps();
  } catch (error) {
    hasher?.abandon(); // pending hashes are dropped
    tf.dispose(state);
    slots?.release();
    throw error;
  } finally {
    restoreKernels();
  }
  // The worker hashes the last states while the checkpoint writes finish (this thread would otherwise hash them).
  hasher?.wake();
  const checkpoints = await Promise.all(writes).catch((error: unknown) => {
    hasher?.abandon();
    throw error;
  });
  const stepHashes = hasher?.finish() ?? [];
  const seconds = (performance.now() - started) / 1000;
  const finalState = fromTensors(graph, state);
  tf.dispose(state);
  slots?.release();
  const evaluate = options.evaluate ?? proof;
  const testAccuracy = evaluate ? await evaluateState(session, finalState) : undefined;
  if (!proof) return { stepHashes, finalState, losses, testAccuracy, seconds };
  const manifest: ProofManifest = {
    version: 1,
    taskHash: await store.put(taskBytes(spec)),
    kernelSet: kernels.name,
    steps,
    checkpointInterval: spec.checkpointInterval,
    checkpoints,
    checkpointRoot: rootOfHexHashes(checkpoints.map((c) => c.hash)),
    stepHashes: await store.put(packStepHashes(stepHashes)),
    stepRoot: rootOfHashes(stepHashes),
    finalModelHash: finalModelHash(steps, finalState, checkpoints),
    claimedMetric: { metric: 'testAccuracy', value: testAccuracy ?? 0 },
  };
  return { manifest, stepHashes, finalState, losses, testAccuracy, seconds };
}

/**
 * The hash of the final parameters' checkpoint encoding. Without optimizer slots (SGD) those are the bytes of the
 * last checkpoint, whose id is already known: one 0.4 MB hash less per run for the MNIST MLP.
 */
function finalModelHash(
  steps: number,
  finalState: readonly NamedTensor[],
  checkpoints: ProofManifest['checkpoints'],
): HashHex {
  const last = checkpoints.at(-1);
  const parametersOnly = finalState.every((t) => isParameter(t.name));
  if (parametersOnly && last?.step === steps) return last.hash as HashHex;
  return hashHex(modelBytes(steps, finalState));
}

/** Hooks that apply a fault's override, giving it the node's inputs. */
export function hooksFor(fault: Fault | undefined): StepHooks {
  if (fault?.override === undefined) return {};
  const override = fault.override;
  return { override: (node, output, inputs) => override(node, output, inputs) };
}
