/**
 * A training step as an explicit graph: forward, loss, backward and optimizer update, in execution (topological)
 * order. Each node is one operation of the referee's list, so a trace is this list with output hashes, and a
 * dispute can point at one node.
 *
 * Why an explicit list rather than tfjs autograd: tfjs's gradient functions are compositions of other ops (relu's
 * gradient is mul(dy, step(cast(x))), a broadcast add's is sum + reshape), so the traced graph would be made of
 * tfjs-internal ops whose set and order we do not control, each needing its own reproducible kernel and referee
 * definition. Here every node is a mathematically defined operation with one scalar definition; the nodes still
 * run as tfjs kernels (the registered `repro` set, or a plain backend's kernels in tolerant mode).
 */
import type { OpCall } from '../../referee/index.js';
import { ModelError } from '../errors.js';
import type { TaskSpec } from '../spec/task.js';
import { optimizerNodes, optimizerSlots } from './optimizer.js';
import { sizeOf, windowAttrs } from './shapes.js';

export type Phase = 'forward' | 'backward' | 'update';

export interface GraphNode {
  index: number;
  phase: Phase;
  call: OpCall;
  /** Ids of the input tensors: 'input', 'labels', a state tensor's name, or an earlier node's output. */
  inputs: string[];
  /** Id of the output tensor (`%<index>`). */
  output: string;
}

export interface StateTensor {
  /** e.g. `layers[1].kernel`, `layers[1].kernel#m` for an optimizer slot. */
  name: string;
  shape: number[];
  init: { kind: 'uniform'; limit: number } | { kind: 'zeros' };
}

export interface StepGraph {
  batchSize: number;
  /** [batch, ...inputShape]. */
  inputShape: number[];
  classes: number;
  /** Parameters, then optimizer slots: the training state, in this fixed order. */
  state: StateTensor[];
  nodes: GraphNode[];
  /** For each state tensor, the id of the tensor holding its value after the step. */
  nextState: Record<string, string>;
  /** Ids of the probabilities and of the loss (a scalar). */
  probs: string;
  loss: string;
}

interface Builder {
  nodes: GraphNode[];
  add(phase: Phase, call: OpCall, inputs: string[]): string;
}

function builder(): Builder {
  const nodes: GraphNode[] = [];
  return {
    nodes,
    add(phase, call, inputs) {
      const output = `%${nodes.length}`;
      nodes.push({ index: nodes.length, phase, call, inputs, output });
      return output;
    },
  };
}

/** What the backward pass needs to remember about each layer. */
type Saved =
  | { kind: 'dense'; index: number; x: string; inSize: number; units: number }
  | { kind: 'conv2d'; index: number; x: string; attrs: ReturnType<typeof windowAttrs> }
  | { kind: 'maxPooling2d'; x: string; attrs: ReturnType<typeof windowAttrs> }
  | { kind: 'flatten'; inShape: number[] }
  | { kind: 'relu'; y: string; size: number };

