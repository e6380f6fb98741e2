/**
 * Random protocol traffic for the invariant test: each action is one signed call from one of many accounts,
 * mostly the move a task's status invites (so tasks really go through auctions, proofs, verdicts, forced errors,
 * disputes and settlement), sometimes a wrong one (a bad salt, a call out of phase, a stranger's call), which must
 * fail and change nothing but its fee. Every choice comes from one seeded generator, so a seed replays the choices.
 */
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { u8aToHex } from '@polkadot/util';
import { UNIT } from '../../../pallets-spec/balances/declaration.js';
import { storage as disputeStorage } from '../../../pallets-spec/disputes/declaration.js';
import { ROLE_NAMES } from '../../../pallets-spec/roles/types.js';
import { storage as taskStorage } from '../../../pallets-spec/tasks/declaration.js';
import type { TaskInfo } from '../../../pallets-spec/tasks/types.js';
import type { AccountId } from '../../../pallets-spec/types/primitives.js';
import { storage as verificationStorage } from '../../../pallets-spec/verification/declaration.js';
import { storage as marketStorage } from '../../../pallets-spec/market/declaration.js';
import { storage as roleStorage } from '../../../pallets-spec/roles/declaration.js';
import { JACKPOT_ACCOUNT } from '../../../pallets-spec/settlement/jackpot.js';
import { xorshift } from '../../protocol/helpers.js';
import type { Actor } from './actors.js';
import {
  ACCEPT,
  type SealedBid,
  apiBytes,
  apiEnum,
  apiRole,
  apiTaskSpec,
  bidArgs,
  bytes32,
  proofCommitments,
  reject,
  selectionCommitment,
  taskSpec,
  verdictSeal,
} from '../../protocol/protocol-args.js';
import type { ChainSnapshot } from './snapshot.js';
import type { ProtocolSession } from './session.js';

export interface Action {
  signer: Actor;
  tx: SubmittableExtrinsic<'promise'>;
  /** Records the secrets the call commits to; run only for actions actually sent. */
  remember?: () => void;
}

/** A seeded generator (xorshift32) with the few draws the actions need. */
export class Dice {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = xorshift(seed);
  }
  below(n: number): number {
    return this.next() % n;
  }
  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

type Status = TaskInfo['status'];

export class RandomActions {
  /** Sealed bids, selection keys and verdict salts by `task/account`, so reveals can open them (or fail to). */
  private readonly bids = new Map<string, SealedBid>();
  private readonly keys = new Map<bigint, Uint8Array>();
  private readonly verdicts = new Map<string, { verdict: Parameters<typeof apiEnum>[0]; salt: Uint8Array }>();
  private nonce = 0;

  constructor(
    private readonly session: ProtocolSession,
    private readonly dice: Dice,
    private readonly actors: readonly Actor[],
  ) {}

  private get tx() {
    return this.session.api.tx;
  }

  private fresh(tag: number): Uint8Array {
    return bytes32(tag, ++this.nonce);
  }

  /**
   * Up to `signers.length` actions, at most one per signing account (parallel submissions from one account would
   * race for its nonce); the secrets of the kept ones are recorded.
   */
  chooseRound(signers: readonly Actor[], snapshot: ChainSnapshot, now: number): Action[] {
    const seen = new Set<string>();
    const kept = signers
      .map((signer) => this.choose(signer, snapshot, now))
      .filter(({ signer }) => !seen.has(signer.id) && seen.add(signer.id) !== undefined);
    for (const action of kept) action.remember?.();
    return kept;
  }

  /** One action for `signer`, given the chain's state and the next block's number. */
  choose(signer: Actor, snapshot: ChainSnapshot, now: number): Action {
    const state = snapshot.ctx.state;
    const tasks = taskStorage.Tasks.entries(state);
    const live = tasks.filter(([, info]) => !['Settled', 'Failed', 'Cancelled'].includes(info.status.type));
    const d = this.dice;
    if (live.length > 0 && d.chance(0.85)) {
      const [task, info] = d.pick(live);
      const move = this.taskMove(signer, task, info, snapshot, now);
      if (move) return move;
    }
    return this.background(signer, tasks.length);
  }

