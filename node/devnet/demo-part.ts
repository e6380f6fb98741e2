/**
 * Devnet part: a client that follows the chain with @polkadot/api, printing each new block, and makes one
 * transfer Alice → Bob, printing its status updates and the `Balances.Transfer` event.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { DevnetPart } from './launcher.js';

/** 1 VRT (12 decimals). */
const TRANSFER_AMOUNT = 1_000_000_000_000n;

export class DemoPart implements DevnetPart {
  readonly name = 'demo client';
  private api: ApiPromise | undefined;
  private unsubscribeHeads: (() => void) | undefined;
  /** Resolves once the transfer is finalized (rejects if it fails). */
  readonly transferFinalized: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: Error) => void };

  constructor(
    private readonly wsUrl: () => string,
    private readonly say: (line: string) => void,
  ) {
    this.transferFinalized = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.transferFinalized.catch(() => {});
  }

  async start(): Promise<void> {
    await cryptoWaitReady();
    const api = await ApiPromise.create({
      provider: new WsProvider(this.wsUrl()),
      noInitWarn: true,
      throwOnConnect: true,
    });
    this.api = api;
    const chain = await api.rpc.system.chain();
    this.say(
      `🔗 Connected to ${chain} at ${this.wsUrl()} (${api.runtimeVersion.specName} v${api.runtimeVersion.specVersion.toNumber()})`,
    );
    this.unsubscribeHeads = await api.rpc.chain.subscribeNewHeads((header) => {
      this.say(`🧱 Block #${header.number.toNumber()} ${header.hash.toHex()}`);
    });
    void this.transfer(api);
  }

  private async transfer(api: ApiPromise): Promise<void> {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 ?? 42 });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');
    this.say(`💸 Transferring 1 VRT from Alice (${alice.address}) to Bob (${bob.address})`);
    try {
      const unsubscribe = await api.tx.balances
        .transferKeepAlive(bob.address, TRANSFER_AMOUNT)
        .signAndSend(alice, (result) => {
          const { status, events, dispatchError } = result;
          if (status.isInBlock) {
            this.say(`📥 Transfer InBlock ${status.asInBlock.toHex()}`);
            for (const { event } of events) {
              if (api.events.balances.Transfer.is(event)) {
                const [from, to, amount] = event.data;
                this.say(
                  `🎉 Balances.Transfer { from: ${from.toString()}, to: ${to.toString()}, amount: ${amount.toString()} }`,
                );
              }
            }
          }
          if (dispatchError) {
            const detail = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : undefined;
            this.settle.reject(
              new Error(
                `the transfer failed: ${detail ? `${detail.section}.${detail.name}` : dispatchError.toString()}`,
              ),
            );
            unsubscribe();
          } else if (status.isFinalized) {
            this.say(`✅ Transfer Finalized ${status.asFinalized.toHex()}`);
            this.settle.resolve();
            unsubscribe();
          } else if (status.isInvalid || status.isDropped || status.isUsurped) {
            this.settle.reject(new Error(`the transfer was ${status.type}`));
            unsubscribe();
          }
        });
    } catch (error) {
      this.settle.reject(error as Error);
    }
  }

  async stop(): Promise<void> {
    this.unsubscribeHeads?.();
    await this.api?.disconnect();
  }
}
