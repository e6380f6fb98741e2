/**
 * Scalar steps: the unit the referee recomputes. Every output element of every operation is the result of a short
 * program `init, step₁, step₂, …` where each step applies one rule from scalar.ts to the previous partial result
 * and a few input scalars. A dispute narrows down to one such step.
 */
import {
  accumulateStep,
  adamMoment1Scalar,
  adamMoment2Scalar,
  adamParamScalar,
  addStep,
  biasAddScalar,
  crossEntropyGradScalar,
  divideScalar,
  expSumStep,
  maxStep,
  momentumVelocityScalar,
  nllStep,
  reluGradScalar,
  reluScalar,
  sgdScalar,
  softmaxScalar,
} from './scalar.js';

export type Rule =
  | 'accumulate'
  | 'add'
  | 'max'
  | 'copy'
  | 'relu'
  | 'reluGrad'
  | 'biasAdd'
  | 'expSum'
  | 'softmax'
  | 'nll'
  | 'divide'
  | 'crossEntropyGrad'
  | 'sgd'
  | 'momentumVelocity'
  | 'adamMoment1'
  | 'adamMoment2'
  | 'adamParam';

/** One scalar of one input tensor of the operation (by input position and flat index). */
export interface ElementRef {
  input: number;
  index: number;
}

export interface ScalarStep {
  rule: Rule;
  /** Input scalars this step reads, in the order the rule takes them. */
  refs: ElementRef[];
  /** Constants from the operation's attributes (learning rate, batch size, class index…). */
  consts: number[];
}

export interface ElementProgram {
  /** The partial result before the first step (+0 for sums, −∞ for maxima). */
  init: number;
  steps: ScalarStep[];
}

export class RefereeError extends Error {
  override readonly name = 'RefereeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const ARITY: Record<Rule, [refs: number, consts: number]> = {
  accumulate: [2, 0],
  add: [1, 0],
  max: [1, 0],
  copy: [1, 0],
  relu: [1, 0],
  reluGrad: [2, 0],
  biasAdd: [2, 0],
  expSum: [2, 0],
  softmax: [2, 0],
  nll: [1, 0],
  divide: [0, 1],
  crossEntropyGrad: [2, 2],
  sgd: [2, 1],
  momentumVelocity: [2, 1],
  adamMoment1: [2, 1],
  adamMoment2: [2, 1],
  adamParam: [3, 2],
};

/** Applies one rule: the single arithmetic step the chain recomputes in a dispute. */
export function applyRule(rule: Rule, previous: number, values: readonly number[], consts: readonly number[]): number {
  const arity = ARITY[rule];
  if (arity === undefined) throw new RefereeError(`unknown rule ${String(rule)}`);
  if (values.length !== arity[0] || consts.length !== arity[1]) {
    throw new RefereeError(`rule ${rule} takes ${arity[0]} input scalars and ${arity[1]} constants`);
  }
  const [a = 0, b = 0, c = 0] = values;
  const [k0 = 0, k1 = 0] = consts;
  switch (rule) {
    case 'accumulate':
      return accumulateStep(previous, a, b);
    case 'add':
      return addStep(previous, a);
    case 'max':
      return maxStep(previous, a);
    case 'copy':
      return a;
    case 'relu':
      return reluScalar(a);
    case 'reluGrad':
      return reluGradScalar(a, b);
    case 'biasAdd':
      return biasAddScalar(a, b);
    case 'expSum':
      return expSumStep(previous, a, b);
    case 'softmax':
      return softmaxScalar(a, b, previous);
    case 'nll':
      return nllStep(previous, a);
    case 'divide':
      return divideScalar(previous, k0);
    case 'crossEntropyGrad':
      return crossEntropyGradScalar(a, b === k0, k1);
    case 'sgd':
      return sgdScalar(a, b, k0);
    case 'momentumVelocity':
      return momentumVelocityScalar(a, b, k0);
    case 'adamMoment1':
      return adamMoment1Scalar(a, b, k0);
    case 'adamMoment2':
      return adamMoment2Scalar(a, b, k0);
    case 'adamParam':
      return adamParamScalar(a, b, c, k0, k1);
  }
}

/** Runs a program on concrete inputs; returns every partial result (the last one is the element's value). */
export function runProgram(program: ElementProgram, inputs: readonly Float32Array[]): number[] {
  const partials: number[] = [];
  let acc = program.init;
  for (const step of program.steps) {
    const values = step.refs.map((ref) => readRef(inputs, ref));
    acc = applyRule(step.rule, acc, values, step.consts);
    partials.push(acc);
  }
  return partials;
}

/** The element's value: the last partial result, or the initial value for an empty program (e.g. a 0-length sum). */
export function recomputeFromProgram(program: ElementProgram, inputs: readonly Float32Array[]): number {
  const partials = runProgram(program, inputs);
  return partials.length === 0 ? program.init : (partials[partials.length - 1] as number);
}

function readRef(inputs: readonly Float32Array[], ref: ElementRef): number {
  const tensor = inputs[ref.input];
  if (tensor === undefined || ref.index < 0 || ref.index >= tensor.length) {
    throw new RefereeError(`input ${ref.input}[${ref.index}] does not exist`);
  }
  return tensor[ref.index] as number;
}
