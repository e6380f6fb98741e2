/**
 * Drives tasks through the protocol pallets of a real node with `@polkadot/api`, one protocol step per method,
 * each waiting for the window its call needs (`dev_newBlock`) and failing loudly when a call fails. Steps that
 * decide something (the auction, the draw of verifiers) return what the chain decided, read back from storage.
 */
import { u64 as u64Codec } from '@polkadot-api/substrate-bindings';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { assignmentRandomness, randomnessAnchor } from '../../../pallets-spec/market/assignment-randomness.js';
import { resolveAuction } from '../../../pallets-spec/market/auction.js';
import { bidsOf, toSealedBid } from '../../../pallets-spec/market/book.js';
import { storage as marketStorage } from '../../../pallets-spec/market/declaration.js';
import type { RoleName } from '../../../pallets-spec/roles/types.js';
import { storage as roleStorage } from '../../../pallets-spec/roles/declaration.js';
import { storage as taskStorage } from '../../../pallets-spec/tasks/declaration.js';
import type { TaskInfo, TaskSpec, TaskStatus } from '../../../pallets-spec/tasks/types.js';
import type { AccountId } from '../../../pallets-spec/types/primitives.js';
import { storage as verificationStorage } from '../../../pallets-spec/verification/declaration.js';
import { type ForcedErrorDecision, decideForcedError } from '../../../pallets-spec/verification/forced-error.js';
import { segmentCountOf } from '../../../pallets-spec/verification/selection.js';
import type { Verdict } from '../../../pallets-spec/verification/types.js';
import { perbill } from '../../../pallets-spec/settlement/shares.js';
import type { Actor } from './actors.js';
import {
  type ProofCommitments,
  type SealedBid,
  apiBytes,
  apiEnum,
  apiRole,
  apiTaskSpec,
  bidArgs,
  selectionCommitment,
  verdictSeal,
} from '../../protocol/protocol-args.js';
import { ChainSnapshot } from './snapshot.js';
import type { ProtocolSession, TxOutcome } from './session.js';

type StatusOf<K extends TaskStatus['type']> = Extract<TaskStatus, { type: K }>['value'];

/**
 * Most draws `closeAuction` makes for the wanted forced-error decision; each further draw costs `BlockHashCount`
 * blocks. Tests want either the unlikely decision on a chain where it is certain, or the likely one.
 */
const MAX_DRAWS = 8;

export class ProtocolDriver {
  /** Every actor the driver has seen, by account id, so it can sign for whichever verifier the chain draws. */
  private readonly actors = new Map<AccountId, Actor>();
  /** Sealed bids by task and bidder: the winner's secret is needed after the verdicts. */
  private readonly bids = new Map<string, SealedBid>();

  constructor(readonly session: ProtocolSession) {}

  get api() {
    return this.session.api;
  }

  know(...actors: Actor[]): void {
    for (const a of actors) this.actors.set(a.id, a);
  }

  actorOf(id: AccountId): Actor {
    const actor = this.actors.get(id);
    if (actor === undefined) throw new Error(`no key for account ${id}`);
    return actor;
  }

  snapshot(blockHash?: string): Promise<ChainSnapshot> {
    return ChainSnapshot.at(this.api, blockHash);
  }

  async task(task: bigint): Promise<TaskInfo> {
    const info = taskStorage.Tasks.get((await this.snapshot()).ctx.state, task);
    if (info === undefined) throw new Error(`task ${task} does not exist`);
    return info;
  }

  /** The task's status, which must be `kind`. */
  async status<K extends TaskStatus['type']>(task: bigint, kind: K): Promise<StatusOf<K>> {
    const { status } = await this.task(task);
    if (status.type !== kind) throw new Error(`task ${task} is ${status.type}, not ${kind}`);
    return status.value as StatusOf<K>;
  }

  /** The role's minimum stake on this chain (a metadata constant, so a chain spec's override shows). */
  minimumStake(role: RoleName): bigint {
    const c = this.api.consts.roles;
    const value = {
      Solver: c.minimumSolverStake,
      Verifier: c.minimumVerifierStake,
      Whistleblower: c.minimumWhistleblowerStake,
    }[role];
    return (value as unknown as { toBigInt(): bigint }).toBigInt();
  }

  /** Registers `who` in `role` (the minimum stake unless given); already registered is fine. */
  async register(who: Actor, role: RoleName, stake = this.minimumStake(role)): Promise<TxOutcome | undefined> {
    this.know(who);
    const held = roleStorage.Stakes.get((await this.snapshot()).ctx.state, [who.id, { type: role, value: undefined }]);
    if (held !== undefined) return undefined;
    return this.session.ok(who.pair, this.api.tx.roles.register(apiRole(role), stake));
  }

