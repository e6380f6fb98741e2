import assert from 'node:assert/strict';
import { RandomStream, deriveSeed } from '../../pallets-spec/verification/randomness.js';
import { bytes32 } from './helpers.js';

describe('protocol: seeded randomness', function () {
  // Hashing in pure JS on a shared CI core: generous, so that only a wrong answer fails.
  this.timeout(30_000);
  it('separates domains and part boundaries', () => {
    const a = deriveSeed('veritrain/verifiers', [bytes32(1)]);
    assert.notDeepEqual(a, deriveSeed('veritrain/segments', [bytes32(1)]));
    assert.notDeepEqual(
      deriveSeed('d', [new Uint8Array([1, 2]), new Uint8Array([3])]),
      deriveSeed('d', [new Uint8Array([1]), new Uint8Array([2, 3])]),
    );
    assert.deepEqual(a, deriveSeed('veritrain/verifiers', [bytes32(1)]));
  });

  it('replays the same draws from the same seed and different ones from another', () => {
    const draws = (seed: Uint8Array) => {
      const stream = new RandomStream(seed);
      return Array.from({ length: 8 }, () => stream.below(1_000_000n));
    };
    assert.deepEqual(draws(bytes32(5)), draws(bytes32(5)));
    assert.notDeepEqual(draws(bytes32(5)), draws(bytes32(6)));
  });

  it('draws below n, covering every value about evenly', () => {
    const stream = new RandomStream(bytes32(9));
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 2_100; i += 1) {
      const value = stream.below(7n);
      assert.ok(value >= 0n && value < 7n);
      counts[Number(value)] += 1;
    }
    // Expected 300 each; chi-square with 6 degrees of freedom stays below 22.5 with probability 0.999.
    const chiSquare = counts.reduce((acc, c) => acc + (c - 300) ** 2 / 300, 0);
    assert.ok(chiSquare < 22.5, `chi-square ${chiSquare} for ${counts.join(',')}`);
  });

  it('draws below 1 and refuses below 0', () => {
    assert.equal(new RandomStream(bytes32(1)).below(1n), 0n);
    assert.throws(() => new RandomStream(bytes32(1)).below(0n), RangeError);
  });
});