  /** What a participant would do with the task now, if `signer` may do it (or a wrong move, now and then). */
  private taskMove(
    signer: Actor,
    task: bigint,
    info: TaskInfo,
    snapshot: ChainSnapshot,
    now: number,
  ): Action | undefined {
    const d = this.dice;
    const status: Status = info.status;
    const state = snapshot.ctx.state;
    const as = (id: AccountId): Actor | undefined => this.actors.find((a) => a.id === id);
    switch (status.type) {
      case 'Bidding': {
        const { commit_end, reveal_end } = status.value;
        if (now < commit_end) {
          if (d.chance(0.08)) return { signer: as(info.submitter) ?? signer, tx: this.tx.tasks.cancel(task) };
          // Mostly a registered solver that has not bid yet; now and then whoever was picked (wrong role).
          const solvers = roleStorage.Stakes.entries(state)
            .filter(([[who, role]]) => role.type === 'Solver' && !marketStorage.Bids.contains(state, [task, who]))
            .map(([[who]]) => as(who))
            .filter((a): a is Actor => a !== undefined);
          const bidder = solvers.length > 0 && d.chance(0.85) ? d.pick(solvers) : signer;
          const bid: SealedBid = {
            price: BigInt(1 + d.below(1_200)) * UNIT,
            salt: this.fresh(0x50),
            secret: this.fresh(0x60),
          };
          const { commitment, secret_commitment } = bidArgs(bid);
          return {
            signer: bidder,
            tx: this.tx.market.commitBid(task, commitment, secret_commitment),
            remember: () => void this.bids.set(`${task}/${bidder.id}`, bid),
          };
        }
        if (now < reveal_end) {
          const sealed = marketStorage.Bids.entries(state)
            .filter(([[t], bid]) => t === task && bid.revealed_price === undefined)
            .map(([[, who]]) => as(who))
            .filter((a): a is Actor => a !== undefined && this.bids.has(`${task}/${a.id}`));
          if (sealed.length === 0) return undefined;
          const bidder = d.pick(sealed);
          const bid = this.bids.get(`${task}/${bidder.id}`)!;
          const salt = d.chance(0.85) ? bid.salt : this.fresh(0x59);
          return { signer: bidder, tx: this.tx.market.revealBid(task, bid.price, u8aToHex(salt)) };
        }
        return { signer, tx: this.tx.market.closeAuction(task) };
      }
      case 'Proving': {
        const solver = as(status.value.solver);
        if (solver === undefined || now > status.value.deadline || d.chance(0.1))
          return { signer, tx: this.tx.proofs.reportMissedDeadline(task) };
        const key = this.fresh(0x88);
        const p = proofCommitments();
        const { checkpoint_root, step_root, final_model_hash, claimed_metric } = p;
        const args = [checkpoint_root, step_root, final_model_hash, claimed_metric, apiBytes(p.locator)] as const;
        return {
          signer: solver,
          tx: this.tx.proofs.submitProof(task, ...args, selectionCommitment(key)),
          remember: () => void this.keys.set(task, key),
        };
      }
      case 'AwaitingSelection': {
        const solver = as(status.value.solver);
        const key = this.keys.get(task);
        if (solver === undefined || key === undefined || now > status.value.deadline || d.chance(0.1))
          return { signer, tx: this.tx.proofs.reportMissedDeadline(task) };
        return { signer: solver, tx: this.tx.proofs.revealSelectionKey(task, u8aToHex(key)) };
      }
      case 'Verifying': {
        if (now >= status.value.reveal_end) return { signer, tx: this.tx.verification.closeVerdicts(task) };
        const committing = now < status.value.commit_end;
        // An assigned verifier with a move left in this window (commit, then reveal); silent ones are possible.
        const due = (verificationStorage.Verifiers.get(state, task) ?? []).filter((v) => {
          const a = verificationStorage.Assignments.get(state, [task, v]);
          return committing ? a?.commitment === undefined : a?.commitment !== undefined && a.verdict === undefined;
        });
        const verifier = due.length > 0 ? as(d.pick(due)) : undefined;
        if (verifier === undefined) return undefined;
        const key = `${task}/${verifier.id}`;
        if (committing) {
          const segments = verificationStorage.Assignments.get(state, [task, verifier.id])?.segments ?? [0];
          const verdict = d.chance(0.7) ? ACCEPT : reject(d.pick(segments));
          const salt = this.fresh(0x90);
          return {
            signer: verifier,
            tx: this.tx.verification.commitVerdict(task, verdictSeal(verdict, salt)),
            remember: () => void this.verdicts.set(key, { verdict, salt }),
          };
        }
        const sealed = this.verdicts.get(key);
        if (sealed === undefined) return undefined;
        const salt = d.chance(0.9) ? sealed.salt : this.fresh(0x99);
        return {
          signer: verifier,
          tx: this.tx.verification.revealVerdict(task, apiEnum(sealed.verdict), u8aToHex(salt)),
        };
      }
      case 'AwaitingSecret': {
        const solver = as(status.value.solver);
        const bid = this.bids.get(`${task}/${status.value.solver}`);
        if (solver === undefined || bid === undefined || now > status.value.deadline)
          return { signer, tx: this.tx.proofs.reportMissedDeadline(task) };
        return { signer: solver, tx: this.tx.verification.revealSecret(task, u8aToHex(bid.secret)) };
      }
      case 'Challengeable': {
        if (now > status.value.until) return { signer, tx: this.tx.settlement.closeTask(task) };
        // The solver contests a rejection (a dispute without a bond), or anyone staked challenges a segment.
        const rejecters = (verificationStorage.Verifiers.get(state, task) ?? []).filter(
          (v) => verificationStorage.Assignments.get(state, [task, v])?.verdict?.type === 'Reject',
        );
        const solver = as(status.value.solver);
        if (solver !== undefined && rejecters.length > 0 && d.chance(0.4))
          return { signer: solver, tx: this.tx.disputes.contestRejection(task, d.pick(rejecters)) };
        if (d.chance(0.3)) return { signer, tx: this.tx.disputes.openDispute(task, d.below(2)) };
        return { signer, tx: this.tx.settlement.closeTask(task) };
      }
      case 'Disputed': {
        const open = disputeStorage.Disputes.entries(state).find(([, x]) => x.task === task && x.game.type === 'Open');
        return open ? { signer, tx: this.tx.disputes.claimTimeout(open[0]) } : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Role changes, new tasks and transfers: the traffic around the tasks. */
  private background(signer: Actor, taskCount: number): Action {
    const d = this.dice;
    const roleName = d.pick(ROLE_NAMES);
    const role = apiRole(roleName);
    // Mostly enough for the role (the dev minimums are 1,000, 500 and 200 VRT), now and then too little.
    const minimum = { Solver: 1_000n, Verifier: 500n, Whistleblower: 200n }[roleName] * UNIT;
    const amount = d.chance(0.85) ? minimum + BigInt(d.below(1_000)) * UNIT : minimum / 2n;
    switch (d.below(7)) {
      case 0:
      case 1:
        return { signer, tx: this.tx.roles.register(role, amount) };
      case 2:
        return {
          signer,
          tx: d.chance(0.5) ? this.tx.roles.bondExtra(role, amount / 10n) : this.tx.roles.unbond(role, amount / 10n),
        };
      case 3:
        return { signer, tx: this.tx.roles.withdrawUnbonded(role) };
      case 4: {
        // Now and then a fee below the minimum, or a task id that does not exist.
        const fee = d.chance(0.9) ? BigInt(10 + d.below(200)) * UNIT : UNIT;
        if (d.chance(0.1)) return { signer, tx: this.tx.tasks.cancel(BigInt(taskCount + 5)) };
        const spec = apiTaskSpec(taskSpec({ steps: 20, checkpoint_interval: 10 }));
        return { signer, tx: this.tx.tasks.submit(spec, BigInt(200 + d.below(1_000)) * UNIT, fee) };
      }
      case 5:
        return { signer, tx: this.tx.balances.transferKeepAlive(JACKPOT_ACCOUNT, BigInt(1 + d.below(10)) * UNIT) };
      default: {
        const to = d.pick(this.actors);
        return { signer, tx: this.tx.balances.transferAllowDeath(to.pair.address, BigInt(d.below(2_000)) * UNIT) };
      }
    }
  }
}
