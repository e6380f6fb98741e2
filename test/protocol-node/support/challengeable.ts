/**
 * `driveToChallengeable`: one call that takes a fresh task through submission, a three-solver auction, the proof,
 * the draw of verifiers and their verdicts, up to `Challengeable`: the state in which a dispute can be opened.
 * For the Disputes pallet's tests and the engine's end-to-end dispute test.
 *
 *   const session = await ProtocolSession.open();
 *   const driver = new ProtocolDriver(session);
 *   const t = await driveToChallengeable(driver, { spec: { steps: 8, checkpoint_interval: 4, … }, proof: { step_root, … } });
 *   // t.task is Challengeable until block t.until; t.whistleblower is registered and funded; t.solver proved.
 *   await session.send(t.whistleblower.pair, session.api.tx.disputes.openDispute(t.task, segment));
 *
 * Every actor is fresh (`//vt/<tag>/…`) and funded from //Alice, so several tasks can share one node. The auction is
 * closed so that the proof is *not* a forced error (when the reveal window's randomness says otherwise,
 * `ProtocolDriver.closeAuction` waits `BlockHashCount` blocks for a fresh draw), so the chain's forced-error
 * probability must be below one. For other parameters (shorter windows, other stakes) open
 * the session with `openTestChain(id, overrides)` (test-chain.ts) instead of `ProtocolSession.open()`.
 */
import { UNIT } from '../../../pallets-spec/balances/declaration.js';
import type { TaskSpec } from '../../../pallets-spec/tasks/types.js';
import type { AccountId } from '../../../pallets-spec/types/primitives.js';
import type { Verdict } from '../../../pallets-spec/verification/types.js';
import { type Actor, fundedActors } from './actors.js';
import type { ProtocolDriver } from './driver.js';
import {
  ACCEPT,
  type ProofCommitments,
  type SealedBid,
  bytes32,
  proofCommitments,
  taskSpec,
} from '../../protocol/protocol-args.js';

export interface DriveOptions {
  /** Names the actors (`//vt/<tag>/…`); a fresh tag per call keeps tasks on one node apart. Default: a counter. */
  tag?: string;
  /** Overrides of the default task spec (test/protocol/protocol-args.ts `taskSpec`). */
  spec?: Partial<TaskSpec>;
  budget?: bigint;
  verificationFee?: bigint;
  /** The three solvers' prices; solver 1 (the lowest) wins at the second-lowest. */
  prices?: readonly [bigint, bigint, bigint];
  /** The winner's commitments (roots from the engine, claimed metric…). */
  proof?: Partial<ProofCommitments>;
  /** Each drawn verifier's verdict, given its segments; default Accept. `undefined` leaves it silent. */
  verdict?: (verifier: AccountId, segments: readonly number[]) => Verdict | undefined;
}

export interface ChallengeableTask {
  task: bigint;
  submitter: Actor;
  /** The three bidders, in `prices` order. */
  solvers: Actor[];
  /** The winner, which submitted the proof (the dispute's claimant). */
  solver: Actor;
  price: bigint;
  /** Registered as a whistleblower (minimum stake) and funded: ready to post a challenge bond. */
  whistleblower: Actor;
  /** The drawn verifiers with their segments and revealed verdicts. */
  verifiers: Array<{ actor: Actor; segments: number[]; verdict: Verdict | undefined }>;
  proof: ProofCommitments;
  /** The last block in which the task can be challenged. */
  until: number;
}

export const DEFAULT_BUDGET = 1_000n * UNIT;
export const DEFAULT_FEE = 100n * UNIT;
export const DEFAULT_PRICES = [300n * UNIT, 450n * UNIT, 600n * UNIT] as const;

let casts = 0;

export async function driveToChallengeable(
  driver: ProtocolDriver,
  options: DriveOptions = {},
): Promise<ChallengeableTask> {
  const tag = options.tag ?? `cast${++casts}`;
  const session = driver.session;
  const [submitter, s1, s2, s3, v1, v2, v3, whistleblower] = await fundedActors(session, tag, 8);
  const solvers = [s1!, s2!, s3!];
  for (const s of solvers) await driver.register(s, 'Solver');
  for (const v of [v1!, v2!, v3!]) await driver.register(v, 'Verifier');
  await driver.register(whistleblower!, 'Whistleblower');

  const prices = options.prices ?? DEFAULT_PRICES;
  const task = await driver.submitTask(
    submitter!,
    taskSpec(options.spec),
    options.budget ?? DEFAULT_BUDGET,
    options.verificationFee ?? DEFAULT_FEE,
  );
  const bids = solvers.map((s, i): [Actor, SealedBid] => [
    s,
    { price: prices[i]!, salt: bytes32(0x50, Number(task) * 8 + i), secret: bytes32(0x60, Number(task) * 8 + i) },
  ]);
  await driver.commitBids(task, bids);
  await driver.revealBids(task, bids);
  // Not a forced error: the solver's honest proof must be what the dispute is about.
  await driver.closeAuction(task, submitter!, false);
  const { solver: winnerId, price } = await driver.status(task, 'Proving');

  const proof = proofCommitments(options.proof);
  await driver.prove(task, proof, bytes32(0x88, Number(task)));
  const drawn = await driver.assignments(task);
  const verdicts = new Map<AccountId, Verdict>();
  const chosen = drawn.map(({ verifier, segments }) => {
    const verdict = options.verdict ? options.verdict(verifier, segments) : ACCEPT;
    if (verdict !== undefined) verdicts.set(verifier, verdict);
    return { actor: driver.actorOf(verifier), segments, verdict };
  });
  await driver.verdicts(task, verdicts, submitter!);
  await driver.revealSecret(task);
  const { until } = await driver.status(task, 'Challengeable');
  return {
    task,
    submitter: submitter!,
    solvers,
    solver: driver.actorOf(winnerId),
    price,
    whistleblower: whistleblower!,
    verifiers: chosen,
    proof,
    until,
  };
}
