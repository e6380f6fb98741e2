/**
 * Storage as pallets see it: typed handles over raw key/value bytes. The runtime (runtime-bindings/overlay.ts)
 * supplies the `StateIO`; pallets never see the node's database. Keys are Substrate's:
 * `twox128(pallet) ‖ twox128(item) ‖ hasher(key)…`.
 */
import { Blake2128, Blake2256, Identity, Twox128, Twox256, Twox64Concat } from '@polkadot-api/substrate-bindings';
import { blake2b, isReady, twox } from '@polkadot/wasm-crypto';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { tuple, type AnyType, type Type } from '../types/dsl.js';

/** Raw state access for one block (or one transactional layer of it). */
export interface StateIO {
  read(key: HexString): Uint8Array | undefined;
  /** `null` deletes. */
  write(key: HexString, value: Uint8Array | null): void;
  /** Keys under `prefix` in ascending byte order (see seam.ts `StorageReader.keysWithPrefix`). */
  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[];
}

const KEY_CACHE_LIMIT = 100_000;

export type Hasher =
  'Blake2_128' | 'Blake2_256' | 'Blake2_128Concat' | 'Twox128' | 'Twox256' | 'Twox64Concat' | 'Identity';

/** The wasm hashers when wasm-crypto is initialised (the runtime awaits it), the JS ones otherwise: same bytes. */
const wasmOr =
  (wasm: (b: Uint8Array) => Uint8Array, js: (b: Uint8Array) => Uint8Array) =>
  (b: Uint8Array): Uint8Array =>
    isReady() ? wasm(b) : js(b);
const NO_KEY = new Uint8Array();
const blake2_128 = wasmOr((b) => blake2b(b, NO_KEY, 16), Blake2128);

const HASHERS: Record<Hasher, { hash: (b: Uint8Array) => Uint8Array; hashLen: number; concat: boolean }> = {
  Blake2_128: { hash: blake2_128, hashLen: 16, concat: false },
  Blake2_256: { hash: wasmOr((b) => blake2b(b, NO_KEY, 32), Blake2256), hashLen: 32, concat: false },
  Blake2_128Concat: { hash: (b) => u8aConcat(blake2_128(b), b), hashLen: 16, concat: true },
  Twox128: { hash: wasmOr((b) => twox(b, 2), Twox128), hashLen: 16, concat: false },
  Twox256: { hash: wasmOr((b) => twox(b, 4), Twox256), hashLen: 32, concat: false },
  Twox64Concat: { hash: wasmOr((b) => u8aConcat(twox(b, 1), b), Twox64Concat), hashLen: 8, concat: true },
  Identity: { hash: Identity, hashLen: 0, concat: true },
};

export function itemPrefix(pallet: string, item: string): Uint8Array {
  const enc = new TextEncoder();
  return u8aConcat(Twox128(enc.encode(pallet)), Twox128(enc.encode(item)));
}

interface ItemMeta {
  pallet: string;
  name: string;
  docs: string[];
  /**
   * Whether decoded values may be cached and shared, frozen (the default). `false` opts an item out: each read
   * then decodes afresh, and callers may mutate what they get.
   */
  immutableValues?: boolean;
}

/** What the metadata needs to know about a storage item. */
export interface StorageItemMeta extends ItemMeta {
  modifier: 'Optional' | 'Default';
  hashers: Hasher[];
  /** `undefined` for a plain value. */
  keyType?: AnyType;
  valueType: AnyType;
  /** SCALE bytes of the default (empty for `Optional`). */
  fallback: Uint8Array;
}

/**
 * Decoded values by the exact bytes object they were read from or written as: the overlay hands back the same
 * object for an unchanged value, and the node's head state keeps the bytes a block wrote, so a value decodes once
 * however many calls and blocks read it. Primitive values (numbers, bigints, hex strings) are always cached;
 * objects unless the item opts out (`immutableValues: false`). Cached objects are deep-frozen, values written
 * included, so code that mutates one in place (which would corrupt the cache, e.g. after a rolled-back layer)
 * fails loudly (a TypeError in strict mode) instead; test/runtime/codecs.test.ts checks it.
 */
