// The harness loads the runtime first: it binds the type slots the pallets' types refer to.
import { TestChain, type DispatchResult } from './harness.js';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import type { Pallet } from '../../pallets-spec/framework/pallet.js';
import { Disputes } from '../../pallets-spec/disputes/index.js';
import { bidsOf } from '../../pallets-spec/market/book.js';
import { bidCommitment } from '../../pallets-spec/market/commitment.js';
import { Market } from '../../pallets-spec/market/index.js';
import { Proofs } from '../../pallets-spec/proofs/index.js';
import { Roles } from '../../pallets-spec/roles/index.js';
import { ROLE_NAMES, type RoleName } from '../../pallets-spec/roles/types.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import { Settlement } from '../../pallets-spec/settlement/index.js';
import { Tasks, storage as taskStorage } from '../../pallets-spec/tasks/index.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';
import { solverSecretCommitment } from '../../pallets-spec/verification/forced-error.js';
import { Verification, storage as verificationStorage } from '../../pallets-spec/verification/index.js';
import { selectionKeyCommitment } from '../../pallets-spec/verification/randomness.js';
import { type Verdict, verdictCommitment } from '../../pallets-spec/verification/verdicts.js';
import { SPEC, STEP_ROOT } from './flow.js';
import { account, bytes32, xorshift } from './helpers.js';
import { expectedReserves } from './reserves.js';

const ACCOUNTS = Array.from({ length: 9 }, (_, i) => account(0x40 + i));
const BURN_EVENTS = new Set(['Balances.Slashed', 'Balances.Burned', 'Balances.DustLost']);

