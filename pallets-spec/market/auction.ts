/**
 * The sealed-bid, second-price, reverse auction (DESIGN.md §3.2) as pure rules over a task's bid book.
 *
 * Solvers commit `blake2(price ‖ salt)` with a deposit while bidding is open, reveal once it closes, and the
 * auction is resolved after the reveal window. The lowest revealed price within the budget wins and is paid the
 * second-lowest such price (the budget when alone): bidding one's true cost is then the dominant strategy.
 * Ties go to the bidder whose `blake2(seed ‖ account)` is smallest, with a seed drawn after the bids were sealed,
 * so no bidder can pick an account or an order that wins ties. Revealed bids get their deposit back; unrevealed
 * bids forfeit it (otherwise a bidder could commit many prices and reveal only the convenient one).
 */
import { Blake2256 } from '@polkadot-api/substrate-bindings';
import { hexToU8a } from '@polkadot/util';
import {
  type AccountKey,
  type BlockNumber,
  type Decision,
  accept,
  compareAccounts,
  refuse,
} from '../tasks/decision.js';
import { type Hash32, opensBid } from './commitment.js';

/** Bidding is open for blocks `< commitEnd`; reveals are accepted for blocks `>= commitEnd` and `< revealEnd`. */
export interface AuctionWindow {
  commitEnd: BlockNumber;
  revealEnd: BlockNumber;
}

export interface SealedBid {
  bidder: AccountKey;
  commitment: Hash32;
  deposit: bigint;
  /** Set by a matching reveal. */
  revealedPrice?: bigint;
}

export type BidError =
  | 'BiddingClosed'
  | 'AlreadyBid'
  | 'NotRevealPhase'
  | 'NoSuchBid'
  | 'AlreadyRevealed'
  | 'RevealMismatch'
  | 'AuctionStillOpen';

/** Adds a sealed bid. One bid per solver and task: a second commit would let a solver hedge between prices. */
export function commitBid(
  book: readonly SealedBid[],
  bid: { bidder: AccountKey; commitment: Hash32; deposit: bigint },
  now: BlockNumber,
  window: AuctionWindow,
): Decision<SealedBid[], BidError> {
  if (now >= window.commitEnd) return refuse('BiddingClosed');
  if (book.some((existing) => existing.bidder === bid.bidder)) return refuse('AlreadyBid');
  return accept([...book, { bidder: bid.bidder, commitment: bid.commitment, deposit: bid.deposit }]);
}

/** Opens a sealed bid; the (price, salt) pair must hash to the commitment. */
export function revealBid(
  book: readonly SealedBid[],
  reveal: { bidder: AccountKey; price: bigint; salt: Uint8Array },
  now: BlockNumber,
  window: AuctionWindow,
): Decision<SealedBid[], BidError> {
  if (now < window.commitEnd || now >= window.revealEnd) return refuse('NotRevealPhase');
  const index = book.findIndex((bid) => bid.bidder === reveal.bidder);
  if (index < 0) return refuse('NoSuchBid');
  const bid = book[index];
  if (bid.revealedPrice !== undefined) return refuse('AlreadyRevealed');
  if (!opensBid(bid.commitment, reveal.price, reveal.salt)) return refuse('RevealMismatch');
  const next = [...book];
  next[index] = { ...bid, revealedPrice: reveal.price };
  return accept(next);
}

export interface DepositMove {
  bidder: AccountKey;
  amount: bigint;
}

export type AuctionOutcome =
  | {
      kind: 'awarded';
      winner: AccountKey;
      /** What the winner will be paid: the second-lowest eligible price, or the budget when alone. */
      price: bigint;
      winningBid: bigint;
      refunds: DepositMove[];
      forfeits: DepositMove[];
    }
  | { kind: 'no-valid-bid'; refunds: DepositMove[]; forfeits: DepositMove[] };

/**
 * Resolves a closed auction. `tieSeed` is chain randomness taken after the commit window closed.
 * Prices above the budget are honest but ineligible: their deposit is refunded, they neither win nor set the price.
 */
export function resolveAuction(
  book: readonly SealedBid[],
  budget: bigint,
  tieSeed: Uint8Array,
  now: BlockNumber,
  window: AuctionWindow,
): Decision<AuctionOutcome, BidError> {
  if (now < window.revealEnd) return refuse('AuctionStillOpen');
  const bids = [...book].sort((a, b) => compareAccounts(a.bidder, b.bidder));
  const refunds = bids.filter((bid) => bid.revealedPrice !== undefined).map(depositOf);
  const forfeits = bids.filter((bid) => bid.revealedPrice === undefined).map(depositOf);

  const eligible = bids
    .filter(
      (bid): bid is SealedBid & { revealedPrice: bigint } =>
        bid.revealedPrice !== undefined && bid.revealedPrice <= budget,
    )
    .map((bid) => ({ bid, tieKey: tieBreakKey(tieSeed, bid.bidder) }))
    .sort((a, b) => comparePrice(a.bid.revealedPrice, b.bid.revealedPrice) || compareBytes(a.tieKey, b.tieKey));
  if (eligible.length === 0) return accept({ kind: 'no-valid-bid', refunds, forfeits });

  const [first, second] = eligible;
  return accept({
    kind: 'awarded',
    winner: first.bid.bidder,
    price: second === undefined ? budget : second.bid.revealedPrice,
    winningBid: first.bid.revealedPrice,
    refunds,
    forfeits,
  });
}

function depositOf(bid: SealedBid): DepositMove {
  return { bidder: bid.bidder, amount: bid.deposit };
}

/** blake2_256(seed ‖ account bytes): unknown to bidders when they sealed their bids. */
export function tieBreakKey(seed: Uint8Array, bidder: AccountKey): Uint8Array {
  const account = hexToU8a(bidder);
  const preimage = new Uint8Array(seed.length + account.length);
  preimage.set(seed, 0);
  preimage.set(account, seed.length);
  return Blake2256(preimage);
}

function comparePrice(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}
