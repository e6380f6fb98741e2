/**
 * Issue 4, "must show": bad input through a real node. Each call fails with a module error the client decodes
 * from the metadata, and changes nothing but its fee (support/no-change.ts): wrong role, wrong phase, expired
 * deadline, double commit, double reveal, a reveal that does not open its commit, an unknown task, a challenge
 * without the bond, a Merkle proof that does not match.
 */
import { u8aToHex } from '@polkadot/util';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { type Actor, alice, fundedActors } from './support/actors.js';
import { driveToChallengeable } from './support/challengeable.js';
import { ProtocolDriver } from './support/driver.js';
import { bigField, theEvent } from './support/events.js';
import { expectNoop } from './support/no-change.js';
import {
  ACCEPT,
  type SealedBid,
  apiEnum,
  bidArgs,
  bytes32,
  hex32,
  proofCommitments,
  taskSpec,
  verdictSeal,
} from '../protocol/protocol-args.js';
import { ProtocolSession } from './support/session.js';

describe('protocol through a real node: bad input changes nothing but the fee', function () {
  this.timeout(120_000);
  let session: ProtocolSession;
  let driver: ProtocolDriver;
  let submitter: Actor, s1: Actor, s2: Actor, outsider: Actor;
  const bid1: SealedBid = { price: 500n * UNIT, salt: bytes32(0x51), secret: bytes32(0x61) };
  const bid2: SealedBid = { price: 400n * UNIT, salt: bytes32(0x52), secret: bytes32(0x62) };

  before(async () => {
    session = await ProtocolSession.open();
    driver = new ProtocolDriver(session);
    [submitter, s1, s2, outsider] = (await fundedActors(session, 'bad', 4)) as [Actor, Actor, Actor, Actor];
    for (const s of [s1, s2]) await driver.register(s, 'Solver');
    driver.know(outsider);
  });
  after(async () => session?.close());

  const commit = (task: bigint, bid: SealedBid) => {
    const { commitment, secret_commitment } = bidArgs(bid);
    return session.api.tx.market.commitBid(task, commitment, secret_commitment);
  };
  const reveal = (task: bigint, bid: SealedBid, salt = bid.salt) =>
    session.api.tx.market.revealBid(task, bid.price, u8aToHex(salt));

  it('auction: unknown task, wrong role, wrong phase, double commit, expired window, mismatch, double reveal, early close', async () => {
    // Each window is five blocks and each call below takes one block: the order is chosen to fit them.
    const task = await driver.submitTask(submitter, taskSpec(), 1_000n * UNIT, 100n * UNIT);
    await expectNoop(driver, outsider, commit(task, bid1), 'market.NotASolver');
    await driver.commitBids(task, [[s1, bid1]]);
    await expectNoop(driver, s1, reveal(task, bid1), 'market.NotRevealPhase');
    await expectNoop(driver, s1, commit(task, bid2), 'market.AlreadyBid');
    await session.advanceTo((await driver.status(task, 'Bidding')).commit_end);
    await expectNoop(driver, s2, commit(task, bid2), 'market.BiddingClosed');
    await expectNoop(driver, s1, reveal(task, bid1, bytes32(0x59)), 'market.RevealMismatch');
    await driver.revealBids(task, [[s1, bid1]]);
    await expectNoop(driver, s1, reveal(task, bid1), 'market.AlreadyRevealed');
    await expectNoop(driver, s1, session.api.tx.market.closeAuction(task), 'market.AuctionStillOpen');
    await expectNoop(driver, s1, commit(task + 100n, bid1), 'tasks.UnknownTask');
  });

  it('proof: wrong phase, not the solver, expired deadline', async () => {
    const task = await driver.submitTask(submitter, taskSpec(), 1_000n * UNIT, 100n * UNIT);
    const proof = proofCommitments();
    const submitProof = () =>
      session.api.tx.proofs.submitProof(
        task,
        proof.checkpoint_root,
        proof.step_root,
        proof.final_model_hash,
        proof.claimed_metric,
        u8aToHex(proof.locator),
        hex32(0x70),
      );
    await driver.commitBids(task, [[s2, bid2]]);
    await expectNoop(driver, s2, submitProof(), 'tasks.WrongTaskPhase');
    await driver.revealBids(task, [[s2, bid2]]);
    await driver.closeAuction(task, submitter, false);
    await expectNoop(driver, s1, submitProof(), 'tasks.NotTheSolver');
    await expectNoop(driver, s2, session.api.tx.proofs.reportMissedDeadline(task), 'tasks.TaskDeadlineNotReached');
    await session.advanceTo((await driver.status(task, 'Proving')).deadline + 1);
    await expectNoop(driver, s2, submitProof(), 'tasks.TaskDeadlinePassed');
    // Leave the solver free for later tests: its missed deadline is reported (and slashed) like any other.
    await session.ok(submitter.pair, session.api.tx.proofs.reportMissedDeadline(task));
  });

  it('verdicts: not assigned, double commit, a reveal that does not open the commit', async () => {
    const [v1, v2, v3] = await fundedActors(session, 'bad-verifiers', 3);
    for (const v of [v1!, v2!, v3!]) await driver.register(v, 'Verifier');
    const task = await driver.submitTask(submitter, taskSpec(), 1_000n * UNIT, 100n * UNIT);
    const bid: SealedBid = { price: 300n * UNIT, salt: bytes32(0x53), secret: bytes32(0x63) };
    await driver.commitBids(task, [[s1, bid]]);
    await driver.revealBids(task, [[s1, bid]]);
    await driver.closeAuction(task, submitter, false);
    const [first] = await driver.prove(task, proofCommitments(), bytes32(0x8a));
    const verifier = driver.actorOf(first!);
    const salt = bytes32(0x91);
    const seal = session.api.tx.verification.commitVerdict(task, verdictSeal(ACCEPT, salt));
    await expectNoop(driver, outsider, seal, 'verification.NotAssignedVerifier');
    await session.ok(verifier.pair, session.api.tx.verification.commitVerdict(task, verdictSeal(ACCEPT, salt)));
    await expectNoop(
      driver,
      verifier,
      session.api.tx.verification.commitVerdict(task, verdictSeal(ACCEPT, salt)),
      'verification.AlreadyCommitted',
    );
    await session.advanceTo((await driver.status(task, 'Verifying')).commit_end);
    const forged = session.api.tx.verification.revealVerdict(
      task,
      apiEnum({ type: 'Reject', value: { segment: 0, distance: 1n, metric: 0 } }),
      u8aToHex(salt),
    );
    await expectNoop(driver, verifier, forged, 'verification.RevealMismatch');
  });

  it('disputes: a challenge without the bond, a step proof that does not match the step root', async () => {
    const t = await driveToChallengeable(driver, { tag: 'bad-dispute' });
    const bond = (session.api.consts.disputes.challengeBond as unknown as { toBigInt(): bigint }).toBigInt();
    // The whistleblower keeps its stake (reserved) but gives away all of its free balance but half a bond.
    const free = (await driver.snapshot()).free(t.whistleblower.id);
    const giveAway = free - bond / 2n;
    await session.ok(
      t.whistleblower.pair,
      session.api.tx.balances.transferAllowDeath((await alice()).pair.address, giveAway),
    );
    await expectNoop(
      driver,
      t.whistleblower,
      session.api.tx.disputes.openDispute(t.task, 0),
      'balances.InsufficientBalance',
    );

    const challenger = t.verifiers[0]!.actor;
    const opened = await session.ok(challenger.pair, session.api.tx.disputes.openDispute(t.task, 0));
    const dispute = bigField(theEvent(opened.events, 'disputes.DisputeOpened'), 'dispute');
    const interval = taskSpec().checkpoint_interval;
    const wrongProof = session.api.tx.disputes.pointStep(dispute, interval, hex32(0xb0), [hex32(0xb1)], hex32(0xb2), [
      hex32(0xb3),
    ]);
    await expectNoop(driver, challenger, wrongProof, 'disputes.ProofMismatch');
  });
});