describe('protocol: randomized interleaved operations keep the books exact', function () {
  this.timeout(120_000);

  it('after every call: issuance = genesis − burned, reserved = stakes + escrows + deposits + bonds, no mint', () => {
    const next = xorshift(2026);
    const pick = <T>(items: readonly T[]): T => items[next() % items.length];
    const chain = TestChain.withBalances([
      [JACKPOT_ACCOUNT, 1_000n * UNIT],
      ...ACCOUNTS.map((a): [AccountId, bigint] => [a, 20_000n * UNIT]),
    ]);
    const genesis = chain.totalIssuance();
    const secret = (who: AccountId, task: bigint) => bytes32(0x11, Number(task) * 256 + ACCOUNTS.indexOf(who));
    const salt = (who: AccountId, task: bigint) => bytes32(0x12, Number(task) * 256 + ACCOUNTS.indexOf(who));
    const priceOf = (who: AccountId, task: bigint) =>
      BigInt(100 + ((ACCOUNTS.indexOf(who) * 37 + Number(task) * 11) % 900)) * UNIT;
    const selectionKey = bytes32(0x13);
    let okCalls = 0;
    const tally = new Map<string, number>();
    let eventsSeen = 0;
    let burned = 0n;
    let lastIssuance = genesis;
    /** The task's solver while it has one, otherwise anyone: proof moves then mostly come from the right account. */
    const solverOr = (task: bigint): AccountId => {
      const status = chain.read((ctx) => taskStorage.Tasks.get(ctx.state, task))?.status;
      return status && 'solver' in (status.value ?? {}) && next() % 4 !== 0
        ? (status.value as { solver: AccountId }).solver
        : pick(ACCOUNTS);
    };
    /** One of the three most recent tasks (or an unknown id), so the random walk keeps reaching live tasks. */
    const SOLVERS = [0, 1, 2, 8].map((i) => ACCOUNTS[i]);
    const biddersOf = (task: bigint) => chain.read((ctx) => bidsOf(ctx, task)).map(([bidder]) => bidder);
    const verifiersOf = (task: bigint) => chain.read((ctx) => verificationStorage.Verifiers.get(ctx.state, task)) ?? [];
    /** Mostly one of `preferred` (when there are any), sometimes anyone: wrong callers must fail cleanly too. */
    const mostly = (preferred: readonly AccountId[]) =>
      preferred.length > 0 && next() % 5 !== 0 ? pick(preferred) : pick(ACCOUNTS);
    const anyTask = () => {
      const count = chain.read((ctx) => taskStorage.NextTaskId.get(ctx.state));
      if (count === 0n || next() % 20 === 0) return count + 5n; // an unknown task
      return count - 1n - (BigInt(next()) % (count < 3n ? count : 3n));
    };

    const ops: Array<() => [Pallet, string, AccountId, unknown]> = [
      () => {
        const role: RoleName = pick(ROLE_NAMES);
        return [
          Roles,
          'register',
          pick(ACCOUNTS),
          {
            role: { type: role, value: undefined },
            stake: params.roles.minimumStake[role] + BigInt(next() % 3) * 100n * UNIT - 1n * UNIT,
          },
        ];
      },
      () => [
        Roles,
        'bond_extra',
        pick(ACCOUNTS),
        { role: { type: pick(ROLE_NAMES), value: undefined }, amount: BigInt(next() % 300) * UNIT },
      ],
      () => [
        Roles,
        'unbond',
        pick(ACCOUNTS),
        { role: { type: pick(ROLE_NAMES), value: undefined }, amount: BigInt(next() % 400) * UNIT },
      ],
      () => [Roles, 'withdraw_unbonded', pick(ACCOUNTS), { role: { type: pick(ROLE_NAMES), value: undefined } }],
      // New tasks only now and then, so that the open ones get deep into their lives.
      () =>
        next() % 4 === 0
          ? [
              Tasks,
              'submit',
              pick(ACCOUNTS),
              { spec: SPEC, budget: BigInt(next() % 2_000) * UNIT, verification_fee: BigInt(next() % 200) * UNIT },
            ]
          : [Market, 'close_auction', pick(ACCOUNTS), { task: anyTask() }],
      () => [Tasks, 'cancel', pick(ACCOUNTS), { task: anyTask() }],
      () => {
        const task = anyTask();
        const who = mostly(SOLVERS);
        const commitment = u8aToHex(bidCommitment(priceOf(who, task), salt(who, task)));
        return [
          Market,
          'commit_bid',
          who,
          { task, commitment, secret_commitment: u8aToHex(solverSecretCommitment(secret(who, task))) },
        ];
      },
      () => {
        const task = anyTask();
        const who = mostly(biddersOf(task));
        return [Market, 'reveal_bid', who, { task, price: priceOf(who, task), salt: u8aToHex(salt(who, task)) }];
      },
      () => [Market, 'close_auction', pick(ACCOUNTS), { task: anyTask() }],
      () => {
        const proof = {
          checkpoint_root: STEP_ROOT,
          step_root: STEP_ROOT,
          final_model_hash: STEP_ROOT,
          claimed_metric: 1,
          locator: new Uint8Array(4),
        };
        return [
          Proofs,
          'submit_proof',
          pick(ACCOUNTS),
          { task: anyTask(), ...proof, selection_commitment: u8aToHex(selectionKeyCommitment(selectionKey)) },
        ];
      },
      () => {
        const task = anyTask();
        return [Proofs, 'reveal_selection_key', solverOr(task), { task, key: u8aToHex(selectionKey) }];
      },
      () => [Proofs, 'report_missed_deadline', pick(ACCOUNTS), { task: anyTask() }],
      () => {
        const task = anyTask();
        const who = mostly(verifiersOf(task));
        const verdict: Verdict =
          next() % 4 === 0
            ? { type: 'Reject', value: { segment: next() % 2, distance: 5n, metric: 1 } }
            : { type: 'Accept', value: undefined };
        const stored = chain.read((ctx) => verificationStorage.Assignments.get(ctx.state, [task, who]));
        if (stored?.commitment === undefined)
          return [
            Verification,
            'commit_verdict',
            who,
            { task, commitment: u8aToHex(verdictCommitment(verdict, salt(who, task))) },
          ];
        for (const candidate of [
          verdict,
          { type: 'Accept' as const, value: undefined },
          { type: 'Reject' as const, value: { segment: 0, distance: 5n, metric: 1 } },
          { type: 'Reject' as const, value: { segment: 1, distance: 5n, metric: 1 } },
        ]) {
          if (u8aToHex(verdictCommitment(candidate, salt(who, task))) === stored.commitment)
            return [Verification, 'reveal_verdict', who, { task, verdict: candidate, salt: u8aToHex(salt(who, task)) }];
        }
        return [Verification, 'reveal_verdict', who, { task, verdict, salt: u8aToHex(salt(who, task)) }];
      },
      () => [Verification, 'close_verdicts', pick(ACCOUNTS), { task: anyTask() }],
      () => {
        const task = anyTask();
        const who = solverOr(task);
        return [Verification, 'reveal_secret', who, { task, secret: u8aToHex(secret(who, task)) }];
      },
      () => [Settlement, 'close_task', pick(ACCOUNTS), { task: anyTask() }],
      () => [Disputes, 'open_dispute', pick(ACCOUNTS), { task: anyTask(), segment: next() % 2 }],
      () => [Disputes, 'claim_timeout', pick(ACCOUNTS), { dispute: BigInt(next() % 3) }],
    ];

    // Weights: the moves that take a task deeper come up more often than the ones that end or restart it.
    const weights = [1, 1, 1, 1, 2, 1, 5, 4, 1, 3, 3, 1, 6, 2, 2, 2, 1, 1];
    const weighted = ops.flatMap((op, i) => Array.from({ length: weights[i] ?? 1 }, () => op));
    // Warm-up: every account takes a role, so the random phase reaches auctions, proofs and verdicts.
    const roles: RoleName[] = [
      'Solver',
      'Solver',
      'Solver',
      'Verifier',
      'Verifier',
      'Verifier',
      'Verifier',
      'Whistleblower',
      'Solver',
    ];
    ACCOUNTS.forEach((who, i) => {
      const role = { type: roles[i], value: undefined };
      assert.deepEqual(chain.dispatch(Roles, 'register', who, { role, stake: params.roles.minimumStake[roles[i]] }), {
        ok: true,
      });
    });
    eventsSeen = chain.events.length;

    for (let step = 0; step < 1_000; step += 1) {
      if (next() % 12 === 0) chain.blockNumber += 1;
      const [pallet, callName, who, args] = pick(weighted)();
      const result: DispatchResult = chain.dispatch(pallet, callName, who, args);
      const outcome = `${callName}:${result.ok ? 'ok' : result.message}`;
      tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      if (result.ok) okCalls += 1;
      else
        assert.ok(
          result.error.type === 'Module' || result.error.type === 'BadOrigin',
          `${callName}: ${result.message}`,
        );
      for (const event of chain.events.slice(eventsSeen)) {
        if (BURN_EVENTS.has(`${event.pallet}.${event.name}`)) burned += (event.data as { amount: bigint }).amount;
      }
      eventsSeen = chain.events.length;
      const issuance = chain.totalIssuance();
      assert.ok(issuance <= lastIssuance, `${callName} minted`);
      assert.equal(issuance, genesis - burned, `after ${callName}`);
      lastIssuance = issuance;
      const expected = chain.read((ctx) => expectedReserves(ctx.state));
      for (const who of ACCOUNTS)
        assert.equal(chain.reserved(who), expected.get(who) ?? 0n, `reserved of ${who.slice(0, 6)} after ${callName}`);
    }
    assert.ok(okCalls > 60, `only ${okCalls} calls succeeded: ${[...tally.entries()].sort().join(' ')}`);
    const names = new Set(chain.eventNames());
    for (const e of [
      'Market.AuctionClosed',
      'Market.DepositForfeited',
      'Proofs.ProofSubmitted',
      'Proofs.DeadlineMissed',
    ])
      assert.ok(names.has(e), `never reached ${e}: ${[...tally.entries()].sort().join(' ')}`);
  });
});
