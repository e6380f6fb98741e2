/**
 * Verification (pallet index 44): stake-weighted verifiers replay randomly chosen segments and post verdicts by
 * commit–reveal; then the solver's secret decides whether the proof was a forced error (forced-error.ts).
 * Constants, storage, events and errors here; calls in index.ts; assignment in assign.ts.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { bool, enumType, u32, vec } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { TaskId } from '../tasks/types.js';
import { Assignment, Verdict } from './types.js';

export const pallet = palletBuilder({
  name: 'Verification',
  index: 44,
  crate: 'pallet_veritrain_verification',
  docs: ['Verifier and segment selection, verdict commit–reveal, and forced errors with their jackpot.'],
});

const params = () => protocolParams().verification;

export const constants = pallet.constants({
  VerifiersPerTask: constant(u32, () => params().verifiersPerTask, 'Verifiers drawn (stake-weighted) for each proof.'),
  SegmentsPerVerifier: constant(u32, () => params().segmentsPerVerifier, 'Segments each verifier replays.'),
  VerdictCommitBlocks: constant(
    BlockNumber,
    () => params().verdictCommitBlocks,
    'Blocks verifiers have to commit a verdict.',
  ),
  VerdictRevealBlocks: constant(BlockNumber, () => params().verdictRevealBlocks, 'Blocks they then have to reveal it.'),
  SecretRevealBlocks: constant(
    BlockNumber,
    () => params().secretRevealBlocks,
    'Blocks the solver has to reveal its secret.',
  ),
  ForcedErrorProbability: constant(
    u32,
    () => params().forcedErrorProbability.perbill,
    'Chance (Perbill) that a proof is a forced error.',
  ),
  LazyVerifierSlash: constant(
    Balance,
    () => params().lazyVerifierSlash,
    'Slashed from a silent verifier, or one that missed a forced error.',
  ),
  JackpotCap: constant(Balance, () => params().jackpotCap, 'Most the jackpot pays for one forced error.'),
  JackpotShareOfFee: constant(
    u32,
    () => params().jackpotShareOfFee.perbill,
    'Share (Perbill) of each verification fee paid into the jackpot.',
  ),
});

export const storage = pallet.storage({
  Verifiers: pallet.map(TaskId, 'Twox64Concat', vec(AccountId), {
    docs: ['The verifiers of the current proof, in draw order.'],
  }),
  Assignments: pallet.doubleMap([TaskId, 'Twox64Concat'], [AccountId, 'Blake2_128Concat'], Assignment, {
    docs: ["Each assigned verifier's segments, verdict commitment and revealed verdict."],
  }),
});

export const SlashReason = enumType(['pallet_veritrain_verification', 'SlashReason'], {
  Silent: { index: 0, docs: ['Committed or assigned, but never revealed a verdict.'] },
  MissedForcedError: { index: 1, docs: ['Was assigned the corrupted segment of a forced error and did not flag it.'] },
});

export const events = pallet.events({
  Assigned: {
    index: 0,
    fields: { task: TaskId, verifier: AccountId, segments: vec(u32) },
    docs: ["A verifier was drawn for the task's current proof and must replay `segments`."],
  },
  VerdictCommitted: { index: 1, fields: { task: TaskId, verifier: AccountId }, docs: ['A sealed verdict was posted.'] },
  VerdictRevealed: {
    index: 2,
    fields: { task: TaskId, verifier: AccountId, verdict: Verdict },
    docs: ['A verdict was opened (a rejection names its segment, distance and metric).'],
  },
  VerdictsClosed: {
    index: 3,
    fields: { task: TaskId, accepted: u32, rejected: u32, silent: u32 },
    docs: ['The reveal window closed; the solver must now reveal its secret.'],
  },
  SecretRevealed: {
    index: 4,
    fields: { task: TaskId, forced_error: bool, segment: u32 },
    docs: ['The solver revealed its secret: whether this proof was a forced error, and which segment was corrupted.'],
  },
  JackpotPaid: {
    index: 5,
    fields: { task: TaskId, verifier: AccountId, amount: Balance },
    docs: ['A verifier that flagged a forced error was paid.'],
  },
  VerifierSlashed: {
    index: 6,
    fields: { task: TaskId, verifier: AccountId, amount: Balance, reason: SlashReason },
    docs: ['A verifier lost stake to the jackpot.'],
  },
});

export const errors = pallet.errors({
  NotEnoughVerifiers: { index: 0, docs: ['No registered verifier with enough unengaged stake can be drawn.'] },
  NoSegments: { index: 1, docs: ['The task has no segment to check.'] },
  NotAssignedVerifier: { index: 2, docs: ['The caller is not a verifier of this proof.'] },
  VerdictCommitClosed: { index: 3, docs: ['The verdict commit window has closed.'] },
  AlreadyCommitted: { index: 4, docs: ['This verifier already committed a verdict.'] },
  NotVerdictRevealPhase: {
    index: 5,
    docs: ['Verdicts are revealed only after the commit window, before the reveal deadline.'],
  },
  NothingToReveal: { index: 6, docs: ['No verdict was committed.'] },
  AlreadyRevealed: { index: 7, docs: ['The verdict was already revealed.'] },
  RevealMismatch: { index: 8, docs: ['The verdict and salt do not hash to the commitment.'] },
  SegmentNotAssigned: { index: 9, docs: ["A rejection must name one of the verifier's assigned segments."] },
  SecretMismatch: { index: 10, docs: ['The secret does not open the commitment made with the winning bid.'] },
});
