/**
 * The accumulation phase and the final move (docs/dispute-protocol.md, phase 4): the claimant commits the pointed
 * element's partial results, the challenger points the first disputed one, the claimant proves the scalars that
 * step reads and the chain recomputes that one step with the referee (`programStep` builds it in time independent
 * of the reduction's length; `judgeScalarStep` checks the operands and compares float32 bits).
 *
 * What a RefereeError means here, decided per cause (none ever leaves the runtime as an exception):
 * - a proof that does not match its root, an operand list that is not the step's, a scalar the step (or the order
 *   of the program) reads but was not supplied: a module error, nothing changes, and the claimant may try again
 *   until its deadline (then it loses by timeout);
 * - a partial count that is not the program's length (checkable only with data, for max-pool gradients): the
 *   claimant committed a list that cannot be the element's, and loses (`ProgramLength`);
 * - the claimant's own proven data leaving the program undefined (a label that is no class): the claimant loses
 *   (`ProgramUndefined`): its record's inputs cannot be an honest step's.
 */
import { type DispatchContext, ensure, fail } from '../framework/dispatch.js';
import { decided } from '../tasks/decision.js';
import type { AccountId, H256 } from '../types/primitives.js';
import {
  MissingScalarError,
  RefereeError,
  inputLengths,
  judgeScalarStep,
  lengthReadsData,
  programInit,
  programLength,
  programStep,
  sameFloat32,
  sparseScalars,
  verifyElementProof,
  type OpCall,
  type ScalarSource,
} from '../../offchain/referee/index.js';
import { MAX_SUPPLIED_SCALARS, constants, errors, events, storage } from './declaration.js';
import { finish, getDispute } from './moves.js';
import { arbitrate, commitList, pointIndex } from './phase-machine.js';
import { bitsOf, bytesOf, ensureLeaf, fromBits, partialLeafOfBits, scalarProofOf, templateOf } from './proofs.js';
import type { Dispute, Resolution, ScalarProof } from './types.js';

const window = () => constants.ResponseBlocks.value;

/** The pointed node's operation and element, once the element phase is done. */
function pointedElement(dispute: Dispute): { call: OpCall; element: number; value: number } {
  const node = dispute.node ?? fail(errors.WrongDisputeMove);
  const element = dispute.game.value.path.element;
  const value = dispute.element_value;
  if (element === undefined || value === undefined) fail(errors.WrongDisputeMove);
  return { call: templateOf(node.template).call, element, value };
}

/** Runs a referee function on claimant data: a missing scalar is a module error, any other error the claimant's. */
function onClaimantData<T>(f: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    if (error instanceof MissingScalarError) fail(errors.MissingScalar);
    if (error instanceof RefereeError) return { ok: false };
    throw error;
  }
}

export interface PartialsCommitment {
  root: H256;
  count: number;
  last_siblings: H256[];
}

/** Phase 4, claimant: the partial results of the pointed element; the last one is proven to be its value. */
export function commitPartials(ctx: DispatchContext, id: bigint, who: AccountId, args: PartialsCommitment): void {
  const dispute = getDispute(ctx, id);
  ensure(who === dispute.claimant, errors.NotAParty);
  const { root, count } = args;
  const game = decided(commitList(dispute.game, 'Claimant', count, ctx.blockNumber, window()), errors);
  const { call, element, value } = pointedElement(dispute);
  if (count > 0) {
    ensureLeaf(
      root,
      partialLeafOfBits(value),
      { leafIndex: count - 1, leafCount: count },
      args.last_siblings,
      errors.LastPartialMismatch,
    );
  }
  if (!lengthReadsData(call)) {
    const length = onClaimantData(() => programLength(call, element, sparseScalars([])));
    ensure(length.ok && length.value === count, errors.WrongPartialCount);
  }
  storage.Disputes.set(ctx.state, id, { ...dispute, partials: { root, count }, game });
  ctx.emit(events.PartialsCommitted({ dispute: id, root, count, game }));
}

export interface PartialProof {
  value: number;
  siblings: H256[];
}

/** Phase 4, challenger: the first disputed partial `a`, with `a − 1` (agreed) unless `a = 0` (the init is agreed). */
export function pointPartial(
  ctx: DispatchContext,
  id: bigint,
  who: AccountId,
  args: { index: number; partial: PartialProof; previous: PartialProof | undefined },
): void {
  const dispute = getDispute(ctx, id);
  ensure(who === dispute.challenger, errors.NotAParty);
  const { index } = args;
  const game = decided(pointIndex(dispute.game, 'Challenger', index, ctx.blockNumber, window()), errors);
  const list = dispute.partials ?? fail(errors.WrongDisputeMove);
  const prove = (at: number, p: PartialProof) =>
    ensureLeaf(list.root, partialLeafOfBits(p.value), { leafIndex: at, leafCount: list.count }, p.siblings);
  prove(index, args.partial);
  let previous: number;
  if (index === 0) previous = bitsOf(programInit(pointedElement(dispute).call));
  else {
    const before = args.previous ?? fail(errors.PreviousPartialMissing);
    prove(index - 1, before);
    previous = before.value;
  }
  const partial = { claimed: args.partial.value, previous };
  storage.Disputes.set(ctx.state, id, { ...dispute, partial, game });
  ctx.emit(events.PartialPointed({ dispute: id, index, ...partial, game }));
}

