import assert from 'node:assert/strict';
import { u64 } from '@polkadot-api/substrate-bindings';
import { perbill } from '../../pallets-spec/settlement/shares.js';
import {
  decideForcedError,
  judgeForcedError,
  opensSolverSecret,
  solverSecretCommitment,
} from '../../pallets-spec/verification/forced-error.js';
import type { VerdictTally } from '../../pallets-spec/verification/verdicts.js';
import { account, bytes32 } from './helpers.js';

describe('protocol: forced errors', function () {
  // Hashing in pure JS on a shared CI core: generous, so that only a wrong answer fails.
  this.timeout(30_000);
  const base = {
    secret: bytes32(1),
    assignmentRandomness: bytes32(2),
    taskId: u64.enc(7n),
    round: 0,
    segmentCount: 20,
    probability: perbill(100_000_000),
  };

  it('happens with the configured probability', () => {
    let forced = 0;
    for (let i = 0; i < 600; i += 1) if (decideForcedError({ ...base, secret: bytes32(1, i) }).forced) forced += 1;
    // Expected 60 at 10%; the standard deviation is about 7.3.
    assert.ok(forced > 25 && forced < 95, `${forced}/600 forced`);
    assert.equal(decideForcedError({ ...base, probability: perbill(0) }).forced, false);
    assert.equal(decideForcedError({ ...base, probability: perbill(1_000_000_000) }).forced, true);
  });

  it('depends on the chain randomness the solver did not choose, and on the secret the author did not know', () => {
    const decisions = (vary: (i: number) => Partial<typeof base>) =>
      new Set(
        Array.from({ length: 30 }, (_, i) =>
          JSON.stringify(decideForcedError({ ...base, probability: perbill(500_000_000), ...vary(i) })),
        ),
      );
    assert.ok(decisions((i) => ({ assignmentRandomness: bytes32(2, i) })).size > 5);
    assert.ok(decisions((i) => ({ secret: bytes32(1, i) })).size > 5);
    assert.ok(decisions((i) => ({ round: i })).size > 5);
  });

  it('designates a segment in range', () => {
    for (let i = 0; i < 50; i += 1) {
      const { segment } = decideForcedError({ ...base, secret: bytes32(3, i), segmentCount: 4 });
      assert.ok(segment >= 0 && segment < 4);
    }
  });

  it('commits to the secret so that only it opens the commitment', () => {
    const commitment = solverSecretCommitment(bytes32(1));
    assert.equal(opensSolverSecret(commitment, bytes32(1)), true);
    assert.equal(opensSolverSecret(commitment, bytes32(1, 1)), false);
    assert.equal(opensSolverSecret(commitment, bytes32(1).slice(1)), false);
  });

  it('rewards flaggers of the designated segment and holds only its assigned verifiers accountable', () => {
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(account);
    const assignments = new Map([
      [a, [3, 5]],
      [b, [5, 9]],
      [c, [1, 5]],
      [d, [2, 4]],
      [e, [5]],
    ]);
    const tally: VerdictTally = {
      accepted: [b, d],
      rejected: [
        { verifier: a, segment: 5, distance: 10n, metric: 1 },
        { verifier: c, segment: 1, distance: 10n, metric: 1 },
      ],
      silent: [e],
    };
    assert.deepEqual(judgeForcedError(5, assignments, tally), { flaggers: [a], lazy: [b, c] });
  });
});
