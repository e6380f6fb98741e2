/**
 * A chain spec's `protocolParams`: a partial override of the dev values (protocol-params.ts), decoded with io-ts.
 * Amounts are decimal strings (or safe integers) in the smallest unit, windows are block counts, shares are
 * Perbill parts (0 ..= 1,000,000,000).
 */
import * as t from 'io-ts';
import { type ProtocolParams } from './protocol-params.js';
import { type Perbill, PERBILL_ONE, perbill } from '../pallets-spec/settlement/shares.js';

/** Non-negative integer amount in the smallest unit; a decimal string keeps precision beyond 2⁵³. */
export const Amount = new t.Type<bigint, string, unknown>(
  'Amount',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) => {
    if (typeof u === 'string' && /^\d+$/.test(u)) return t.success(BigInt(u));
    if (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0) return t.success(BigInt(u));
    return t.failure(u, c, 'expected a non-negative integer amount (a decimal string for large amounts)');
  },
  (a) => a.toString(),
);

const Blocks = new t.Type<number, number, unknown>(
  'Blocks',
  (u): u is number => typeof u === 'number',
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= 0xffffffff
      ? t.success(u)
      : t.failure(u, c, 'expected a positive integer count'),
  (a) => a,
);

const PerbillParts = new t.Type<Perbill, number, unknown>(
  'Perbill',
  (u): u is Perbill => typeof u === 'object' && u !== null && 'perbill' in u,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= PERBILL_ONE
      ? t.success(perbill(u))
      : t.failure(u, c, `expected Perbill parts, an integer in 0..=${PERBILL_ONE}`),
  (a) => a.perbill,
);

const section = <P extends t.Props>(props: P) => t.exact(t.partial(props));

export const ProtocolOverrides = section({
  roles: section({
    minimumStake: section({ Solver: Amount, Verifier: Amount, Whistleblower: Amount }),
    unbondingDelay: Blocks,
    maxUnbondingChunks: Blocks,
  }),
  tasks: section({ minimumVerificationFee: Amount, maxSteps: Blocks, maxAuctionRounds: Blocks }),
  market: section({ bidDeposit: Amount, commitBlocks: Blocks, revealBlocks: Blocks }),
  proofs: section({
    proofBlocks: Blocks,
    missedDeadlineSlash: Amount,
    selectionDelay: Blocks,
    selectionRevealBlocks: Blocks,
  }),
  verification: section({
    verifiersPerTask: Blocks,
    segmentsPerVerifier: Blocks,
    verdictCommitBlocks: Blocks,
    verdictRevealBlocks: Blocks,
    secretRevealBlocks: Blocks,
    forcedErrorProbability: PerbillParts,
    lazyVerifierSlash: Amount,
    jackpotCap: Amount,
    jackpotShareOfFee: PerbillParts,
  }),
  disputes: section({
    challengeBlocks: Blocks,
    challengeBond: Amount,
    responseBlocks: Blocks,
    claimantSlash: Amount,
    wrongVerdictSlash: Amount,
  }),
  slashing: section({ burnShare: PerbillParts, jackpotShare: PerbillParts }),
});
export type ProtocolOverrides = t.TypeOf<typeof ProtocolOverrides>;

/** The base values with the overrides applied, section by section. */
export function withOverrides(base: ProtocolParams, o: ProtocolOverrides): ProtocolParams {
  const roles = { ...base.roles, ...o.roles, minimumStake: { ...base.roles.minimumStake, ...o.roles?.minimumStake } };
  return {
    roles,
    tasks: { ...base.tasks, ...o.tasks },
    market: { ...base.market, ...o.market },
    proofs: { ...base.proofs, ...o.proofs },
    verification: { ...base.verification, ...o.verification },
    disputes: { ...base.disputes, ...o.disputes },
    slashing: { ...base.slashing, ...o.slashing },
  };
}

/** The overrides as written in a spec file: amounts as decimal strings, shares as Perbill parts. */
export type ProtocolOverridesJson = t.OutputOf<typeof ProtocolOverrides>;
