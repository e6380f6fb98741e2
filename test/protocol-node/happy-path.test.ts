/**
 * Issue 4, "must show": a full task through a real node and `@polkadot/api`: one submitter, three bidding solvers,
 * three verifiers. The price is the second-lowest bid, and every payment and refund is exact to the planck:
 * each account's balance after = before − the fees it paid (from `TransactionFeePaid`) ± what the protocol moved.
 */
import assert from 'node:assert/strict';
import { TOTAL_ISSUANCE } from '../../chain-config/genesis.js';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import { type Actor, actor, fundedActors } from './support/actors.js';
import { ProtocolDriver } from './support/driver.js';
import { accountField, bigField, boolField, eventsNamed, theEvent } from './support/events.js';
import { ACCEPT, type SealedBid, bytes32, proofCommitments, taskSpec } from '../protocol/protocol-args.js';
import { ProtocolSession } from './support/session.js';

const PERBILL = 1_000_000_000n;
// Odd plancks everywhere, so that a rounding or an off-by-one anywhere shows.
const BUDGET = 1_000n * UNIT + 13n;
const FEE = 100n * UNIT + 2n;
const PRICES = [300n * UNIT + 7n, 450n * UNIT + 11n, 600n * UNIT + 5n];

describe('protocol through a real node: the happy path', function () {
  this.timeout(120_000);
  let session: ProtocolSession;
  let driver: ProtocolDriver;

  before(async () => {
    session = await ProtocolSession.open();
    driver = new ProtocolDriver(session);
  });
  after(async () => session?.close());

  it('genesis: the supply is exactly 1,232,922,769 VRT, and the jackpot holds the existential deposit', async () => {
    const genesis = await driver.snapshot((await session.api.rpc.chain.getBlockHash(0)).toHex());
    const ed = (session.api.consts.balances.existentialDeposit as unknown as { toBigInt(): bigint }).toBigInt();
    assert.equal(genesis.totalIssuance(), 1_232_922_769n * UNIT);
    assert.equal(genesis.totalIssuance(), TOTAL_ISSUANCE);
    const sum = genesis.accounts().reduce((total, a) => total + a.free + a.reserved, 0n);
    assert.equal(sum, TOTAL_ISSUANCE);
    assert.equal(genesis.free(JACKPOT_ACCOUNT), ed, 'the pot is endowed');
    const alice = await actor('//Alice');
    const bob = await actor('//Bob');
    assert.equal(genesis.free(alice.id), genesis.free(bob.id) + (TOTAL_ISSUANCE % 6n) - ed, "taken from Alice's share");
    // The reason: a payment below the existential deposit into the pot is kept, not refused or dusted.
    const paid = await session.ok(alice.pair, session.api.tx.balances.transferKeepAlive(JACKPOT_ACCOUNT, ed / 2n));
    assert.equal((await driver.snapshot(paid.blockHash)).free(JACKPOT_ACCOUNT), ed + ed / 2n);
  });

  it('pays the second-lowest price, the verifiers their fee, and refunds the rest, to the planck', async () => {
    const [submitter, s1, s2, s3, v1, v2, v3] = (await fundedActors(session, 'happy', 7)) as Actor[] & { length: 7 };
    const solvers = [s1, s2, s3];
    const verifiers = [v1, v2, v3];
    for (const s of solvers) await driver.register(s, 'Solver');
    for (const v of verifiers) await driver.register(v, 'Verifier');
    const everyone = [submitter, ...solvers, ...verifiers];

    const before = await driver.snapshot();
    const feesBefore = new Map(everyone.map((a) => [a.id, session.feesPaidBy(a.pair.address)]));
    const feesSince = (a: Actor): bigint => session.feesPaidBy(a.pair.address) - feesBefore.get(a.id)!;

    const task = await driver.submitTask(submitter, taskSpec(), BUDGET, FEE);
    const bids = solvers.map((s, i): [Actor, SealedBid] => [
      s,
      { price: PRICES[i]!, salt: bytes32(0x50, i), secret: bytes32(0x60, i) },
    ]);
    await driver.commitBids(task, bids);
    await driver.revealBids(task, bids);
    const closed = await driver.closeAuction(task, submitter, false);

    const auction = theEvent(closed.events, 'market.AuctionClosed');
    assert.equal(accountField(auction, 'winner'), s1.id, 'the lowest bid wins');
    assert.equal(bigField(auction, 'price'), PRICES[1], 'at the second-lowest price');
    assert.equal(bigField(auction, 'winning_bid'), PRICES[0]);
    const refunds = eventsNamed(closed.events, 'market.DepositRefunded');
    assert.deepEqual(refunds.map((r) => accountField(r, 'bidder')).sort(), solvers.map((s) => s.id).sort());

    const drawn = await driver.prove(task, proofCommitments(), bytes32(0x88));
    assert.deepEqual([...drawn].sort(), verifiers.map((v) => v.id).sort(), 'the three verifiers are drawn');
    await driver.verdicts(task, new Map(drawn.map((v) => [v, ACCEPT])), submitter);
    const secret = await driver.revealSecret(task);
    assert.equal(boolField(theEvent(secret.events, 'verification.SecretRevealed'), 'forced_error'), false);
    const closing = await driver.closeTask(task, submitter);
    const settled = theEvent(closing.events, 'settlement.TaskSettled');

    // What the protocol must have moved, from the escrow and the chain's own parameters.
    const share = (session.api.consts.verification.jackpotShareOfFee as unknown as { toBigInt(): bigint }).toBigInt();
    const jackpotCut = (FEE * share) / PERBILL;
    const perVerifier = (FEE - jackpotCut) / 3n;
    const price = PRICES[1]!;
    assert.equal(bigField(settled, 'price'), price);
    assert.equal(bigField(settled, 'per_verifier'), perVerifier);
    assert.equal(bigField(settled, 'jackpot'), jackpotCut);
    assert.equal(bigField(settled, 'submitter_refund'), BUDGET - price + ((FEE - jackpotCut) % 3n));
    // Each payment is an event an auditor can read: escrow to the solver, to each verifier, to the pot.
    const moved = eventsNamed(closing.events, 'balances.ReserveRepatriated').map((e) => [
      accountField(e, 'to'),
      bigField(e, 'amount'),
    ]);
    const expectedMoves = [[s1.id, price], ...verifiers.map((v) => [v.id, perVerifier]), [JACKPOT_ACCOUNT, jackpotCut]];
    assert.deepEqual(moved.map(String).sort(), expectedMoves.map(String).sort());

    const after = await driver.snapshot();
    const expectFree = (who: Actor, delta: bigint, what: string): void =>
      assert.equal(after.free(who.id), before.free(who.id) - feesSince(who) + delta, `free balance of ${what}`);
    expectFree(submitter, -(price + 3n * perVerifier + jackpotCut), 'the submitter');
    expectFree(s1, price, 'the winning solver');
    expectFree(s2, 0n, 'a losing solver');
    expectFree(s3, 0n, 'a losing solver');
    for (const v of verifiers) expectFree(v, perVerifier, 'a verifier');
    assert.equal(after.free(JACKPOT_ACCOUNT), before.free(JACKPOT_ACCOUNT) + jackpotCut, 'the jackpot');
    for (const a of everyone)
      assert.equal(
        after.reserved(a.id),
        before.reserved(a.id),
        'escrow, deposits and engagements released; no stake slashed',
      );

    const fees = everyone.reduce((total, a) => total + feesSince(a), 0n);
    assert.ok(fees > 0n);
    assert.equal(after.totalIssuance(), before.totalIssuance() - fees, 'only the fees were burned');
  });
});
