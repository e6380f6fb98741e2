/**
 * Who checks a proof, and which segments each one replays (DESIGN.md §3.4).
 *
 * Verifiers are drawn without replacement with probability proportional to their stake, so that capturing the
 * checks of a task costs capturing a matching share of all verifier stake. Each verifier then gets its own
 * uniform sample of segments (a segment is the training between two consecutive checkpoints), drawn from a seed
 * derived per verifier so that two verifiers' samples are independent.
 */
import { hexToU8a } from '@polkadot/util';
import { type AccountKey, type Decision, accept, compareAccounts, refuse } from '../tasks/decision.js';
import { RandomStream, type Seed, deriveSeed } from './randomness.js';

export interface StakedCandidate {
  account: AccountKey;
  stake: bigint;
}

export type SelectionError = 'NotEnoughVerifiers' | 'NoSegments';

/**
 * Draws `count` distinct verifiers, stake-weighted, never one of `excluded` (the solver and the submitter must not
 * judge their own task). Candidates are sorted by account first, so the storage iteration order cannot matter.
 */
export function selectVerifiers(
  candidates: readonly StakedCandidate[],
  count: number,
  seed: Seed,
  excluded: readonly AccountKey[],
): Decision<AccountKey[], SelectionError> {
  const pool = candidates
    .filter((candidate) => candidate.stake > 0n && !excluded.includes(candidate.account))
    .sort((a, b) => compareAccounts(a.account, b.account));
  if (pool.length < count) return refuse('NotEnoughVerifiers');

  const stream = new RandomStream(deriveSeed('veritrain/verifiers', [seed]));
  const chosen: AccountKey[] = [];
  for (let pick = 0; pick < count; pick += 1) {
    const total = pool.reduce((acc, candidate) => acc + candidate.stake, 0n);
    let ticket = stream.below(total);
    const index = pool.findIndex((candidate) => {
      if (ticket < candidate.stake) return true;
      ticket -= candidate.stake;
      return false;
    });
    chosen.push(pool[index].account);
    pool.splice(index, 1);
  }
  return accept(chosen);
}

export interface SegmentAssignment {
  verifier: AccountKey;
  /** Distinct segment indices in ascending order. */
  segments: number[];
}

/** Gives each verifier `perVerifier` distinct segments out of `segmentCount` (all of them when fewer exist). */
export function assignSegments(
  verifiers: readonly AccountKey[],
  segmentCount: number,
  perVerifier: number,
  seed: Seed,
): Decision<SegmentAssignment[], SelectionError> {
  if (segmentCount < 1) return refuse('NoSegments');
  const take = Math.min(perVerifier, segmentCount);
  return accept(
    verifiers.map((verifier) => {
      const stream = new RandomStream(deriveSeed('veritrain/segments', [seed, hexToU8a(verifier)]));
      return { verifier, segments: sampleDistinct(segmentCount, take, stream) };
    }),
  );
}

/** Robert Floyd's sampling: `k` distinct values of [0, n) in O(k) draws, whatever n is. */
export function sampleDistinct(n: number, k: number, stream: RandomStream): number[] {
  const picked = new Set<number>();
  for (let j = n - k; j < n; j += 1) {
    const t = Number(stream.below(BigInt(j + 1)));
    picked.add(picked.has(t) ? j : t);
  }
  return [...picked].sort((a, b) => a - b);
}

/** Number of segments in a run of `steps` steps checkpointed every `interval` steps (the last may be shorter). */
export function segmentCountOf(steps: number, interval: number): number {
  if (interval < 1) return 0;
  return Math.ceil(steps / interval);
}
