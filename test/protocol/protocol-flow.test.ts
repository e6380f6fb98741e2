// The flow loads the harness, which loads the runtime first (it binds the type slots the pallets refer to).
import {
  ACCEPT,
  BUDGET,
  FEE,
  Flow,
  GENESIS_FREE,
  JACKPOT_GENESIS,
  reject,
  secretWith,
  solvers,
  submitter,
  verifiers,
} from './flow.js';
import assert from 'node:assert/strict';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { EXISTENTIAL_DEPOSIT } from '../../pallets-spec/balances/declaration.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import { Settlement, storage as settlementStorage } from '../../pallets-spec/settlement/index.js';
import { Proofs } from '../../pallets-spec/proofs/index.js';
import { Verification } from '../../pallets-spec/verification/index.js';
import { u8aToHex } from '@polkadot/util';
import { bytes32 } from './helpers.js';

const UNIT_PRICES = [600n, 700n, 800n].map((p) => p * 10n ** 12n);

describe('protocol: a task through every pallet (in-memory chain)', () => {
  it('pays the second-lowest price, the fees and the refund exactly, minting nothing', () => {
    const { secret } = secretWith(false);
    const flow = new Flow().register().auction(UNIT_PRICES, secret).prove(solvers[0]);
    flow.verdicts([ACCEPT, ACCEPT, ACCEPT]).revealSecret(solvers[0], secret);
    const jackpotBefore = flow.chain.free(JACKPOT_ACCOUNT);
    flow.close();

    const price = UNIT_PRICES[1];
    const jackpotCut = (FEE * BigInt(params.verification.jackpotShareOfFee.perbill)) / 1_000_000_000n;
    const perVerifier = (FEE - jackpotCut) / 3n;
    const dust = FEE - jackpotCut - perVerifier * 3n;
    assert.equal(flow.chain.free(submitter), GENESIS_FREE - price - FEE + dust);
    assert.equal(flow.chain.reserved(submitter), 0n);
    assert.equal(flow.chain.free(solvers[0]), GENESIS_FREE - params.roles.minimumStake.Solver + price);
    for (const v of verifiers)
      assert.equal(flow.chain.free(v), GENESIS_FREE - params.roles.minimumStake.Verifier + perVerifier);
    assert.equal(flow.chain.free(JACKPOT_ACCOUNT) - jackpotBefore, jackpotCut);
    assert.equal(flow.chain.totalIssuance(), flow.genesisIssuance, 'no call minted or burned');
    assert.equal(flow.task().status.type, 'Settled');
    assert.equal(
      flow.chain.read((ctx) => settlementStorage.FinalModels.get(ctx.state, 0n)),
      u8aToHex(bytes32(7)),
    );
    const names = flow.chain.eventNames();
    for (const e of [
      'Tasks.TaskSubmitted',
      'Market.AuctionClosed',
      'Proofs.ProofSubmitted',
      'Verification.Assigned',
      'Verification.VerdictRevealed',
      'Verification.SecretRevealed',
      'Settlement.TaskSettled',
    ]) {
      assert.ok(names.includes(e), `missing event ${e}`);
    }
  });

  it('on a forced error pays the flaggers from the jackpot, slashes the accepting verifier, and spares the solver', () => {
    const { secret, segment } = secretWith(true);
    const flow = new Flow().register().auction(UNIT_PRICES, secret).prove(solvers[0]);
    flow.verdicts([reject(segment), reject(segment), ACCEPT]);
    const pot = flow.chain.free(JACKPOT_ACCOUNT);
    flow.revealSecret(solvers[0], secret);

    const paid =
      (pot - EXISTENTIAL_DEPOSIT < params.verification.jackpotCap
        ? pot - EXISTENTIAL_DEPOSIT
        : params.verification.jackpotCap) / 2n;
    const verifierStake = params.roles.minimumStake.Verifier;
    assert.equal(flow.chain.free(verifiers[0]), GENESIS_FREE - verifierStake + paid);
    assert.equal(flow.chain.free(verifiers[1]), GENESIS_FREE - verifierStake + paid);
    assert.equal(
      flow.chain.reserved(verifiers[2]),
      verifierStake - params.verification.lazyVerifierSlash,
      'lazy verifier slashed',
    );
    assert.equal(flow.chain.free(JACKPOT_ACCOUNT), pot - 2n * paid + params.verification.lazyVerifierSlash);
    assert.equal(flow.chain.reserved(solvers[0]), params.roles.minimumStake.Solver, 'solver unharmed');
    const status = flow.task().status;
    assert.ok(status.type === 'Proving' && status.value.proof_round === 1 && status.value.price === UNIT_PRICES[1]);
    assert.equal(flow.chain.totalIssuance(), flow.genesisIssuance);
    assert.ok(JACKPOT_GENESIS > 0n);
  });

  it('slashes a solver that misses its proof deadline and re-auctions the task', () => {
    const flow = new Flow().register().auction(UNIT_PRICES, secretWith(false).secret);
    const early = flow.chain.dispatch(Proofs, 'report_missed_deadline', submitter, { task: 0n });
    assert.ok(!early.ok && early.message === 'Tasks.TaskDeadlineNotReached');
    flow.at(11 + params.proofs.proofBlocks + 1).ok(Proofs, 'report_missed_deadline', submitter, { task: 0n });
    assert.equal(flow.chain.reserved(solvers[0]), params.roles.minimumStake.Solver - params.proofs.missedDeadlineSlash);
    const status = flow.task().status;
    assert.ok(status.type === 'Bidding' && status.value.auction_round === 1);
    assert.equal(flow.chain.reserved(submitter), BUDGET + FEE, 'escrow kept for the new auction');
    assert.equal(flow.chain.totalIssuance(), flow.genesisIssuance);
  });

  it('refuses mismatched reveals and wrong parties with module errors that change nothing', () => {
    const { secret } = secretWith(false);
    const flow = new Flow().register().auction(UNIT_PRICES, secret);
    const before = flow.chain.fingerprint();
    const err = (pallet: typeof Proofs, call: string, who: `0x${string}`, args: unknown) => {
      const result = flow.chain.dispatch(pallet, call, who, args);
      assert.equal(flow.chain.fingerprint(), before, `${call} changed state`);
      return result.ok ? 'ok' : result.message;
    };
    const proof = {
      task: 0n,
      checkpoint_root: u8aToHex(bytes32(1)),
      step_root: u8aToHex(bytes32(1)),
      final_model_hash: u8aToHex(bytes32(1)),
      claimed_metric: 1,
      locator: new Uint8Array(),
      selection_commitment: u8aToHex(bytes32(1)),
    };
    flow.at(12);
    assert.equal(err(Proofs, 'submit_proof', solvers[1], proof), 'Tasks.NotTheSolver');
    assert.equal(err(Proofs, 'submit_proof', solvers[0], { ...proof, task: 5n }), 'Tasks.UnknownTask');
    assert.equal(
      err(Proofs, 'reveal_selection_key', solvers[0], { task: 0n, key: u8aToHex(bytes32(2)) }),
      'Tasks.WrongTaskPhase',
    );
    assert.equal(
      err(Verification, 'commit_verdict', verifiers[0], { task: 0n, commitment: u8aToHex(bytes32(3)) }),
      'Tasks.WrongTaskPhase',
    );
    assert.equal(
      err(Verification, 'reveal_secret', solvers[0], { task: 0n, secret: u8aToHex(secret) }),
      'Tasks.WrongTaskPhase',
    );
    // Not challengeable: the wrong phase, before a proof exists and after one does.
    assert.equal(err(Settlement, 'close_task', submitter, { task: 0n }), 'Tasks.WrongTaskPhase');

    flow.prove(solvers[0]);
    const proven = flow.chain.dispatch(Settlement, 'close_task', submitter, { task: 0n });
    assert.ok(!proven.ok && proven.message === 'Tasks.WrongTaskPhase', 'close_task while verifying');
    flow.verdicts([ACCEPT, ACCEPT, ACCEPT]);
    const afterVerdicts = flow.chain.fingerprint();
    const wrongSecret = flow.chain.dispatch(Verification, 'reveal_secret', solvers[0], {
      task: 0n,
      secret: u8aToHex(bytes32(9)),
    });
    assert.ok(!wrongSecret.ok && wrongSecret.message === 'Verification.SecretMismatch');
    const notSolver = flow.chain.dispatch(Verification, 'reveal_secret', solvers[1], {
      task: 0n,
      secret: u8aToHex(secret),
    });
    assert.ok(!notSolver.ok && notSolver.message === 'Tasks.NotTheSolver');
    assert.equal(flow.chain.fingerprint(), afterVerdicts);
  });

  it('slashes silent verifiers when the verdicts close', () => {
    const { secret } = secretWith(false);
    const flow = new Flow().register().auction(UNIT_PRICES, secret).prove(solvers[0]);
    flow.verdicts([ACCEPT, undefined, ACCEPT]);
    assert.equal(
      flow.chain.reserved(verifiers[1]),
      params.roles.minimumStake.Verifier - params.verification.lazyVerifierSlash,
    );
    flow.revealSecret(solvers[0], secret).close();
    assert.equal(flow.task().status.type, 'Settled');
    assert.equal(flow.chain.totalIssuance(), flow.genesisIssuance);
  });
});
