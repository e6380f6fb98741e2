/**
 * An in-memory chain for the protocol pallets' dispatch tests: a genesis builder (endowed accounts, total issuance),
 * calls dispatched inside a transactional layer (a failed call leaves state and events untouched, as the runtime
 * guarantees), a block counter, and a state fingerprint for "a failed call changes nothing".
 */
// The runtime binds the `RuntimeEvent`/`RuntimeCall` type slots that System's types refer to; load it first.
import '../../runtime-bindings/construct.js';
import type { HexString } from '@polkadot/util/types';
import {
  DispatchFailure,
  type DispatchContext,
  type EmittedEvent,
  type Origin,
} from '../../pallets-spec/framework/dispatch.js';
import type { Pallet } from '../../pallets-spec/framework/pallet.js';
import type { StateIO } from '../../pallets-spec/framework/state.js';
import { storage as balancesStorage } from '../../pallets-spec/balances/declaration.js';
import { EMPTY_ACCOUNT, storage as systemStorage } from '../../pallets-spec/system/index.js';
import type { AccountId, DispatchError } from '../../pallets-spec/types/primitives.js';

export class MemoryState implements StateIO {
  constructor(readonly entries = new Map<HexString, Uint8Array>()) {}
  read(key: HexString): Uint8Array | undefined {
    return this.entries.get(key);
  }
  write(key: HexString, value: Uint8Array | null): void {
    if (value === null) this.entries.delete(key);
    else this.entries.set(key, value);
  }
  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[] {
    const keys = [...this.entries.keys()]
      .filter((k) => k.startsWith(prefix) && (startAfter === undefined || k > startAfter))
      .sort();
    return limit === undefined ? keys : keys.slice(0, limit);
  }
}

export type DispatchResult = { ok: true } | { ok: false; error: DispatchError; message: string };

export class TestChain {
  private state = new MemoryState();
  blockNumber = 1;
  /** Events of every successful call, in order. */
  readonly events: EmittedEvent[] = [];

  /** Genesis: each account endowed with `free`; total issuance is their sum. */
  static withBalances(balances: ReadonlyArray<[AccountId, bigint]>): TestChain {
    const chain = new TestChain();
    let issuance = 0n;
    for (const [who, free] of balances) {
      systemStorage.Account.set(chain.state, who, {
        ...EMPTY_ACCOUNT,
        providers: 1,
        data: { ...EMPTY_ACCOUNT.data, free },
      });
      issuance += free;
    }
    balancesStorage.TotalIssuance.set(chain.state, issuance);
    return chain;
  }

  /** Runs `f` as one call would run: its writes and events are kept only if it does not throw. */
  run(f: (ctx: DispatchContext) => void): DispatchResult {
    const layer = new MemoryState(new Map(this.state.entries));
    const emitted: EmittedEvent[] = [];
    const ctx: DispatchContext = { state: layer, blockNumber: this.blockNumber, emit: (e) => emitted.push(e) };
    try {
      f(ctx);
    } catch (error) {
      if (error instanceof DispatchFailure) return { ok: false, error: error.error, message: error.message };
      throw error;
    }
    this.state = layer;
    this.events.push(...emitted);
    return { ok: true };
  }

  dispatch(pallet: Pallet, callName: string, who: AccountId | Origin, args: unknown): DispatchResult {
    const call = pallet.calls[callName];
    if (call === undefined) throw new Error(`${pallet.header.name} has no call ${callName}`);
    const origin: Origin = typeof who === 'string' ? { type: 'Signed', who } : who;
    // Round-trip the arguments through their SCALE codec, as an extrinsic would deliver them.
    const argsType = pallet.callType;
    const decoded = argsType
      ? (argsType.codec.dec(argsType.codec.enc({ type: callName, value: args })) as { value: unknown }).value
      : args;
    return this.run((ctx) => call.dispatch(ctx, origin, decoded as never));
  }

  /**
   * Records the hash of block `number`, as System does when the next block starts (calls that draw randomness from
   * block hashes read it; an unrecorded hash reads as zeroes).
   */
  setBlockHash(number: number, hash: HexString): void {
    systemStorage.BlockHash.set(this.state, number, hash);
  }

  /** A read-only context on the current state (for storage reads in assertions). */
  read<T>(f: (ctx: DispatchContext) => T): T {
    return f({ state: this.state, blockNumber: this.blockNumber, emit: () => undefined });
  }

  /** The raw storage (for benchmarks that dispatch against it without copying it). */
  storageEntries(): ReadonlyMap<HexString, Uint8Array> {
    return this.state.entries;
  }

  /** Every key and value, in key order: equal fingerprints mean equal state. */
  fingerprint(): string {
    return [...this.state.entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${Buffer.from(v).toString('hex')}`)
      .join('\n');
  }

  free(who: AccountId): bigint {
    return this.read((ctx) => systemStorage.Account.get(ctx.state, who).data.free);
  }

  reserved(who: AccountId): bigint {
    return this.read((ctx) => systemStorage.Account.get(ctx.state, who).data.reserved);
  }

  totalIssuance(): bigint {
    return this.read((ctx) => balancesStorage.TotalIssuance.get(ctx.state));
  }

  /** Names of the events emitted since `from` (an index into `events`). */
  eventNames(from = 0): string[] {
    return this.events.slice(from).map((e) => `${e.pallet}.${e.name}`);
  }
}

/** The module error name of a failed dispatch, looked up in the pallet's declared errors. */
export function moduleErrorName(pallet: Pallet, result: DispatchResult): string | undefined {
  if (result.ok || result.error.type !== 'Module') return undefined;
  const { index, error } = result.error.value;
  if (index !== pallet.header.index) return `pallet ${index}`;
  const errorIndex = parseInt(error.slice(2, 4), 16);
  return Object.values(pallet.errors).find((e) => e.index === errorIndex)?.name;
}
