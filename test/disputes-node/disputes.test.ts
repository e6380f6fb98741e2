/**
 * Issue 4, "must show", through a real node and `@polkadot/api`: dispute games played move by move by signed
 * extrinsics. The claimant's run and every proof come from the referee-built fixture (test/protocol/dispute-fixture.ts);
 * the task is driven to `Challengeable` by the protocol driver (test/protocol-node/support/), with the fixture's
 * graph root in the spec and the claimant's step root in the proof.
 */
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import type { KeyringPair } from '@polkadot/keyring/types';
import { storage as disputeStorage } from '../../pallets-spec/disputes/declaration.js';
import type { Dispute } from '../../pallets-spec/disputes/types.js';
import { type Cheat, DisputeMoves, GRAPH_NODES, GRAPH_ROOT, Run } from '../protocol/dispute-fixture.js';
import { type ChallengeableTask, driveToChallengeable } from '../protocol-node/support/challengeable.js';
import { ProtocolDriver } from '../protocol-node/support/driver.js';
import { bigField, snakeToCamel, theEvent } from '../protocol-node/support/events.js';
import { ProtocolSession, type TxOutcome } from '../protocol-node/support/session.js';

const CHEAT: Cheat = { kind: 'partial', step: 13, element: 37, partial: 3 };

/** A fixture value in the shape `@polkadot/api` encodes: bytes as hex, enums as `{ Variant: value }`, None as null. */
function apiValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Uint8Array) return u8aToHex(value);
  if (Array.isArray(value)) return value.map(apiValue);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const isEnum = entries.length === 2 && 'type' in value && 'value' in value;
    if (isEnum) return { [(value as { type: string }).type]: apiValue((value as { value: unknown }).value) };
    return Object.fromEntries(entries.map(([k, v]) => [k, apiValue(v)]));
  }
  return value;
}

