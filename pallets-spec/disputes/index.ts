/**
 * Disputes (pallet index 45): the calls, thin. Turn, phase, deadline and range rules are phase-machine.ts; the
 * moves of phases 1–3 are moves.ts, phase 4 and the final recomputation arbitration.ts, the Merkle and commitment
 * checks proofs.ts, the money outcome.ts. docs/dispute-protocol.md says what each move proves.
 */
import { call } from '../framework/pallet.js';
import { ensure, ensureSigned, fail, weight } from '../framework/dispatch.js';
import { bytes, option, struct, u32, vec } from '../types/dsl.js';
import { AccountId, H256 } from '../types/primitives.js';
import { activeStake } from '../roles/stakes.js';
import { getTask } from '../tasks/lifecycle.js';
import { TaskId } from '../tasks/types.js';
import { storage as verificationStorage } from '../verification/declaration.js';
import { DisputeId, constants, errors, events, pallet, storage } from './declaration.js';
import { commitPartials, pointPartial, supplyOperands } from './arbitration.js';
import {
  commitGraph,
  finish,
  getDispute,
  openGame,
  pointElement,
  pointNode,
  pointStep,
  proveInconsistency,
} from './moves.js';
import { expire } from './phase-machine.js';
import { decided } from '../tasks/decision.js';
import { Inconsistency, NodeRecordProof, ScalarProof } from './types.js';

const PartialProof = struct(['pallet_veritrain_disputes', 'PartialProof'], {
  value: { type: u32, docs: ['The partial result (float32 bits).'] },
  siblings: vec(H256),
});

const nodePointerArgs = {
  dispute: DisputeId,
  node: u32,
  record: NodeRecordProof,
  template_siblings: vec(H256),
  graph_template: option(bytes),
};

/** Hashing a chunk (1 KiB) and its siblings dominates a proof's cost: weight grows with the proofs supplied. */
const perScalar = (count: number) => weight(60_000_000 + 25_000_000 * count, 10_000);

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
      openGame(ctx, task, segment, who, constants.ChallengeBond.value);
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
      openGame(ctx, task, verdict.value.segment, verifier, 0n);
    },
  }),
  point_step: call({
    index: 2,
    args: {
      dispute: DisputeId,
      step: u32,
      before: H256,
      before_siblings: vec(H256),
      after: H256,
      after_siblings: vec(H256),
    },
    docs: [
      'Step phase, challenger: the first disputed step `t` of the segment. `before` (H_{t−1}, agreed) and `after`',
      "(H_t) are proven at leaves t − 1 and t of the proof's `step_root` (T + 1 leaves, referee Merkle layout).",
    ],
    weight: weight(60_000_000, 3_593),
    dispatch(ctx, origin, { dispute, ...args }) {
      pointStep(ctx, dispute, ensureSigned(origin), args);
    },
  }),
  commit_graph: call({
    index: 3,
    args: {
      dispute: DisputeId,
      node_root: H256,
      node_count: u32,
      layout_before: H256,
      roots_before: vec(H256),
      layout_after: H256,
      roots_after: vec(H256),
    },
    docs: [
      "Graph-node phase, claimant: the Merkle root of the step's node records (`node_count` = the task's",
      '`graph_nodes`), and both state commitments opened: `stateCommitment(layout, roots)` must give H_{t−1} and H_t.',
    ],
    weight: (args) => weight(40_000_000 + 2_000_000 * (args.roots_before.length + args.roots_after.length), 3_593),
    dispatch(ctx, origin, { dispute, ...args }) {
      commitGraph(ctx, dispute, ensureSigned(origin), args);
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
      finish(ctx, id, dispute, decided(expire(dispute.game, ctx.blockNumber), errors));
    },
  }),
  point_node: call({
    index: 5,
    args: nodePointerArgs,
    docs: [
      'Graph-node phase, challenger: the first node whose output it disputes. `record` is proven under the',
      "claimant's node root and its template (or `graph_template` when Adam's `stepSize` differs) under the task's",
      "`graph_root`, both at index `node`. The element phase then points into the node's output.",
    ],
    weight: weight(90_000_000, 3_593),
    dispatch(ctx, origin, { dispute, ...pointer }) {
      pointNode(ctx, dispute, ensureSigned(origin), pointer);
    },
  }),
  prove_inconsistency: call({
    index: 6,
    args: { ...nodePointerArgs, link: Inconsistency },
    docs: [
      "Graph-node phase, challenger: proves the claimant's record at `node` breaks `link` (an input root against",
      "the opened state or an earlier record's output, the written slot against the opened state after, or the",
      "template against the task's). The claimant loses at once.",
    ],
    weight: weight(250_000_000, 20_000),
    dispatch(ctx, origin, { dispute, ...pointer }) {
      proveInconsistency(ctx, dispute, ensureSigned(origin), pointer);
    },
  }),
  point_element: call({
    index: 7,
    args: { dispute: DisputeId, element: u32, chunk: bytes, siblings: vec(H256) },
    docs: [
      "Element phase, challenger: a disputed element of the pointed node's output, with its 1 KiB chunk and the",
      "chunk's Merkle siblings under the record's output root. The chain keeps the claimant's value.",
    ],
    weight: perScalar(1),
    dispatch(ctx, origin, { dispute, ...args }) {
      pointElement(ctx, dispute, ensureSigned(origin), args);
    },
  }),
  commit_partials: call({
    index: 8,
    args: { dispute: DisputeId, root: H256, count: u32, last_siblings: vec(H256) },
    docs: [
      "Accumulation phase, claimant: the Merkle root of the element's partial results (`count` = its program's",
      'length) with the last leaf proven equal to the pointed element. `count = 0` claims an empty program.',
    ],
    weight: weight(60_000_000, 3_593),
    dispatch(ctx, origin, { dispute, ...args }) {
      commitPartials(ctx, dispute, ensureSigned(origin), args);
    },
  }),
  point_partial: call({
    index: 9,
    args: { dispute: DisputeId, index: u32, partial: PartialProof, previous: option(PartialProof) },
    docs: [
      'Accumulation phase, challenger: the first disputed partial result `index`, with the one before it (agreed;',
      "omitted for index 0, where the program's initial value is agreed).",
    ],
    weight: weight(70_000_000, 3_593),
    dispatch(ctx, origin, { dispute, ...args }) {
      pointPartial(ctx, dispute, ensureSigned(origin), args);
    },
  }),
  supply_operands: call({
    index: 10,
    args: { dispute: DisputeId, operands: vec(ScalarProof), data: vec(ScalarProof) },
    docs: [
      "Final move, claimant: the scalars the disputed step reads (`operands`, in the step's order) and the data",
      "that orders the element's program (labels, window maxima), proven under the record's input roots. The chain",
      'recomputes the step with the referee: the claimant wins iff it gets the same float32 bits.',
    ],
    weight: (args) => perScalar(args.operands.length + args.data.length),
    dispatch(ctx, origin, { dispute, ...args }) {
      supplyOperands(ctx, dispute, ensureSigned(origin), args);
    },
  }),
});

export { constants, errors, events, storage };
export const Disputes = pallet.finish({ constants, storage, events, errors, calls });
