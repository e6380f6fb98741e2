/**
 * Issue 4, randomness: the auction's randomness (tie-break, forced-error decision) must not depend on the block that
 * closes the auction, or the would-be winner, who knows its secret, would close only when the decision suits it.
 * Through a real node: whichever block closes it, `Market.Awards` holds the derivation from the hash of the reveal
 * window's last block, read here over RPC; an auction left unclosed past `BlockHashCount` blocks (whose first anchor
 * the runtime no longer keeps) is anchored `BlockHashCount` blocks later.
 */
import assert from 'node:assert/strict';
import { u32, u64 } from '@polkadot-api/substrate-bindings';
import { u8aToHex } from '@polkadot/util';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { storage as marketStorage } from '../../pallets-spec/market/declaration.js';
import { deriveSeed } from '../../pallets-spec/verification/randomness.js';
import { type Actor, fundedActors } from './support/actors.js';
import { ProtocolDriver } from './support/driver.js';
import { type SealedBid, bytes32, taskSpec } from '../protocol/protocol-args.js';
import { ProtocolSession } from './support/session.js';

describe('protocol through a real node: the auction randomness is fixed before anyone can close', function () {
  this.timeout(120_000);
  let session: ProtocolSession;
  let driver: ProtocolDriver;

  before(async () => {
    session = await ProtocolSession.open();
    driver = new ProtocolDriver(session);
  });
  after(async () => session?.close());

  /** docs/randomness.md: R = blake2("veritrain/assign", task, round, hash of the anchor block). */
  async function documentedRandomness(task: bigint, round: number, block: number): Promise<string> {
    const hash = (await session.api.rpc.chain.getBlockHash(block)).toU8a();
    return u8aToHex(deriveSeed('veritrain/assign', [u64.enc(task), u32.enc(round), hash]));
  }

  it('stores the derivation from the last reveal block, whichever block closed the auction', async () => {
    const [submitter, s1, s2] = (await fundedActors(session, 'anchor', 3)) as [Actor, Actor, Actor];
    const H = driver.blockHashCount();
    // Closed in the first block allowed, nine blocks later, and once the first anchor has left System.BlockHash.
    const delays = [0, 9, H + 3];
    // Enough stake to win every auction (a winner's stake stays engaged).
    for (const s of [s1, s2]) await driver.register(s, 'Solver', BigInt(delays.length) * driver.minimumStake('Solver'));
    for (const [i, delay] of delays.entries()) {
      const task = await driver.submitTask(submitter, taskSpec(), 1_000n * UNIT, 100n * UNIT);
      // Equal prices: the randomness alone breaks the tie.
      const bids = [s1, s2].map((s, j): [Actor, SealedBid] => [
        s,
        { price: 500n * UNIT, salt: bytes32(0x50 + i, j), secret: bytes32(0x60 + i, j) },
      ]);
      await driver.commitBids(task, bids);
      await driver.revealBids(task, bids);
      const { reveal_end, auction_round } = await driver.status(task, 'Bidding');
      await session.advanceTo(reveal_end + delay);
      const closed = await driver.closeAuction(task, submitter);
      assert.equal(closed.blockNumber, reveal_end + delay, 'closed in the planned block');

      const award = marketStorage.Awards.get((await driver.snapshot(closed.blockHash)).ctx.state, task);
      assert.ok(award, `task ${task} was awarded`);
      const anchor = delay < H ? reveal_end - 1 : reveal_end - 1 + H;
      assert.equal(award.randomness_anchor, anchor);
      assert.equal(award.assignment_randomness, await documentedRandomness(task, auction_round, anchor));
      if (delay > 0) {
        // The rule this replaces drew from the closing block's parent: a closer could pick it by waiting.
        const parentDraw = await documentedRandomness(task, auction_round, closed.blockNumber - 1);
        assert.notEqual(award.assignment_randomness, parentDraw);
      }
    }
  });
});
