/**
 * What the protocol holds reserved for each account, read from its storage alone: its stakes, the escrow of its live
 * tasks, its bid deposits and the bonds of its open disputes. The one statement of the reserve invariant, checked by
 * the in-memory flows (flow.ts, random-ops.test.ts) and on a real node (protocol-node/support/invariants.ts).
 */
import { storage as disputeStorage } from '../../pallets-spec/disputes/declaration.js';
import type { StateIO } from '../../pallets-spec/framework/state.js';
import { storage as marketStorage } from '../../pallets-spec/market/declaration.js';
import { storage as roleStorage } from '../../pallets-spec/roles/declaration.js';
import { reservedBy } from '../../pallets-spec/roles/stake-ledger.js';
import { storage as taskStorage } from '../../pallets-spec/tasks/declaration.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';

const ENDED = new Set(['Settled', 'Failed', 'Cancelled']);

/** Each account's expected reserved balance; an account absent from the map must hold none. */
export function expectedReserves(state: StateIO): Map<AccountId, bigint> {
  const held = new Map<AccountId, bigint>();
  const add = (who: AccountId, amount: bigint): void => void held.set(who, (held.get(who) ?? 0n) + amount);
  for (const [[who], ledger] of roleStorage.Stakes.entries(state)) add(who, reservedBy(ledger));
  for (const [, info] of taskStorage.Tasks.entries(state))
    if (!ENDED.has(info.status.type)) add(info.submitter, info.budget + info.verification_fee);
  for (const [[, bidder], bid] of marketStorage.Bids.entries(state)) add(bidder, bid.deposit);
  for (const [, dispute] of disputeStorage.Disputes.entries(state))
    if (dispute.game.type === 'Open') add(dispute.challenger, dispute.bond);
  return held;
}
