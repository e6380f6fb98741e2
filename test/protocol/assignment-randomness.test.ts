/**
 * The auction's randomness must not depend on the block that closes it (docs/randomness.md): the would-be winner
 * knows its secret and could otherwise close only when the forced-error decision suits it.
 */
import assert from 'node:assert/strict';
import { Blake2256, u32, u64 } from '@polkadot-api/substrate-bindings';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { assignmentRandomness, randomnessAnchor } from '../../pallets-spec/market/assignment-randomness.js';
import { storage as marketStorage } from '../../pallets-spec/market/index.js';
import type { Award } from '../../pallets-spec/market/types.js';
import { BLOCK_HASH_COUNT } from '../../pallets-spec/system/index.js';
import { perbill } from '../../pallets-spec/settlement/shares.js';
import { decideForcedError } from '../../pallets-spec/verification/forced-error.js';
import { Flow, REVEAL_END, solvers } from './flow.js';
import { bytes32 } from './helpers.js';

/** Solvers 0 and 1 tie: the randomness alone picks the winner. */
const TIED_PRICES = [600n * UNIT, 600n * UNIT, 800n * UNIT];
const SECRET = bytes32(0x77);
const ANCHOR = REVEAL_END - 1;

/** A distinct hash for every block (by `salt`), as a real chain would have. */
const blockHash = (n: number, salt = 0): HexString => u8aToHex(Blake2256(u32.enc(n + salt * 1_000_000)));

/** The auction of task 0 with every block hash before `closeAt` recorded, closed in block `closeAt`. */
function closedAt(closeAt: number, hashOf: (n: number) => HexString = blockHash): Award {
  const flow = new Flow().register();
  for (let n = Math.max(0, closeAt - 1 - BLOCK_HASH_COUNT); n < closeAt; n += 1) flow.chain.setBlockHash(n, hashOf(n));
  flow.auction(TIED_PRICES, SECRET, closeAt);
  const award = flow.chain.read((ctx) => marketStorage.Awards.get(ctx.state, 0n));
  assert.ok(award, 'the auction awarded the task');
  return award;
}

function forcedErrorOf(award: Award) {
  return decideForcedError({
    secret: SECRET,
    assignmentRandomness: hexToU8a(award.assignment_randomness),
    taskId: u64.enc(0n),
    round: 0,
    segmentCount: 2,
    // Even odds, so that a decision that moved with the closing block would show.
    probability: perbill(500_000_000),
  });
}

describe('protocol: the auction randomness is fixed by the reveal window, not by the closing block', function () {
  // Thousands of recorded block hashes and pure-JS hashing on a shared CI core.
  this.timeout(60_000);

  it('anchors on the last reveal block until BlockHashCount blocks pass, then one block per stretch', () => {
    const H = 4096;
    assert.equal(randomnessAnchor(11, 11, H), 10);
    assert.equal(randomnessAnchor(11, 12, H), 10);
    assert.equal(randomnessAnchor(11, 11 + H - 1, H), 10);
    assert.equal(randomnessAnchor(11, 11 + H, H), 10 + H);
    assert.equal(randomnessAnchor(11, 11 + 2 * H - 1, H), 10 + H);
    assert.equal(randomnessAnchor(11, 11 + 2 * H, H), 10 + 2 * H);
    for (const now of [11, 500, 4106, 4107, 4108, 9000, 12_299]) {
      const anchor = randomnessAnchor(11, now, H);
      // System keeps hashes of blocks now − 1 − H ..= now − 1 while block `now` executes.
      assert.ok(anchor <= now - 1 && now - 1 - anchor < H, `anchor ${anchor} kept at ${now}`);
    }
    assert.throws(() => randomnessAnchor(11, 10, H), RangeError, 'inside the reveal window there is no anchor');
  });

  it('gives the same randomness, winner and forced-error decision whichever block closes the auction', () => {
    const awards = [
      REVEAL_END,
      REVEAL_END + 1,
      REVEAL_END + 35,
      REVEAL_END + 115,
      REVEAL_END + BLOCK_HASH_COUNT - 1,
    ].map((closeAt) => closedAt(closeAt));
    const expected = u8aToHex(assignmentRandomness(0n, 0, hexToU8a(blockHash(ANCHOR))));
    for (const award of awards) {
      assert.equal(award.randomness_anchor, ANCHOR);
      assert.equal(award.assignment_randomness, expected);
      assert.equal(award.solver, awards[0].solver, 'the tie breaks the same way');
      assert.deepEqual(forcedErrorOf(award), forcedErrorOf(awards[0]));
    }
  });

  it('changes with the hash of the anchor block, and with no other block hash', () => {
    const base = closedAt(REVEAL_END + 3);
    const otherParents = closedAt(REVEAL_END + 3, (n) => (n === ANCHOR ? blockHash(n) : blockHash(n, 1)));
    assert.equal(otherParents.assignment_randomness, base.assignment_randomness);
    const anchors = Array.from({ length: 12 }, (_, salt) =>
      closedAt(REVEAL_END + 3, (n) => (n === ANCHOR ? blockHash(n, salt + 2) : blockHash(n))),
    );
    assert.equal(new Set(anchors.map((a) => a.assignment_randomness)).size, anchors.length);
    // Over twelve anchor hashes each tied bidder wins some (a fixed set of hashes: this cannot flake).
    assert.deepEqual(new Set(anchors.map((a) => a.solver)), new Set([solvers[0], solvers[1]]));
    assert.equal(new Set(anchors.map((a) => JSON.stringify(forcedErrorOf(a)))).size > 1, true);
  });

  it('draws afresh only when the auction was left unclosed for BlockHashCount blocks', () => {
    const late = closedAt(REVEAL_END + BLOCK_HASH_COUNT + 7);
    assert.equal(late.randomness_anchor, ANCHOR + BLOCK_HASH_COUNT);
    const expected = assignmentRandomness(0n, 0, hexToU8a(blockHash(ANCHOR + BLOCK_HASH_COUNT)));
    assert.equal(late.assignment_randomness, u8aToHex(expected));
    assert.equal(closedAt(REVEAL_END + 2 * BLOCK_HASH_COUNT - 1).assignment_randomness, late.assignment_randomness);
  });
});
