/** Submits with `signAndSend` and collects what a dApp would see, until the transaction is finalized. */
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { AddressOrPair, SignerOptions } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';

export interface FinalizedOutcome {
  /** Status types in the order they arrived, e.g. `['Ready', 'InBlock', 'Finalized']`. */
  statuses: string[];
  inBlockHash: string;
  finalizedHash: string;
  events: EventRecord[];
  dispatchError: DispatchError | undefined;
  txHash: string;
}

export function signAndFinalize(
  tx: SubmittableExtrinsic<'promise'>,
  account: AddressOrPair,
  options: Partial<SignerOptions> = {},
  timeoutMs = 30_000,
): Promise<FinalizedOutcome> {
  return new Promise<FinalizedOutcome>((resolve, reject) => {
    const statuses: string[] = [];
    let inBlockHash = '';
    let unsubscribe: (() => void) | undefined;
    // The outcome can arrive before signAndSend's promise hands us the unsubscribe function.
    let settled = false;
    const timer = setTimeout(() => {
      unsubscribe?.();
      reject(new Error(`not finalized within ${timeoutMs} ms; statuses so far: ${statuses.join(', ')}`));
    }, timeoutMs);
    tx.signAndSend(account, options, (result) => {
      statuses.push(result.status.type);
      if (result.status.isInBlock) inBlockHash = result.status.asInBlock.toHex();
      if (result.status.isFinalized) {
        settled = true;
        clearTimeout(timer);
        unsubscribe?.();
        resolve({
          statuses,
          inBlockHash,
          finalizedHash: result.status.asFinalized.toHex(),
          events: result.events,
          dispatchError: result.dispatchError,
          txHash: result.txHash.toHex(),
        });
      } else if (result.isError) {
        settled = true;
        clearTimeout(timer);
        unsubscribe?.();
        reject(new Error(`transaction ended with status ${result.status.type}`));
      }
    })
      .then((stop) => {
        unsubscribe = stop;
        if (settled) stop();
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}

/** `section.method` of every event, in order, e.g. `balances.Transfer`. */
export function eventNames(events: EventRecord[]): string[] {
  return events.map(({ event }) => `${event.section}.${event.method}`);
}

/** The fee the runtime actually charged (`TransactionPayment.TransactionFeePaid.actual_fee`), as Substrate reports it. */
export function feePaid(events: EventRecord[]): bigint {
  const paid = events.find(
    ({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid',
  );
  if (!paid) throw new Error(`no TransactionPayment.TransactionFeePaid among ${eventNames(events).join(', ')}`);
  return (paid.event.data[1] as unknown as { toBigInt(): bigint }).toBigInt();
}
