/**
 * The referee: pure, deterministic, no tfjs. The chain's runtime imports it to arbitrate disputes; the engine's
 * `repro` kernels use its scalar definitions, so kernels and referee agree bit for bit.
 *
 * Stable API: the scalar rules (`accumulateStep`, …, `applyRule`), element programs (`elementProgram`,
 * `recomputeElement`, `partialResults`), the verdict on one scalar step (`judgeScalarStep`, `judgeElementTolerant`)
 * and Merkle commitments (`merkleRoot`, `verifyMerkleProof`, `tensorRoot`, `verifyElementProof`).
 */
import type { OpCall } from './ops.js';
import { elementProgram } from './programs.js';
import { recomputeFromProgram, runProgram } from './rules.js';

export * from './scalar.js';
export * from './ops.js';
export * from './rules.js';
export * from './merkle.js';
export * from './blake3.js';
export * from './arbitrate.js';
export * from './commitment.js';
export * from './program-step.js';
export { elementProgram, programInit, windowArgMax } from './programs.js';

/** Every partial result of one output element, in the documented order (the last is the element's value). */
export function partialResults(call: OpCall, inputs: readonly Float32Array[], index: number): number[] {
  return runProgram(elementProgram(call, inputs, index), inputs);
}

/** One output element recomputed with the referee's definition. */
export function recomputeElement(call: OpCall, inputs: readonly Float32Array[], index: number): number {
  return recomputeFromProgram(elementProgram(call, inputs, index), inputs);
}
