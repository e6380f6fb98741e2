/**
 * Market (pallet index 42): the sealed-bid, second-price, reverse auction of each task (auction.ts holds the rules).
 * Constants, storage, events and errors here; calls in index.ts.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { option, u32 } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { TaskId } from '../tasks/types.js';
import { Award, Bid } from './types.js';

export const pallet = palletBuilder({
  name: 'Market',
  index: 42,
  crate: 'pallet_veritrain_market',
  docs: ['Sealed-bid second-price reverse auctions: commit, reveal, close.'],
});

const params = () => protocolParams().market;

export const constants = pallet.constants({
  BidDeposit: constant(
    Balance,
    () => params().bidDeposit,
    'Reserved with every sealed bid; forfeited to the jackpot if not revealed.',
  ),
  CommitBlocks: constant(
    BlockNumber,
    () => params().commitBlocks,
    'Blocks bidding stays open after a task opens its auction.',
  ),
  RevealBlocks: constant(BlockNumber, () => params().revealBlocks, 'Blocks bids can be revealed after bidding closes.'),
});

export const storage = pallet.storage({
  Bids: pallet.doubleMap([TaskId, 'Twox64Concat'], [AccountId, 'Blake2_128Concat'], Bid, {
    docs: ['The sealed bids of the current auction of a task, by bidder.'],
  }),
  Awards: pallet.map(TaskId, 'Twox64Concat', Award, { docs: ["The outcome of a task's last auction."] }),
});

export const events = pallet.events({
  BidCommitted: {
    index: 0,
    fields: { task: TaskId, bidder: AccountId, deposit: Balance },
    docs: ['A sealed bid was placed; `deposit` is reserved.'],
  },
  BidRevealed: { index: 1, fields: { task: TaskId, bidder: AccountId, price: Balance }, docs: ['A bid was opened.'] },
  DepositRefunded: {
    index: 2,
    fields: { task: TaskId, bidder: AccountId, amount: Balance },
    docs: ['A bid deposit was returned.'],
  },
  DepositForfeited: {
    index: 3,
    fields: { task: TaskId, bidder: AccountId, amount: Balance },
    docs: ['An unrevealed bid lost its deposit to the jackpot.'],
  },
  AuctionClosed: {
    index: 4,
    fields: {
      task: TaskId,
      winner: option(AccountId),
      price: { type: Balance, docs: ['What the winner will be paid (second-lowest bid, or the budget when alone).'] },
      winning_bid: Balance,
      bids: { type: u32, docs: ['Sealed bids placed.'] },
      revealed: { type: u32, docs: ['Bids revealed.'] },
    },
    docs: ['An auction closed; with no winner the task is re-auctioned or refunded (see `Tasks.TaskStatusChanged`).'],
  },
});

export const errors = pallet.errors({
  NotASolver: { index: 0, docs: ['Only accounts registered as solvers may bid.'] },
  InsufficientSolverStake: {
    index: 1,
    docs: ["The solver's unengaged stake does not cover what it could be slashed."],
  },
  BiddingClosed: { index: 2, docs: ['The commit window of this auction has closed (or the task is not in bidding).'] },
  AlreadyBid: { index: 3, docs: ['One sealed bid per solver and auction.'] },
  NotRevealPhase: { index: 4, docs: ['Reveals are accepted only between the end of bidding and the end of reveals.'] },
  NoSuchBid: { index: 5, docs: ['The caller has no bid on this task.'] },
  AlreadyRevealed: { index: 6, docs: ['This bid was already revealed.'] },
  RevealMismatch: { index: 7, docs: ['The price and salt do not hash to the committed bid.'] },
  AuctionStillOpen: { index: 8, docs: ['The auction can be closed only once the reveal window has ended.'] },
});
