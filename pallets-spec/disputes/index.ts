/**
 * Disputes (pallet index 45): the calls. Turn, phase, deadline and range rules are phase-machine.ts; the Merkle
 * checks use the referee's tree layout (offchain/referee/merkle.ts); the money is outcome.ts.
 *
 * Not yet here: `supply_operands`, the final move in which the claimant supplies the operands of the disputed
 * accumulation step and the chain recomputes it with the referee (`judgeScalarStep`). Until it exists a dispute
 * that reaches that move can only end by timeout, so this pallet is not in `PROTOCOL_PALLETS` yet.
 */
import { hexToU8a } from '@polkadot/util';
import { call } from '../framework/pallet.js';
import { type DispatchContext, ensure, ensureSigned, fail, weight } from '../framework/dispatch.js';
import { reserve } from '../balances/currency.js';
import { u32, vec } from '../types/dsl.js';
import { AccountId, H256 } from '../types/primitives.js';
import { leafHash, verifyMerkleProof } from '../../offchain/referee/merkle.js';
import { activeStake } from '../roles/stakes.js';
import { decided } from '../tasks/decision.js';
import { advanceTask, getTask } from '../tasks/lifecycle.js';
import { TaskId } from '../tasks/types.js';
import { storage as proofStorage } from '../proofs/declaration.js';
import { storage as verificationStorage } from '../verification/declaration.js';
import { segmentCountOf } from '../verification/selection.js';
import { DisputeId, constants, errors, events, pallet, storage } from './declaration.js';
import { resolve } from './outcome.js';
import { commitList, expire, openDispute, pointIndex } from './phase-machine.js';
import type { Dispute } from './types.js';

function getDispute(ctx: DispatchContext, id: bigint): Dispute {
  return storage.Disputes.get(ctx.state, id) ?? fail(errors.UnknownDispute);
}

/** Opens the game over `segment` (steps `segment·k + 1 ..= min((segment+1)·k, steps)`). */
function open(ctx: DispatchContext, task: bigint, segment: number, challenger: AccountId, bond: bigint): void {
  const info = getTask(ctx, task);
  const { steps, checkpoint_interval: k } = info.spec;
  ensure(segment < segmentCountOf(steps, k), errors.SegmentOutOfRange);
  const next = advanceTask(ctx, task, { kind: 'Challenged' });
  if (next.status.type !== 'Disputed') fail({ type: 'Corruption', value: undefined });
  const claimant = next.status.value.solver;
  if (bond > 0n) reserve(ctx, challenger, bond);
  const lastStep = Math.min((segment + 1) * k, steps);
  const game = openDispute({ firstStep: segment * k + 1, lastStep }, ctx.blockNumber, constants.ResponseBlocks.value);
  const proof = proofStorage.Proofs.get(ctx.state, task) ?? fail({ type: 'Corruption', value: undefined });
  const id = storage.NextDisputeId.get(ctx.state);
  storage.NextDisputeId.set(ctx.state, id + 1n);
  storage.Disputes.set(ctx.state, id, { task, segment, claimant, challenger, bond, list_root: proof.step_root, game });
  storage.OpenDisputes.set(ctx.state, task, id);
  ctx.emit(events.DisputeOpened({ dispute: id, task, segment, claimant, challenger, bond }));
}

/** Leaf count and position of an index: in the Step phase the list is the proof's per-step hashes (step t at t−1). */
function leafPosition(ctx: DispatchContext, dispute: Dispute, index: number): { leafIndex: number; leafCount: number } {
  const game = dispute.game;
  if (game.type !== 'Open' || game.value.range === undefined) fail(errors.WrongDisputeMove);
  if (game.value.phase.type === 'Step')
    return { leafIndex: index - 1, leafCount: getTask(ctx, dispute.task).spec.steps };
  return { leafIndex: index, leafCount: game.value.range.last + 1 };
}

