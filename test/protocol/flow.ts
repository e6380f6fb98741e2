/**
 * Drives one task through the protocol pallets in the in-memory chain, step by step, with the dev chain's
 * windows, and checks after every call that each account's reserved balance is exactly what the protocol holds
 * for it (stakes, escrows, bid deposits).
 */
import assert from 'node:assert/strict';
import { u64 } from '@polkadot-api/substrate-bindings';
import { u8aToHex } from '@polkadot/util';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import type { Pallet } from '../../pallets-spec/framework/pallet.js';
import { assignmentRandomness } from '../../pallets-spec/market/assignment-randomness.js';
import { bidCommitment } from '../../pallets-spec/market/commitment.js';
import { Market } from '../../pallets-spec/market/index.js';
import { Proofs } from '../../pallets-spec/proofs/index.js';
import { Roles } from '../../pallets-spec/roles/index.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import { Settlement } from '../../pallets-spec/settlement/index.js';
import { Tasks, storage as taskStorage } from '../../pallets-spec/tasks/index.js';
import type { TaskInfo } from '../../pallets-spec/tasks/types.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';
import { decideForcedError, solverSecretCommitment } from '../../pallets-spec/verification/forced-error.js';
import { Verification } from '../../pallets-spec/verification/index.js';
import { selectionKeyCommitment } from '../../pallets-spec/verification/randomness.js';
import { type Verdict, verdictCommitment } from '../../pallets-spec/verification/verdicts.js';
import { ACCEPT, reject, taskSpec } from './protocol-args.js';
import { GRAPH_NODES, GRAPH_ROOT, Run } from './dispute-fixture.js';
import { TestChain } from './harness.js';
import { expectedReserves } from './reserves.js';
import { account, bytes32 } from './helpers.js';

export const GENESIS_FREE = 100_000n * UNIT;
export const JACKPOT_GENESIS = 2_000n * UNIT;
export const BUDGET = 1_000n * UNIT;
export const FEE = 100n * UNIT;
const hex = (tag: number, n = 0) => u8aToHex(bytes32(tag, n)) as AccountId;

/** Two segments of ten steps (the default spec), so that every verifier (two segments each) replays both. */
export const SPEC = taskSpec({ graph_root: GRAPH_ROOT, graph_nodes: GRAPH_NODES });

export const submitter = account(0x10);
export const solvers = [account(0x21), account(0x22), account(0x23)];
export const verifiers = [account(0x31), account(0x32), account(0x33)];
export const whistleblower = account(0x41);
export const accounts = [submitter, ...solvers, ...verifiers, whistleblower];

/** The honest run of the task (dispute-fixture.ts): its state hashes H_0 ..= H_T are the proof's `step_root` leaves. */
export const HONEST_RUN = new Run(SPEC.steps);
export const STEP_HASHES = HONEST_RUN.hashes;
export const STEP_ROOT = HONEST_RUN.stepRoot;

/** Task 0's auction opens in block 1: bids are sealed before block 6 and revealed before block 11. */
export const REVEAL_END = 1 + params.market.commitBlocks + params.market.revealBlocks;

/** The randomness the harness's close_auction draws for task 0, round 0 (no block hash recorded: all zeroes). */
const randomness = assignmentRandomness(0n, 0, new Uint8Array(32));

/** A solver secret whose forced-error decision for task 0, round 0, is `forced`. */
export function secretWith(forced: boolean): { secret: Uint8Array; segment: number } {
  for (let i = 0; ; i += 1) {
    const secret = bytes32(0x77, i);
    const decision = decideForcedError({
      secret,
      assignmentRandomness: randomness,
      taskId: u64.enc(0n),
      round: 0,
      segmentCount: 2,
      probability: params.verification.forcedErrorProbability,
    });
    if (decision.forced === forced) return { secret, segment: decision.segment };
  }
}

export class Flow {
  readonly chain = TestChain.withBalances([
    [JACKPOT_ACCOUNT, JACKPOT_GENESIS],
    ...accounts.map((who): [AccountId, bigint] => [who, GENESIS_FREE]),
  ]);
  readonly genesisIssuance = this.chain.totalIssuance();

  ok(pallet: Pallet, callName: string, who: AccountId, args: unknown): void {
    assert.deepEqual(
      this.chain.dispatch(pallet, callName, who, args),
      { ok: true },
      `${pallet.header.name}.${callName}`,
    );
    this.checkReserves();
  }

