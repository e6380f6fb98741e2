import assert from 'node:assert/strict';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { type TaskEvent, type TaskStatus, advance, biddingStatus } from '../../pallets-spec/tasks/status.js';
import type { FailureReason } from '../../pallets-spec/tasks/types.js';
import { account, unwrap } from './helpers.js';

const solver = account(7);
const failed = (reason: FailureReason): TaskStatus => ({
  type: 'Failed',
  value: { reason: { type: reason, value: undefined } },
});

/** Applies events at the given blocks, returning every status passed through. */
function walk(start: TaskStatus, steps: Array<[TaskEvent, number]>): TaskStatus[] {
  const seen = [start];
  for (const [event, now] of steps) seen.push(unwrap(advance(seen[seen.length - 1], event, now, params)));
  return seen;
}

describe('protocol: task status machine', () => {
  const bidding = biddingStatus(0, 0, params); // commit < 5, reveal < 10

  it('goes from bidding to settled along the happy path', () => {
    const trail = walk(bidding, [
      [{ kind: 'Awarded', solver, price: 800n }, 10],
      [{ kind: 'ProofSubmitted', by: solver }, 20],
      [{ kind: 'SelectionRevealed', by: solver }, 22],
      [{ kind: 'VerdictsClosed' }, 37],
      [{ kind: 'SecretRevealed', by: solver, forcedError: false }, 38],
      [{ kind: 'ChallengeWindowClosed', rejected: false }, 49],
    ]);
    assert.deepEqual(
      trail.map((s) => s.type),
      ['Bidding', 'Proving', 'AwaitingSelection', 'Verifying', 'AwaitingSecret', 'Challengeable', 'Settled'],
    );
    assert.deepEqual(trail[trail.length - 1], { type: 'Settled', value: { solver, price: 800n } });
  });

  it('sends a forced error back to proving at the same price, in a new proof round', () => {
    const trail = walk(bidding, [
      [{ kind: 'Awarded', solver, price: 800n }, 10],
      [{ kind: 'ProofSubmitted', by: solver }, 11],
      [{ kind: 'SelectionRevealed', by: solver }, 13],
      [{ kind: 'VerdictsClosed' }, 28],
      [{ kind: 'SecretRevealed', by: solver, forcedError: true }, 29],
    ]);
    assert.deepEqual(trail[trail.length - 1], {
      type: 'Proving',
      value: { auction_round: 0, proof_round: 1, solver, price: 800n, deadline: 29 + params.proofs.proofBlocks },
    });
  });

  it('re-auctions after a missed proof deadline while rounds remain, then fails', () => {
    let status: TaskStatus = bidding;
    let now = 10;
    for (let round = 0; round < params.tasks.maxAuctionRounds; round += 1) {
      assert.equal(status.type, 'Bidding');
      status = unwrap(advance(status, { kind: 'Awarded', solver, price: 1n }, (now += 10), params));
      assert.deepEqual(advance(status, { kind: 'ProofDeadlinePassed' }, now + params.proofs.proofBlocks, params), {
        ok: false,
        error: 'TaskDeadlineNotReached',
      });
      status = unwrap(advance(status, { kind: 'ProofDeadlinePassed' }, (now += params.proofs.proofBlocks + 1), params));
    }
    assert.deepEqual(status, failed('ProofMissed'));
  });

  it('fails a task with no bid, a rejection nobody disputed, or a lost dispute in the last round', () => {
    assert.deepEqual(unwrap(advance(bidding, { kind: 'NoValidBid' }, 10, params)), failed('NoBids'));
    const lastRound = params.tasks.maxAuctionRounds - 1;
    const challengeable: TaskStatus = {
      type: 'Challengeable',
      value: { auction_round: lastRound, proof_round: 0, solver, price: 5n, until: 50 },
    };
    const closed = advance(challengeable, { kind: 'ChallengeWindowClosed', rejected: true }, 51, params);
    assert.deepEqual(unwrap(closed), failed('RejectionUndisputed'));
    const disputed = unwrap(advance(challengeable, { kind: 'Challenged' }, 50, params));
    const lost = advance(disputed, { kind: 'DisputeResolved', solverWon: false }, 60, params);
    assert.deepEqual(unwrap(lost), failed('SolverLostDispute'));
    const won = advance(disputed, { kind: 'DisputeResolved', solverWon: true }, 60, params);
    assert.equal(unwrap(won).type, 'Challengeable');
  });

  it('refuses events in the wrong phase, from someone else, or at the wrong time', () => {
    const refused = (error: string) => ({ ok: false, error });
    assert.deepEqual(advance(bidding, { kind: 'ProofSubmitted', by: solver }, 1, params), refused('WrongTaskPhase'));
    assert.deepEqual(
      advance(bidding, { kind: 'Awarded', solver, price: 1n }, 9, params),
      refused('TaskDeadlineNotReached'),
    );
    const proving = unwrap(advance(bidding, { kind: 'Awarded', solver, price: 1n }, 10, params));
    assert.deepEqual(advance(proving, { kind: 'Cancel' }, 11, params), refused('WrongTaskPhase'));
    assert.deepEqual(advance(proving, { kind: 'ProofSubmitted', by: account(8) }, 11, params), refused('NotTheSolver'));
    assert.deepEqual(
      advance(proving, { kind: 'ProofSubmitted', by: solver }, 10 + params.proofs.proofBlocks + 1, params),
      refused('TaskDeadlinePassed'),
    );
    const awaiting = unwrap(advance(proving, { kind: 'ProofSubmitted', by: solver }, 11, params));
    assert.deepEqual(
      advance(awaiting, { kind: 'SelectionRevealed', by: solver }, 12, params),
      refused('TaskDeadlineNotReached'),
      'selection key too early',
    );
    assert.deepEqual(unwrap(advance(bidding, { kind: 'Cancel' }, 3, params)), { type: 'Cancelled', value: undefined });
  });
});