  /** Submits a task; resolves with its id (from `Tasks.TaskSubmitted`). */
  async submitTask(submitter: Actor, spec: TaskSpec, budget: bigint, fee: bigint): Promise<bigint> {
    this.know(submitter);
    const outcome = await this.session.ok(submitter.pair, this.api.tx.tasks.submit(apiTaskSpec(spec), budget, fee));
    const submitted = outcome.events.find(({ event }) => this.api.events.tasks.TaskSubmitted.is(event));
    if (submitted === undefined) throw new Error('tasks.submit emitted no TaskSubmitted');
    return (submitted.event.data[0] as unknown as { toBigInt(): bigint }).toBigInt();
  }

  /** Seals every bid, in parallel (the commit window is open for several blocks). */
  async commitBids(task: bigint, bids: ReadonlyArray<[Actor, SealedBid]>): Promise<TxOutcome[]> {
    return Promise.all(
      bids.map(([solver, bid]) => {
        this.know(solver);
        this.bids.set(`${task}/${solver.id}`, bid);
        const { commitment, secret_commitment } = bidArgs(bid);
        return this.session.ok(solver.pair, this.api.tx.market.commitBid(task, commitment, secret_commitment));
      }),
    );
  }

  /** Waits for the reveal window, then opens every bid given. */
  async revealBids(task: bigint, bids: ReadonlyArray<[Actor, SealedBid]>): Promise<TxOutcome[]> {
    await this.session.advanceTo((await this.status(task, 'Bidding')).commit_end);
    return Promise.all(
      bids.map(([solver, { price, salt }]) =>
        this.session.ok(solver.pair, this.api.tx.market.revealBid(task, price, u8aToHex(salt))),
      ),
    );
  }

  /**
   * Waits for the end of the reveal window and closes the auction. With `forced` given, the test wants that
   * forced-error decision for the would-be winner. The randomness is fixed by the last block of the reveal window,
   * whichever block closes the auction (docs/randomness.md), so when it decides otherwise the driver does what any
   * party would have to: it leaves the auction unclosed for `BlockHashCount` blocks, which moves the anchor on.
   */
  async closeAuction(task: bigint, closer: Actor, forced?: boolean): Promise<TxOutcome> {
    const bidding = await this.status(task, 'Bidding');
    await this.session.advanceTo(bidding.reveal_end);
    if (forced !== undefined) {
      for (let draw = 1; (await this.predictForcedError(task)).forced !== forced; draw += 1) {
        if (draw >= MAX_DRAWS) throw new Error(`no anchor gave forced=${forced} in ${draw} draws`);
        await this.session.advanceTo(bidding.reveal_end + draw * this.blockHashCount());
      }
    }
    return this.session.ok(closer.pair, this.api.tx.market.closeAuction(task));
  }

  /** `System.BlockHashCount`: how many block hashes the chain keeps. */
  blockHashCount(): number {
    return (this.api.consts.system.blockHashCount as unknown as { toNumber(): number }).toNumber();
  }

  /**
   * What `close_auction` would draw in the next block, derived independently of the runtime's storage: the anchor's
   * hash comes from `chain_getBlockHash`.
   */
  async predictRandomness(task: bigint): Promise<{ anchor: number; randomness: Uint8Array }> {
    const { reveal_end, auction_round } = await this.status(task, 'Bidding');
    const now = (await this.session.bestNumber()) + 1;
    const anchor = randomnessAnchor(reveal_end, now, this.blockHashCount());
    const anchorHash = (await this.api.rpc.chain.getBlockHash(anchor)).toU8a();
    return { anchor, randomness: assignmentRandomness(task, auction_round, anchorHash) };
  }

  /** The forced-error decision of the task's current proof, from the randomness its auction fixed. */
  async forcedErrorOf(task: bigint): Promise<ForcedErrorDecision> {
    const snapshot = await this.snapshot();
    const award = marketStorage.Awards.get(snapshot.ctx.state, task);
    const info = taskStorage.Tasks.get(snapshot.ctx.state, task);
    if (award === undefined || info === undefined) throw new Error(`task ${task} has no award`);
    const running = info.status.value as { proof_round?: number } | undefined;
    const round = running?.proof_round ?? 0;
    return this.decide(task, info, hexToU8a(award.assignment_randomness), round, this.secretOf(task, award.solver));
  }

  /** The winner submits its proof with a fresh selection key, then reveals the key once the delay has passed. */
  async prove(task: bigint, proof: ProofCommitments, key: Uint8Array): Promise<AccountId[]> {
    const { solver } = await this.status(task, 'Proving');
    const pair = this.actorOf(solver).pair;
    const { checkpoint_root, step_root, final_model_hash, claimed_metric, locator } = proof;
    await this.session.ok(
      pair,
      this.api.tx.proofs.submitProof(
        task,
        checkpoint_root,
        step_root,
        final_model_hash,
        claimed_metric,
        apiBytes(locator),
        selectionCommitment(key),
      ),
    );
    await this.session.advanceTo((await this.status(task, 'AwaitingSelection')).reveal_from);
    await this.session.ok(pair, this.api.tx.proofs.revealSelectionKey(task, u8aToHex(key)));
    return this.verifiersOf(task);
  }

