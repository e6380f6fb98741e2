// The flow loads the harness, which loads the runtime first (it binds the type slots the pallets refer to).
import {
  ACCEPT,
  Flow,
  GENESIS_FREE,
  HONEST_RUN,
  reject,
  STEP_HASHES,
  secretWith,
  solvers,
  submitter,
  verifiers,
  whistleblower,
} from './flow.js';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { Disputes } from '../../pallets-spec/disputes/index.js';
import { Balances } from '../../pallets-spec/balances/index.js';
import { Settlement } from '../../pallets-spec/settlement/index.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import { mulFloor } from '../../pallets-spec/settlement/shares.js';
import { DisputeMoves } from './dispute-fixture.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';

const PRICES = [600n, 700n, 800n].map((p) => p * UNIT);
const { burnShare, jackpotShare } = params.slashing;

/** Task 0 proven, all verifiers accepting, secret revealed at block 30: challengeable until block 40. */
function challengeable(): Flow {
  const { secret } = secretWith(false);
  return new Flow()
    .register()
    .auction(PRICES, secret)
    .prove(solvers[0])
    .verdicts([ACCEPT, ACCEPT, ACCEPT])
    .revealSecret(solvers[0], secret);
}

const moves = new DisputeMoves(HONEST_RUN, HONEST_RUN);
/** The challenger's pointer at `step`: H_{step−1} and H_step proven under the proof's step root. */
const stepPointer = (step: number) => moves.pointStepArgs(step);

