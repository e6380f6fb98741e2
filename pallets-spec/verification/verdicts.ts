/**
 * Verdicts and their commit–reveal (DESIGN.md §3.4): a verifier first commits `blake2(SCALE(verdict) ‖ salt)`,
 * then reveals once every assigned verifier has had the chance to commit, so no verifier can copy another's
 * verdict instead of replaying its segments.
 */
import { type AccountKey, type BlockNumber, type Decision, accept, refuse } from '../tasks/decision.js';
import { type Hash32, SALT_BYTES, commitTo, sameHash } from '../market/commitment.js';
import { Verdict } from './types.js';

export { Verdict };

export function verdictCommitment(verdict: Verdict, salt: Uint8Array): Hash32 {
  return commitTo(Verdict.codec.enc(verdict), salt);
}

/** Commits are taken for blocks `< commitEnd`, reveals for blocks in `[commitEnd, revealEnd)`. */
export interface VerdictWindow {
  commitEnd: BlockNumber;
  revealEnd: BlockNumber;
}

export interface VerdictSlot {
  verifier: AccountKey;
  /** The segments this verifier was assigned; a rejection must name one of them. */
  segments: readonly number[];
  commitment?: Hash32;
  verdict?: Verdict;
  /** Kept after the reveal: it feeds the randomness accumulator. */
  salt?: Uint8Array;
}

export type VerdictError =
  | 'NotAssignedVerifier'
  | 'VerdictCommitClosed'
  | 'AlreadyCommitted'
  | 'NotVerdictRevealPhase'
  | 'NothingToReveal'
  | 'AlreadyRevealed'
  | 'RevealMismatch'
  | 'SegmentNotAssigned';

export function commitVerdict(
  slots: readonly VerdictSlot[],
  verifier: AccountKey,
  commitment: Hash32,
  now: BlockNumber,
  window: VerdictWindow,
): Decision<VerdictSlot[], VerdictError> {
  const index = slots.findIndex((slot) => slot.verifier === verifier);
  if (index < 0) return refuse('NotAssignedVerifier');
  if (now >= window.commitEnd) return refuse('VerdictCommitClosed');
  if (slots[index].commitment !== undefined) return refuse('AlreadyCommitted');
  return accept(replaceAt(slots, index, { ...slots[index], commitment }));
}

export function revealVerdict(
  slots: readonly VerdictSlot[],
  verifier: AccountKey,
  verdict: Verdict,
  salt: Uint8Array,
  now: BlockNumber,
  window: VerdictWindow,
): Decision<VerdictSlot[], VerdictError> {
  const index = slots.findIndex((slot) => slot.verifier === verifier);
  if (index < 0) return refuse('NotAssignedVerifier');
  if (now < window.commitEnd || now >= window.revealEnd) return refuse('NotVerdictRevealPhase');
  const slot = slots[index];
  if (slot.commitment === undefined) return refuse('NothingToReveal');
  if (slot.verdict !== undefined) return refuse('AlreadyRevealed');
  if (salt.length !== SALT_BYTES || !sameHash(slot.commitment, verdictCommitment(verdict, salt))) {
    return refuse('RevealMismatch');
  }
  if (verdict.type === 'Reject' && !slot.segments.includes(verdict.value.segment)) return refuse('SegmentNotAssigned');
  return accept(replaceAt(slots, index, { ...slot, verdict, salt }));
}

export interface VerdictTally {
  accepted: AccountKey[];
  rejected: Array<{ verifier: AccountKey; segment: number; distance: bigint; metric: number }>;
  /** Verifiers that never revealed: they lose their verification stake share, like any missed deadline. */
  silent: AccountKey[];
}

export function tallyVerdicts(slots: readonly VerdictSlot[]): VerdictTally {
  const tally: VerdictTally = { accepted: [], rejected: [], silent: [] };
  for (const slot of slots) {
    if (slot.verdict === undefined) tally.silent.push(slot.verifier);
    else if (slot.verdict.type === 'Accept') tally.accepted.push(slot.verifier);
    else tally.rejected.push({ verifier: slot.verifier, ...slot.verdict.value });
  }
  return tally;
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const next = [...items];
  next[index] = item;
  return next;
}
