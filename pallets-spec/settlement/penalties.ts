/**
 * Slashing arithmetic (DESIGN.md §3.6): what a loser loses, what the winner gets, what is burned, what funds the
 * forced-error jackpot. Each function returns parts that sum exactly to what was taken.
 */
import type { AccountKey } from '../tasks/decision.js';
import { type Perbill, mulFloor, splitEvenly } from './shares.js';

export interface SlashShares {
  /** Part of every slash destroyed, so that colluding parties cannot recycle a slash between themselves. */
  burn: Perbill;
  /** Part of every slash added to the forced-error jackpot. */
  jackpot: Perbill;
}

export interface SlashSplit {
  burned: bigint;
  toJackpot: bigint;
  /** What is left for the winning party (or, with no winner, for the jackpot too). */
  toWinner: bigint;
}

/** Splits a slashed amount; the winner's part is what rounding leaves after burn and jackpot. */
export function splitSlash(slashed: bigint, shares: SlashShares): SlashSplit {
  const burned = mulFloor(slashed, shares.burn);
  const toJackpot = mulFloor(slashed, shares.jackpot);
  if (burned + toJackpot > slashed) throw new RangeError('burn and jackpot shares add up to more than the slash');
  return { burned, toJackpot, toWinner: slashed - burned - toJackpot };
}

/** What a slash can actually take: never more than the party has at stake (stakes are the only thing slashed). */
export function slashable(wanted: bigint, atStake: bigint): bigint {
  return wanted < atStake ? wanted : atStake;
}

export interface JackpotPayout {
  perFlagger: bigint;
  flaggers: AccountKey[];
  /** What stays in the pot: the part above the cap and the rounding remainder. */
  remainingPot: bigint;
}

/** Flaggers of a forced error share `min(pot, cap)` equally; rounding dust stays in the pot. */
export function payJackpot(pot: bigint, cap: bigint, flaggers: readonly AccountKey[]): JackpotPayout {
  if (flaggers.length === 0) return { perFlagger: 0n, flaggers: [], remainingPot: pot };
  const paid = pot < cap ? pot : cap;
  const { each } = splitEvenly(paid, flaggers.length);
  return { perFlagger: each, flaggers: [...flaggers], remainingPot: pot - each * BigInt(flaggers.length) };
}

export interface DisputeSettlement {
  /** The loser's slash, split. */
  loserSlash: SlashSplit & { slashed: bigint };
  /** Each verifier whose verdict contradicts the outcome, with what it loses; all of it goes to burn and jackpot. */
  verifierSlashes: Array<{ verifier: AccountKey; slashed: bigint; burned: bigint; toJackpot: bigint }>;
}

/**
 * The money side of a resolved dispute. The winner gets `toWinner` of the loser's slash (its own bond or stake is
 * simply released by the caller). Wrong-side verifiers lose `verifierPenalty` each (capped by their stake); their
 * slash has no single winner, so what is not burned funds the jackpot.
 */
export function settleDispute(
  loser: { atStake: bigint; penalty: bigint },
  wrongVerifiers: ReadonlyArray<{ verifier: AccountKey; atStake: bigint }>,
  verifierPenalty: bigint,
  shares: SlashShares,
): DisputeSettlement {
  const slashed = slashable(loser.penalty, loser.atStake);
  return {
    loserSlash: { slashed, ...splitSlash(slashed, shares) },
    verifierSlashes: wrongVerifiers.map(({ verifier, atStake }) => {
      const taken = slashable(verifierPenalty, atStake);
      const burned = mulFloor(taken, shares.burn);
      return { verifier, slashed: taken, burned, toJackpot: taken - burned };
    }),
  };
}
