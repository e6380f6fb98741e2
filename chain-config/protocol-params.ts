/**
 * The protocol pallets' parameters (issue 4): stakes, windows, rates and shares. Each becomes a pallet constant in
 * the metadata; this file is the one place they are set. Amounts are in the smallest unit (12 decimals: `UNIT` =
 * 1 VRT). Windows are in blocks.
 */
import { UNIT } from '../pallets-spec/balances/declaration.js';
import { type Perbill, perbill } from '../pallets-spec/settlement/shares.js';

export interface ProtocolParams {
  roles: {
    /** Least stake a solver, verifier or whistleblower must keep active to hold its role. */
    minimumStake: { Solver: bigint; Verifier: bigint; Whistleblower: bigint };
    /** Blocks between `unbond` and the moment the stake can be withdrawn (it stays slashable meanwhile). */
    unbondingDelay: number;
    maxUnbondingChunks: number;
  };
  tasks: {
    /** Least verification fee a task must carry. */
    minimumVerificationFee: bigint;
    maxSteps: number;
    /** How many auctions a task may go through (the first one and re-auctions after a missed proof deadline). */
    maxAuctionRounds: number;
  };
  market: {
    bidDeposit: bigint;
    commitBlocks: number;
    revealBlocks: number;
  };
  proofs: {
    /** Blocks the winner has, after the auction, to submit its proof. */
    proofBlocks: number;
    /** Stake slashed from a winner that misses its proof deadline or refuses to reveal a secret. */
    missedDeadlineSlash: bigint;
    /** Blocks after the proof whose hash seeds the selection (the solver's selection key was hidden until then). */
    selectionDelay: number;
    /** Blocks the solver has, after the delay, to reveal its selection key. */
    selectionRevealBlocks: number;
  };
  verification: {
    verifiersPerTask: number;
    segmentsPerVerifier: number;
    verdictCommitBlocks: number;
    verdictRevealBlocks: number;
    /** Blocks the solver has, after the verdicts, to reveal its bid-time secret. */
    secretRevealBlocks: number;
    forcedErrorProbability: Perbill;
    /** Stake slashed from a verifier that accepted a forced error it was assigned, or never revealed. */
    lazyVerifierSlash: bigint;
    /** Most the jackpot pays out for one forced error. */
    jackpotCap: bigint;
    /** Share of each verification fee paid into the jackpot. */
    jackpotShareOfFee: Perbill;
  };
  disputes: {
    challengeBlocks: number;
    challengeBond: bigint;
    /** Blocks each party has for each move. */
    responseBlocks: number;
    /** Stake slashed from a solver that loses a dispute. */
    claimantSlash: bigint;
    /** Stake slashed from each verifier whose verdict contradicts a dispute's outcome. */
    wrongVerdictSlash: bigint;
  };
  slashing: {
    burnShare: Perbill;
    jackpotShare: Perbill;
  };
}

/** The dev chain's values: short windows so a full task fits in a few dozen blocks in tests. */
export const devProtocolParams: ProtocolParams = {
  roles: {
    minimumStake: { Solver: 1_000n * UNIT, Verifier: 500n * UNIT, Whistleblower: 200n * UNIT },
    unbondingDelay: 20,
    maxUnbondingChunks: 8,
  },
  tasks: { minimumVerificationFee: 10n * UNIT, maxSteps: 1_000_000, maxAuctionRounds: 3 },
  market: { bidDeposit: 50n * UNIT, commitBlocks: 5, revealBlocks: 5 },
  proofs: { proofBlocks: 20, missedDeadlineSlash: 200n * UNIT, selectionDelay: 2, selectionRevealBlocks: 5 },
  verification: {
    verifiersPerTask: 3,
    segmentsPerVerifier: 2,
    verdictCommitBlocks: 10,
    verdictRevealBlocks: 5,
    secretRevealBlocks: 5,
    forcedErrorProbability: perbill(20_000_000),
    lazyVerifierSlash: 100n * UNIT,
    jackpotCap: 1_000n * UNIT,
    jackpotShareOfFee: perbill(100_000_000),
  },
  disputes: {
    challengeBlocks: 10,
    challengeBond: 200n * UNIT,
    responseBlocks: 5,
    claimantSlash: 500n * UNIT,
    wrongVerdictSlash: 100n * UNIT,
  },
  slashing: { burnShare: perbill(200_000_000), jackpotShare: perbill(300_000_000) },
};

/**
 * The parameters of the chain this process runs. Like a runtime compiled for one chain, they are fixed before the
 * first block: the node sets them from its chain spec (`useProtocolParams`) before building genesis or metadata, and
 * the pallets read them through `protocolParams()` (their metadata constants are thunks over it).
 */
let active: ProtocolParams = devProtocolParams;

export function protocolParams(): ProtocolParams {
  return active;
}

export function useProtocolParams(params: ProtocolParams): void {
  active = params;
}
