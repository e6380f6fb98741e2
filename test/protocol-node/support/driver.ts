/**
 * Drives tasks through the protocol pallets of a real node with `@polkadot/api`, one protocol step per method,
 * each waiting for the window its call needs (`dev_newBlock`) and failing loudly when a call fails. Steps that
 * decide something (the auction, the draw of verifiers) return what the chain decided, read back from storage.
 */
import { u32 as u32Codec, u64 as u64Codec } from '@polkadot-api/substrate-bindings';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { storage as marketStorage } from '../../../pallets-spec/market/declaration.js';
import type { RoleName } from '../../../pallets-spec/roles/types.js';
import { storage as roleStorage } from '../../../pallets-spec/roles/declaration.js';
import { storage as taskStorage } from '../../../pallets-spec/tasks/declaration.js';
import type { TaskInfo, TaskSpec, TaskStatus } from '../../../pallets-spec/tasks/types.js';
import type { AccountId } from '../../../pallets-spec/types/primitives.js';
import { storage as verificationStorage } from '../../../pallets-spec/verification/declaration.js';
import { type ForcedErrorDecision, decideForcedError } from '../../../pallets-spec/verification/forced-error.js';
import { deriveSeed } from '../../../pallets-spec/verification/randomness.js';
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
} from './protocol-args.js';
import { ChainSnapshot } from './snapshot.js';
import type { ProtocolSession, TxOutcome } from './session.js';

type StatusOf<K extends TaskStatus['type']> = Extract<TaskStatus, { type: K }>['value'];

/** Most blocks `closeAuction` waits for a closing block whose randomness gives the wanted forced-error decision. */
const MAX_CLOSE_GRIND = 400;

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
   * Waits for the end of the reveal window and closes the auction. With `forced` given, it first waits for a
   * block whose randomness makes the would-be winner's secret decide the forced error that way: any caller may
   * pick the closing block (see the report on docs/randomness.md), and the tests use that to be deterministic.
   */
  async closeAuction(task: bigint, closer: Actor, forced?: boolean): Promise<TxOutcome> {
    const bidding = await this.status(task, 'Bidding');
    await this.session.advanceTo(bidding.reveal_end);
    if (forced !== undefined) {
      for (let tries = 0; (await this.predictForcedError(task, bidding.auction_round)).forced !== forced; tries += 1) {
        if (tries >= MAX_CLOSE_GRIND) throw new Error(`no closing block gave forced=${forced} in ${tries} blocks`);
        await this.session.advance(1);
      }
    }
    return this.session.ok(closer.pair, this.api.tx.market.closeAuction(task));
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

  /** What `close_auction` would decide if it ran in the next block, for the bidder that would win. */
  private async predictForcedError(task: bigint, round: number): Promise<ForcedErrorDecision> {
    const snapshot = await this.snapshot();
    const state = snapshot.ctx.state;
    const info = taskStorage.Tasks.get(state, task)!;
    const accumulator = hexToU8a(verificationStorage.RandomnessAccumulator.get(state));
    const randomness = deriveSeed('veritrain/assign', [
      u64Codec.enc(task),
      u32Codec.enc(round),
      accumulator,
      hexToU8a(snapshot.blockHash),
    ]);
    const revealed = marketStorage.Bids.entries(state)
      .filter(([[t]]) => t === task)
      .flatMap(([[, who], bid]) => (bid.revealed_price === undefined ? [] : [{ who, price: bid.revealed_price }]));
    if (revealed.length === 0) return { forced: false, segment: 0 };
    // The lowest price wins; the driver's tests never tie, so the tie-break (which uses `randomness`) is not needed.
    const winner = revealed.reduce((a, b) => (b.price < a.price ? b : a)).who;
    return this.decide(task, info, randomness, 0, this.secretOf(task, winner));
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
