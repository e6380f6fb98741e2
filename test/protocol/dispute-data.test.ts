// final-move.ts loads the flow, which loads the harness and the runtime first.
import { disputeAtFinalMove, finalMoveOf, patchFinalMove, type FinalMove } from './final-move.js';
import assert from 'node:assert/strict';
import { Disputes, storage as disputeStorage } from '../../pallets-spec/disputes/index.js';
import { partialResults, type ConvAttrs, type OpCall } from '../../offchain/referee/index.js';
import type { Flow } from './flow.js';
import { solvers } from './flow.js';

/**
 * The final move over operations whose program reads data: the loss picks each row's label, max pooling's gradient
 * routes through the windows whose maximum is the position. The claimant proves those scalars too (`data`), and
 * the chain builds the step from them alone. The dispute is a real one played to its last move, then pointed at
 * the operation under test (final-move.ts).
 */
function atFinalMove(move: FinalMove): Flow {
  const flow = disputeAtFinalMove();
  patchFinalMove(flow.chain, 0n, move);
  return flow;
}

function supply(flow: Flow, args: object) {
  return flow.chain.dispatch(Disputes, 'supply_operands', solvers[0], { dispute: 0n, ...args });
}

function outcome(flow: Flow) {
  const game = flow.chain.read((ctx) => disputeStorage.Disputes.get(ctx.state, 0n))?.game;
  assert.ok(game?.type === 'Resolved', 'resolved');
  return { winner: game.value.winner.type, reason: game.value.reason.type };
}

const LOSS: OpCall = { op: 'CrossEntropyLoss', attrs: { rows: 3, cols: 4 } };
const probabilities = Float32Array.from({ length: 12 }, (_, i) => (i + 1) / 13);
const labels = Float32Array.from([2, 0, 3]);

/** 2×2 windows, stride 1, over a 3×3 image: position 4 (the centre) is every window's maximum. */
const POOL: ConvAttrs = {
  batch: 1,
  inHeight: 3,
  inWidth: 3,
  inChannels: 1,
  filterHeight: 2,
  filterWidth: 2,
  outChannels: 1,
  strideHeight: 1,
  strideWidth: 1,
  padTop: 0,
  padLeft: 0,
  outHeight: 2,
  outWidth: 2,
};
const POOL_GRAD: OpCall = { op: 'MaxPoolGrad', attrs: POOL };
const dy = Float32Array.from([0.5, -1.25, 2, 0.75]);
const image = Float32Array.from([1, 2, 1, 2, 9, 2, 1, 2, 1]);

describe('protocol: the final move over programs that read data', () => {
  it('the loss: the claimant proves the label its step reads; without it the move is refused', () => {
    const move = finalMoveOf(LOSS, [probabilities, labels], 0, { a: 1 });
    assert.equal(move.supply.data.length, 1, 'the label of row 1');
    const flow = atFinalMove(move);
    const before = flow.chain.fingerprint();
    const missing = supply(flow, { ...move.supply, data: [] });
    assert.ok(!missing.ok && missing.message === 'Disputes.MissingScalar');
    assert.equal(flow.chain.fingerprint(), before);
    assert.deepEqual(supply(flow, move.supply), { ok: true });
    assert.deepEqual(outcome(flow), { winner: 'Claimant', reason: 'Recomputed' });
  });

  it('the loss: a wrong partial loses; a label that is no class loses (ProgramUndefined)', () => {
    const truth = partialResults(LOSS, [probabilities, labels], 0);
    const lie = truth.map((p, i) => (i === 2 ? Math.fround(p + 1) : p));
    const wrong = finalMoveOf(LOSS, [probabilities, labels], 0, { partials: lie, a: 2 });
    const flow = atFinalMove(wrong);
    assert.deepEqual(supply(flow, wrong.supply), { ok: true });
    assert.deepEqual(outcome(flow), { winner: 'Challenger', reason: 'Recomputed' });

    // The claimant's labels root commits label 7 (no class) for row 1: proving it leaves step 1 undefined.
    const badLabels = Float32Array.from([2, 7, 3]);
    const undefinedStep = finalMoveOf(LOSS, [probabilities, badLabels], 0, { partials: truth, a: 1 });
    assert.deepEqual(undefinedStep.supply, { operands: [], data: [undefinedStep.supply.data[0]] });
    const flow2 = atFinalMove(undefinedStep);
    assert.deepEqual(supply(flow2, undefinedStep.supply), { ok: true });
    assert.deepEqual(outcome(flow2), { winner: 'Challenger', reason: 'ProgramUndefined' });
  });

  it('max-pool gradient: the window maxima are proven; a partial count the data contradicts loses', () => {
    const move = finalMoveOf(POOL_GRAD, [dy, image], 4);
    assert.equal(move.stored.partials.count, 4, 'all four windows route to the centre');
    assert.equal(move.supply.data.length, 9, 'every tap of the four windows');
    const flow = atFinalMove(move);
    const short = supply(flow, { ...move.supply, data: move.supply.data.slice(1) });
    assert.ok(!short.ok && short.message === 'Disputes.MissingScalar');
    assert.deepEqual(supply(flow, move.supply), { ok: true });
    assert.deepEqual(outcome(flow), { winner: 'Claimant', reason: 'Recomputed' });

    const truth = partialResults(POOL_GRAD, [dy, image], 4);
    const padded = finalMoveOf(POOL_GRAD, [dy, image], 4, { partials: [...truth, truth[3] as number], a: 4 });
    const flow2 = atFinalMove(padded);
    const withData = { ...padded.supply, data: move.supply.data };
    assert.deepEqual(supply(flow2, withData), { ok: true });
    assert.deepEqual(outcome(flow2), { winner: 'Challenger', reason: 'ProgramLength' });
  });

  it('max-pool gradient: an element no window routes to has an empty program, claimed with count 0', () => {
    const empty = finalMoveOf(POOL_GRAD, [dy, image], 0);
    assert.equal(empty.stored.partials.count, 0);
    const flow = atFinalMove(empty);
    assert.deepEqual(supply(flow, empty.supply), { ok: true });
    assert.deepEqual(outcome(flow), { winner: 'Claimant', reason: 'Recomputed' });

    const claimsRoute = finalMoveOf(POOL_GRAD, [dy, image], 4, { partials: [] });
    const flow2 = atFinalMove(claimsRoute);
    assert.deepEqual(supply(flow2, { operands: [], data: finalMoveOf(POOL_GRAD, [dy, image], 4).supply.data }), {
      ok: true,
    });
    assert.deepEqual(outcome(flow2), { winner: 'Challenger', reason: 'ProgramLength' });
  });
});
