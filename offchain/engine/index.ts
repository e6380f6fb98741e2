/**
 * The reproducible training engine: public API.
 *
 * Stable signatures (bench/training.ts and the workers rely on these):
 *
 *   parseTaskSpec(text: string): TaskSpec                      // throws TaskSpecError naming every bad field
 *   readTaskSpecFile(path: string): Promise<TaskSpec>
 *   new FsArtifactStore(dir: string): ArtifactStore            // content-addressed, hash checked on every read
 *   train(spec, store, {
 *     kernelSet?: 'repro' | 'cpu' | 'wasm' | 'tensorflow',     // default: spec.kernelSet ?? 'repro'
 *     steps?: number,                                          // first N steps only (default spec.steps)
 *     proof?: boolean,                                         // checkpoints + step hashes + manifest (default true)
 *     evaluate?: boolean,                                      // test accuracy at the end (default = proof)
 *     faults?: Fault[],                                        // forced errors / tampering
 *     onProgress?(p: { step, steps, loss, stepsPerSecond }): void,
 *   }): Promise<TrainResult>                                   // { manifest?, stepHashes, finalState, losses, testAccuracy?, seconds }
 *   openSession(spec, store, kernelSet?): Promise<TaskSession> // reuse across calls; trainSession(session, options)
 *   replaySegment(spec, manifest, store, segment, { kernelSet?, session? }): Promise<ReplayReport>
 *                                                              // { distances: { l2, linf, cosine }, hashesMatch, verdict, seconds, … }
 *   evaluateProof(dir): Promise<number>                        // test accuracy of a proof folder's final model
 *   useNumericCore(core: NumericCore): void                    // jsCore or the wasm core: same bits, other speed
 *   traceStep(session, state, step, fault?): StepTrace         // one step's graph as executed, tensors committed
 *   resolveStepDispute(challenger, claimant): DisputeResolution // node → element → partial → referee verdict
 *   graphCommitment(spec): { root, count }                    // the task's graph_root / graph_nodes
 *   new Claimant(...) / new Challenger(...)                    // each party's on-chain dispute moves
 *   encodeTrace(trace) / decodeTrace(bytes)                    // a step trace on the wire (NATS)
 *   profileThresholds(spec, manifest, store, { kernelSets }): Promise<ThresholdProfile>  // tolerant mode
 *   writeProofDir(dir, spec, manifest) / readProofDir(dir)
 */
export {
  parseTaskSpec,
  decodeTaskSpec,
  TaskSpec,
  TaskSpecError,
  KERNEL_SETS,
  type KernelSetName,
} from './spec/task.js';
export { readTaskSpecFile } from './spec/read.js';
export { FsArtifactStore, verifyArtifact, type ArtifactStore } from './store/artifact-store.js';
export {
  train,
  trainSession,
  taskBytes,
  type Fault,
  type TrainOptions,
  type TrainProgress,
  type TrainResult,
} from './train/train.js';
export { openSession, type TaskSession } from './train/session.js';
export {
  replaySegment,
  runSegment,
  loadCheckpoint,
  loadStepHashes,
  type ReplayReport,
  type ReplayOptions,
} from './train/replay.js';
export { evaluateState } from './train/evaluate.js';
export { evaluateProof } from './train/evaluate-proof.js';
export { stateDistances, type Distances } from './train/distance.js';
export { profileThresholds, type ThresholdProfile } from './train/tolerant.js';
// The dispute side (traces, graph commitment, node records, each party's on-chain moves, trace wire format).
export * from './dispute/index.js';
export { decodeManifest, ProofManifest, checkpointSteps } from './train/manifest.js';
export { encodeCheckpoint, decodeCheckpoint, type Checkpoint, type NamedTensor } from './train/checkpoint.js';
export { readProofDir, writeProofDir, artifactStoreFor } from './train/proof-dir.js';
export { initialState, stateHash } from './train/state.js';
export { buildStepGraph, type GraphNode, type StepGraph } from './model/graph.js';
export { mnistIds } from './data/resolve.js';
export { encodeDataset, decodeDataset, type Dataset } from './data/dataset.js';
export { useNumericCore, numericCore } from './kernels/repro/core.js';
export {
  ensureReproBackend,
  registerKernelStrict,
  KernelRegistrationError,
  REPRO_BACKEND,
} from './kernels/repro/backend.js';
export { loadKernelSet, type KernelSet } from './kernels/kernel-set.js';
export {
  errors,
  EngineError,
  ArtifactError,
  DatasetError,
  CheckpointError,
  ManifestError,
  ReplayError,
  ModelError,
} from './errors.js';
