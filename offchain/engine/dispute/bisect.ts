/**
 * Narrowing a disagreement between two parties down to one scalar step, as the dispute phases do on chain:
 * step → graph node (first output root that differs, all its inputs agreed) → element → partial result → the
 * referee recomputes that one step from Merkle-proven inputs.
 */
import {
  elementProgram,
  elementProof,
  equalBytes,
  float32Bits,
  judgeScalarStep,
  runProgram,
  type ScalarStepClaim,
  type StepVerdict,
} from '../../referee/index.js';
import { EngineError } from '../errors.js';
import type { StepTrace, TraceNode } from './trace.js';

/** The first index at which two hash lists differ (0-based), or undefined when they agree. */
export function firstDifferingHash(a: readonly Uint8Array[], b: readonly Uint8Array[]): number | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || !equalBytes(x, y)) return i;
  }
  return undefined;
}

/** The first node whose output commitment differs while all its inputs' commitments agree. */
export function firstDifferingNode(a: StepTrace, b: StepTrace): TraceNode | undefined {
  for (const id of ['input', 'labels']) {
    if (!equalBytes(a.roots.get(id) as Uint8Array, b.roots.get(id) as Uint8Array))
      throw new EngineError(`the parties disagree on the step's ${id}`);
  }
  for (let i = 0; i < a.nodes.length; i++) {
    const na = a.nodes[i] as TraceNode;
    const nb = b.nodes[i];
    if (nb === undefined || nb.call.op !== na.call.op) throw new EngineError(`the parties' graphs differ at node ${i}`);
    if (na.outputRoot === nb.outputRoot) continue;
    for (const id of na.inputs) {
      const ra = a.roots.get(id);
      const rb = b.roots.get(id);
      if (ra === undefined || rb === undefined || !equalBytes(ra, rb)) {
        throw new EngineError(
          `node ${i} (${na.call.op}) has a disputed input ${id}: the dispute belongs to an earlier step`,
        );
      }
    }
    return na;
  }
  return undefined;
}

/** The first element where two tensors differ bitwise. */
export function firstDifferingElement(a: Float32Array, b: Float32Array): number | undefined {
  for (let i = 0; i < a.length; i++) if (float32Bits(a[i] as number) !== float32Bits(b[i] as number)) return i;
  return a.length === b.length ? undefined : Math.min(a.length, b.length);
}

function nodeInputs(trace: StepTrace, node: TraceNode): Float32Array[] {
  return node.inputs.map((id) => trace.tensors.get(id) as Float32Array);
}

/**
 * A party's published partial results for one element: the element program run on its (agreed) inputs, ending
 * with the value its trace committed to. For an honest party the two coincide; a party that altered the output
 * has to diverge from the program somewhere, and the first divergence is what the referee checks.
 */
export function publishedPartials(trace: StepTrace, node: TraceNode, element: number): number[] {
  const inputs = nodeInputs(trace, node);
  const partials = runProgram(elementProgram(node.call, inputs, element), inputs);
  const committed = (trace.tensors.get(node.output) as Float32Array)[element] as number;
  if (partials.length === 0) return [committed];
  partials[partials.length - 1] = committed;
  return partials;
}

/** The claim a party makes about partial result `partial` of an element, with Merkle proofs of its operands. */
export function scalarStepClaim(
  trace: StepTrace,
  node: TraceNode,
  element: number,
  partial: number,
  partials: number[],
): ScalarStepClaim {
  const inputs = nodeInputs(trace, node);
  const program = elementProgram(node.call, inputs, element);
  const step = program.steps[partial];
  if (step === undefined)
    throw new EngineError(`element ${element} of node ${node.index} has no partial result ${partial}`);
  return {
    step,
    previous: partial === 0 ? program.init : (partials[partial - 1] as number),
    inputRoots: node.inputs.map((id) => trace.roots.get(id) as Uint8Array),
    operands: step.refs.map((ref) => elementProof(inputs[ref.input] as Float32Array, ref.index)),
    claimed: partials[partial] as number,
  };
}

export interface DisputeResolution {
  /** 0-based step. */
  step: number;
  node: TraceNode;
  element: number;
  /** Index of the first differing partial result, and both parties' values there. */
  partial: number;
  honestValue: number;
  claimedValue: number;
  /** The referee's verdict on the claimant's step (and, as a check, on the challenger's). */
  verdictOnClaimant: StepVerdict;
  verdictOnChallenger: StepVerdict;
}

/** Resolves a dispute over one step between a challenger's and a claimant's traces. */
export function resolveStepDispute(challenger: StepTrace, claimant: StepTrace): DisputeResolution | undefined {
  const node = firstDifferingNode(challenger, claimant);
  if (node === undefined) return undefined;
  const element = firstDifferingElement(
    challenger.tensors.get(node.output) as Float32Array,
    claimant.tensors.get(node.output) as Float32Array,
  );
  if (element === undefined) throw new EngineError(`node ${node.index}'s roots differ but its values do not`);
  const honest = publishedPartials(challenger, node, element);
  const claimed = publishedPartials(claimant, node, element);
  let partial = 0;
  while (partial < honest.length && float32Bits(honest[partial] as number) === float32Bits(claimed[partial] as number))
    partial++;
  return {
    step: challenger.step,
    node,
    element,
    partial,
    honestValue: honest[partial] as number,
    claimedValue: claimed[partial] as number,
    verdictOnClaimant: judgeScalarStep(scalarStepClaim(claimant, node, element, partial, claimed)),
    verdictOnChallenger: judgeScalarStep(scalarStepClaim(challenger, node, element, partial, honest)),
  };
}