/** The scalars proven under the record's input roots, as the referee's sparse source. */
function provenData(dispute: Dispute, lengths: readonly number[], data: readonly ScalarProof[]): ScalarSource {
  const roots = (dispute.node ?? fail(errors.WrongDisputeMove)).input_roots;
  const entries = data.map((proof) => {
    const root = roots[proof.input] ?? fail(errors.OperandMismatch);
    const value = verifyElementProof(bytesOf(root), scalarProofOf(lengths, proof));
    if (value === undefined) fail(errors.ProofMismatch);
    return { input: proof.input, index: proof.index, value };
  });
  return sparseScalars(entries);
}

const RECOMPUTED: Resolution = { type: 'Recomputed', value: undefined };

/**
 * The verdict on the claimant's element (its partial `a`, or its claim that the program is empty): the referee's
 * whole share of the final move (proofs, one program step, one recomputation), apart from the settlement.
 */
export function judge(
  dispute: Dispute,
  operands: readonly ScalarProof[],
  data: readonly ScalarProof[],
): { claimantWins: boolean; reason: Resolution; expected?: number } {
  const { call, element, value } = pointedElement(dispute);
  const lengths = inputLengths(call);
  const source = provenData(dispute, lengths, data);
  const length = onClaimantData(() => programLength(call, element, source));
  if (!length.ok) return { claimantWins: false, reason: { type: 'ProgramUndefined', value: undefined } };
  const count = (dispute.partials ?? fail(errors.WrongDisputeMove)).count;
  if (length.value !== count) return { claimantWins: false, reason: { type: 'ProgramLength', value: undefined } };
  const a = dispute.game.value.path.accumulation;
  if (count === 0 || a === undefined) {
    return { claimantWins: sameFloat32(fromBits(value), programInit(call)), reason: RECOMPUTED };
  }
  const pointed = dispute.partial ?? fail(errors.WrongDisputeMove);
  const step = onClaimantData(() => programStep(call, element, a, source));
  if (!step.ok) return { claimantWins: false, reason: { type: 'ProgramUndefined', value: undefined } };
  const inputRoots = (dispute.node?.input_roots ?? []).map(bytesOf);
  const proofs = operands.map((proof, i) => {
    ensure(proof.input === step.value.refs[i]?.input, errors.OperandMismatch);
    return scalarProofOf(lengths, proof);
  });
  let verdict;
  try {
    verdict = judgeScalarStep({
      step: step.value,
      previous: fromBits(pointed.previous),
      inputRoots,
      operands: proofs,
      claimed: fromBits(pointed.claimed),
    });
  } catch (error) {
    if (error instanceof RefereeError) fail(errors.OperandMismatch);
    throw error;
  }
  return { claimantWins: verdict.claimantHonest, reason: RECOMPUTED, expected: verdict.expected };
}

/** The final move, claimant: the step's operands (in the step's order) and the data that orders the program. */
export function supplyOperands(
  ctx: DispatchContext,
  id: bigint,
  who: AccountId,
  args: { operands: ScalarProof[]; data: ScalarProof[] },
): void {
  const dispute = getDispute(ctx, id);
  ensure(who === dispute.claimant, errors.NotAParty);
  ensure(args.operands.length + args.data.length <= MAX_SUPPLIED_SCALARS, errors.TooManyScalars);
  // Turn, move and deadline first: the referee only runs for the party on turn.
  decided(arbitrate(dispute.game, 'Claimant', { claimantWins: true, reason: RECOMPUTED }, ctx.blockNumber), errors);
  const verdict = judge(dispute, args.operands, args.data);
  const game = decided(arbitrate(dispute.game, 'Claimant', verdict, ctx.blockNumber), errors);
  if (verdict.expected !== undefined) {
    ctx.emit(
      events.StepRecomputed({
        dispute: id,
        partial: dispute.game.value.path.accumulation ?? 0,
        expected: bitsOf(verdict.expected),
        claimed: dispute.partial?.claimed ?? 0,
        claimant_honest: verdict.claimantWins,
      }),
    );
  }
  finish(ctx, id, dispute, game);
}
