/**
 * The referee's last word in a dispute: recompute one scalar step from agreed, Merkle-proven inputs and decide who
 * told the truth. Reproducible mode compares bits; tolerant mode accepts a value within the operation's float32
 * error bound.
 */
import { verifyElementProof, type ElementProof } from './merkle.js';
import { applyRule, RefereeError, recomputeFromProgram, type ElementProgram, type ScalarStep } from './rules.js';

const bitsView = new DataView(new ArrayBuffer(4));

/** The float32 bit pattern of a value (NaNs of any payload compare equal after fround canonicalisation). */
export function float32Bits(value: number): number {
  bitsView.setFloat32(0, value);
  return bitsView.getUint32(0);
}

export function sameFloat32(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return float32Bits(a) === float32Bits(b);
}

/** One disputed scalar step, with everything the chain needs to recompute it. */
export interface ScalarStepClaim {
  /** The step of the element's program (rule, which input scalars, constants). */
  step: ScalarStep;
  /** The partial result before this step, which both parties agree on (the program's init for the first step). */
  previous: number;
  /** Commitments (tensor roots) of the operation's inputs, agreed by both parties. */
  inputRoots: readonly Uint8Array[];
  /** A Merkle proof for every scalar the step reads, in `step.refs` order. */
  operands: readonly ElementProof[];
  /** The claimant's partial result after this step. */
  claimed: number;
}

export interface StepVerdict {
  /** The value the referee computed. */
  expected: number;
  /** True when the claimant's value is right (bitwise, or within the bound in tolerant mode). */
  claimantHonest: boolean;
}

function provenOperands(claim: ScalarStepClaim): number[] {
  if (claim.operands.length !== claim.step.refs.length) {
    throw new RefereeError(`the step reads ${claim.step.refs.length} scalars but ${claim.operands.length} proofs came`);
  }
  return claim.step.refs.map((ref, i) => {
    const proof = claim.operands[i] as ElementProof;
    const root = claim.inputRoots[ref.input];
    if (root === undefined) throw new RefereeError(`no commitment for input ${ref.input}`);
    if (proof.index !== ref.index) throw new RefereeError(`proof ${i} is for element ${proof.index}, not ${ref.index}`);
    const value = verifyElementProof(root, proof);
    if (value === undefined)
      throw new RefereeError(`the proof of input ${ref.input}[${ref.index}] does not match its root`);
    return value;
  });
}

/** Reproducible mode: recompute the step with the shared scalar definition and compare bits. */
export function judgeScalarStep(claim: ScalarStepClaim): StepVerdict {
  const values = provenOperands(claim);
  const expected = applyRule(claim.step.rule, claim.previous, values, claim.step.consts);
  return { expected, claimantHonest: sameFloat32(expected, claim.claimed) };
}

const UNIT_ROUNDOFF = 2 ** -24;

/**
 * Tolerant mode: the largest honest deviation of an element from the reproducible value, for a backend that
 * reorders or fuses operations. For a sum of n terms the classic bound γₙ·Σ|termᵢ| (γₙ = n·u / (1 − n·u)), plus a
 * few ulps of the value for the final rounding and for non-reduction rules (exp, division, sqrt).
 */
export function toleratedError(program: ElementProgram, inputs: readonly Float32Array[], value: number): number {
  let magnitude = 0;
  let terms = 0;
  for (const step of program.steps) {
    const v = step.refs.map((r) => inputs[r.input]?.[r.index] ?? 0);
    if (step.rule === 'accumulate') {
      magnitude += Math.abs((v[0] as number) * (v[1] as number));
      terms++;
    } else if (step.rule === 'add') {
      magnitude += Math.abs(v[0] as number);
      terms++;
    }
  }
  const gamma = (terms * UNIT_ROUNDOFF) / (1 - terms * UNIT_ROUNDOFF);
  return gamma * magnitude + 16 * UNIT_ROUNDOFF * Math.abs(value) + Number.MIN_VALUE;
}

/** Tolerant mode: recompute a whole element and accept the claim when it lies within `toleratedError`. */
export function judgeElementTolerant(
  program: ElementProgram,
  inputs: readonly Float32Array[],
  claimed: number,
): StepVerdict {
  const expected = recomputeFromProgram(program, inputs);
  const bound = toleratedError(program, inputs, expected);
  return { expected, claimantHonest: Math.abs(claimed - expected) <= bound || sameFloat32(claimed, expected) };
}
