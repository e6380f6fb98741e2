/**
 * Forced errors (DESIGN.md §3.5, after Truebit's jackpot): with a small probability a proof *must* be wrong in
 * one designated segment, so that verifiers who do not replay their segments are eventually caught.
 *
 * The decision is `blake2(S, R)` where S is the solver's secret, committed when it bid and revealed only after
 * the verdicts, and R is the auction's randomness, fixed by the hash of the last block of the reveal window
 * (market/assignment-randomness.ts), whichever block closes the auction: the solver cannot wait for a closing
 * block that suits its S. The solver learns the decision as soon as it wins (it must corrupt the segment while
 * proving); verifiers cannot learn it before revealing their verdicts, because S is still secret; the author of
 * the anchor block did not know S. See docs/randomness.md.
 */
import { u32 } from '@polkadot-api/substrate-bindings';
import type { AccountKey } from '../tasks/decision.js';
import { type Perbill, PERBILL_ONE } from '../settlement/shares.js';
import { sameHash } from '../market/commitment.js';
import { RandomStream, type Seed, deriveSeed } from './randomness.js';
import type { VerdictTally } from './verdicts.js';

export const SOLVER_SECRET_BYTES = 32;

/** What a solver puts in its bid: a domain-separated hash of its 32-byte secret. */
export function solverSecretCommitment(secret: Uint8Array): Uint8Array {
  return deriveSeed('veritrain/solver-secret', [secret]);
}

export function opensSolverSecret(commitment: Uint8Array, secret: Uint8Array): boolean {
  return secret.length === SOLVER_SECRET_BYTES && sameHash(commitment, solverSecretCommitment(secret));
}

export interface ForcedErrorInputs {
  secret: Uint8Array;
  /** The auction's randomness, fixed by a block authored after the secret was committed. */
  assignmentRandomness: Seed;
  /** SCALE-encoded task id and proof round, so one secret yields independent decisions per round. */
  taskId: Uint8Array;
  round: number;
  segmentCount: number;
  probability: Perbill;
}

export interface ForcedErrorDecision {
  forced: boolean;
  /** The segment the solver had to corrupt; meaningful only when `forced`. */
  segment: number;
}

export function decideForcedError(inputs: ForcedErrorInputs): ForcedErrorDecision {
  const stream = new RandomStream(
    deriveSeed('veritrain/forced-error', [
      inputs.secret,
      inputs.assignmentRandomness,
      inputs.taskId,
      u32.enc(inputs.round),
    ]),
  );
  const forced = stream.below(BigInt(PERBILL_ONE)) < BigInt(inputs.probability.perbill);
  const segment = inputs.segmentCount > 0 ? Number(stream.below(BigInt(inputs.segmentCount))) : 0;
  return { forced, segment };
}

export interface ForcedErrorJudgement {
  /** Rejected the designated segment: they share the jackpot. */
  flaggers: AccountKey[];
  /**
   * Were assigned the designated segment, revealed, and did not flag it: slashed as lazy. Silent verifiers are
   * left out: they are already slashed for missing the reveal, and must not be slashed twice.
   */
  lazy: AccountKey[];
}

/**
 * Who caught a forced error. Only verifiers assigned the designated segment are accountable for it: the others
 * could not have seen it, and their verdicts on their own segments stand.
 */
export function judgeForcedError(
  designatedSegment: number,
  assignments: ReadonlyMap<AccountKey, readonly number[]>,
  tally: VerdictTally,
): ForcedErrorJudgement {
  const flaggers = tally.rejected.filter((r) => r.segment === designatedSegment).map((r) => r.verifier);
  const accountable = [...tally.accepted, ...tally.rejected.map((r) => r.verifier)].filter(
    (verifier) => assignments.get(verifier)?.includes(designatedSegment) === true,
  );
  return { flaggers, lazy: accountable.filter((verifier) => !flaggers.includes(verifier)) };
}
