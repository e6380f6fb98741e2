/**
 * The last phase's check, as the chain makes it: verify the data scalars the claimant proved, build step `a` of
 * the element's program from the pointed record's template with them (referee `programStep`), and recompute it
 * from the proven operands (referee `judgeScalarStep`). A party runs it before sending its move, to know how the
 * chain will rule.
 */
import {
  judgeScalarStep,
  MissingScalarError,
  programInit,
  programLength,
  programStep,
  RefereeError,
  sameFloat32,
  sparseScalars,
  verifyElementProof,
  type NodeRecord,
  type StepVerdict,
} from '../../referee/index.js';
import type { CommitPartialsMove, InputScalar, PointPartialMove, SupplyOperandsMove } from './moves.js';

function provenScalars(record: NodeRecord, data: readonly InputScalar[]) {
  return data.map((scalar) => {
    const root = record.inputRoots[scalar.input];
    const value = root === undefined ? undefined : verifyElementProof(root, scalar.proof);
    if (value === undefined) {
      throw new RefereeError(`the data proof of input ${scalar.input}[${scalar.proof.index}] does not match its root`);
    }
    return { input: scalar.input, index: scalar.proof.index, value };
  });
}

/** The referee's verdict on the claimant's disputed partial; throws RefereeError on a malformed move. */
export function judgeDisputedStep(
  record: NodeRecord,
  element: number,
  point: PointPartialMove,
  supply: SupplyOperandsMove,
): StepVerdict {
  const call = record.template.call;
  const step = programStep(call, element, point.partial, sparseScalars(provenScalars(record, supply.data)));
  supply.operands.forEach((operand, i) => {
    if (operand.input !== step.refs[i]?.input)
      throw new RefereeError(`operand ${i} is not from input ${operand.input}`);
  });
  return judgeScalarStep({
    step,
    previous: point.partial === 0 ? programInit(call) : (point.agreed?.value ?? NaN),
    inputRoots: record.inputRoots,
    operands: supply.operands.map((o) => o.proof),
    claimed: point.disputed.value,
  });
}

/** How the chain rules on an element: by recomputing, or against a claimant whose list cannot be the program's. */
export type ElementVerdict = StepVerdict & { reason: 'recomputed' | 'programLength' | 'programUndefined' };

/**
 * The whole of the chain's last decision on a pointed element: the committed partial count must be the program's
 * length (with the data supplied); an empty program's element must be its initial value; otherwise the pointed
 * step is recomputed (`judgeDisputedStep`). `claimed` is the claimant's element value (the element phase's).
 */
export function judgeElement(
  record: NodeRecord,
  element: number,
  claimed: number,
  partials: Pick<CommitPartialsMove, 'count'>,
  point: PointPartialMove | undefined,
  supply: SupplyOperandsMove,
): ElementVerdict {
  const call = record.template.call;
  let length: number;
  try {
    length = programLength(call, element, sparseScalars(provenScalars(record, supply.data)));
  } catch (error) {
    if (error instanceof MissingScalarError || !(error instanceof RefereeError)) throw error;
    return { expected: NaN, claimantHonest: false, reason: 'programUndefined' };
  }
  if (length !== partials.count) return { expected: NaN, claimantHonest: false, reason: 'programLength' };
  if (length === 0) {
    const expected = programInit(call);
    return { expected, claimantHonest: sameFloat32(claimed, expected), reason: 'recomputed' };
  }
  if (point === undefined) throw new RefereeError(`element ${element}'s program has steps: a partial must be pointed`);
  return { ...judgeDisputedStep(record, element, point, supply), reason: 'recomputed' };
}