export const calls = pallet.calls({
  open_dispute: call({
    index: 0,
    args: { task: TaskId, segment: u32 },
    docs: [
      "A whistleblower or one of the task's verifiers challenges `segment` of the proof, reserving `ChallengeBond`.",
    ],
    weight: weight(80_000_000, 10_000),
    dispatch(ctx, origin, { task, segment }) {
      const who = ensureSigned(origin);
      const isVerifier = verificationStorage.Assignments.contains(ctx.state, [task, who]);
      ensure(isVerifier || activeStake(ctx, who, 'Whistleblower') > 0n, errors.NotAChallenger);
      open(ctx, task, segment, who, constants.ChallengeBond.value);
    },
  }),
  contest_rejection: call({
    index: 1,
    args: { task: TaskId, verifier: AccountId },
    docs: ["The solver contests a verifier's rejection: that verifier must then prove its claim as challenger."],
    weight: weight(80_000_000, 10_000),
    dispatch(ctx, origin, { task, verifier }) {
      const solver = ensureSigned(origin);
      const { status } = getTask(ctx, task);
      if (status.type !== 'Challengeable' || status.value.solver !== solver) fail(errors.NotAParty);
      const verdict = verificationStorage.Assignments.get(ctx.state, [task, verifier])?.verdict;
      if (verdict?.type !== 'Reject') fail(errors.NoRejectionToContest);
      open(ctx, task, verdict.value.segment, verifier, 0n);
    },
  }),
  commit_list: call({
    index: 2,
    args: { dispute: DisputeId, root: H256, count: u32 },
    docs: [
      "The claimant commits the current phase's list: nodes of the step, elements of the node, partials of the element.",
    ],
    weight: weight(40_000_000, 3_593),
    dispatch(ctx, origin, { dispute: id, root, count }) {
      const who = ensureSigned(origin);
      const dispute = getDispute(ctx, id);
      ensure(who === dispute.claimant, errors.NotAParty);
      const game = decided(
        commitList(dispute.game, 'Claimant', count, ctx.blockNumber, constants.ResponseBlocks.value),
        errors,
      );
      storage.Disputes.set(ctx.state, id, { ...dispute, game, list_root: root });
      ctx.emit(events.ListCommitted({ dispute: id, game, root, count }));
    },
  }),
  point_index: call({
    index: 3,
    args: { dispute: DisputeId, index: u32, leaf: H256, siblings: vec(H256) },
    docs: [
      'The challenger names the first disputed item of the current list, proving with `siblings` that the',
      'claimant committed `leaf` at `index` (referee Merkle layout: leaves are blake2(0x00 ‖ leaf)).',
    ],
    weight: weight(60_000_000, 3_593),
    dispatch(ctx, origin, { dispute: id, index, leaf, siblings }) {
      const who = ensureSigned(origin);
      const dispute = getDispute(ctx, id);
      ensure(who === dispute.challenger, errors.NotAParty);
      const window = constants.ResponseBlocks.value;
      const game = decided(pointIndex(dispute.game, 'Challenger', index, ctx.blockNumber, window), errors);
      const position = leafPosition(ctx, dispute, index);
      const root = dispute.list_root ?? fail(errors.WrongDisputeMove);
      const proof = { ...position, siblings: siblings.map((s) => hexToU8a(s)) };
      ensure(verifyMerkleProof(hexToU8a(root), leafHash(hexToU8a(leaf)), proof), errors.ProofMismatch);
      storage.Disputes.set(ctx.state, id, { ...dispute, game, list_root: undefined });
      ctx.emit(events.IndexPointed({ dispute: id, game, index, leaf }));
    },
  }),
  claim_timeout: call({
    index: 4,
    args: { dispute: DisputeId },
    docs: ['Anyone may end a dispute whose party on turn let its deadline pass: that party loses.'],
    weight: weight(150_000_000, 20_000),
    dispatch(ctx, origin, { dispute: id }) {
      ensureSigned(origin);
      const dispute = getDispute(ctx, id);
      const game = decided(expire(dispute.game, ctx.blockNumber), errors);
      if (game.type !== 'Resolved') fail({ type: 'Corruption', value: undefined });
      const resolved = { ...dispute, game };
      storage.Disputes.set(ctx.state, id, resolved);
      resolve(ctx, id, resolved, game.value.winner.type);
    },
  }),
});

export { constants, errors, events, storage };
export const Disputes = pallet.finish({ constants, storage, events, errors, calls });
