import assert from 'node:assert/strict';
import { RandomStream } from '../../pallets-spec/verification/randomness.js';
import {
  type StakedCandidate,
  assignSegments,
  sampleDistinct,
  segmentCountOf,
  selectVerifiers,
} from '../../pallets-spec/verification/selection.js';
import { account, bytes32, unwrap } from './helpers.js';

describe('protocol: verifier and segment selection', function () {
  // Hashing in pure JS on a shared CI core: generous, so that only a wrong answer fails.
  this.timeout(30_000);
  const candidates: StakedCandidate[] = [1, 2, 3, 4, 5, 6].map((i) => ({
    account: account(i),
    stake: BigInt(i) * 100n,
  }));

  it('picks distinct verifiers, never an excluded account, whatever the storage order', () => {
    const seed = bytes32(3);
    const chosen = unwrap(selectVerifiers(candidates, 3, seed, [account(6)]));
    assert.equal(new Set(chosen).size, 3);
    assert.ok(!chosen.includes(account(6)));
    assert.deepEqual(unwrap(selectVerifiers([...candidates].reverse(), 3, seed, [account(6)])), chosen);
  });

  it('changes with the seed (the input neither solver nor author controls alone)', () => {
    const outcomes = new Set<string>();
    for (let s = 0; s < 20; s += 1) outcomes.add(unwrap(selectVerifiers(candidates, 2, bytes32(7, s), [])).join());
    assert.ok(outcomes.size >= 5, `only ${outcomes.size} distinct selections over 20 seeds`);
  });

  it('weights the draw by stake', () => {
    const pair: StakedCandidate[] = [
      { account: account(1), stake: 300n },
      { account: account(2), stake: 100n },
    ];
    let heavy = 0;
    for (let s = 0; s < 600; s += 1)
      if (unwrap(selectVerifiers(pair, 1, bytes32(1, s), []))[0] === account(1)) heavy += 1;
    // Expected 450; the binomial standard deviation is about 10.6, so 390..510 is over 5 sigma.
    assert.ok(heavy > 390 && heavy < 510, `heavy staker drawn ${heavy}/600`);
  });

  it('refuses when too few staked verifiers remain', () => {
    assert.deepEqual(
      selectVerifiers(
        candidates,
        3,
        bytes32(1),
        candidates.slice(0, 4).map((c) => c.account),
      ),
      {
        ok: false,
        error: 'NotEnoughVerifiers',
      },
    );
    const zeroStakes = candidates.map((c) => ({ ...c, stake: 0n }));
    assert.deepEqual(selectVerifiers(zeroStakes, 1, bytes32(1), []), { ok: false, error: 'NotEnoughVerifiers' });
  });

  it('assigns each verifier distinct, sorted segments in range, independently per verifier', () => {
    const verifiers = [account(1), account(2), account(3)];
    const assignments = unwrap(assignSegments(verifiers, 50, 4, bytes32(2)));
    for (const { segments } of assignments) {
      assert.equal(segments.length, 4);
      assert.equal(new Set(segments).size, 4);
      assert.deepEqual(
        segments,
        [...segments].sort((a, b) => a - b),
      );
      assert.ok(segments.every((s) => s >= 0 && s < 50));
    }
    assert.notDeepEqual(assignments[0].segments, assignments[1].segments);
    assert.notDeepEqual(unwrap(assignSegments(verifiers, 50, 4, bytes32(3)))[0].segments, assignments[0].segments);
  });

  it('assigns every segment when there are fewer than asked, and refuses a run without segments', () => {
    assert.deepEqual(unwrap(assignSegments([account(1)], 3, 5, bytes32(1)))[0].segments, [0, 1, 2]);
    assert.deepEqual(assignSegments([account(1)], 0, 5, bytes32(1)), { ok: false, error: 'NoSegments' });
  });

  it('samples every segment about equally often', () => {
    const counts = new Array<number>(10).fill(0);
    const stream = new RandomStream(bytes32(4));
    for (let i = 0; i < 300; i += 1) for (const s of sampleDistinct(10, 3, stream)) counts[s] += 1;
    // Expected 90 each, standard deviation about 8.7.
    assert.ok(
      counts.every((c) => c > 50 && c < 130),
      counts.join(','),
    );
  });

  it('counts segments with a shorter last one', () => {
    assert.equal(segmentCountOf(100, 10), 10);
    assert.equal(segmentCountOf(101, 10), 11);
    assert.equal(segmentCountOf(5, 0), 0);
  });
});
