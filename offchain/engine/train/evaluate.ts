/**
 * Test-set accuracy: the forward pass in fixed batches of the test set, in order; the predicted class is the first
 * maximum of the probabilities. With the `repro` kernels the result is bit-identical on every run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { sequentialBatch } from '../data/batches.js';
import { loadDataset } from '../data/resolve.js';
import { buildStepGraph } from '../model/graph.js';
import type { NamedTensor } from './checkpoint.js';
import { runNodes } from './execute.js';
import { batchToTensors, type TaskSession } from './session.js';
import { toTensors } from './state.js';

const EVAL_BATCH = 500;

export async function evaluateState(session: TaskSession, state: readonly NamedTensor[]): Promise<number> {
  const test = await loadDataset(session.store, session.spec.data.test);
  const weights = toTensors(state);
  let correct = 0;
  try {
    for (let start = 0; start < test.count; start += EVAL_BATCH) {
      const count = Math.min(EVAL_BATCH, test.count - start);
      const graph = buildStepGraph(session.spec, count);
      const forward = graph.nodes.filter((n) => n.phase === 'forward');
      const batch = sequentialBatch(test, start, count);
      const inputs = batchToTensors(graph, batch);
      const [probs] = runNodes(session.kernels, graph, forward, weights, inputs, [graph.probs]);
      const p = (probs as tf.Tensor).dataSync() as Float32Array;
      for (let r = 0; r < count; r++) {
        let best = 0;
        for (let c = 1; c < graph.classes; c++)
          if ((p[r * graph.classes + c] as number) > (p[r * graph.classes + best] as number)) best = c;
        if (best === batch.labels[r]) correct++;
      }
      tf.dispose([probs as tf.Tensor, inputs.x, inputs.labels]);
    }
  } finally {
    tf.dispose(weights);
  }
  return correct / test.count;
}
