/** Reading decoded events the way an auditor does: by pallet, name and field, from `@polkadot/api`'s decoding. */
import type { ApiPromise } from '@polkadot/api';
import type { EventRecord } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';

/** The events `section.method` (e.g. `market.AuctionClosed`) among `records`. */
export function eventsNamed(records: readonly EventRecord[], name: string): EventRecord[] {
  return records.filter(({ event }) => `${event.section}.${event.method}` === name);
}

/** The one event named `name`; throws when there is none or more than one. */
export function theEvent(records: readonly EventRecord[], name: string): EventRecord {
  const found = eventsNamed(records, name);
  if (found.length !== 1)
    throw new Error(`expected one ${name}, found ${found.length} among ${records.map(describe).join(', ')}`);
  return found[0]!;
}

/** A named field of an event, as the client decoded it. */
export function field(record: EventRecord, name: string): Codec {
  const data = record.event.data as unknown as Record<string, Codec | undefined>;
  const value = data[name] ?? data[snakeToCamel(name)];
  if (value === undefined) throw new Error(`${describe(record)} has no field ${name}`);
  return value;
}

export const bigField = (record: EventRecord, name: string): bigint =>
  (field(record, name) as unknown as { toBigInt(): bigint }).toBigInt();

/** An account field (or `Option` of one) as the 32-byte hex id the pallets use; `undefined` for `None`. */
export function accountField(record: EventRecord, name: string): string | undefined {
  const value = field(record, name) as Codec & { isNone?: boolean; unwrap?: () => Codec };
  if (value.isNone === true) return undefined;
  return (value.unwrap ? value.unwrap() : value).toHex();
}

export const boolField = (record: EventRecord, name: string): boolean =>
  (field(record, name) as unknown as { isTrue: boolean }).isTrue;

export function describe(record: EventRecord): string {
  return `${record.event.section}.${record.event.method}`;
}

/** Every event of the block `blockHash`, decoded by the client. */
export async function blockEvents(api: ApiPromise, blockHash: string): Promise<EventRecord[]> {
  const at = await api.at(blockHash);
  return [...((await at.query.system.events()) as unknown as EventRecord[])];
}

export const snakeToCamel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
