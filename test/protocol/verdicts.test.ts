import assert from 'node:assert/strict';
import {
  type Verdict,
  type VerdictSlot,
  commitVerdict,
  revealVerdict,
  tallyVerdicts,
  verdictCommitment,
} from '../../pallets-spec/verification/verdicts.js';
import { account, bytes32, unwrap } from './helpers.js';

const window = { commitEnd: 10, revealEnd: 15 };
const reject: Verdict = { type: 'Reject', value: { segment: 4, distance: 1_500n, metric: 900_000_000 } };
const accept: Verdict = { type: 'Accept', value: undefined };

describe('protocol: verdict commit–reveal', () => {
  const [v1, v2, v3, outsider] = [1, 2, 3, 9].map(account);
  const slots: VerdictSlot[] = [
    { verifier: v1, segments: [4, 7] },
    { verifier: v2, segments: [1, 2] },
    { verifier: v3, segments: [0, 4] },
  ];

  it('accepts a commit then its matching reveal, and tallies', () => {
    let state = unwrap(commitVerdict(slots, v1, verdictCommitment(reject, bytes32(1)), 3, window));
    state = unwrap(commitVerdict(state, v2, verdictCommitment(accept, bytes32(2)), 9, window));
    state = unwrap(revealVerdict(state, v1, reject, bytes32(1), 10, window));
    state = unwrap(revealVerdict(state, v2, accept, bytes32(2), 14, window));
    assert.deepEqual(tallyVerdicts(state), {
      accepted: [v2],
      rejected: [{ verifier: v1, segment: 4, distance: 1_500n, metric: 900_000_000 }],
      silent: [v3],
    });
  });

  it('refuses outsiders, late or double commits', () => {
    const commitment = verdictCommitment(accept, bytes32(1));
    assert.deepEqual(commitVerdict(slots, outsider, commitment, 1, window), {
      ok: false,
      error: 'NotAssignedVerifier',
    });
    assert.deepEqual(commitVerdict(slots, v1, commitment, 10, window), { ok: false, error: 'VerdictCommitClosed' });
    const once = unwrap(commitVerdict(slots, v1, commitment, 1, window));
    assert.deepEqual(commitVerdict(once, v1, commitment, 2, window), { ok: false, error: 'AlreadyCommitted' });
  });

  it('refuses reveals that are early, late, uncommitted, repeated, mismatched or about an unassigned segment', () => {
    const committed = unwrap(commitVerdict(slots, v1, verdictCommitment(reject, bytes32(1)), 1, window));
    const refused = (error: string) => ({ ok: false, error });
    assert.deepEqual(revealVerdict(committed, v1, reject, bytes32(1), 9, window), refused('NotVerdictRevealPhase'));
    assert.deepEqual(revealVerdict(committed, v1, reject, bytes32(1), 15, window), refused('NotVerdictRevealPhase'));
    assert.deepEqual(revealVerdict(committed, v2, accept, bytes32(1), 11, window), refused('NothingToReveal'));
    assert.deepEqual(revealVerdict(committed, v1, accept, bytes32(1), 11, window), refused('RevealMismatch'));
    assert.deepEqual(revealVerdict(committed, v1, reject, bytes32(2), 11, window), refused('RevealMismatch'));
    const revealed = unwrap(revealVerdict(committed, v1, reject, bytes32(1), 11, window));
    assert.deepEqual(revealVerdict(revealed, v1, reject, bytes32(1), 12, window), refused('AlreadyRevealed'));

    const offSegment: Verdict = {
      type: 'Reject',
      value: { ...(reject.value as { segment: number; distance: bigint; metric: number }), segment: 5 },
    };
    const bad = unwrap(commitVerdict(slots, v1, verdictCommitment(offSegment, bytes32(3)), 1, window));
    assert.deepEqual(revealVerdict(bad, v1, offSegment, bytes32(3), 11, window), refused('SegmentNotAssigned'));
  });
});