describe('disputes through a real node (@polkadot/api)', function () {
  this.timeout(180_000);
  let session: ProtocolSession;
  let driver: ProtocolDriver;

  before(async () => {
    session = await ProtocolSession.open();
    driver = new ProtocolDriver(session);
  });
  after(async () => session?.close());

  /** Sends `Disputes.<call>` with the fixture's arguments, positionally in the metadata's order. */
  function send(signer: KeyringPair, call: string, dispute: bigint, args: object): Promise<TxOutcome> {
    const method = snakeToCamel(call);
    const fn = session.api.tx.disputes[method];
    if (fn === undefined) throw new Error(`no disputes.${method} in the metadata`);
    const named: Record<string, unknown> = { dispute, ...args };
    const camelToSnake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const positional = fn.meta.args.map((arg) => {
      const name = arg.name.toString();
      assert.ok(name in named || camelToSnake(name) in named, `disputes.${call} takes ${name}`);
      return apiValue(named[name] ?? named[camelToSnake(name)]);
    });
    return session.send(signer, fn(...positional));
  }

  async function ok(signer: KeyringPair, call: string, dispute: bigint, args: object): Promise<TxOutcome> {
    const outcome = await send(signer, call, dispute, args);
    assert.equal(outcome.error, undefined, `disputes.${call} failed with ${outcome.error}`);
    return outcome;
  }

  async function disputeOf(id: bigint): Promise<Dispute> {
    const dispute = disputeStorage.Disputes.get((await driver.snapshot()).ctx.state, id);
    assert.ok(dispute, `dispute ${id} exists`);
    return dispute;
  }

  /** A task proven with `claimant`'s step root, challengeable; the whistleblower opens a dispute over segment 1. */
  async function opened(claimant: Run): Promise<{ t: ChallengeableTask; id: bigint; moves: DisputeMoves }> {
    const t = await driveToChallengeable(driver, {
      spec: { steps: claimant.steps, checkpoint_interval: 10, graph_root: GRAPH_ROOT, graph_nodes: GRAPH_NODES },
      proof: { step_root: claimant.stepRoot },
    });
    const outcome = await session.ok(t.whistleblower.pair, session.api.tx.disputes.openDispute(t.task, 1));
    const id = bigField(theEvent(outcome.events, 'disputes.DisputeOpened'), 'dispute');
    return { t, id, moves: new DisputeMoves(claimant) };
  }

  const claimantSlash = () =>
    (session.api.consts.disputes.claimantSlash as unknown as { toBigInt(): bigint }).toBigInt();
  const challengeBond = () =>
    (session.api.consts.disputes.challengeBond as unknown as { toBigInt(): bigint }).toBigInt();

  it('the honest challenger wins a full game down to supply_operands; a bad proof on the way is a module error', async () => {
    const { t, id, moves } = await opened(new Run(20, CHEAT));
    const [W, S] = [t.whistleblower.pair, t.solver.pair];
    const step = moves.firstBadStep(11, 20);
    const bad = { ...moves.pointStepArgs(step), after: moves.pointStepArgs(step).before };
    assert.equal((await send(W, 'point_step', id, bad)).error, 'disputes.ProofMismatch');
    await ok(W, 'point_step', id, moves.pointStepArgs(step));
    await ok(S, 'commit_graph', id, moves.commitGraphArgs(step));
    const node = moves.firstBadNode(step);
    await ok(W, 'point_node', id, moves.pointNodeArgs(step, node));
    const element = moves.firstBadElement(step, node);
    const pointer = moves.pointElementArgs(step, node, element);
    const torn = await send(W, 'point_element', id, { ...pointer, chunk: pointer.chunk.slice(0, 3) });
    assert.equal(torn.error, 'disputes.MalformedChunk', 'a malformed chunk is a module error, not a panic');
    await ok(W, 'point_element', id, pointer);
    await ok(S, 'commit_partials', id, moves.commitPartialsArgs(step, node, element));
    const a = moves.firstBadPartial(step, node, element);
    await ok(W, 'point_partial', id, moves.pointPartialArgs(step, node, element, a));
    const { operands } = moves.supplyOperandsArgs(step, node, element, a);
    const swapped = await send(S, 'supply_operands', id, { operands: [...operands].reverse(), data: [] });
    assert.equal(swapped.error, 'disputes.OperandMismatch');
    const last = await ok(S, 'supply_operands', id, moves.supplyOperandsArgs(step, node, element, a));

    const recomputed = theEvent(last.events, 'disputes.StepRecomputed');
    assert.equal(recomputed.event.data[4]?.toString(), 'false', 'the claimant is found dishonest');
    const resolved = theEvent(last.events, 'disputes.DisputeResolved');
    assert.equal(bigField(resolved, 'loser_slashed'), claimantSlash());
    const game = (await disputeOf(id)).game;
    assert.ok(game.type === 'Resolved');
    assert.equal(game.value.winner.type, 'Challenger');
    assert.equal(game.value.reason.type, 'Recomputed');
    assert.deepEqual(game.value.path, { step: 13, node: 0, element: 37, accumulation: 3 });
    assert.equal((await driver.task(t.task)).status.type, 'Bidding', 're-auctioned');
  });

  it('an honest claimant wins against a false challenger, which loses its bond', async () => {
    const { t, id, moves } = await opened(new Run(20));
    const [W, S] = [t.whistleblower.pair, t.solver.pair];
    await ok(W, 'point_step', id, moves.pointStepArgs(12));
    await ok(S, 'commit_graph', id, moves.commitGraphArgs(12));
    await ok(W, 'point_node', id, moves.pointNodeArgs(12, 0));
    await ok(W, 'point_element', id, moves.pointElementArgs(12, 0, 100));
    await ok(S, 'commit_partials', id, moves.commitPartialsArgs(12, 0, 100));
    await ok(W, 'point_partial', id, moves.pointPartialArgs(12, 0, 100, 5));
    const last = await ok(S, 'supply_operands', id, moves.supplyOperandsArgs(12, 0, 100, 5));

    const resolved = theEvent(last.events, 'disputes.DisputeResolved');
    assert.equal(bigField(resolved, 'loser_slashed'), challengeBond());
    const game = (await disputeOf(id)).game;
    assert.ok(game.type === 'Resolved' && game.value.winner.type === 'Claimant');
    await driver.status(t.task, 'Challengeable');
  });

  it('a claimant silent after the step is pointed loses by timeout, which anyone may claim', async () => {
    const { t, id, moves } = await opened(new Run(20, CHEAT));
    await ok(t.whistleblower.pair, 'point_step', id, moves.pointStepArgs(13));
    const early = await send(t.submitter.pair, 'claim_timeout', id, {});
    assert.equal(early.error, 'disputes.DisputeDeadlineNotReached');
    const window = (session.api.consts.disputes.responseBlocks as unknown as { toNumber(): number }).toNumber();
    await session.advance(window + 1);
    const outcome = await ok(t.submitter.pair, 'claim_timeout', id, {});
    assert.equal(bigField(theEvent(outcome.events, 'disputes.DisputeResolved'), 'loser_slashed'), claimantSlash());
    const game = (await disputeOf(id)).game;
    assert.ok(game.type === 'Resolved');
    assert.equal(game.value.winner.type, 'Challenger');
    assert.equal(game.value.reason.type, 'Timeout');
  });
});
