// The flow loads the harness, which loads the runtime first (it binds the type slots the pallets refer to).
import { ACCEPT, Flow, reject, secretWith, solvers, submitter, verifiers, whistleblower } from './flow.js';
import assert from 'node:assert/strict';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { Disputes, storage as disputeStorage } from '../../pallets-spec/disputes/index.js';
import type { Verdict } from '../../pallets-spec/verification/verdicts.js';
import { mulFloor } from '../../pallets-spec/settlement/shares.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';
import { type Cheat, DisputeMoves, Run, f32bits } from './dispute-fixture.js';

const PRICES = [600n, 700n, 800n].map((p) => p * UNIT);
const WINDOW = params.disputes.responseBlocks;
const { burnShare, jackpotShare } = params.slashing;

/**
 * Task 0 proven by solver 0 with `claimant`'s run (step root), verdicts as given, dispute 0 opened by the
 * whistleblower over segment 1 (steps 11 ..= 20) at block 31.
 */
function disputed(claimant: Run, verdicts: Array<Verdict | undefined> = [ACCEPT, ACCEPT, ACCEPT]) {
  const { secret } = secretWith(false);
  const flow = new Flow()
    .register()
    .auction(PRICES, secret)
    .prove(solvers[0], claimant.stepRoot)
    .verdicts(verdicts)
    .revealSecret(solvers[0], secret)
    .at(31);
  flow.ok(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 1 });
  return { flow, moves: new DisputeMoves(claimant) };
}

/** Dispatches one move a block after the last one (each party answers within its window). */
function move(flow: Flow, call: string, who: AccountId, args: object): void {
  flow.at(flow.chain.blockNumber + 1).ok(Disputes, call, who, { dispute: 0n, ...args });
}

function refused(flow: Flow, call: string, who: AccountId, args: object, error: string): void {
  const before = flow.chain.fingerprint();
  const result = flow.chain.dispatch(Disputes, call, who, { dispute: 0n, ...args });
  assert.ok(!result.ok, `${call} should fail with ${error}`);
  assert.equal(result.message, `Disputes.${error}`, call);
  assert.equal(flow.chain.fingerprint(), before, `${call} (${error}) changed nothing`);
}

function resolution(flow: Flow) {
  const game = flow.chain.read((ctx) => disputeStorage.Disputes.get(ctx.state, 0n))?.game;
  assert.ok(game?.type === 'Resolved', 'the dispute is resolved');
  return game.value;
}

const CHEAT: Cheat = { kind: 'partial', step: 13, element: 37, partial: 3 };

/** Walks a dispute over a cheating run down to the pointed partial; returns the path it took. */
function toSupply(flow: Flow, moves: DisputeMoves) {
  const t = moves.firstBadStep(11, 20);
  move(flow, 'point_step', whistleblower, moves.pointStepArgs(t));
  move(flow, 'commit_graph', solvers[0], moves.commitGraphArgs(t));
  const node = moves.firstBadNode(t);
  move(flow, 'point_node', whistleblower, moves.pointNodeArgs(t, node));
  const element = moves.firstBadElement(t, node);
  move(flow, 'point_element', whistleblower, moves.pointElementArgs(t, node, element));
  move(flow, 'commit_partials', solvers[0], moves.commitPartialsArgs(t, node, element));
  const a = moves.firstBadPartial(t, node, element);
  move(flow, 'point_partial', whistleblower, moves.pointPartialArgs(t, node, element, a));
  return { t, node, element, a };
}