export function buildStepGraph(spec: TaskSpec, batchSize = spec.batchSize): StepGraph {
  const layers = spec.model.layers;
  const g = builder();
  const params: StateTensor[] = [];
  const saved: Saved[] = [];
  let shape = [batchSize, ...spec.model.inputShape];
  let h = 'input';
  const fail = (i: number, why: string): never => {
    throw new ModelError(`model.layers[${i}] (${layers[i]?.type}): ${why}`);
  };
  const softmaxAt = layers.findIndex((l) => l.type === 'softmax');
  if (softmaxAt !== layers.length - 1) {
    throw new ModelError('model.layers must end with exactly one softmax layer (the cross-entropy head)');
  }
  layers.slice(0, -1).forEach((layer, i) => {
    switch (layer.type) {
      case 'dense': {
        if (shape.length !== 2) fail(i, 'needs a flat input; add a flatten layer before it');
        const inSize = shape[1] as number;
        const kernel = `layers[${i}].kernel`;
        const bias = `layers[${i}].bias`;
        const fanIn = inSize;
        const fanOut = layer.units;
        params.push({ name: kernel, shape: [inSize, layer.units], init: uniform(layer.init, fanIn, fanOut) });
        params.push({ name: bias, shape: [layer.units], init: { kind: 'zeros' } });
        saved.push({ kind: 'dense', index: i, x: h, inSize, units: layer.units });
        const z = g.add(
          'forward',
          { op: 'MatMul', attrs: { m: batchSize, k: inSize, n: layer.units, transposeA: false, transposeB: false } },
          [h, kernel],
        );
        h = g.add('forward', { op: 'BiasAdd', attrs: { rows: batchSize, cols: layer.units } }, [z, bias]);
        shape = [batchSize, layer.units];
        break;
      }
      case 'conv2d': {
        if (shape.length !== 4) fail(i, 'needs an image input [height, width, channels]');
        const attrs = windowAttrs(shape, {
          size: layer.kernelSize,
          stride: layer.strides ?? 1,
          padding: layer.padding ?? 'valid',
          outChannels: layer.filters,
        });
        if (attrs.outHeight < 1 || attrs.outWidth < 1) fail(i, 'the kernel is larger than its input');
        const kernel = `layers[${i}].kernel`;
        const bias = `layers[${i}].bias`;
        const taps = layer.kernelSize * layer.kernelSize;
        params.push({
          name: kernel,
          shape: [layer.kernelSize, layer.kernelSize, attrs.inChannels, layer.filters],
          init: uniform(layer.init, taps * attrs.inChannels, taps * layer.filters),
        });
        params.push({ name: bias, shape: [layer.filters], init: { kind: 'zeros' } });
        saved.push({ kind: 'conv2d', index: i, x: h, attrs });
        const z = g.add('forward', { op: 'Conv2D', attrs }, [h, kernel]);
        shape = [batchSize, attrs.outHeight, attrs.outWidth, attrs.outChannels];
        h = g.add('forward', { op: 'BiasAdd', attrs: { rows: sizeOf(shape) / layer.filters, cols: layer.filters } }, [
          z,
          bias,
        ]);
        break;
      }
      case 'maxPooling2d': {
        if (shape.length !== 4) fail(i, 'needs an image input [height, width, channels]');
        const attrs = windowAttrs(shape, {
          size: layer.poolSize,
          stride: layer.strides ?? layer.poolSize,
          padding: layer.padding ?? 'valid',
          outChannels: shape[3] as number,
        });
        if (attrs.outHeight < 1 || attrs.outWidth < 1) fail(i, 'the pool is larger than its input');
        saved.push({ kind: 'maxPooling2d', x: h, attrs });
        h = g.add('forward', { op: 'MaxPool', attrs }, [h]);
        shape = [batchSize, attrs.outHeight, attrs.outWidth, attrs.outChannels];
        break;
      }
      case 'flatten': {
        saved.push({ kind: 'flatten', inShape: shape });
        shape = [batchSize, sizeOf(shape) / batchSize];
        h = g.add('forward', { op: 'Reshape', attrs: { shape } }, [h]);
        break;
      }
      case 'relu': {
        h = g.add('forward', { op: 'Relu', attrs: { size: sizeOf(shape) } }, [h]);
        saved.push({ kind: 'relu', y: h, size: sizeOf(shape) });
        break;
      }
      case 'softmax':
        fail(i, 'softmax is only supported as the last layer');
    }
  });
  if (shape.length !== 2)
    throw new ModelError('the layer before softmax must produce [batch, classes]; add flatten and dense layers');
  if (params.length === 0) throw new ModelError('model.layers has no trainable layer (dense or conv2d)');
  const classes = shape[1] as number;
  const head = { rows: batchSize, cols: classes };
  const rowMax = g.add('forward', { op: 'RowMax', attrs: head }, [h]);
  const probs = g.add('forward', { op: 'Softmax', attrs: head }, [h, rowMax]);
  const loss = g.add('forward', { op: 'CrossEntropyLoss', attrs: head }, [probs, 'labels']);

  const grads = backward(
    g,
    saved,
    g.add('backward', { op: 'CrossEntropyGrad', attrs: head }, [probs, 'labels']),
    batchSize,
  );
  const slots = optimizerSlots(spec.optimizer, params);
  const nextState = optimizerNodes(spec.optimizer, params, grads, (call, inputs) => g.add('update', call, inputs));
  return {
    batchSize,
    inputShape: [batchSize, ...spec.model.inputShape],
    classes,
    state: [...params, ...slots],
    nodes: g.nodes,
    nextState,
    probs,
    loss,
  };
}

function uniform(init: 'glorotUniform' | 'heUniform' | undefined, fanIn: number, fanOut: number): StateTensor['init'] {
  const limit = init === 'heUniform' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
  return { kind: 'uniform', limit };
}

/** Backward pass, layers in reverse; returns each parameter's gradient tensor id. Skips dx no earlier layer needs. */
function backward(g: Builder, saved: Saved[], dLogits: string, batchSize: number): Map<string, string> {
  const grads = new Map<string, string>();
  let dy = dLogits;
  for (let s = saved.length - 1; s >= 0; s--) {
    const layer = saved[s] as Saved;
    const needsInputGrad = saved.slice(0, s).some((l) => l.kind === 'dense' || l.kind === 'conv2d');
    switch (layer.kind) {
      case 'dense': {
        const { index, x, inSize, units } = layer;
        grads.set(
          `layers[${index}].kernel`,
          g.add(
            'backward',
            { op: 'MatMul', attrs: { m: inSize, k: batchSize, n: units, transposeA: true, transposeB: false } },
            [x, dy],
          ),
        );
        grads.set(
          `layers[${index}].bias`,
          g.add('backward', { op: 'BiasGrad', attrs: { rows: batchSize, cols: units } }, [dy]),
        );
        if (needsInputGrad)
          dy = g.add(
            'backward',
            { op: 'MatMul', attrs: { m: batchSize, k: units, n: inSize, transposeA: false, transposeB: true } },
            [dy, `layers[${index}].kernel`],
          );
        break;
      }
      case 'conv2d': {
        const { index, x, attrs } = layer;
        grads.set(`layers[${index}].kernel`, g.add('backward', { op: 'Conv2DBackpropFilter', attrs }, [x, dy]));
        const rows = attrs.batch * attrs.outHeight * attrs.outWidth;
        grads.set(
          `layers[${index}].bias`,
          g.add('backward', { op: 'BiasGrad', attrs: { rows, cols: attrs.outChannels } }, [dy]),
        );
        if (needsInputGrad)
          dy = g.add('backward', { op: 'Conv2DBackpropInput', attrs }, [dy, `layers[${index}].kernel`]);
        break;
      }
      case 'maxPooling2d':
        if (needsInputGrad) dy = g.add('backward', { op: 'MaxPoolGrad', attrs: layer.attrs }, [dy, layer.x]);
        break;
      case 'flatten':
        if (needsInputGrad) dy = g.add('backward', { op: 'Reshape', attrs: { shape: layer.inShape } }, [dy]);
        break;
      case 'relu':
        if (needsInputGrad) dy = g.add('backward', { op: 'ReluGrad', attrs: { size: layer.size } }, [dy, layer.y]);
        break;
    }
    if (!needsInputGrad) break;
  }
  return grads;
}
