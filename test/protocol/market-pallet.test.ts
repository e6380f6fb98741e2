// The harness loads the runtime first: it binds the type slots the pallets' types refer to.
import { TestChain, moduleErrorName } from './harness.js';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { Roles } from '../../pallets-spec/roles/index.js';
import { Tasks, storage as taskStorage } from '../../pallets-spec/tasks/index.js';
import { Market, storage as marketStorage } from '../../pallets-spec/market/index.js';
import { bidCommitment } from '../../pallets-spec/market/commitment.js';
import { solverSecretCommitment } from '../../pallets-spec/verification/forced-error.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';
import { hex32, taskSpec } from './protocol-args.js';
import { account, bytes32 } from './helpers.js';

const BUDGET = 1_000n * UNIT;
const FEE = 100n * UNIT;
const spec = taskSpec({ steps: 100, graph_root: hex32(0x05), graph_nodes: 2 });
const solverRole = { type: 'Solver' as const, value: undefined };

describe('protocol: Tasks and Market pallets dispatch', () => {
  const submitter = account(0x10);
  const solvers = [account(0x21), account(0x22), account(0x23)];
  const prices = [700n * UNIT, 600n * UNIT, 800n * UNIT];
  const GENESIS = 100_000n * UNIT;

  function chainWithSolvers(): TestChain {
    const chain = TestChain.withBalances([
      [submitter, GENESIS],
      [JACKPOT_ACCOUNT, UNIT],
      ...solvers.map((s): [AccountId, bigint] => [s, GENESIS]),
    ]);
    for (const s of solvers)
      assert.deepEqual(
        chain.dispatch(Roles, 'register', s, { role: solverRole, stake: params.roles.minimumStake.Solver }),
        { ok: true },
      );
    assert.deepEqual(chain.dispatch(Tasks, 'submit', submitter, { spec, budget: BUDGET, verification_fee: FEE }), {
      ok: true,
    });
    return chain;
  }

  function commitAll(chain: TestChain, who: AccountId[]): void {
    who.forEach((s, i) => {
      const commitment = u8aToHex(bidCommitment(prices[i], bytes32(0x50 + i)));
      const secret_commitment = u8aToHex(solverSecretCommitment(bytes32(0x60 + i)));
      assert.deepEqual(chain.dispatch(Market, 'commit_bid', s, { task: 0n, commitment, secret_commitment }), {
        ok: true,
      });
    });
  }

  it('runs an auction of three solvers: the lowest wins at the second-lowest price, deposits exact', () => {
    const chain = chainWithSolvers();
    const issuance = chain.totalIssuance();
    assert.equal(chain.reserved(submitter), BUDGET + FEE);
    commitAll(chain, solvers);
    chain.blockNumber += params.market.commitBlocks;
    solvers.slice(0, 2).forEach((s, i) => {
      const reveal = { task: 0n, price: prices[i], salt: u8aToHex(bytes32(0x50 + i)) };
      assert.deepEqual(chain.dispatch(Market, 'reveal_bid', s, reveal), { ok: true });
    });
    assert.equal(
      moduleErrorName(Market, chain.dispatch(Market, 'close_auction', submitter, { task: 0n })),
      'AuctionStillOpen',
    );
    chain.blockNumber += params.market.revealBlocks;
    const jackpotBefore = chain.free(JACKPOT_ACCOUNT);
    assert.deepEqual(chain.dispatch(Market, 'close_auction', submitter, { task: 0n }), { ok: true });

    const award = chain.read((ctx) => marketStorage.Awards.get(ctx.state, 0n));
    assert.equal(award?.solver, solvers[1]);
    assert.equal(award?.price, prices[0], 'paid the second-lowest revealed bid');
    const status = chain.read((ctx) => taskStorage.Tasks.get(ctx.state, 0n))?.status;
    assert.equal(status?.type, 'Proving');
    const stake = params.roles.minimumStake.Solver;
    assert.equal(chain.reserved(solvers[0]), stake, 'revealed loser refunded');
    assert.equal(chain.reserved(solvers[1]), stake, 'winner refunded its deposit');
    assert.equal(chain.reserved(solvers[2]), stake, 'unrevealed deposit taken');
    assert.equal(chain.free(solvers[2]), GENESIS - stake - params.market.bidDeposit);
    assert.equal(chain.free(JACKPOT_ACCOUNT) - jackpotBefore, params.market.bidDeposit, 'forfeit funds the jackpot');
    assert.equal(chain.totalIssuance(), issuance, 'nothing minted or burned');
    assert.ok(chain.eventNames().includes('Market.AuctionClosed'));
  });

  it('fails and refunds a task without bids, and cancels with every deposit returned', () => {
    const empty = chainWithSolvers();
    empty.blockNumber += params.market.commitBlocks + params.market.revealBlocks;
    assert.deepEqual(empty.dispatch(Market, 'close_auction', submitter, { task: 0n }), { ok: true });
    assert.equal(empty.reserved(submitter), 0n);
    assert.equal(empty.free(submitter), GENESIS);

    const cancelled = chainWithSolvers();
    commitAll(cancelled, solvers);
    assert.equal(moduleErrorName(Tasks, cancelled.dispatch(Tasks, 'cancel', solvers[0], { task: 0n })), 'NotSubmitter');
    assert.deepEqual(cancelled.dispatch(Tasks, 'cancel', submitter, { task: 0n }), { ok: true });
    assert.equal(cancelled.free(submitter), GENESIS);
    for (const s of solvers) assert.equal(cancelled.reserved(s), params.roles.minimumStake.Solver);
    assert.equal(
      moduleErrorName(Tasks, cancelled.dispatch(Tasks, 'cancel', submitter, { task: 0n })),
      'WrongTaskPhase',
    );
  });

  it('refuses bad input with a decodable module error and no state change', () => {
    const chain = chainWithSolvers();
    commitAll(chain, solvers.slice(0, 1));
    const outsider = submitter;
    const commitment = u8aToHex(bidCommitment(1n, bytes32(1)));
    const bid = { task: 0n, commitment, secret_commitment: commitment };
    const before = chain.fingerprint();
    /** `error` is `Pallet.Error`: the failure must decode to it through that pallet's declared errors. */
    const expectNoop = (pallet: typeof Market, call: string, who: AccountId, args: unknown, error: string) => {
      const [errorPallet, errorName] = error.split('.');
      const declaring = errorPallet === 'Tasks' ? Tasks : errorPallet === 'Market' ? Market : Roles;
      assert.equal(
        moduleErrorName(declaring, chain.dispatch(pallet, call, who, args)),
        errorName,
        `${call} → ${error}`,
      );
      assert.equal(chain.fingerprint(), before, `${call} changed state`);
    };
    expectNoop(Market, 'commit_bid', outsider, bid, 'Market.NotASolver');
    expectNoop(Market, 'commit_bid', solvers[0], bid, 'Market.AlreadyBid');
    expectNoop(Market, 'commit_bid', solvers[1], { ...bid, task: 9n }, 'Tasks.UnknownTask');
    expectNoop(
      Market,
      'reveal_bid',
      solvers[0],
      { task: 0n, price: prices[0], salt: u8aToHex(bytes32(0x50)) },
      'Market.NotRevealPhase',
    );
    expectNoop(
      Tasks,
      'submit',
      outsider,
      { spec: { ...spec, checkpoint_interval: 0 }, budget: BUDGET, verification_fee: FEE },
      'Tasks.InvalidSchedule',
    );
    expectNoop(
      Tasks,
      'submit',
      outsider,
      { spec: { ...spec, target_metric: 1_000_000_001 }, budget: BUDGET, verification_fee: FEE },
      'Tasks.TargetMetricOutOfRange',
    );
    expectNoop(
      Tasks,
      'submit',
      outsider,
      { spec: { ...spec, graph_nodes: 0 }, budget: BUDGET, verification_fee: FEE },
      'Tasks.EmptyGraph',
    );
    expectNoop(
      Tasks,
      'submit',
      outsider,
      { spec, budget: BUDGET, verification_fee: 1n },
      'Tasks.VerificationFeeTooLow',
    );
    expectNoop(
      Tasks,
      'submit',
      outsider,
      { spec: { ...spec, locator: new Uint8Array(257) }, budget: BUDGET, verification_fee: FEE },
      'Tasks.LocatorTooLong',
    );
    expectNoop(Tasks, 'cancel', outsider, { task: 3n }, 'Tasks.UnknownTask');
    chain.blockNumber += params.market.commitBlocks;
    const afterCommit = chain.fingerprint();
    assert.equal(moduleErrorName(Market, chain.dispatch(Market, 'commit_bid', solvers[1], bid)), 'BiddingClosed');
    const wrongSalt = { task: 0n, price: prices[0], salt: u8aToHex(bytes32(0x51)) };
    assert.equal(
      moduleErrorName(Market, chain.dispatch(Market, 'reveal_bid', solvers[0], wrongSalt)),
      'RevealMismatch',
    );
    assert.equal(moduleErrorName(Market, chain.dispatch(Market, 'reveal_bid', solvers[1], wrongSalt)), 'NoSuchBid');
    assert.equal(chain.fingerprint(), afterCommit);
  });
});
