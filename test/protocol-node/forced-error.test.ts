/**
 * Issue 4, "must show": a forced error through a real node, on a test chain whose forced-error probability is one.
 * The verifiers who flagged the designated segment are paid from the jackpot, the one that accepted it is slashed
 * into the jackpot, and the solver is unharmed: same stake, same reserve, same price, and it proves again.
 */
import assert from 'node:assert/strict';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { storage as roleStorage } from '../../pallets-spec/roles/declaration.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import { type Actor, alice, fundedActors } from './support/actors.js';
import { ProtocolDriver } from './support/driver.js';
import { accountField, bigField, boolField, eventsNamed, theEvent } from './support/events.js';
import { ACCEPT, type SealedBid, bytes32, proofCommitments, reject, taskSpec } from '../protocol/protocol-args.js';
import type { ProtocolSession } from './support/session.js';
import { openTestChain } from './support/test-chain.js';

const LAZY_SLASH = 100n * UNIT;
/** Below the jackpot cap and odd, so the split between two flaggers leaves a planck in the pot. */
const POT_TOP_UP = 600n * UNIT + 3n;

describe('protocol through a real node: a forced error', function () {
  this.timeout(120_000);
  let session: ProtocolSession;
  let driver: ProtocolDriver;

  before(async () => {
    session = await openTestChain('forced-errors', {
      verification: { forcedErrorProbability: 1_000_000_000, lazyVerifierSlash: LAZY_SLASH.toString() },
    });
    driver = new ProtocolDriver(session);
  });
  after(async () => session?.close());

  it('pays the flaggers from the jackpot, slashes the verifier that accepted, and leaves the solver unharmed', async () => {
    const probability = session.api.consts.verification.forcedErrorProbability as unknown as { toNumber(): number };
    assert.equal(probability.toNumber(), 1_000_000_000, "the test chain's spec sets the probability to one");
    const [submitter, s1, s2, v1, v2, v3] = (await fundedActors(session, 'forced', 6)) as Actor[];
    for (const s of [s1!, s2!]) await driver.register(s, 'Solver');
    for (const v of [v1!, v2!, v3!]) await driver.register(v, 'Verifier');
    // Anyone may pay into the pot; the genesis endowment alone (the existential deposit) would pay nothing.
    await session.ok((await alice()).pair, session.api.tx.balances.transferKeepAlive(JACKPOT_ACCOUNT, POT_TOP_UP));

    const task = await driver.submitTask(submitter!, taskSpec(), 1_000n * UNIT, 100n * UNIT);
    const bids: Array<[Actor, SealedBid]> = [
      [s1!, { price: 400n * UNIT, salt: bytes32(0x51), secret: bytes32(0x61) }],
      [s2!, { price: 500n * UNIT, salt: bytes32(0x52), secret: bytes32(0x62) }],
    ];
    await driver.commitBids(task, bids);
    await driver.revealBids(task, bids);
    await driver.closeAuction(task, submitter!, true);
    const decision = await driver.forcedErrorOf(task);
    assert.equal(decision.forced, true, 'probability one: every proof is a forced error');

    // The solver corrupts the designated segment, as it must; two verifiers catch it, the third waves it through.
    await driver.prove(task, proofCommitments(), bytes32(0x89));
    const drawn = await driver.assignments(task);
    assert.equal(drawn.length, 3);
    for (const { segments } of drawn) assert.ok(segments.includes(decision.segment), 'each replays every segment');
    const [flagger1, flagger2, lazy] = drawn.map((d) => driver.actorOf(d.verifier));
    const verdicts = new Map([
      [flagger1!.id, reject(decision.segment)],
      [flagger2!.id, reject(decision.segment)],
      [lazy!.id, ACCEPT],
    ]);
    await driver.verdicts(task, verdicts, submitter!);

    const solverLedger = (state: Parameters<typeof roleStorage.Stakes.get>[0]) =>
      roleStorage.Stakes.get(state, [s1!.id, { type: 'Solver', value: undefined }]);
    const before = await driver.snapshot();
    const fees = (a: Actor) => session.feesPaidBy(a.pair.address);
    const feesBefore = new Map([s1!, flagger1!, flagger2!, lazy!].map((a) => [a.id, fees(a)]));
    const feeSince = (a: Actor) => fees(a) - feesBefore.get(a.id)!;

    const revealed = await driver.revealSecret(task);
    const secretEvent = theEvent(revealed.events, 'verification.SecretRevealed');
    assert.equal(boolField(secretEvent, 'forced_error'), true);
    assert.equal(Number(bigField(secretEvent, 'segment')), decision.segment);

    const potBefore = before.free(JACKPOT_ACCOUNT);
    // The pot keeps the existential deposit; the rest (below the cap here) is split evenly, rounding down.
    const ed = (session.api.consts.balances.existentialDeposit as unknown as { toBigInt(): bigint }).toBigInt();
    const perFlagger = (potBefore - ed) / 2n;
    assert.equal(perFlagger, (POT_TOP_UP + ed - ed) / 2n);
    const paid = eventsNamed(revealed.events, 'verification.JackpotPaid');
    assert.deepEqual(paid.map((e) => accountField(e, 'verifier')).sort(), [flagger1!.id, flagger2!.id].sort());
    for (const e of paid) assert.equal(bigField(e, 'amount'), perFlagger);
    const slashed = theEvent(revealed.events, 'verification.VerifierSlashed');
    assert.equal(accountField(slashed, 'verifier'), lazy!.id);
    assert.equal(bigField(slashed, 'amount'), LAZY_SLASH);

    const after = await driver.snapshot();
    for (const f of [flagger1!, flagger2!]) {
      assert.equal(after.free(f.id), before.free(f.id) - feeSince(f) + perFlagger, 'a flagger is paid');
      assert.equal(after.reserved(f.id), before.reserved(f.id), 'its stake intact');
    }
    assert.equal(after.free(lazy!.id), before.free(lazy!.id) - feeSince(lazy!), 'the lazy verifier is not paid');
    assert.equal(after.reserved(lazy!.id), before.reserved(lazy!.id) - LAZY_SLASH, 'and loses stake');
    assert.equal(after.free(JACKPOT_ACCOUNT), potBefore - 2n * perFlagger + LAZY_SLASH, 'the pot pays and collects');
    assert.equal(after.totalIssuance(), before.totalIssuance() - feeSince(s1!), 'nothing minted, nothing lost');

    // The solver: not slashed, not paid, still engaged at the same price, proving again for the next round.
    assert.equal(after.free(s1!.id), before.free(s1!.id) - feeSince(s1!));
    assert.equal(after.reserved(s1!.id), before.reserved(s1!.id));
    assert.deepEqual(solverLedger(after.ctx.state), solverLedger(before.ctx.state));
    const proving = await driver.status(task, 'Proving');
    assert.equal(proving.solver, s1!.id);
    assert.equal(proving.price, 500n * UNIT);
    assert.equal(proving.proof_round, 1);
  });
});
