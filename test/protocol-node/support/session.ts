/**
 * One real `veritrain node --dev` process and one `@polkadot/api` client on it, for the protocol tests: blocks on
 * demand (`dev_newBlock`), transactions signed and sent the way a dApp does, and each outcome read back from the
 * client's own decoding (events, fee paid, module error name).
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { startNode, type NodeProcess } from '../../helpers/node-process.js';
import { blockEvents } from './events.js';

/** What one transaction did, as the client reports it. */
export interface TxOutcome {
  blockHash: string;
  blockNumber: number;
  /** This extrinsic's events only. */
  events: EventRecord[];
  /** `TransactionPayment.TransactionFeePaid.actual_fee`: burned, whatever the call's outcome. */
  fee: bigint;
  /** `Pallet.Error` of a failed call (decoded with `api.registry.findMetaError`), or another dispatch error's kind. */
  error: string | undefined;
}

export class TxFailedError extends Error {
  override name = 'TxFailedError';
  constructor(
    readonly label: string,
    readonly outcome: TxOutcome,
  ) {
    super(`${label} failed with ${outcome.error} in block #${outcome.blockNumber}`);
  }
}

/** How often `send` looks for a new block (a local node authors one in a few milliseconds). */
const POLL_MS = 15;

/** `dev_newBlock` authors at most this many blocks per call. */
const MAX_BLOCKS_PER_CALL = 1_000;

export interface SessionOptions {
  /** A JSON chain-spec file (`--chain`); the dev spec when absent. */
  chainSpecPath?: string;
  /** Runs once the node has stopped (removing a spec file, say). */
  onClose?: () => void;
}

export class ProtocolSession {
  /** Every fee each account paid through this session, by address. */
  private readonly fees = new Map<string, bigint>();

  private constructor(
    readonly node: NodeProcess,
    readonly provider: WsProvider,
    readonly api: ApiPromise,
    private readonly onClose: (() => void) | undefined,
  ) {}

  static async open(options: SessionOptions = {}): Promise<ProtocolSession> {
    const extraArgs = options.chainSpecPath ? ['--chain', options.chainSpecPath] : [];
    // Instant seal: every transaction gets a block at once; dev_newBlock moves windows along in between.
    const node = await startNode({ instantSeal: true, prometheus: false, extraArgs });
    try {
      const provider = new WsProvider(node.wsUrl);
      const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
      return new ProtocolSession(node, provider, api, options.onClose);
    } catch (error) {
      await node.stop();
      options.onClose?.();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.api.disconnect();
    await this.node.stop();
    this.onClose?.();
  }

  async bestNumber(): Promise<number> {
    return (await this.api.rpc.chain.getHeader()).number.toNumber();
  }

  async bestHash(): Promise<string> {
    return (await this.api.rpc.chain.getBlockHash()).toHex();
  }

  /** Authors `count` empty blocks now (`dev_newBlock`); resolves with the new best hash. */
  async advance(count = 1): Promise<string> {
    let best = count <= 0 ? await this.bestHash() : '';
    for (let left = count; left > 0; left -= MAX_BLOCKS_PER_CALL)
      best = (await this.provider.send('dev_newBlock', [{ count: Math.min(left, MAX_BLOCKS_PER_CALL) }])) as string;
    return best;
  }

  /** Advances until the next block to be authored is at least `block` (calls take effect in the next block). */
  async advanceTo(block: number): Promise<void> {
    const next = (await this.bestNumber()) + 1;
    if (block > next) await this.advance(block - next);
  }

  /**
   * Signs, submits and waits until the transaction is in a block; a failed call resolves too (see `error`). The
   * block is found by scanning new blocks for the extrinsic's hash rather than through a status subscription: the
   * outcome is then read from the block itself, whatever the order in which notifications arrive.
   */
  async send(signer: KeyringPair, tx: SubmittableExtrinsic<'promise'>, timeoutMs = 30_000): Promise<TxOutcome> {
    const label = `${tx.method.section}.${tx.method.method}`;
    let next = (await this.bestNumber()) + 1;
    await tx.signAsync(signer, { nonce: -1 });
    const hash = (await this.api.rpc.author.submitExtrinsic(tx)).toHex();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const best = await this.bestNumber();
      for (; next <= best; next += 1) {
        const blockHash = (await this.api.rpc.chain.getBlockHash(next)).toHex();
        const { block } = await this.api.rpc.chain.getBlock(blockHash);
        const index = block.extrinsics.findIndex((x) => x.hash.toHex() === hash);
        if (index >= 0) return this.outcomeOf(signer.address, blockHash, next, index);
      }
      if (Date.now() > deadline)
        throw new Error(
          `${label}: not in a block within ${timeoutMs} ms; the node's last lines:\n` +
            this.node.output().split('\n').slice(-15).join('\n'),
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Like `send`, but a failed call throws `TxFailedError`. */
  async ok(signer: KeyringPair, tx: SubmittableExtrinsic<'promise'>): Promise<TxOutcome> {
    const outcome = await this.send(signer, tx);
    if (outcome.error !== undefined) throw new TxFailedError(`${tx.method.section}.${tx.method.method}`, outcome);
    return outcome;
  }

  /** The total fee `address` paid through this session. */
  feesPaidBy(address: string): bigint {
    return this.fees.get(address) ?? 0n;
  }

  private async outcomeOf(who: string, blockHash: string, blockNumber: number, index: number): Promise<TxOutcome> {
    const events = (await blockEvents(this.api, blockHash)).filter(
      ({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index,
    );
    const feeEvent = events.find(({ event }) => this.api.events.transactionPayment.TransactionFeePaid.is(event));
    const fee = feeEvent ? (feeEvent.event.data[1] as unknown as { toBigInt(): bigint }).toBigInt() : 0n;
    this.fees.set(who, this.feesPaidBy(who) + fee);
    const failed = events.find(({ event }) => this.api.events.system.ExtrinsicFailed.is(event));
    const dispatchError = failed ? (failed.event.data[0] as DispatchError) : undefined;
    return { blockHash, blockNumber, events, fee, error: this.errorName(dispatchError) };
  }

  private errorName(dispatchError: DispatchError | undefined): string | undefined {
    if (dispatchError === undefined) return undefined;
    if (dispatchError.isModule) {
      const { section, name } = this.api.registry.findMetaError(dispatchError.asModule);
      return `${section}.${name}`;
    }
    return dispatchError.type;
  }
}