  at(block: number): this {
    assert.ok(block >= this.chain.blockNumber, `block ${block} is in the past`);
    this.chain.blockNumber = block;
    return this;
  }

  task(): TaskInfo {
    const info = this.chain.read((ctx) => taskStorage.Tasks.get(ctx.state, 0n));
    assert.ok(info);
    return info;
  }

  /** Each account's reserved balance = its stakes + the escrow of its live tasks + its bid deposits + its bonds. */
  checkReserves(): void {
    const expected = this.chain.read((ctx) => expectedReserves(ctx.state));
    for (const who of accounts)
      assert.equal(this.chain.reserved(who), expected.get(who) ?? 0n, `reserved balance of ${who.slice(0, 6)}`);
  }

  register(): this {
    for (const s of solvers)
      this.ok(Roles, 'register', s, {
        role: { type: 'Solver', value: undefined },
        stake: params.roles.minimumStake.Solver,
      });
    for (const v of verifiers)
      this.ok(Roles, 'register', v, {
        role: { type: 'Verifier', value: undefined },
        stake: params.roles.minimumStake.Verifier,
      });
    const whistle = { type: 'Whistleblower', value: undefined } as const;
    this.ok(Roles, 'register', whistleblower, { role: whistle, stake: params.roles.minimumStake.Whistleblower });
    return this;
  }

  /**
   * Submits task 0 at block 1 and runs its auction: prices per solver, solver 0 holding `secret`, closed in block
   * `closeAt` (the reveal window ends before block 11).
   */
  auction(prices: bigint[], secret: Uint8Array, closeAt = REVEAL_END): this {
    this.at(1).ok(Tasks, 'submit', submitter, { spec: SPEC, budget: BUDGET, verification_fee: FEE });
    solvers.forEach((s, i) => {
      const commitment = u8aToHex(bidCommitment(prices[i], bytes32(0x50, i)));
      const secret_commitment = u8aToHex(solverSecretCommitment(i === 0 ? secret : bytes32(0x60, i)));
      this.ok(Market, 'commit_bid', s, { task: 0n, commitment, secret_commitment });
    });
    this.at(6);
    solvers.forEach((s, i) =>
      this.ok(Market, 'reveal_bid', s, { task: 0n, price: prices[i], salt: u8aToHex(bytes32(0x50, i)) }),
    );
    this.at(closeAt).ok(Market, 'close_auction', submitter, { task: 0n });
    return this;
  }

  /** The winner proves at block 12 and reveals its selection key at block 14 (verifiers get assigned). */
  prove(winner: AccountId, stepRoot: string = STEP_ROOT): this {
    const key = bytes32(0x88);
    this.at(12).ok(Proofs, 'submit_proof', winner, {
      task: 0n,
      checkpoint_root: hex(5),
      step_root: stepRoot,
      final_model_hash: hex(7),
      claimed_metric: 950_000_000,
      locator: new TextEncoder().encode('proofs.task-0'),
      selection_commitment: u8aToHex(selectionKeyCommitment(key)),
    });
    this.at(14).ok(Proofs, 'reveal_selection_key', winner, { task: 0n, key: u8aToHex(key) });
    return this;
  }

  /** Verdicts committed at block 15, revealed at 24, closed at 29; `undefined` leaves a verifier silent. */
  verdicts(verdicts: Array<Verdict | undefined>): this {
    this.at(15);
    verdicts.forEach((v, i) => {
      if (v)
        this.ok(Verification, 'commit_verdict', verifiers[i], {
          task: 0n,
          commitment: u8aToHex(verdictCommitment(v, bytes32(0x90, i))),
        });
    });
    this.at(24);
    verdicts.forEach((v, i) => {
      if (v)
        this.ok(Verification, 'reveal_verdict', verifiers[i], {
          task: 0n,
          verdict: v,
          salt: u8aToHex(bytes32(0x90, i)),
        });
    });
    this.at(29).ok(Verification, 'close_verdicts', submitter, { task: 0n });
    return this;
  }

  revealSecret(winner: AccountId, secret: Uint8Array): this {
    this.at(30).ok(Verification, 'reveal_secret', winner, { task: 0n, secret: u8aToHex(secret) });
    return this;
  }

  close(): this {
    this.at(41).ok(Settlement, 'close_task', submitter, { task: 0n });
    return this;
  }
}

export { ACCEPT, reject };