describe('protocol: disputes (in-memory chain)', () => {
  it('a silent challenger loses its bond: burned, jackpot and solver shares exact', () => {
    const flow = challengeable().at(31);
    const issuance = flow.chain.totalIssuance();
    flow.ok(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 1 });
    assert.equal(flow.task().status.type, 'Disputed');
    const [solverFree, jackpot] = [flow.chain.free(solvers[0]), flow.chain.free(JACKPOT_ACCOUNT)];
    const early = flow.chain.dispatch(Disputes, 'claim_timeout', submitter, { dispute: 0n });
    assert.ok(!early.ok && early.message === 'Disputes.DisputeDeadlineNotReached');
    flow.at(31 + params.disputes.responseBlocks + 1).ok(Disputes, 'claim_timeout', submitter, { dispute: 0n });

    const bond = params.disputes.challengeBond;
    const burned = mulFloor(bond, burnShare);
    const toJackpot = mulFloor(bond, jackpotShare);
    assert.equal(flow.chain.free(solvers[0]) - solverFree, bond - burned - toJackpot);
    assert.equal(flow.chain.free(JACKPOT_ACCOUNT) - jackpot, toJackpot);
    assert.equal(flow.chain.totalIssuance(), issuance - burned, 'only the burned share leaves the supply');
    assert.equal(flow.task().status.type, 'Challengeable', 'the proof stands');
    flow.at(flow.chain.blockNumber + params.disputes.challengeBlocks + 1);
    const late = flow.chain.dispatch(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 0 });
    assert.ok(!late.ok && late.message === 'Tasks.TaskDeadlinePassed', 'expired deadline');
    flow.ok(Settlement, 'close_task', submitter, { task: 0n });
    assert.equal(flow.task().status.type, 'Settled');
    assert.equal(flow.chain.totalIssuance(), issuance - burned);
  });

  it('a solver silent after the step is pinned loses its stake; the accepting verifiers are slashed too', () => {
    const flow = challengeable().at(31);
    const issuance = flow.chain.totalIssuance();
    flow.ok(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 1 });
    flow.at(32).ok(Disputes, 'point_step', whistleblower, { dispute: 0n, ...stepPointer(13) });
    const whistleFree = flow.chain.free(whistleblower);
    flow.at(32 + params.disputes.responseBlocks + 1).ok(Disputes, 'claim_timeout', whistleblower, { dispute: 0n });

    const slash = params.disputes.claimantSlash;
    const burned = mulFloor(slash, burnShare);
    const toWinner = slash - burned - mulFloor(slash, jackpotShare);
    assert.equal(
      flow.chain.free(whistleblower) - whistleFree,
      toWinner + params.disputes.challengeBond,
      'paid, bond returned',
    );
    assert.equal(flow.chain.reserved(solvers[0]), params.roles.minimumStake.Solver - slash);
    const verifierBurn = mulFloor(params.disputes.wrongVerdictSlash, burnShare);
    for (const v of verifiers)
      assert.equal(flow.chain.reserved(v), params.roles.minimumStake.Verifier - params.disputes.wrongVerdictSlash);
    assert.equal(flow.chain.totalIssuance(), issuance - burned - 3n * verifierBurn);
    const status = flow.task().status;
    assert.ok(status.type === 'Bidding' && status.value.auction_round === 1, 're-auctioned');
  });

  it('refuses a wrong Merkle proof, the wrong party, a non-challenger and a challenge without bond, changing nothing', () => {
    const flow = challengeable().at(31);
    const poorWhistle = flow.chain.dispatch(Disputes, 'open_dispute', submitter, { task: 0n, segment: 1 });
    assert.ok(!poorWhistle.ok && poorWhistle.message === 'Disputes.NotAChallenger');
    const noSegment = flow.chain.dispatch(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 2 });
    assert.ok(!noSegment.ok && noSegment.message === 'Disputes.SegmentOutOfRange');
    flow.ok(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 1 });
    const before = flow.chain.fingerprint();
    const expect = (who: AccountId, args: unknown, message: string) => {
      const result = flow.chain.dispatch(Disputes, 'point_step', who, args);
      assert.ok(!result.ok && result.message === message, `${message}: ${JSON.stringify(result.ok || result.message)}`);
      assert.equal(flow.chain.fingerprint(), before);
    };
    expect(
      whistleblower,
      { dispute: 0n, ...stepPointer(13), after: u8aToHex(STEP_HASHES[3] as Uint8Array) },
      'Disputes.ProofMismatch',
    );
    expect(
      whistleblower,
      { dispute: 0n, ...stepPointer(13), before: u8aToHex(STEP_HASHES[13] as Uint8Array) },
      'Disputes.ProofMismatch',
    );
    expect(whistleblower, { dispute: 0n, ...stepPointer(9) }, 'Disputes.IndexOutOfRange');
    expect(solvers[0], { dispute: 0n, ...stepPointer(13) }, 'Disputes.NotAParty');
    expect(whistleblower, { dispute: 7n, ...stepPointer(13) }, 'Disputes.UnknownDispute');
    const commitTooEarly = flow.chain.dispatch(Disputes, 'commit_graph', solvers[0], {
      dispute: 0n,
      ...moves.commitGraphArgs(13),
    });
    assert.ok(!commitTooEarly.ok && commitTooEarly.message === 'Disputes.NotYourTurn');

    // A challenge without bond: a whistleblower whose free balance cannot cover `ChallengeBond`.
    const poor = challengeable().at(31);
    const spend = poor.chain.free(whistleblower) - params.disputes.challengeBond / 2n;
    assert.deepEqual(
      poor.chain.dispatch(Balances, 'transfer_keep_alive', whistleblower, {
        dest: { type: 'Id', value: submitter },
        value: spend,
      }),
      { ok: true },
    );
    const unfunded = poor.chain.fingerprint();
    const noBond = poor.chain.dispatch(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 1 });
    assert.ok(!noBond.ok && noBond.message === 'Balances.InsufficientBalance');
    assert.equal(poor.chain.fingerprint(), unfunded);
  });

  it('the solver contests a false rejection: the silent verifier loses, its rejection no longer stands', () => {
    const { secret } = secretWith(false);
    const flow = new Flow().register().auction(PRICES, secret).prove(solvers[0]);
    flow
      .verdicts([ACCEPT, reject(1), ACCEPT])
      .revealSecret(solvers[0], secret)
      .at(31);
    const notSolver = flow.chain.dispatch(Disputes, 'contest_rejection', whistleblower, {
      task: 0n,
      verifier: verifiers[1],
    });
    assert.ok(!notSolver.ok && notSolver.message === 'Disputes.NotAParty');
    const noRejection = flow.chain.dispatch(Disputes, 'contest_rejection', solvers[0], {
      task: 0n,
      verifier: verifiers[0],
    });
    assert.ok(!noRejection.ok && noRejection.message === 'Disputes.NoRejectionToContest');
    flow.ok(Disputes, 'contest_rejection', solvers[0], { task: 0n, verifier: verifiers[1] });
    const solverFree = flow.chain.free(solvers[0]);
    flow.at(31 + params.disputes.responseBlocks + 1).ok(Disputes, 'claim_timeout', submitter, { dispute: 0n });
    const slash = params.disputes.wrongVerdictSlash;
    assert.equal(flow.chain.reserved(verifiers[1]), params.roles.minimumStake.Verifier - slash);
    assert.equal(
      flow.chain.free(solvers[0]) - solverFree,
      slash - mulFloor(slash, burnShare) - mulFloor(slash, jackpotShare),
    );
    flow
      .at(flow.chain.blockNumber + params.disputes.challengeBlocks + 1)
      .ok(Settlement, 'close_task', submitter, { task: 0n });
    assert.equal(flow.task().status.type, 'Settled', 'the beaten rejection no longer fails the task');
    assert.equal(flow.chain.free(verifiers[1]), GENESIS_FREE - params.roles.minimumStake.Verifier, 'no fee for it');
  });
});
