import assert from 'node:assert/strict';
import { settleFailure, settleSuccess, successTotal } from '../../pallets-spec/settlement/payouts.js';
import { payJackpot, settleDispute, splitSlash } from '../../pallets-spec/settlement/penalties.js';
import { ShareOutOfRangeError, mulFloor, perbill, permill, splitEvenly } from '../../pallets-spec/settlement/shares.js';
import { account, xorshift } from './helpers.js';

describe('protocol: settlement and slashing arithmetic', () => {
  const verifiers = [account(1), account(2), account(3)];

  it('pays the price, the fee less the jackpot cut, and refunds exactly the rest', () => {
    const payout = settleSuccess({ budget: 1_000n, verificationFee: 100n }, 800n, verifiers, perbill(100_000_000));
    assert.deepEqual(payout, { solver: 800n, perVerifier: 30n, verifiers, jackpot: 10n, submitterRefund: 200n });
    assert.equal(successTotal(payout), 1_100n);
    assert.deepEqual(settleFailure({ budget: 1_000n, verificationFee: 100n }), { submitterRefund: 1_100n });
    assert.throws(() => settleSuccess({ budget: 10n, verificationFee: 1n }, 11n, verifiers, perbill(0)));
  });

  it('conserves every unit over many random escrows, shares and verifier counts', () => {
    const next = xorshift(42);
    for (let i = 0; i < 500; i += 1) {
      const budget = BigInt(next()) * BigInt(next());
      const verificationFee = BigInt(next());
      const price = budget === 0n ? 0n : (BigInt(next()) * BigInt(next())) % (budget + 1n);
      const paid = verifiers.slice(0, next() % 4);
      const payout = settleSuccess({ budget, verificationFee }, price, paid, perbill(next() % 1_000_000_001));
      assert.equal(successTotal(payout), budget + verificationFee);

      const slashed = BigInt(next()) * 1_000n + BigInt(next() % 1_000);
      const burn = next() % 500_000_001;
      const split = splitSlash(slashed, { burn: perbill(burn), jackpot: perbill(next() % 500_000_000) });
      assert.equal(split.burned + split.toJackpot + split.toWinner, slashed);
      assert.ok(split.toWinner >= 0n);
    }
  });

  it('rounds shares down and keeps the remainder explicit', () => {
    assert.equal(mulFloor(999n, perbill(500_000_000)), 499n);
    assert.equal(mulFloor(999n, permill(1_000_000)), 999n);
    assert.deepEqual(splitEvenly(10n, 3), { each: 3n, remainder: 1n });
    assert.deepEqual(splitEvenly(10n, 0), { each: 0n, remainder: 10n });
    assert.throws(() => perbill(1_000_000_001), ShareOutOfRangeError);
    assert.throws(() => permill(0.5), ShareOutOfRangeError);
  });

  it('pays flaggers from the jackpot up to the cap, leaving dust in the pot', () => {
    assert.deepEqual(payJackpot(1_000n, 100n, verifiers), { perFlagger: 33n, flaggers: verifiers, remainingPot: 901n });
    assert.deepEqual(payJackpot(50n, 100n, verifiers.slice(0, 2)), {
      perFlagger: 25n,
      flaggers: verifiers.slice(0, 2),
      remainingPot: 0n,
    });
    assert.deepEqual(payJackpot(50n, 100n, []), { perFlagger: 0n, flaggers: [], remainingPot: 50n });
  });

  it('slashes a dispute loser and wrong-side verifiers no more than they hold', () => {
    const outcome = settleDispute(
      { atStake: 300n, penalty: 500n },
      [
        { verifier: verifiers[0], atStake: 1_000n },
        { verifier: verifiers[1], atStake: 40n },
      ],
      100n,
      { burn: perbill(200_000_000), jackpot: perbill(300_000_000) },
    );
    assert.deepEqual(outcome.loserSlash, { slashed: 300n, burned: 60n, toJackpot: 90n, toWinner: 150n });
    assert.deepEqual(outcome.verifierSlashes, [
      { verifier: verifiers[0], slashed: 100n, burned: 20n, toJackpot: 80n },
      { verifier: verifiers[1], slashed: 40n, burned: 8n, toJackpot: 32n },
    ]);
  });
});
