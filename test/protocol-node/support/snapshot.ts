/**
 * The protocol's storage at one block, fetched from the node (`state_getPairs`) and read through the pallets' own
 * storage declarations, so the tests read the chain with the same typed handles the runtime writes with.
 */
import type { ApiPromise } from '@polkadot/api';
import { Twox128 } from '@polkadot-api/substrate-bindings';
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import type { DispatchContext } from '../../../pallets-spec/framework/dispatch.js';
import { itemPrefix, type StateIO } from '../../../pallets-spec/framework/state.js';
import { storage as balancesStorage } from '../../../pallets-spec/balances/declaration.js';
import { storage as systemStorage } from '../../../pallets-spec/system/index.js';
import type { AccountId } from '../../../pallets-spec/types/primitives.js';

/** Every protocol pallet (Disputes included: when it is not in the runtime its prefix is simply empty). */
export const PROTOCOL_PALLET_NAMES = ['Roles', 'Tasks', 'Market', 'Proofs', 'Verification', 'Disputes', 'Settlement'];

const palletPrefix = (name: string): HexString => u8aToHex(Twox128(new TextEncoder().encode(name)));
const ACCOUNTS_PREFIX = u8aToHex(itemPrefix('System', 'Account'));
const ISSUANCE_KEY = u8aToHex(itemPrefix('Balances', 'TotalIssuance'));

class ReadOnlyState implements StateIO {
  constructor(private readonly entries: ReadonlyMap<HexString, Uint8Array>) {}
  read(key: HexString): Uint8Array | undefined {
    return this.entries.get(key);
  }
  write(): void {
    throw new Error('a chain snapshot is read-only');
  }
  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[] {
    const keys = [...this.entries.keys()]
      .filter((k) => k.startsWith(prefix) && (startAfter === undefined || k > startAfter))
      .sort();
    return limit === undefined ? keys : keys.slice(0, limit);
  }
}

export class ChainSnapshot {
  private constructor(
    readonly blockHash: string,
    private readonly entries: ReadonlyMap<HexString, Uint8Array>,
  ) {}

  /** The protocol pallets' storage, every account and the total issuance at `blockHash` (the best block if absent). */
  static async at(api: ApiPromise, blockHash?: string): Promise<ChainSnapshot> {
    const hash = blockHash ?? (await api.rpc.chain.getBlockHash()).toHex();
    const prefixes = [...PROTOCOL_PALLET_NAMES.map(palletPrefix), ACCOUNTS_PREFIX, ISSUANCE_KEY];
    const entries = new Map<HexString, Uint8Array>();
    const pages = await Promise.all(prefixes.map((prefix) => api.rpc.state.getPairs(prefix, hash)));
    for (const page of pages)
      for (const [key, value] of page) entries.set(key.toHex().toLowerCase() as HexString, value.toU8a(true));
    return new ChainSnapshot(hash, entries);
  }

  /** A read-only context for the declarations' `storage.X.get(ctx.state, …)`. */
  get ctx(): DispatchContext {
    return {
      state: new ReadOnlyState(this.entries),
      blockNumber: 0,
      emit: () => {
        throw new Error('a chain snapshot emits nothing');
      },
    };
  }

  /** The protocol pallets' storage as text: equal fingerprints, equal protocol state. */
  protocolFingerprint(): string {
    const prefixes = PROTOCOL_PALLET_NAMES.map(palletPrefix);
    return [...this.entries]
      .filter(([k]) => prefixes.some((p) => k.startsWith(p)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${u8aToHex(v)}`)
      .join('\n');
  }

  totalIssuance(): bigint {
    return balancesStorage.TotalIssuance.get(this.ctx.state);
  }

  free(who: AccountId): bigint {
    return systemStorage.Account.get(this.ctx.state, who).data.free;
  }

  reserved(who: AccountId): bigint {
    return systemStorage.Account.get(this.ctx.state, who).data.reserved;
  }

  /** Every existing account with its free and reserved balance. */
  accounts(): Array<{ who: AccountId; free: bigint; reserved: bigint }> {
    return systemStorage.Account.entries(this.ctx.state).map(([who, info]) => ({
      who,
      free: info.data.free,
      reserved: info.data.reserved,
    }));
  }
}

/** The 32-byte account id of an SS58 address or keyring pair public key, in the declarations' hex form. */
export function accountIdOf(publicKey: Uint8Array): AccountId {
  return u8aToHex(publicKey) as AccountId;
}