  /** The verifiers drawn for the task's current proof, in draw order, with their segments. */
  async assignments(task: bigint): Promise<Array<{ verifier: AccountId; segments: number[] }>> {
    const state = (await this.snapshot()).ctx.state;
    return (verificationStorage.Verifiers.get(state, task) ?? []).map((verifier) => ({
      verifier,
      segments: [...(verificationStorage.Assignments.get(state, [task, verifier])?.segments ?? [])],
    }));
  }

  async verifiersOf(task: bigint): Promise<AccountId[]> {
    return (await this.assignments(task)).map((a) => a.verifier);
  }

  /**
   * Every verdict given is committed, revealed after the commit window, and the verdicts closed after the reveal
   * window; a verifier left out stays silent.
   */
  async verdicts(task: bigint, verdicts: ReadonlyMap<AccountId, Verdict>, closer: Actor): Promise<void> {
    const salts = new Map([...verdicts.keys()].map((v, i) => [v, saltFor(task, i)]));
    await Promise.all(
      [...verdicts].map(([v, verdict]) =>
        this.session.ok(
          this.actorOf(v).pair,
          this.api.tx.verification.commitVerdict(task, verdictSeal(verdict, salts.get(v)!)),
        ),
      ),
    );
    const verifying = await this.status(task, 'Verifying');
    await this.session.advanceTo(verifying.commit_end);
    await Promise.all(
      [...verdicts].map(([v, verdict]) =>
        this.session.ok(
          this.actorOf(v).pair,
          this.api.tx.verification.revealVerdict(task, apiEnum(verdict), u8aToHex(salts.get(v)!)),
        ),
      ),
    );
    await this.session.advanceTo(verifying.reveal_end);
    await this.session.ok(closer.pair, this.api.tx.verification.closeVerdicts(task));
  }

  /** The winner reveals the secret it committed with its bid. */
  async revealSecret(task: bigint): Promise<TxOutcome> {
    const { solver } = await this.status(task, 'AwaitingSecret');
    const secret = this.secretOf(task, solver);
    return this.session.ok(this.actorOf(solver).pair, this.api.tx.verification.revealSecret(task, u8aToHex(secret)));
  }

  /** Waits out the challenge window and closes the task. */
  async closeTask(task: bigint, closer: Actor): Promise<TxOutcome> {
    await this.session.advanceTo((await this.status(task, 'Challengeable')).until + 1);
    return this.session.ok(closer.pair, this.api.tx.settlement.closeTask(task));
  }

  secretOf(task: bigint, solver: AccountId): Uint8Array {
    const bid = this.bids.get(`${task}/${solver}`);
    if (bid === undefined) throw new Error(`no sealed bid of ${solver} on task ${task}`);
    return bid.secret;
  }

  /** What `close_auction` would decide in the next block, for the bidder that would win (ties included). */
  private async predictForcedError(task: bigint): Promise<ForcedErrorDecision> {
    const snapshot = await this.snapshot();
    const info = taskStorage.Tasks.get(snapshot.ctx.state, task);
    if (info?.status.type !== 'Bidding') throw new Error(`task ${task} is not in bidding`);
    const { commit_end, reveal_end } = info.status.value;
    const { randomness } = await this.predictRandomness(task);
    const book = bidsOf(snapshot.ctx, task).map(([who, bid]) => toSealedBid(who, bid));
    const window = { commitEnd: commit_end, revealEnd: reveal_end };
    const outcome = resolveAuction(book, info.budget, randomness, reveal_end, window);
    if (!outcome.ok || outcome.value.kind !== 'awarded') return { forced: false, segment: 0 };
    return this.decide(task, info, randomness, 0, this.secretOf(task, outcome.value.winner));
  }

  private decide(
    task: bigint,
    info: TaskInfo,
    randomness: Uint8Array,
    round: number,
    secret: Uint8Array,
  ): ForcedErrorDecision {
    const probability = (
      this.api.consts.verification.forcedErrorProbability as unknown as { toNumber(): number }
    ).toNumber();
    return decideForcedError({
      secret,
      assignmentRandomness: randomness,
      taskId: u64Codec.enc(task),
      round,
      segmentCount: segmentCountOf(info.spec.steps, info.spec.checkpoint_interval),
      probability: perbill(probability),
    });
  }
}

/** A verdict salt unique to (task, verifier slot). */
function saltFor(task: bigint, slot: number): Uint8Array {
  const salt = new Uint8Array(32);
  salt[0] = 0x90;
  salt.set(u64Codec.enc(task), 8);
  salt[31] = slot;
  return salt;
}