describe('protocol: the dispute game, move by move (in-memory chain)', () => {
  it('a claimant that lied in one partial of a dot product loses when the chain recomputes that step', () => {
    const { flow, moves } = disputed(new Run(20, CHEAT));
    const issuance = flow.chain.totalIssuance();
    const path = toSupply(flow, moves);
    assert.deepEqual(path, { t: 13, node: 0, element: 37, a: 3 });
    const whistleFree = flow.chain.free(whistleblower);
    const from = flow.chain.events.length;
    move(flow, 'supply_operands', solvers[0], moves.supplyOperandsArgs(13, 0, 37, 3));

    const outcome = resolution(flow);
    assert.equal(outcome.winner.type, 'Challenger');
    assert.equal(outcome.reason.type, 'Recomputed');
    assert.deepEqual(outcome.path, { step: 13, node: 0, element: 37, accumulation: 3 });
    const recomputed = flow.chain.events.slice(from).find((e) => e.name === 'StepRecomputed');
    const honest = moves.honest.trace(13).partials.get('0:37') as number[];
    assert.deepEqual(recomputed?.data, {
      dispute: 0n,
      partial: 3,
      expected: f32bits(honest[3] as number),
      claimed: f32bits(moves.partialsOf(13, 0, 37)[3] as number),
      claimant_honest: false,
    });
    const slash = params.disputes.claimantSlash;
    const toWinner = slash - mulFloor(slash, burnShare) - mulFloor(slash, jackpotShare);
    assert.equal(flow.chain.free(whistleblower) - whistleFree, toWinner + params.disputes.challengeBond);
    const verifierSlash = params.disputes.wrongVerdictSlash;
    for (const v of verifiers) assert.equal(flow.chain.reserved(v), params.roles.minimumStake.Verifier - verifierSlash);
    const burned = mulFloor(slash, burnShare) + 3n * mulFloor(verifierSlash, burnShare);
    assert.equal(flow.chain.totalIssuance(), issuance - burned, 'only the burned shares leave the supply');
    assert.equal(flow.task().status.type, 'Bidding', 're-auctioned');
  });

  it('an honest claimant beats a false challenger, which loses its bond; the rejecting verifier is slashed', () => {
    const honest = new Run(20);
    const { flow, moves } = disputed(honest, [ACCEPT, reject(1), ACCEPT]);
    const solverFree = flow.chain.free(solvers[0]);
    move(flow, 'point_step', whistleblower, moves.pointStepArgs(15));
    move(flow, 'commit_graph', solvers[0], moves.commitGraphArgs(15));
    move(flow, 'point_node', whistleblower, moves.pointNodeArgs(15, 0));
    move(flow, 'point_element', whistleblower, moves.pointElementArgs(15, 0, 300));
    move(flow, 'commit_partials', solvers[0], moves.commitPartialsArgs(15, 0, 300));
    move(flow, 'point_partial', whistleblower, moves.pointPartialArgs(15, 0, 300, 0));
    move(flow, 'supply_operands', solvers[0], moves.supplyOperandsArgs(15, 0, 300, 0));

    const outcome = resolution(flow);
    assert.equal(outcome.winner.type, 'Claimant');
    assert.equal(outcome.reason.type, 'Recomputed');
    const bond = params.disputes.challengeBond;
    assert.equal(
      flow.chain.free(solvers[0]) - solverFree,
      bond - mulFloor(bond, burnShare) - mulFloor(bond, jackpotShare),
    );
    assert.equal(flow.chain.reserved(whistleblower), params.roles.minimumStake.Whistleblower, 'bond gone');
    const slashed = params.roles.minimumStake.Verifier - params.disputes.wrongVerdictSlash;
    assert.equal(flow.chain.reserved(verifiers[1]), slashed, 'the rejection was wrong');
    assert.equal(flow.chain.reserved(verifiers[0]), params.roles.minimumStake.Verifier);
    assert.equal(flow.task().status.type, 'Challengeable', 'the proof stands');
  });

  it('also beats a false challenger on a one-step element (the optimizer update, partial 0)', () => {
    const { flow, moves } = disputed(new Run(20));
    move(flow, 'point_step', whistleblower, moves.pointStepArgs(20));
    move(flow, 'commit_graph', solvers[0], moves.commitGraphArgs(20));
    move(flow, 'point_node', whistleblower, moves.pointNodeArgs(20, 1));
    move(flow, 'point_element', whistleblower, moves.pointElementArgs(20, 1, 319));
    move(flow, 'commit_partials', solvers[0], moves.commitPartialsArgs(20, 1, 319));
    move(flow, 'point_partial', whistleblower, moves.pointPartialArgs(20, 1, 319, 0));
    move(flow, 'supply_operands', solvers[0], moves.supplyOperandsArgs(20, 1, 319, 0));
    assert.equal(resolution(flow).winner.type, 'Claimant');
  });

  for (const link of ['StateInput', 'NodeInput', 'WrittenSlot', 'Template'] as const) {
    it(`records inconsistent at the graph-node phase (${link}) make the claimant lose at once`, () => {
      const { flow, moves } = disputed(new Run(20, { kind: 'record', step: 17, link }));
      const t = moves.firstBadStep(11, 20);
      assert.equal(t, 17);
      move(flow, 'point_step', whistleblower, moves.pointStepArgs(t));
      move(flow, 'commit_graph', solvers[0], moves.commitGraphArgs(t));
      const others = (['StateInput', 'NodeInput', 'WrittenSlot'] as const).filter((l) => l !== link);
      // Against a record whose template is not the task's, the other links are refused: prove `Template` instead.
      const otherError = link === 'Template' ? 'TemplateMismatch' : 'NoInconsistency';
      for (const other of others) {
        refused(flow, 'prove_inconsistency', whistleblower, moves.inconsistencyArgs(t, other), otherError);
      }
      if (link === 'Template')
        refused(flow, 'point_node', whistleblower, moves.pointNodeArgs(t, 1), 'TemplateMismatch');
      else
        refused(flow, 'prove_inconsistency', whistleblower, moves.inconsistencyArgs(t, 'Template'), 'NoInconsistency');
      const from = flow.chain.events.length;
      move(flow, 'prove_inconsistency', whistleblower, moves.inconsistencyArgs(t, link));
      const outcome = resolution(flow);
      assert.equal(outcome.winner.type, 'Challenger');
      assert.deepEqual(outcome.reason, {
        type: 'Inconsistent',
        value: { node: 1, link: { type: link, value: undefined } },
      });
      assert.deepEqual(flow.chain.eventNames(from).slice(-1), ['Disputes.DisputeResolved']);
      assert.ok(flow.chain.eventNames(from).includes('Disputes.InconsistencyProven'));
    });
  }

  it('a state opening that does not match is refused; the claimant then loses by timeout', () => {
    const { flow, moves } = disputed(new Run(20, CHEAT));
    move(flow, 'point_step', whistleblower, moves.pointStepArgs(13));
    const opening = moves.commitGraphArgs(13);
    const honestOpening = new DisputeMoves(moves.honest).commitGraphArgs(13);
    refused(
      flow,
      'commit_graph',
      solvers[0],
      { ...opening, roots_after: honestOpening.roots_after },
      'StateOpeningMismatch',
    );
    refused(
      flow,
      'commit_graph',
      solvers[0],
      { ...opening, layout_before: opening.layout_after },
      'StateOpeningMismatch',
    );
    refused(flow, 'commit_graph', solvers[0], { ...opening, node_count: 3 }, 'WrongNodeCount');
    flow.at(flow.chain.blockNumber + WINDOW + 1).ok(Disputes, 'claim_timeout', submitter, { dispute: 0n });
    assert.equal(resolution(flow).winner.type, 'Challenger');
    assert.equal(resolution(flow).reason.type, 'Timeout');
  });

  it('a last partial that is not the pointed element is refused; the claimant then loses by timeout', () => {
    const { flow, moves } = disputed(new Run(20, CHEAT));
    move(flow, 'point_step', whistleblower, moves.pointStepArgs(13));
    move(flow, 'commit_graph', solvers[0], moves.commitGraphArgs(13));
    move(flow, 'point_node', whistleblower, moves.pointNodeArgs(13, 0));
    move(flow, 'point_element', whistleblower, moves.pointElementArgs(13, 0, 37));
    // The claimant tries to answer with the honest partials: their last is not the value it committed.
    const honestList = moves.honest.trace(13).partials.get('0:37') as number[];
    refused(
      flow,
      'commit_partials',
      solvers[0],
      moves.commitPartialsArgs(13, 0, 37, honestList),
      'LastPartialMismatch',
    );
    const short = moves.partialsOf(13, 0, 37).slice(4);
    refused(flow, 'commit_partials', solvers[0], moves.commitPartialsArgs(13, 0, 37, short), 'WrongPartialCount');
    flow.at(flow.chain.blockNumber + WINDOW + 1).ok(Disputes, 'claim_timeout', submitter, { dispute: 0n });
    assert.equal(resolution(flow).winner.type, 'Challenger');
  });

  it('the party on turn loses by timeout at every move', () => {
    const steps: Array<[string, 'claimant' | 'challenger']> = [
      ['point_step', 'claimant'],
      ['commit_graph', 'challenger'],
      ['point_node', 'challenger'],
      ['point_element', 'claimant'],
      ['commit_partials', 'challenger'],
      ['point_partial', 'claimant'],
    ];
    steps.forEach(([last, silent], played) => {
      const { flow, moves } = disputed(new Run(20, CHEAT));
      const all: Array<[string, AccountId, object]> = [
        ['point_step', whistleblower, moves.pointStepArgs(13)],
        ['commit_graph', solvers[0], moves.commitGraphArgs(13)],
        ['point_node', whistleblower, moves.pointNodeArgs(13, 0)],
        ['point_element', whistleblower, moves.pointElementArgs(13, 0, 37)],
        ['commit_partials', solvers[0], moves.commitPartialsArgs(13, 0, 37)],
        ['point_partial', whistleblower, moves.pointPartialArgs(13, 0, 37, 3)],
      ];
      for (const [call, who, args] of all.slice(0, played + 1)) move(flow, call, who, args);
      assert.equal(all[played]?.[0], last);
      const deadline = flow.chain.blockNumber + WINDOW;
      refused(flow, 'claim_timeout', submitter, {}, 'DisputeDeadlineNotReached');
      flow.at(deadline + 1).ok(Disputes, 'claim_timeout', submitter, { dispute: 0n });
      const outcome = resolution(flow);
      assert.equal(outcome.reason.type, 'Timeout');
      assert.equal(
        outcome.winner.type,
        silent === 'claimant' ? 'Challenger' : 'Claimant',
        `silent ${silent} after ${last}`,
      );
    });
  });

  it('refuses every malformed or mismatched proof with a module error, changing nothing', () => {
    const { flow, moves } = disputed(new Run(20, CHEAT));
    const other = `0x${'11'.repeat(32)}`;
    const bad = (siblings: string[]) => siblings.map(() => other);
    refused(flow, 'point_step', whistleblower, { ...moves.pointStepArgs(13), step: 21 }, 'IndexOutOfRange');
    move(flow, 'point_step', whistleblower, moves.pointStepArgs(13));
    const opening = moves.commitGraphArgs(13);
    const tooMany = { ...opening, roots_before: Array.from({ length: 65 }, () => other) };
    refused(flow, 'commit_graph', solvers[0], tooMany, 'TooManyStateTensors');
    refused(flow, 'commit_graph', whistleblower, opening, 'NotAParty');
    move(flow, 'commit_graph', solvers[0], opening);

    const node = moves.pointNodeArgs(13, 0);
    refused(flow, 'point_node', whistleblower, { ...node, node: 2 }, 'IndexOutOfRange');
    refused(
      flow,
      'point_node',
      whistleblower,
      { ...node, record: { ...node.record, siblings: bad(node.record.siblings) } },
      'ProofMismatch',
    );
    refused(
      flow,
      'point_node',
      whistleblower,
      { ...node, record: { ...node.record, output_root: other } },
      'ProofMismatch',
    );
    refused(
      flow,
      'point_node',
      whistleblower,
      { ...node, template_siblings: bad(node.template_siblings) },
      'ProofMismatch',
    );
    refused(flow, 'point_node', whistleblower, { ...node, graph_template: new Uint8Array([1, 2, 3]) }, 'ProofMismatch');
    const writesNothing = moves.inconsistencyArgs(13, 'WrittenSlot', 0);
    refused(flow, 'prove_inconsistency', whistleblower, writesNothing, 'LinkDoesNotApply');
    const readsBatch = moves.inconsistencyArgs(13, 'StateInput', 0);
    refused(flow, 'prove_inconsistency', whistleblower, readsBatch, 'LinkDoesNotApply');
    refused(flow, 'point_element', whistleblower, moves.pointElementArgs(13, 0, 37), 'WrongDisputeMove');
    move(flow, 'point_node', whistleblower, node);

    const element = moves.pointElementArgs(13, 0, 37);
    refused(flow, 'point_element', whistleblower, { ...element, chunk: element.chunk.slice(0, 3) }, 'MalformedChunk');
    refused(flow, 'point_element', whistleblower, { ...element, chunk: new Uint8Array(1028) }, 'MalformedChunk');
    refused(flow, 'point_element', whistleblower, { ...element, element: 320 }, 'IndexOutOfRange');
    refused(flow, 'point_element', whistleblower, { ...element, siblings: bad(element.siblings) }, 'ProofMismatch');
    refused(flow, 'point_element', solvers[0], element, 'NotAParty');
    move(flow, 'point_element', whistleblower, element);
    move(flow, 'commit_partials', solvers[0], moves.commitPartialsArgs(13, 0, 37));

    const partial = moves.pointPartialArgs(13, 0, 37, 3);
    refused(flow, 'point_partial', whistleblower, { ...partial, previous: undefined }, 'PreviousPartialMissing');
    const lie = { ...partial.partial, value: partial.partial.value + 1 };
    refused(flow, 'point_partial', whistleblower, { ...partial, partial: lie }, 'ProofMismatch');
    refused(flow, 'point_partial', whistleblower, { ...partial, index: 8 }, 'IndexOutOfRange');
    move(flow, 'point_partial', whistleblower, partial);

    const { operands } = moves.supplyOperandsArgs(13, 0, 37, 3);
    const [x, y] = operands as [(typeof operands)[number], (typeof operands)[number]];
    const flipped = { ...x, chunk: Uint8Array.from(x.chunk, (b, i) => (i === 0 ? b ^ 1 : b)) };
    refused(flow, 'supply_operands', solvers[0], { operands: [y, x], data: [] }, 'OperandMismatch');
    refused(flow, 'supply_operands', solvers[0], { operands: [x], data: [] }, 'OperandMismatch');
    refused(
      flow,
      'supply_operands',
      solvers[0],
      { operands: [{ ...x, index: x.index + 1 }, y], data: [] },
      'OperandMismatch',
    );
    refused(flow, 'supply_operands', solvers[0], { operands: [flipped, y], data: [] }, 'OperandMismatch');
    refused(flow, 'supply_operands', solvers[0], { operands: [x, y], data: [flipped] }, 'ProofMismatch');
    refused(flow, 'supply_operands', solvers[0], { operands: [x, y], data: [{ ...x, input: 5 }] }, 'OperandMismatch');
    const flood = Array.from({ length: 127 }, () => x);
    refused(flow, 'supply_operands', solvers[0], { operands: [x, y], data: flood }, 'TooManyScalars');
    refused(flow, 'supply_operands', whistleblower, { operands: [x, y], data: [] }, 'NotAParty');
    move(flow, 'supply_operands', solvers[0], { operands: [x, y], data: [] });
    assert.equal(resolution(flow).winner.type, 'Challenger');
    refused(flow, 'supply_operands', solvers[0], { operands: [x, y], data: [] }, 'DisputeResolved');
  });
});
