/**
 * Authors blocks on the head, one at a time, and finalizes each at once (instant finality). Two seal modes:
 * `interval` (a block every `blockTimeMs`, empty or not, like a one-validator Aura chain) and `instant`
 * (a block as soon as a transaction is ready; under load, blocks follow each other back to back).
 */
import type { ChainSpec, HexString, Runtime } from '../../runtime-bindings/seam.js';
import type { Chain } from '../chain.js';
import { inTurn } from '../fairness.js';
import { shortHash, type Logger } from '../log.js';
import type { NodeMetrics } from '../metrics.js';
import type { TransactionPool } from '../pool/transaction-pool.js';

export type SealMode = { kind: 'interval'; blockTimeMs: number } | { kind: 'instant' };

/** Candidates offered per block: enough for throughput, few enough that one build stays well under a second. */
export const MAX_BLOCK_CANDIDATES = 4_000;

export class BlockAuthor {
  private building: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastTimestampMs = 0n;
  private unsubscribeReady: (() => void) | undefined;

  constructor(
    private readonly chain: Chain,
    private readonly pool: TransactionPool,
    private readonly runtime: Runtime,
    private readonly spec: ChainSpec,
    private readonly mode: SealMode,
    private readonly metrics: NodeMetrics,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.mode.kind === 'instant') {
      this.unsubscribeReady = this.pool.onReady(() => this.requestBlock());
      if (this.pool.counts.ready > 0) this.requestBlock();
    } else {
      this.scheduleNext(this.mode.blockTimeMs);
    }
  }

  /** Stops authoring and waits for a block being built to be stored. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribeReady?.();
    await this.building;
  }

  private scheduleNext(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.requestBlock();
      void this.building?.finally(() => {
        if (this.mode.kind === 'interval')
          this.scheduleNext(Math.max(0, this.mode.blockTimeMs - (Date.now() - started)));
      });
    }, delayMs);
  }

  /** Builds a block now, or right after the one in progress. */
  requestBlock(): void {
    if (this.stopped) return;
    if (this.building) {
      this.again = true;
      return;
    }
    // Instant seal: the build takes its turn behind requests already queued, so under a flood of submissions
    // a block carries the backlog instead of one block per slice. Interval mode keeps its cadence instead.
    const turn =
      this.mode.kind === 'instant' ? inTurn(() => undefined) : new Promise<void>((resolve) => setImmediate(resolve));
    this.building = turn
      .then(() => this.buildOne())
      .catch((error: unknown) => this.log.error({ err: error }, '❌ Block authoring failed'))
      .finally(() => {
        this.building = undefined;
        const more = this.mode.kind === 'instant' && this.pool.counts.ready > 0;
        if ((this.again || more) && !this.stopped && this.mode.kind === 'instant') {
          this.again = false;
          this.requestBlock();
        }
        this.again = false;
      });
  }

  /**
   * Authors `count` blocks now, one after the other, with whatever is ready (possibly nothing), behind any block
   * being built; returns the last one's hash. In instant mode, transactions that became ready meanwhile still get
   * their block.
   */
  async authorNow(count: number): Promise<HexString> {
    let hash = this.chain.best.hash;
    for (let i = 0; i < count && !this.stopped; i++) {
      while (this.building) await this.building;
      const forced = this.buildOne();
      this.building = forced.finally(() => (this.building = undefined));
      await forced;
      hash = this.chain.best.hash;
    }
    if (this.mode.kind === 'instant' && this.pool.counts.ready > 0) this.requestBlock();
    return hash;
  }

  private nextTimestamp(): bigint {
    const now = BigInt(Date.now());
    this.lastTimestampMs = now > this.lastTimestampMs ? now : this.lastTimestampMs + 1n;
    return this.lastTimestampMs;
  }

  private async buildOne(): Promise<void> {
    if (this.stopped) return;
    const stopTimer = this.metrics.blockBuildTime.startTimer();
    const started = performance.now();
    const parent = this.chain.best;
    const candidates = this.pool.blockCandidates(MAX_BLOCK_CANDIDATES);
    const built = this.runtime.buildBlock(this.chain.headState, {
      parent: parent.header,
      parentHash: parent.hash,
      timestampMs: this.nextTimestamp(),
      candidates: candidates.map((tx) => tx.extrinsic),
    });
    const { number } = built.block.header;
    this.log.info(
      `✨ Prepared block for proposing at ${number} (${Math.round(performance.now() - started)} ms) ` +
        `[hash: ${built.hash}; parent_hash: ${parent.hash}; extrinsics (${built.block.extrinsics.length})]`,
    );
    await this.chain.importBlock(built.block, built.hash, built.changes, this.spec.id);
    this.pool.blockImported(
      built.hash,
      built.included.map((index) => candidates[index]!),
      built.excluded.map(({ index, rejection }) => ({ tx: candidates[index]!, rejection })),
    );
    stopTimer();
    this.metrics.blockExtrinsics.observe(built.block.extrinsics.length);
    this.log.info(`🏆 Imported #${number} (${shortHash(built.hash)})`);
  }
}
