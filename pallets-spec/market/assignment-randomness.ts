/**
 * The assignment randomness `R` of an auction (docs/randomness.md): it breaks price ties and, with the winner's
 * secret, decides forced errors. It must not depend on *when* the auction is closed: anyone may close it at any
 * block after the reveal window, and the would-be winner, who knows its own secret, would otherwise wait for a
 * closing block that suits it. So `R` is fixed by the hash of a block nobody picks by closing: the last block of
 * the reveal window (its hash exists from the first block where closing is allowed).
 *
 * System keeps only the last `BlockHashCount` block hashes. An auction left unclosed for that long takes the
 * anchor `BlockHashCount` blocks later, then as many again, so every closing block in one such stretch sees the
 * same anchor, and a fresh draw costs everyone leaving the auction unclosed for `BlockHashCount` more blocks.
 */
import { u32, u64 } from '@polkadot-api/substrate-bindings';
import type { BlockNumber } from '../tasks/decision.js';
import { type Seed, deriveSeed } from '../verification/randomness.js';

/**
 * The block whose hash fixes `R` when the auction whose reveals end before `revealEnd` is closed in block `now`
 * (`now >= revealEnd`): `revealEnd − 1` until `BlockHashCount` blocks have passed, then one per stretch of that
 * many. Its hash is always still kept in block `now`: `now − 1 − anchor < blockHashCount`.
 */
export function randomnessAnchor(revealEnd: BlockNumber, now: BlockNumber, blockHashCount: number): BlockNumber {
  if (now < revealEnd) throw new RangeError(`block ${now} is inside the reveal window ending before ${revealEnd}`);
  if (blockHashCount < 1) throw new RangeError(`BlockHashCount must be positive, not ${blockHashCount}`);
  const elapsed = now - revealEnd;
  return revealEnd - 1 + (elapsed - (elapsed % blockHashCount));
}

/** `R = blake2("veritrain/assign", taskId, auctionRound, hash(anchor))`. */
export function assignmentRandomness(task: bigint, round: number, anchorHash: Uint8Array): Seed {
  return deriveSeed('veritrain/assign', [u64.enc(task), u32.enc(round), anchorHash]);
}
