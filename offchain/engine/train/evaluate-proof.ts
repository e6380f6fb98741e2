/** Evaluation of a proof folder: the final checkpoint's model on the task's test set. */
import { evaluateState } from './evaluate.js';
import { readProofDir } from './proof-dir.js';
import { loadCheckpoint } from './replay.js';
import { openSession } from './session.js';

export async function evaluateProof(dir: string): Promise<number> {
  const { spec, manifest, store } = await readProofDir(dir);
  const session = await openSession(spec, store, manifest.kernelSet);
  const final = await loadCheckpoint(store, manifest, manifest.checkpoints.length - 1, session);
  return evaluateState(session, final.tensors);
}
