/**
 * The transaction pool: validates with the runtime, keeps a ready set (every required tag provided by a
 * ready transaction or already by the chain) and a future set (waiting for a nonce gap to fill), orders
 * block candidates by dependencies then tip priority, and tells watchers what happened to each transaction.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import type { HexString, Runtime, TransactionRejection } from '../../runtime-bindings/seam.js';
import type { Chain } from '../chain.js';
import { orderForBlock } from './block-order.js';
import { Watchers, type Watcher } from './watchers.js';
import { VerifiedSubmissions } from './verified-submission.js';
import type { SignatureVerifier } from '../verify/signature-verifier.js';
import {
  DEFAULT_POOL_LIMITS,
  POOL_ERROR,
  PoolRejection,
  type PoolLimits,
  type PoolTransaction,
  type WatchStatus,
} from './pool-types.js';

/** A provides tag is SCALE `(AccountId, Nonce)`; without its last 4 bytes (u32 nonce) it names the sender. */
function senderOfTag(tag: HexString | undefined): string {
  return tag === undefined ? '' : tag.length > 10 ? tag.slice(0, -8) : tag;
}

/** Rejections the builder reports for transactions that may still succeed in a later block. */
const RETRYABLE = new Set(['ExhaustsResources', 'Future']);

export class TransactionPool {
  private readonly byHash = new Map<HexString, PoolTransaction>();
  private readonly providers = new Map<HexString, PoolTransaction>();
  /** Every pool transaction by each tag it still requires (ready and future alike). */
  private readonly requiredBy = new Map<HexString, Set<PoolTransaction>>();
  private readonly perSender = new Map<string, number>();
  private readonly watchers = new Watchers();
  private readyCount = 0;
  private insertions = 0;
  private revalidateCursor = 0;
  private readonly readyListeners = new Set<() => void>();

  private readonly verified: VerifiedSubmissions | undefined;

  /** With a `verifier`, `submitVerified` checks signatures on its worker threads before validation. */
  constructor(
    private readonly runtime: Runtime,
    private readonly chain: Chain,
    readonly limits: PoolLimits = DEFAULT_POOL_LIMITS,
    verifier?: SignatureVerifier,
  ) {
    this.verified =
      verifier &&
      new VerifiedSubmissions(verifier, runtime, chain, (extrinsic, watcher) => this.submit(extrinsic, watcher));
  }

  get counts(): { ready: number; future: number } {
    return { ready: this.readyCount, future: this.byHash.size - this.readyCount };
  }

  /** Called whenever a transaction becomes ready (the instant-seal author listens). */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  hashOf(extrinsic: HexString): HexString {
    return blake2AsHex(Buffer.from(extrinsic.slice(2), 'hex'), 256);
  }

  has(hash: HexString): boolean {
    return this.byHash.has(hash);
  }

  /** True when a pool transaction provides `tag` (used for `system_accountNextIndex`). */
  provides(tag: HexString): boolean {
    return this.providers.has(tag);
  }

  pending(): HexString[] {
    return [...this.byHash.values()].sort((a, b) => a.insertion - b.insertion).map((tx) => tx.extrinsic);
  }

