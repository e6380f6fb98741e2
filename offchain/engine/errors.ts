/** The engine's typed errors: each names the failing thing in one line, with the underlying cause attached. */
export class EngineError extends Error {
  override readonly name: string = 'EngineError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An artifact is missing, or its bytes do not hash to its id. */
export class ArtifactError extends EngineError {
  override readonly name = 'ArtifactError';
}

/** Dataset bytes that do not parse as a dataset. */
export class DatasetError extends EngineError {
  override readonly name = 'DatasetError';
}

/** Checkpoint bytes that are truncated, corrupt, or do not fit the task's model. */
export class CheckpointError extends EngineError {
  override readonly name = 'CheckpointError';
}

/** A proof manifest that does not decode, or does not match its task. */
export class ManifestError extends EngineError {
  override readonly name = 'ManifestError';
}

/** A replay that cannot run (e.g. the segment does not exist). */
export class ReplayError extends EngineError {
  override readonly name = 'ReplayError';
}

/** A model the kernel set cannot build or run (e.g. a layer order the graph does not support). */
export class ModelError extends EngineError {
  override readonly name = 'ModelError';
}

export const errors = {
  EngineError,
  ArtifactError,
  DatasetError,
  CheckpointError,
  ManifestError,
  ReplayError,
  ModelError,
};
