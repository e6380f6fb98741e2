import assert from 'node:assert/strict';
import { bidCommitment } from '../../pallets-spec/market/commitment.js';
import {
  type AuctionWindow,
  type SealedBid,
  commitBid,
  resolveAuction,
  revealBid,
} from '../../pallets-spec/market/auction.js';
import type { AccountKey } from '../../pallets-spec/tasks/decision.js';
import { account, bytes32, unwrap } from './helpers.js';

const window: AuctionWindow = { commitEnd: 10, revealEnd: 20 };
const DEPOSIT = 50n;

/** Commits every bid at block 1 and reveals those with `reveal` at block 12. */
function bidBook(bids: Array<{ who: AccountKey; price: bigint; reveal?: boolean }>): SealedBid[] {
  let book: SealedBid[] = [];
  bids.forEach(({ who, price }, i) => {
    book = unwrap(
      commitBid(book, { bidder: who, commitment: bidCommitment(price, bytes32(i)), deposit: DEPOSIT }, 1, window),
    );
  });
  bids.forEach(({ who, price, reveal }, i) => {
    if (reveal !== false) book = unwrap(revealBid(book, { bidder: who, price, salt: bytes32(i) }, 12, window));
  });
  return book;
}

describe('protocol: sealed-bid second-price reverse auction', () => {
  const [alice, bob, carol, dave] = [account(1), account(2), account(3), account(4)];
  const seed = bytes32(0xaa);

  it('awards the lowest bid at the second-lowest price, refunding every revealed deposit', () => {
    const book = bidBook([
      { who: alice, price: 900n },
      { who: bob, price: 700n },
      { who: carol, price: 800n },
    ]);
    const outcome = unwrap(resolveAuction(book, 1_000n, seed, 20, window));
    assert.equal(outcome.kind, 'awarded');
    if (outcome.kind !== 'awarded') return;
    assert.equal(outcome.winner, bob);
    assert.equal(outcome.price, 800n);
    assert.equal(outcome.winningBid, 700n);
    assert.deepEqual(
      outcome.refunds.map((r) => r.bidder),
      [alice, bob, carol],
    );
    assert.deepEqual(outcome.forfeits, []);
  });

  it('pays a lone bidder the budget', () => {
    const outcome = unwrap(resolveAuction(bidBook([{ who: alice, price: 300n }]), 1_000n, seed, 20, window));
    assert.deepEqual(outcome.kind === 'awarded' && [outcome.winner, outcome.price], [alice, 1_000n]);
  });

  it('forfeits unrevealed deposits and ignores their prices', () => {
    const book = bidBook([
      { who: alice, price: 100n, reveal: false },
      { who: bob, price: 700n },
      { who: carol, price: 800n },
    ]);
    const outcome = unwrap(resolveAuction(book, 1_000n, seed, 20, window));
    assert.deepEqual(outcome.kind === 'awarded' && [outcome.winner, outcome.price], [bob, 800n]);
    assert.deepEqual(outcome.forfeits, [{ bidder: alice, amount: DEPOSIT }]);
  });

  it('refunds but ignores bids above the budget', () => {
    const book = bidBook([
      { who: alice, price: 1_001n },
      { who: bob, price: 700n },
    ]);
    const outcome = unwrap(resolveAuction(book, 1_000n, seed, 20, window));
    assert.deepEqual(outcome.kind === 'awarded' && [outcome.winner, outcome.price], [bob, 1_000n]);
    assert.equal(outcome.refunds.length, 2);
  });

  it('reports no valid bid when nothing was revealed within budget', () => {
    const outcome = unwrap(resolveAuction(bidBook([{ who: alice, price: 5n, reveal: false }]), 10n, seed, 20, window));
    assert.equal(outcome.kind, 'no-valid-bid');
    assert.deepEqual(outcome.forfeits, [{ bidder: alice, amount: DEPOSIT }]);
    assert.equal(unwrap(resolveAuction([], 10n, seed, 20, window)).kind, 'no-valid-bid');
  });

  it('breaks ties by the seed, whatever the commit order, and pays the tied price', () => {
    const winners = new Set<AccountKey>();
    for (let s = 0; s < 16; s += 1) {
      const tieSeed = bytes32(0xbb, s);
      const forward = unwrap(
        resolveAuction(
          bidBook([
            { who: alice, price: 500n },
            { who: bob, price: 500n },
            { who: carol, price: 600n },
          ]),
          1_000n,
          tieSeed,
          20,
          window,
        ),
      );
      const backward = unwrap(
        resolveAuction(
          bidBook([
            { who: carol, price: 600n },
            { who: bob, price: 500n },
            { who: alice, price: 500n },
          ]),
          1_000n,
          tieSeed,
          20,
          window,
        ),
      );
      assert.ok(forward.kind === 'awarded' && backward.kind === 'awarded');
      assert.equal(forward.winner, backward.winner);
      assert.equal(forward.price, 500n);
      winners.add(forward.winner);
    }
    assert.deepEqual([...winners].sort(), [alice, bob], 'both tied bidders win for some seed');
  });

  it('refuses bids after the commit window and a second bid from the same solver', () => {
    const book = bidBook([{ who: alice, price: 1n, reveal: false }]);
    const bid = { bidder: dave, commitment: bidCommitment(1n, bytes32(9)), deposit: DEPOSIT };
    assert.deepEqual(commitBid(book, bid, 10, window), { ok: false, error: 'BiddingClosed' });
    assert.deepEqual(commitBid(book, { ...bid, bidder: alice }, 2, window), { ok: false, error: 'AlreadyBid' });
  });

  it('refuses reveals out of phase, unknown, repeated or not matching the commitment', () => {
    const book = bidBook([{ who: alice, price: 40n, reveal: false }]);
    const reveal = { bidder: alice, price: 40n, salt: bytes32(0) };
    assert.deepEqual(revealBid(book, reveal, 9, window), { ok: false, error: 'NotRevealPhase' });
    assert.deepEqual(revealBid(book, reveal, 20, window), { ok: false, error: 'NotRevealPhase' });
    assert.deepEqual(revealBid(book, { ...reveal, bidder: bob }, 12, window), { ok: false, error: 'NoSuchBid' });
    assert.deepEqual(revealBid(book, { ...reveal, price: 41n }, 12, window), { ok: false, error: 'RevealMismatch' });
    const revealed = unwrap(revealBid(book, reveal, 12, window));
    assert.deepEqual(revealBid(revealed, reveal, 13, window), { ok: false, error: 'AlreadyRevealed' });
  });

  it('does not resolve before the reveal window ends', () => {
    assert.deepEqual(resolveAuction([], 1n, seed, 19, window), { ok: false, error: 'AuctionStillOpen' });
  });
});
