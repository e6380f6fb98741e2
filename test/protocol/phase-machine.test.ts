import assert from 'node:assert/strict';
import {
  type DisputeGame,
  arbitrate,
  commitList,
  convict,
  expire,
  openDispute,
  pointIndex,
} from '../../pallets-spec/disputes/phase-machine.js';
import type { PartyName } from '../../pallets-spec/disputes/types.js';
import { unwrap } from './helpers.js';

const WINDOW = 5;

const unit = <T extends string>(type: T) => ({ type, value: undefined });

/** Walks the game to the arbitration move: step 13, node 2 of 40, element 7 of 100, accumulation step 31 of 64. */
function toArbitration(): { game: DisputeGame; now: number } {
  let now = 100;
  let game = openDispute({ firstStep: 11, lastStep: 20 }, now, WINDOW);
  game = unwrap(pointIndex(game, 'Challenger', 13, (now += 2), WINDOW));
  game = unwrap(commitList(game, 'Claimant', 40, (now += 5), WINDOW));
  game = unwrap(pointIndex(game, 'Challenger', 2, (now += 1), WINDOW, 100));
  game = unwrap(pointIndex(game, 'Challenger', 7, (now += 1), WINDOW));
  game = unwrap(commitList(game, 'Claimant', 64, (now += 1), WINDOW));
  game = unwrap(pointIndex(game, 'Challenger', 31, (now += 1), WINDOW));
  return { game, now };
}

describe('protocol: dispute phase machine', () => {
  const path = { step: 13, node: 2, element: 7, accumulation: 31 };

  it('narrows step → graph node → element → accumulation step, then arbitrates by recomputation', () => {
    const { game, now } = toArbitration();
    assert.deepEqual(game, {
      type: 'Open',
      value: {
        phase: unit('Accumulation'),
        expects: unit('SupplyOperands'),
        turn: unit('Claimant'),
        deadline: now + WINDOW,
        range: undefined,
        path,
      },
    });
    const resolved = (winner: PartyName) => ({
      type: 'Resolved',
      value: { winner: unit(winner), reason: unit('Recomputed'), path },
    });
    const recomputed = unit('Recomputed');
    assert.deepEqual(
      unwrap(arbitrate(game, 'Claimant', { claimantWins: true, reason: recomputed }, now + 1)),
      resolved('Claimant'),
    );
    assert.deepEqual(
      unwrap(arbitrate(game, 'Claimant', { claimantWins: false, reason: recomputed }, now + 1)),
      resolved('Challenger'),
    );
  });

  it('makes the silent party lose at every move', () => {
    let game = openDispute({ firstStep: 1, lastStep: 10 }, 0, WINDOW);
    const losers: PartyName[] = [];
    const moves: Array<(g: DisputeGame, at: number) => DisputeGame> = [
      (g, at) => unwrap(pointIndex(g, 'Challenger', 1, at, WINDOW)),
      (g, at) => unwrap(commitList(g, 'Claimant', 3, at, WINDOW)),
      (g, at) => unwrap(pointIndex(g, 'Challenger', 0, at, WINDOW, 3)),
      (g, at) => unwrap(pointIndex(g, 'Challenger', 0, at, WINDOW)),
      (g, at) => unwrap(commitList(g, 'Claimant', 3, at, WINDOW)),
      (g, at) => unwrap(pointIndex(g, 'Challenger', 0, at, WINDOW)),
    ];
    for (const move of [...moves, null]) {
      assert.ok(game.type === 'Open');
      const { deadline, turn } = game.value;
      assert.deepEqual(expire(game, deadline), { ok: false, error: 'DisputeDeadlineNotReached' });
      const timedOut = unwrap(expire(game, deadline + 1));
      assert.ok(timedOut.type === 'Resolved' && timedOut.value.reason.type === 'Timeout');
      assert.notEqual(timedOut.value.winner.type, turn.type);
      losers.push(turn.type);
      if (move) game = move(game, deadline);
    }
    assert.deepEqual(losers, [
      'Challenger',
      'Claimant',
      'Challenger',
      'Challenger',
      'Claimant',
      'Challenger',
      'Claimant',
    ]);
  });

  it('refuses moves out of turn, of the wrong kind, late, out of range, empty, or after resolution', () => {
    const opened = openDispute({ firstStep: 11, lastStep: 20 }, 0, WINDOW);
    const refused = (error: string) => ({ ok: false, error });
    assert.deepEqual(pointIndex(opened, 'Claimant', 12, 1, WINDOW), refused('NotYourTurn'));
    assert.deepEqual(commitList(opened, 'Challenger', 3, 1, WINDOW), refused('WrongDisputeMove'));
    assert.deepEqual(pointIndex(opened, 'Challenger', 12, 6, WINDOW), refused('DisputeDeadlinePassed'));
    assert.deepEqual(pointIndex(opened, 'Challenger', 10, 1, WINDOW), refused('IndexOutOfRange'));
    assert.deepEqual(pointIndex(opened, 'Challenger', 21, 1, WINDOW), refused('IndexOutOfRange'));
    assert.deepEqual(pointIndex(opened, 'Challenger', 12.5, 1, WINDOW), refused('IndexOutOfRange'));
    const atNodes = unwrap(pointIndex(opened, 'Challenger', 20, 1, WINDOW));
    assert.deepEqual(commitList(atNodes, 'Claimant', 0, 2, WINDOW), refused('EmptyList'));
    const recomputed = { claimantWins: true, reason: unit('Recomputed') };
    assert.deepEqual(arbitrate(atNodes, 'Claimant', recomputed, 2), refused('WrongDisputeMove'));
    const listed = unwrap(commitList(atNodes, 'Claimant', 4, 2, WINDOW));
    assert.deepEqual(pointIndex(listed, 'Challenger', 4, 3, WINDOW, 9), refused('IndexOutOfRange'));
    assert.deepEqual(
      pointIndex(listed, 'Challenger', 3, 3, WINDOW),
      refused('EmptyList'),
      'the element count is needed',
    );
    const inconsistent = { type: 'Inconsistent' as const, value: { node: 1, link: unit('WrittenSlot') } };
    assert.deepEqual(
      convict(opened, 'Challenger', inconsistent, 1),
      refused('WrongDisputeMove'),
      'only at graph nodes',
    );
    const convicted = unwrap(convict(listed, 'Challenger', inconsistent, 3));
    assert.ok(convicted.type === 'Resolved' && convicted.value.winner.type === 'Challenger');
    const atElements = unwrap(pointIndex(listed, 'Challenger', 1, 3, WINDOW, 9));
    const atPartials = unwrap(pointIndex(atElements, 'Challenger', 8, 4, WINDOW));
    const emptyProgram = unwrap(commitList(atPartials, 'Claimant', 0, 5, WINDOW));
    assert.ok(emptyProgram.type === 'Open' && emptyProgram.value.expects.type === 'SupplyOperands');
    const resolved = unwrap(expire(listed, 100));
    assert.deepEqual(pointIndex(resolved, 'Challenger', 0, 101, WINDOW), refused('DisputeResolved'));
    assert.deepEqual(expire(resolved, 200), refused('DisputeResolved'));
  });
});