class DecodeCache<V> {
  private readonly byBytes = new WeakMap<Uint8Array, V>();
  constructor(private readonly objects: boolean) {}
  private keep(raw: Uint8Array, value: V): void {
    if (typeof value !== 'object' || value === null) this.byBytes.set(raw, value);
    else if (this.objects) this.byBytes.set(raw, deepFreeze(value));
  }
  decode(type: Type<V>, raw: Uint8Array): V {
    const hit = this.byBytes.get(raw);
    if (hit !== undefined) return hit;
    const value = type.codec.dec(raw);
    this.keep(raw, value);
    return value;
  }
  encode(type: Type<V>, value: V): Uint8Array {
    const raw = type.codec.enc(value);
    this.keep(raw, value);
    return raw;
  }
}

/**
 * Freezes `value` and every object under it. Parts already frozen are skipped whole: values built by spreading a
 * cached (frozen) value share its frozen parts, so only the new outer objects are walked. Byte arrays cannot be
 * frozen and are left as they are (no dispatch code writes into a decoded `Vec<u8>`).
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) deepFreeze(record[key]);
  }
  return Object.freeze(value);
}

/**
 * A string naming a tuple of primitive keys (bigint, number, string), for the key cache of N-key maps; `undefined`
 * when a part is an object. Each part carries its type and length, so no two different tuples share a name
 * (`1n` and `1` differ by type, `['a|b']` and `['a', 'b']` by length).
 */
function tupleCacheKey(key: unknown): string | undefined {
  if (!Array.isArray(key)) return undefined;
  let out = '';
  for (const part of key) {
    const t = typeof part;
    if (t !== 'bigint' && t !== 'number' && t !== 'string') return undefined;
    const text = String(part);
    out += `${t[0]}${text.length}:${text}|`;
  }
  return out;
}

export interface StorageItem {
  readonly meta: StorageItemMeta;
}

/** A single value (`StorageValue`). `Q` is `V` with a default, `V | undefined` without. */
export class StorageValue<V, Q extends V | undefined> implements StorageItem {
  readonly key: HexString;
  readonly meta: StorageItemMeta;
  constructor(
    item: ItemMeta,
    readonly type: Type<V>,
    private readonly fallback: Q,
  ) {
    this.key = u8aToHex(itemPrefix(item.pallet, item.name));
    deepFreeze(fallback); // every caller reading a missing entry shares it
    this.cache = new DecodeCache<V>(item.immutableValues !== false);
    this.meta = {
      ...item,
      modifier: fallback === undefined ? 'Optional' : 'Default',
      hashers: [],
      valueType: type,
      fallback: fallback === undefined ? new Uint8Array() : type.codec.enc(fallback as V),
    };
  }
  private readonly cache: DecodeCache<V>;
  get(io: StateIO): Q {
    const raw = io.read(this.key);
    return raw === undefined ? this.fallback : (this.cache.decode(this.type, raw) as Q);
  }
  set(io: StateIO, value: V): void {
    io.write(this.key, this.cache.encode(this.type, value));
  }
  kill(io: StateIO): void {
    io.write(this.key, null);
  }
  exists(io: StateIO): boolean {
    return io.read(this.key) !== undefined;
  }
}

/** A map (`StorageMap`, or an N-key map whose key is a tuple). `Q` as for `StorageValue`. */
export class StorageMap<K, V, Q extends V | undefined> implements StorageItem {
  readonly prefix: Uint8Array;
  readonly prefixHex: HexString;
  readonly meta: StorageItemMeta;
  private readonly parts: Array<{ type: AnyType; hasher: Hasher }>;
  constructor(
    item: ItemMeta,
    keys: Array<{ type: AnyType; hasher: Hasher }>,
    readonly type: Type<V>,
    private readonly fallback: Q,
  ) {
    this.parts = keys;
    deepFreeze(fallback); // every caller reading a missing entry shares it
    this.cache = new DecodeCache<V>(item.immutableValues !== false);
    this.prefix = itemPrefix(item.pallet, item.name);
    this.prefixHex = u8aToHex(this.prefix);
    const keyType = keys.length === 1 ? keys[0].type : tuple(...keys.map((k) => k.type));
    this.meta = {
      ...item,
      modifier: fallback === undefined ? 'Optional' : 'Default',
      hashers: keys.map((k) => k.hasher),
      keyType,
      valueType: type,
      fallback: fallback === undefined ? new Uint8Array() : type.codec.enc(fallback as V),
    };
  }
  /** Hashing keys dominates hot paths (accounts are read several times per transaction): memoise. */
  private readonly keyCache = new Map<unknown, HexString>();

