/** Market (pallet index 42): the calls. The auction rules are the pure functions of auction.ts. */
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { call } from '../framework/pallet.js';
import { type DispatchContext, ensureSigned, fail, weight } from '../framework/dispatch.js';
import { reserve, unreserve } from '../balances/currency.js';
import { fixedHex } from '../types/dsl.js';
import { Balance, H256 } from '../types/primitives.js';
import { constants as systemConstants, storage as systemStorage } from '../system/index.js';
import { solverAtRisk, activeStake, canEngage, engage } from '../roles/stakes.js';
import { decided } from '../tasks/decision.js';
import { errors as taskErrors } from '../tasks/declaration.js';
import { advanceTask, getTask } from '../tasks/lifecycle.js';
import { TaskId, type TaskInfo } from '../tasks/types.js';
import { fundJackpot } from '../settlement/jackpot.js';
import { assignmentRandomness, randomnessAnchor } from './assignment-randomness.js';
import { type AuctionWindow, commitBid, resolveAuction, revealBid } from './auction.js';
import { bidsOf, toSealedBid } from './book.js';
import { constants, errors, events, pallet, storage } from './declaration.js';

function biddingWindow(info: TaskInfo): AuctionWindow & { round: number } {
  if (info.status.type !== 'Bidding') fail(taskErrors.WrongTaskPhase);
  const { commit_end, reveal_end, auction_round } = info.status.value;
  return { commitEnd: commit_end, revealEnd: reveal_end, round: auction_round };
}

/**
 * The auction's randomness, fixed by the hash of a block the closer cannot choose (assignment-randomness.ts). That
 * hash is always kept at `now` (the anchor is less than `BlockHashCount` blocks back).
 */
function drawAssignmentRandomness(ctx: DispatchContext, task: bigint, window: AuctionWindow & { round: number }) {
  const anchor = randomnessAnchor(window.revealEnd, ctx.blockNumber, systemConstants.BlockHashCount.value);
  const anchorHash = hexToU8a(systemStorage.BlockHash.get(ctx.state, anchor));
  return { anchor, randomness: assignmentRandomness(task, window.round, anchorHash) };
}

export const calls = pallet.calls({
  commit_bid: call({
    index: 0,
    args: { task: TaskId, commitment: H256, secret_commitment: H256 },
    docs: [
      'Place a sealed bid `blake2_256(SCALE_u128(price) ‖ salt)` and commit to a 32-byte secret; `BidDeposit` is',
      'reserved. The caller must be a solver whose unengaged stake covers what a solver can be slashed.',
    ],
    weight: weight(50_000_000, 3_593),
    dispatch(ctx, origin, { task, commitment, secret_commitment }) {
      const bidder = ensureSigned(origin);
      const window = biddingWindow(getTask(ctx, task));
      if (activeStake(ctx, bidder, 'Solver') === 0n) fail(errors.NotASolver);
      if (!canEngage(ctx, bidder, 'Solver', solverAtRisk())) fail(errors.InsufficientSolverStake);
      const deposit = constants.BidDeposit.value;
      const book = bidsOf(ctx, task).map(([who, bid]) => toSealedBid(who, bid));
      decided(commitBid(book, { bidder, commitment: hexToU8a(commitment), deposit }, ctx.blockNumber, window), errors);
      reserve(ctx, bidder, deposit);
      storage.Bids.set(ctx.state, [task, bidder], {
        commitment,
        secret_commitment,
        deposit,
        revealed_price: undefined,
      });
      ctx.emit(events.BidCommitted({ task, bidder, deposit }));
    },
  }),
  reveal_bid: call({
    index: 1,
    args: { task: TaskId, price: Balance, salt: fixedHex(32) },
    docs: ["Open the caller's sealed bid on `task`, during the reveal window."],
    weight: weight(45_000_000, 3_593),
    dispatch(ctx, origin, { task, price, salt }) {
      const bidder = ensureSigned(origin);
      const window = biddingWindow(getTask(ctx, task));
      const book = bidsOf(ctx, task).map(([who, bid]) => toSealedBid(who, bid));
      decided(revealBid(book, { bidder, price, salt: hexToU8a(salt) }, ctx.blockNumber, window), errors);
      const bid = storage.Bids.get(ctx.state, [task, bidder]);
      if (bid === undefined) fail(errors.NoSuchBid);
      storage.Bids.set(ctx.state, [task, bidder], { ...bid, revealed_price: price });
      ctx.emit(events.BidRevealed({ task, bidder, price }));
    },
  }),
  close_auction: call({
    index: 2,
    args: { task: TaskId },
    docs: [
      'Close the auction of `task` once its reveal window has ended (anyone may call): the lowest revealed bid within',
      'the budget wins at the second-lowest price (the budget when alone); revealed deposits are refunded, unrevealed',
      'ones forfeited to the jackpot. With no valid bid the task fails and its escrow is refunded. Ties and the',
      "forced-error decision use randomness fixed by the hash of the reveal window's last block, not by the block",
      'that closes the auction (see `Award.randomness_anchor`).',
    ],
    weight: weight(120_000_000, 10_000),
    dispatch(ctx, origin, { task }) {
      ensureSigned(origin);
      const info = getTask(ctx, task);
      const window = biddingWindow(info);
      // Before the anchor block exists there is no randomness to draw.
      if (ctx.blockNumber < window.revealEnd) fail(errors.AuctionStillOpen);
      const entries = bidsOf(ctx, task);
      const { anchor, randomness } = drawAssignmentRandomness(ctx, task, window);
      const book = entries.map(([who, bid]) => toSealedBid(who, bid));
      const outcome = decided(resolveAuction(book, info.budget, randomness, ctx.blockNumber, window), errors);
      for (const { bidder, amount } of outcome.refunds) {
        unreserve(ctx, bidder, amount);
        ctx.emit(events.DepositRefunded({ task, bidder, amount }));
      }
      for (const { bidder, amount } of outcome.forfeits) {
        fundJackpot(ctx, bidder, amount);
        ctx.emit(events.DepositForfeited({ task, bidder, amount }));
      }
      for (const [bidder] of entries) storage.Bids.remove(ctx.state, [task, bidder]);
      const counts = { bids: entries.length, revealed: outcome.refunds.length };
      if (outcome.kind === 'awarded') {
        const winnerBid = entries.find(([who]) => who === outcome.winner)?.[1];
        if (winnerBid === undefined) fail({ type: 'Corruption', value: undefined });
        engage(ctx, outcome.winner, 'Solver', solverAtRisk());
        storage.Awards.set(ctx.state, task, {
          solver: outcome.winner,
          price: outcome.price,
          auction_round: window.round,
          secret_commitment: winnerBid.secret_commitment,
          randomness_anchor: anchor,
          assignment_randomness: u8aToHex(randomness),
        });
        advanceTask(ctx, task, { kind: 'Awarded', solver: outcome.winner, price: outcome.price });
        const { winner, price, winningBid } = outcome;
        ctx.emit(events.AuctionClosed({ task, winner, price, winning_bid: winningBid, ...counts }));
      } else {
        advanceTask(ctx, task, { kind: 'NoValidBid' });
        ctx.emit(events.AuctionClosed({ task, winner: undefined, price: 0n, winning_bid: 0n, ...counts }));
      }
    },
  }),
});

export { constants, errors, events, storage };
export const Market = pallet.finish({ constants, storage, events, errors, calls });
