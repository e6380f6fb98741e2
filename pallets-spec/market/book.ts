/** A task's bid book in storage, viewed as the pure auction's `SealedBid` list (auction.ts). */
import { hexToU8a } from '@polkadot/util';
import type { DispatchContext } from '../framework/dispatch.js';
import { unreserve } from '../balances/currency.js';
import type { AccountId } from '../types/primitives.js';
import { events, storage } from './declaration.js';
import type { SealedBid } from './auction.js';
import type { Bid } from './types.js';

/** The bids of one task, in storage-key order (the auction sorts them itself). */
export function bidsOf(ctx: DispatchContext, task: bigint): Array<[AccountId, Bid]> {
  return storage.Bids.entriesWithPrefix(ctx.state, [task]).map(([[, bidder], bid]) => [bidder, bid]);
}

export function toSealedBid(bidder: AccountId, bid: Bid): SealedBid {
  return { bidder, commitment: hexToU8a(bid.commitment), deposit: bid.deposit, revealedPrice: bid.revealed_price };
}

/** Returns every deposit of a task's book and clears it (a cancelled task). */
export function refundAllBids(ctx: DispatchContext, task: bigint): void {
  for (const [bidder, bid] of bidsOf(ctx, task)) {
    unreserve(ctx, bidder, bid.deposit);
    storage.Bids.remove(ctx.state, [task, bidder]);
    ctx.emit(events.DepositRefunded({ task, bidder, amount: bid.deposit }));
  }
}