  /** Full storage key of one entry. For N-key maps `key` is the tuple of keys. */
  keyOf(key: K): HexString {
    const cacheKey = this.parts.length === 1 ? (typeof key === 'object' ? undefined : key) : tupleCacheKey(key);
    if (cacheKey !== undefined) {
      const hit = this.keyCache.get(cacheKey);
      if (hit !== undefined) return hit;
    }
    const full = this.computeKey(key);
    if (cacheKey !== undefined) {
      if (this.keyCache.size >= KEY_CACHE_LIMIT) this.keyCache.clear();
      this.keyCache.set(cacheKey, full);
    }
    return full;
  }

  private computeKey(key: K): HexString {
    const values = this.parts.length === 1 ? [key] : (key as unknown as unknown[]);
    const hashed = this.parts.map((p, i) => HASHERS[p.hasher].hash(p.type.codec.enc(values[i])));
    return u8aToHex(u8aConcat(this.prefix, ...hashed));
  }
  private readonly cache: DecodeCache<V>;
  get(io: StateIO, key: K): Q {
    const raw = io.read(this.keyOf(key));
    return raw === undefined ? this.fallback : (this.cache.decode(this.type, raw) as Q);
  }
  set(io: StateIO, key: K, value: V): void {
    io.write(this.keyOf(key), this.cache.encode(this.type, value));
  }
  remove(io: StateIO, key: K): void {
    io.write(this.keyOf(key), null);
  }
  contains(io: StateIO, key: K): boolean {
    return io.read(this.keyOf(key)) !== undefined;
  }
  /** Applies `f` to the current value (or the default) and writes the result; `undefined` removes the entry. */
  mutate<R>(io: StateIO, key: K, f: (current: Q) => { value: V | undefined; result: R }): R {
    const k = this.keyOf(key);
    const raw = io.read(k);
    const { value, result } = f(raw === undefined ? this.fallback : (this.cache.decode(this.type, raw) as Q));
    io.write(k, value === undefined ? null : this.cache.encode(this.type, value));
    return result;
  }
  /**
   * Entries in ascending key order (the order of the hashed keys), decoded. Needs concat hashers (or Identity)
   * on every key part so the key can be read back; deterministic because storage iteration is ordered.
   */
  entries(io: StateIO, limit?: number): Array<[K, V]> {
    return this.entriesUnder(io, this.prefixHex, limit);
  }
  /**
   * The entries of an N-key map whose first key parts are `leading` (a task's bids: `Bids` under one task id), in
   * ascending key order; the same needs as `entries`, and only the keys under that prefix are visited.
   */
  entriesWithPrefix(io: StateIO, leading: readonly unknown[], limit?: number): Array<[K, V]> {
    if (leading.length >= this.parts.length) throw new RangeError('a key prefix must leave at least one key part');
    const hashed = leading.map((value, i) => {
      const part = this.parts[i] as { type: AnyType; hasher: Hasher };
      return HASHERS[part.hasher].hash(part.type.codec.enc(value));
    });
    return this.entriesUnder(io, u8aToHex(u8aConcat(this.prefix, ...hashed)), limit);
  }
  private entriesUnder(io: StateIO, prefix: HexString, limit?: number): Array<[K, V]> {
    const out: Array<[K, V]> = [];
    for (const keyHex of io.keysWithPrefix(prefix, undefined, limit)) {
      const raw = io.read(keyHex);
      if (raw === undefined) continue;
      out.push([this.decodeKey(keyHex), this.cache.decode(this.type, raw)]);
    }
    return out;
  }
  decodeKey(keyHex: HexString): K {
    const bytes = hexToU8a(keyHex);
    let offset = this.prefix.length;
    const values: unknown[] = [];
    for (const part of this.parts) {
      const h = HASHERS[part.hasher];
      if (!h.concat)
        throw new Error(`${this.meta.pallet}.${this.meta.name}: key hashed with ${part.hasher} cannot be decoded`);
      offset += h.hashLen;
      const rest = bytes.subarray(offset); // DSL codecs copy views before decoding (dsl.ts `ownBytes`)
      const value = part.type.codec.dec(rest);
      offset += part.type.codec.enc(value).length;
      values.push(value);
    }
    return (this.parts.length === 1 ? values[0] : values) as K;
  }
}
