/**
 * Drawing the verifiers of a proof and their segments from the selection seed, and releasing them afterwards.
 * Each verifier engages the stake it could lose on the task, so it cannot unbond from under a pending slash.
 */
import { type DispatchContext, fail } from '../framework/dispatch.js';
import type { AccountId } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { verifierAtRisk, canEngage, engage, holdersOf, release } from '../roles/stakes.js';
import { decided } from '../tasks/decision.js';
import type { TaskInfo } from '../tasks/types.js';
import { errors, events, storage } from './declaration.js';
import { assignSegments, segmentCountOf, selectVerifiers } from './selection.js';
import type { Assignment } from './types.js';

export function assignVerifiers(
  ctx: DispatchContext,
  task: bigint,
  info: TaskInfo,
  solver: AccountId,
  seed: Uint8Array,
): void {
  const candidates = holdersOf(ctx, 'Verifier').filter(({ account }) =>
    canEngage(ctx, account, 'Verifier', verifierAtRisk()),
  );
  const excluded = [solver, info.submitter];
  const eligible = candidates.filter(({ account }) => !excluded.includes(account)).length;
  if (eligible === 0) fail(errors.NotEnoughVerifiers);
  const count = Math.min(protocolParams().verification.verifiersPerTask, eligible);
  const verifiers = decided(selectVerifiers(candidates, count, seed, excluded), errors);
  const segmentCount = segmentCountOf(info.spec.steps, info.spec.checkpoint_interval);
  const perVerifier = protocolParams().verification.segmentsPerVerifier;
  const assignments = decided(assignSegments(verifiers, segmentCount, perVerifier, seed), errors);
  storage.Verifiers.set(ctx.state, task, verifiers);
  for (const { verifier, segments } of assignments) {
    engage(ctx, verifier, 'Verifier', verifierAtRisk());
    storage.Assignments.set(ctx.state, [task, verifier], { segments, commitment: undefined, verdict: undefined });
    ctx.emit(events.Assigned({ task, verifier, segments }));
  }
}

/** The assignments of the task's current proof, in draw order. */
export function assignmentsOf(ctx: DispatchContext, task: bigint): Array<[AccountId, Assignment]> {
  return (storage.Verifiers.get(ctx.state, task) ?? []).map((verifier) => {
    const assignment = storage.Assignments.get(ctx.state, [task, verifier]);
    if (assignment === undefined) fail({ type: 'Corruption', value: undefined });
    return [verifier, assignment];
  });
}

/** Ends the current proof's verification: every remaining verifier is released and its assignment removed. */
export function clearAssignments(ctx: DispatchContext, task: bigint): void {
  for (const [verifier] of assignmentsOf(ctx, task)) {
    release(ctx, verifier, 'Verifier', verifierAtRisk());
    storage.Assignments.remove(ctx.state, [task, verifier]);
  }
  storage.Verifiers.remove(ctx.state, task);
}
