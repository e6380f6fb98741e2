/** A task's bid book in storage, viewed as the pure auction's `SealedBid` list (auction.ts). */
import { Twox64Concat, u64 } from '@polkadot-api/substrate-bindings';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import type { DispatchContext } from '../framework/dispatch.js';
import { unreserve } from '../balances/currency.js';
import type { AccountId } from '../types/primitives.js';
import { events, storage } from './declaration.js';
import type { SealedBid } from './auction.js';
import type { Bid } from './types.js';

/** The bids of one task, in storage-key order (the auction sorts them itself). */
export function bidsOf(ctx: DispatchContext, task: bigint): Array<[AccountId, Bid]> {
  const prefix = (storage.Bids.prefixHex + u8aToHex(Twox64Concat(u64.enc(task))).slice(2)) as HexString;
  // The bidder is the key's last 32 bytes (`Blake2_128Concat` keeps the account after its hash). Read directly
  // rather than through `decodeKey`, whose sub-array decoding currently ignores the key offset.
  return ctx.state.keysWithPrefix(prefix).map((key) => {
    const bidder = `0x${key.slice(-64)}` as AccountId;
    return [bidder, storage.Bids.type.codec.dec(ctx.state.read(key) ?? new Uint8Array())];
  });
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
