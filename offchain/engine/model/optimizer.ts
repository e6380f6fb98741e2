/**
 * Optimizer update nodes. Hyper-parameters are rounded to float32 once, here, so kernels and referee use the same
 * constants. Adam's per-step size αₜ is filled in per step by `nodesForStep`.
 */
import { adamStepSize, f32, type OpCall } from '../../referee/index.js';
import type { Optimizer } from '../spec/task.js';
import type { GraphNode, StateTensor, StepGraph } from './graph.js';
import { sizeOf } from './shapes.js';

export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

function slotNames(optimizer: Optimizer): string[] {
  switch (optimizer.type) {
    case 'sgd':
      return [];
    case 'momentum':
      return ['velocity'];
    case 'adam':
      return ['m', 'v'];
  }
}

export function optimizerSlots(optimizer: Optimizer, params: StateTensor[]): StateTensor[] {
  return slotNames(optimizer).flatMap((slot) =>
    params.map((p) => ({ name: `${p.name}#${slot}`, shape: p.shape, init: { kind: 'zeros' as const } })),
  );
}

/** Adds the update nodes; returns, for every state tensor, the id of its next value. */
export function optimizerNodes(
  optimizer: Optimizer,
  params: StateTensor[],
  grads: Map<string, string>,
  add: (call: OpCall, inputs: string[]) => string,
): Record<string, string> {
  const next: Record<string, string> = {};
  const lr = f32(optimizer.learningRate);
  for (const p of params) {
    const size = sizeOf(p.shape);
    const g = grads.get(p.name) as string;
    switch (optimizer.type) {
      case 'sgd':
        next[p.name] = add({ op: 'SgdUpdate', attrs: { size, learningRate: lr } }, [p.name, g]);
        break;
      case 'momentum': {
        const v = `${p.name}#velocity`;
        next[v] = add({ op: 'MomentumVelocity', attrs: { size, momentum: f32(optimizer.momentum) } }, [v, g]);
        next[p.name] = add({ op: 'MomentumParam', attrs: { size, learningRate: lr } }, [p.name, next[v]]);
        break;
      }
      case 'adam': {
        const a = adamHyper(optimizer);
        const m = `${p.name}#m`;
        const v = `${p.name}#v`;
        next[m] = add({ op: 'AdamMoment1', attrs: { size, beta1: a.beta1 } }, [m, g]);
        next[v] = add({ op: 'AdamMoment2', attrs: { size, beta2: a.beta2 } }, [v, g]);
        next[p.name] = add({ op: 'AdamParam', attrs: { size, stepSize: 0, epsilon: a.epsilon } }, [
          p.name,
          next[m],
          next[v],
        ]);
        break;
      }
    }
  }
  return next;
}

function adamHyper(o: Extract<Optimizer, { type: 'adam' }>) {
  return {
    beta1: f32(o.beta1 ?? ADAM_DEFAULTS.beta1),
    beta2: f32(o.beta2 ?? ADAM_DEFAULTS.beta2),
    epsilon: f32(o.epsilon ?? ADAM_DEFAULTS.epsilon),
  };
}

/** The graph's nodes as executed at 0-based `step` (Adam's step size depends on the step number). */
export function nodesForStep(graph: StepGraph, optimizer: Optimizer, step: number): GraphNode[] {
  if (optimizer.type !== 'adam') return graph.nodes;
  const a = adamHyper(optimizer);
  const stepSize = adamStepSize(f32(optimizer.learningRate), a.beta1, a.beta2, step + 1);
  return graph.nodes.map((node) =>
    node.call.op === 'AdamParam'
      ? { ...node, call: { op: 'AdamParam', attrs: { ...node.call.attrs, stepSize } } }
      : node,
  );
}