  /**
   * `submit`, with the signature verified on a worker thread first when the pool has a verifier (the same
   * outcome, off the main thread). Submissions are admitted in the order of their calls.
   */
  submitVerified(extrinsic: HexString, watcher?: Watcher): Promise<PoolTransaction> {
    if (!this.verified) {
      try {
        return Promise.resolve(this.submit(extrinsic, watcher));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return this.verified.submit(extrinsic, watcher);
  }

  /** Validates and adds a transaction; throws `PoolRejection` with Substrate's code and reason. */
  submit(extrinsic: HexString, watcher?: Watcher): PoolTransaction {
    if ((extrinsic.length - 2) / 2 > this.limits.maxExtrinsicBytes) {
      throw new PoolRejection(
        POOL_ERROR.invalid,
        'Invalid Transaction',
        `Transaction would exhaust the block limits (larger than ${this.limits.maxExtrinsicBytes} bytes)`,
      );
    }
    const hash = this.hashOf(extrinsic);
    if (this.byHash.has(hash)) throw new PoolRejection(POOL_ERROR.alreadyImported, 'Transaction Already Imported');
    const validity = this.runtime.validateTransaction(this.chain.headState, extrinsic, this.chain.best.hash);
    if (!validity.ok) throw rejectionError(validity);
    if (this.byHash.size >= this.limits.total) {
      throw new PoolRejection(
        POOL_ERROR.immediatelyDropped,
        'Immediately Dropped',
        `The transaction pool is full (${this.limits.total} transactions)`,
      );
    }
    const sender = senderOfTag(validity.provides[0]);
    if ((this.perSender.get(sender) ?? 0) >= this.limits.perSender) {
      throw new PoolRejection(
        POOL_ERROR.immediatelyDropped,
        'Immediately Dropped',
        `Too many transactions from one sender (${this.limits.perSender})`,
      );
    }
    for (const tag of validity.provides) {
      const current = this.providers.get(tag);
      if (current && current.priority >= validity.priority) {
        throw new PoolRejection(
          POOL_ERROR.tooLowPriority,
          'Priority is too low',
          `Priority is too low: (${current.priority} vs ${validity.priority})`,
        );
      }
    }
    const requires = new Set(validity.requires);
    const tx: PoolTransaction = {
      hash,
      extrinsic,
      priority: validity.priority,
      requires,
      provides: validity.provides,
      insertion: this.insertions++,
      sender,
      ready: false,
    };
    for (const tag of validity.provides) {
      const usurped = this.providers.get(tag);
      if (usurped) this.remove(usurped, { usurped: hash });
    }
    const future = !this.allRequiresReady(tx);
    if (future && this.counts.future >= this.limits.future) {
      throw new PoolRejection(
        POOL_ERROR.immediatelyDropped,
        'Immediately Dropped',
        `Too many future transactions (${this.limits.future})`,
      );
    }
    this.byHash.set(hash, tx);
    this.perSender.set(sender, (this.perSender.get(sender) ?? 0) + 1);
    for (const tag of tx.provides) this.providers.set(tag, tx);
    if (watcher) this.watch(hash, watcher);
    for (const tag of tx.requires) this.requirers(tag).add(tx);
    if (future) {
      this.notify(tx, 'future');
    } else {
      this.makeReady(tx);
    }
    return tx;
  }

  private isReadyTag(tag: HexString): boolean {
    return this.providers.get(tag)?.ready === true;
  }

  private allRequiresReady(tx: PoolTransaction): boolean {
    for (const tag of tx.requires) if (!this.isReadyTag(tag)) return false;
    return true;
  }

  private requirers(tag: HexString): Set<PoolTransaction> {
    let set = this.requiredBy.get(tag);
    if (!set) this.requiredBy.set(tag, (set = new Set()));
    return set;
  }

  /** Marks `tx` ready and promotes the future transactions that only waited for its tags. */
  private makeReady(first: PoolTransaction): void {
    const queue = [first];
    while (queue.length > 0) {
      const tx = queue.pop()!;
      if (tx.ready || !this.byHash.has(tx.hash)) continue;
      tx.ready = true;
      this.readyCount++;
      this.notify(tx, 'ready');
      for (const tag of tx.provides) {
        for (const dependent of this.requiredBy.get(tag) ?? []) {
          if (!dependent.ready && this.allRequiresReady(dependent)) queue.push(dependent);
        }
      }
    }
    for (const listener of this.readyListeners) listener();
  }

  /** Up to `max` ready transactions, each after those it depends on, otherwise highest tip first. */
  blockCandidates(max: number): PoolTransaction[] {
    const ready = [...this.byHash.values()].filter((tx) => tx.ready);
    return orderForBlock(
      { ready, isReadyTag: (tag) => this.isReadyTag(tag), dependentsOf: (tag) => this.dependentsOf(tag) },
      max,
    );
  }

  /** Ready transactions that require `tag`. */
  private dependentsOf(tag: HexString): PoolTransaction[] {
    const found: PoolTransaction[] = [];
    for (const tx of this.requiredBy.get(tag) ?? []) if (tx.ready) found.push(tx);
    return found;
  }

  /**
   * After a block: included transactions leave with inBlock + finalized (instant finality); the tags they
   * provided are now the chain's; invalid exclusions are dropped; a few others are re-validated.
   */
  blockImported(
    blockHash: HexString,
    included: PoolTransaction[],
    excluded: Array<{ tx: PoolTransaction; rejection: TransactionRejection }>,
  ): void {
    const chainTags: HexString[] = [];
    for (const tx of included) {
      if (!this.byHash.has(tx.hash)) continue;
      chainTags.push(...tx.provides);
      this.notify(tx, { inBlock: blockHash });
      this.remove(tx, { finalized: blockHash }, false);
    }
    for (const { tx, rejection } of excluded) {
      if (rejection.kind === 'invalid' && !RETRYABLE.has(rejection.variant)) this.remove(tx, 'invalid');
    }
    this.pruneTags(chainTags);
    this.revalidateSome(64);
  }

  /** Tags the chain now provides no longer hold anyone back. */
  private pruneTags(tags: HexString[]): void {
    for (const tag of tags) {
      const dependents = this.requiredBy.get(tag);
      if (!dependents) continue;
      this.requiredBy.delete(tag);
      for (const dependent of dependents) {
        dependent.requires.delete(tag);
        if (!dependent.ready && this.allRequiresReady(dependent)) this.makeReady(dependent);
      }
    }
  }

  /** Re-checks up to `count` transactions (futures first, oldest first) against the new head; drops invalid ones. */
  private revalidateSome(count: number): void {
    if (this.byHash.size === 0) return;
    const all = [...this.byHash.values()];
    const futures = all.filter((tx) => !tx.ready);
    const batch =
      futures.length >= count
        ? futures.slice(0, count)
        : [
            ...futures,
            ...this.rotate(
              all.filter((tx) => tx.ready),
              count - futures.length,
            ),
          ];
    for (const tx of batch) {
      const validity = this.runtime.validateTransaction(this.chain.headState, tx.extrinsic, this.chain.best.hash);
      if (!validity.ok && validity.kind === 'invalid' && validity.variant !== 'Future') this.remove(tx, 'invalid');
    }
  }

  private rotate(ready: PoolTransaction[], count: number): PoolTransaction[] {
    if (ready.length === 0 || count <= 0) return [];
    const start = this.revalidateCursor % ready.length;
    this.revalidateCursor = start + count;
    return [...ready, ...ready].slice(start, start + Math.min(count, ready.length));
  }

  /** `author_removeExtrinsic`: removes by hash; returns the hashes removed. */
  removeByHash(hashes: HexString[]): HexString[] {
    const removed: HexString[] = [];
    for (const hash of hashes) {
      const tx = this.byHash.get(hash);
      if (tx) {
        this.remove(tx, 'invalid');
        removed.push(hash);
      }
    }
    return removed;
  }

  /** `demoteDependents` is false when the chain itself now provides `tx`'s tags (it was included). */
  private remove(tx: PoolTransaction, status: WatchStatus, demoteDependents = true): void {
    if (!this.byHash.delete(tx.hash)) return;
    if (tx.ready) this.readyCount--;
    const left = (this.perSender.get(tx.sender) ?? 1) - 1;
    if (left === 0) this.perSender.delete(tx.sender);
    else this.perSender.set(tx.sender, left);
    for (const tag of tx.provides) if (this.providers.get(tag) === tx) this.providers.delete(tag);
    for (const tag of tx.requires) this.requiredBy.get(tag)?.delete(tx);
    // Transactions that needed it are no longer ready; they wait for the tag again.
    if (tx.ready && demoteDependents) {
      for (const tag of tx.provides) {
        for (const dependent of this.dependentsOf(tag)) this.demote(dependent);
      }
    }
    this.notify(tx, status);
  }

  private demote(tx: PoolTransaction): void {
    if (!tx.ready) return;
    tx.ready = false;
    this.readyCount--;
    for (const tag of tx.provides) for (const dependent of this.dependentsOf(tag)) this.demote(dependent);
  }

  watch(hash: HexString, watcher: Watcher): () => void {
    this.watchers.add(hash, watcher);
    return () => this.unwatch(hash, watcher);
  }

  unwatch(hash: HexString, watcher: Watcher): void {
    this.watchers.remove(hash, watcher);
  }

  private notify(tx: PoolTransaction, status: WatchStatus): void {
    this.watchers.notify(tx.hash, status);
  }
}

export function rejectionError(rejection: TransactionRejection): PoolRejection {
  return rejection.kind === 'invalid'
    ? new PoolRejection(POOL_ERROR.invalid, 'Invalid Transaction', rejection.message)
    : new PoolRejection(POOL_ERROR.unknownValidity, 'Unknown Transaction Validity', rejection.message);
}
