/** Everything a run of a task needs, prepared once: graph, kernel set, datasets, batch source. */
import * as tf from '@tensorflow/tfjs-core';
import { BatchSource, type Batch } from '../data/batches.js';
import { exampleSize, type Dataset } from '../data/dataset.js';
import { ModelError } from '../errors.js';
import { loadDataset } from '../data/resolve.js';
import { hashingReady } from '../hash.js';
import { prepareBackgroundHashing } from './background-hasher.js';
import { prepareOffThreadHashing } from '../store/off-thread-hash.js';
import { loadKernelSet, type KernelSet } from '../kernels/kernel-set.js';
import { buildStepGraph, type GraphNode, type StepGraph } from '../model/graph.js';
import { nodesForStep } from '../model/optimizer.js';
import type { KernelSetName, TaskSpec } from '../spec/task.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { sizeOf } from '../model/shapes.js';

export interface TaskSession {
  spec: TaskSpec;
  graph: StepGraph;
  kernels: KernelSet;
  train: Dataset;
  batches: BatchSource;
  store: ArtifactStore;
  /** The nodes as executed at a 0-based step. */
  nodesAt(step: number): GraphNode[];
  /** The batch of a 0-based step, as tensors (caller disposes). */
  batchTensors(step: number): { x: tf.Tensor; labels: tf.Tensor };
}

export async function openSession(
  spec: TaskSpec,
  store: ArtifactStore,
  kernelSet?: KernelSetName,
): Promise<TaskSession> {
  await hashingReady();
  prepareBackgroundHashing(); // starts while the datasets load
  prepareOffThreadHashing();
  const graph = buildStepGraph(spec);
  const kernels = await loadKernelSet(kernelSet ?? spec.kernelSet ?? 'repro');
  const train = await loadDataset(store, spec.data.train);
  checkModelFitsData(graph, train);
  const batches = new BatchSource(train, spec.seed, spec.batchSize);
  return {
    spec,
    graph,
    kernels,
    train,
    batches,
    store,
    nodesAt: (step) => nodesForStep(graph, spec.optimizer, step),
    batchTensors: (step) => batchToTensors(graph, batches.batch(step)),
  };
}

/** The model's input and output sizes must match the dataset's examples and classes. */
function checkModelFitsData(graph: StepGraph, data: Dataset): void {
  const perExample = sizeOf(graph.inputShape.slice(1));
  if (perExample !== exampleSize(data)) {
    throw new ModelError(
      `model.inputShape [${graph.inputShape.slice(1).join(', ')}] has ${perExample} values per example; the dataset's examples have ${exampleSize(data)}`,
    );
  }
  if (graph.classes !== data.classes) {
    throw new ModelError(
      `the model's last dense layer has ${graph.classes} units; the dataset has ${data.classes} classes`,
    );
  }
}

export function batchToTensors(graph: StepGraph, batch: Batch): { x: tf.Tensor; labels: tf.Tensor } {
  const count = batch.labels.length;
  return {
    x: tf.tensor(batch.x, [count, ...graph.inputShape.slice(1)], 'float32'),
    labels: tf.tensor(batch.labels, [count], 'float32'),
  };
}
