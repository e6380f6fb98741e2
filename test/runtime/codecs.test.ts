/**
 * The DSL's fast codecs (pallets-spec/types/codecs.ts, scale-writer.ts) against `@polkadot-api/substrate-bindings`:
 * for every type the runtime declares, a reference codec is built from the type's shape with the library's own
 * combinators, and both must give the same bytes and the same decoded values on random values.
 */
import { strict as assert } from 'node:assert';
import {
  Bytes,
  Hex,
  Option,
  Struct,
  Tuple,
  Variant,
  Vector,
  _void,
  bool,
  compactBn,
  compactNumber,
  enhanceCodec,
  i64,
  str,
  u128,
  u16,
  u32,
  u64,
  u8,
  Blake2128Concat,
  Twox128,
  Twox64Concat,
  type Codec,
} from '@polkadot-api/substrate-bindings';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { PALLETS } from '../../runtime-bindings/construct.js';
import { Era } from '../../pallets-spec/types/era.js';
import {
  compactU32,
  decodeAt,
  fixedHex,
  option,
  resolveSlot,
  struct,
  u128 as dslU128,
  u32 as dslU32,
  u64 as dslU64,
  vec,
  type AnyType,
} from '../../pallets-spec/types/dsl.js';
import { StorageMap } from '../../pallets-spec/framework/state.js';
import { AccountId } from '../../pallets-spec/types/primitives.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodec = Codec<any>;

const PRIMITIVES: Record<string, AnyCodec> = { bool, str, u8, u16, u32, u64, u128, i64 };

/** The library codec a type's shape stands for (what dsl.ts built before it had its own writers). */
function reference(input: AnyType, seen = new Map<AnyType, AnyCodec>()): AnyCodec {
  const type = resolveSlot(input);
  const known = seen.get(type);
  if (known) return known;
  const s = type.shape;
  const ref = (t: AnyType) => reference(t, seen);
  const isU8 = (t: AnyType) => {
    const r = resolveSlot(t).shape;
    return r.kind === 'primitive' && r.primitive === 'u8';
  };
  let codec: AnyCodec;
  if (type === resolveSlot(Era)) codec = type.codec;
  else if (s.kind === 'primitive') codec = PRIMITIVES[s.primitive] as AnyCodec;
  else if (s.kind === 'compact') {
    const inner = resolveSlot(s.inner).shape;
    codec = inner.kind === 'primitive' && inner.primitive === 'u32' ? compactNumber : compactBn;
  } else if (s.kind === 'sequence') codec = isU8(s.inner) ? Bytes() : Vector(ref(s.inner));
  else if (s.kind === 'array') codec = isU8(s.inner) ? Hex(s.len) : Vector(ref(s.inner), s.len);
  else if (s.kind === 'tuple') codec = s.items.length === 0 ? _void : Tuple(...s.items.map(ref));
  else if (s.kind === 'composite') {
    codec =
      s.fields.length === 1 && s.fields[0]!.name === undefined
        ? ref(s.fields[0]!.type)
        : (Struct(Object.fromEntries(s.fields.map((f) => [f.name!, ref(f.type)])) as never) as unknown as AnyCodec);
  } else if (type.path[0] === 'Option') codec = Option(ref(s.variants[1]!.fields[0]!.type));
  else {
    // A variant without fields is `()` or an empty struct (events); the shape cannot tell, the decoded value can.
    const emptyStruct = (v: { name: string; index: number }) =>
      type.path[0] !== 'Result' &&
      (type.codec.dec(Uint8Array.from([v.index])) as { value: unknown }).value !== undefined;
    const inner = Object.fromEntries(
      s.variants.map((v) => [
        v.name,
        v.fields.length === 0
          ? emptyStruct(v)
            ? Struct({})
            : _void
          : v.fields[0]!.name === undefined
            ? ref(v.fields[0]!.type)
            : Struct(Object.fromEntries(v.fields.map((f) => [f.name!, ref(f.type)])) as never),
      ]),
    );
    const variant = (Variant as unknown as (c: object, i: number[]) => AnyCodec)(
      inner,
      s.variants.map((v) => v.index),
    );
    codec =
      type.path[0] === 'Result'
        ? enhanceCodec(
            variant,
            (v: { success: boolean; value: unknown }) => ({ type: v.success ? 'Ok' : 'Err', value: v.value }),
            (d: { type: string; value: unknown }) => ({ success: d.type === 'Ok', value: d.value }),
          )
        : variant;
  }
  seen.set(type, codec);
  return codec;
}

/** A deterministic pseudo-random source (the test must fail the same way twice). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const EDGE_U32 = [0, 1, 63, 64, 255, 256, 16383, 16384, 65535, 65536, 2 ** 30 - 1, 2 ** 30, 2 ** 32 - 1];
const EDGE_BIG = [0n, 1n, 63n, 64n, 2n ** 30n - 1n, 2n ** 30n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n];

/** A random value of `type`, at most `depth` levels deep (deeper enums take their first fieldless variant). */
function sample(input: AnyType, r: () => number, depth = 0): unknown {
  const type = resolveSlot(input);
  const s = type.shape;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const big = (bits: number) => {
    if (r() < 0.4) return pick(EDGE_BIG.filter((b) => b < 2n ** BigInt(bits)));
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(Math.floor(r() * 65536));
    return v & (2n ** BigInt(bits) - 1n);
  };
  if (type === resolveSlot(Era)) return Era.codec.dec(new Uint8Array([0]));
  switch (s.kind) {
    case 'primitive':
      switch (s.primitive) {
        case 'bool':
          return r() < 0.5;
        case 'str':
          return pick(['', 'a', 'Veritrain', 'ü ß 漢']);
        case 'u8':
          return Math.floor(r() * 256);
        case 'u16':
          return Math.floor(r() * 65536);
        case 'u32':
          return r() < 0.4 ? pick(EDGE_U32) : Math.floor(r() * 2 ** 32);
        case 'u64':
          return big(64);
        case 'u128':
          return r() < 0.1 ? 2n ** 127n + big(64) : big(128);
        case 'i64':
          return big(63) * (r() < 0.5 ? -1n : 1n);
      }
      break;
    case 'compact': {
      const inner = resolveSlot(s.inner).shape;
      if (inner.kind === 'primitive' && inner.primitive === 'u32') return pick(EDGE_U32);
      return r() < 0.5 ? pick(EDGE_BIG) : big(128);
    }
    case 'sequence': {
      const n = depth > 3 ? 0 : Math.floor(r() * 4);
      const inner = resolveSlot(s.inner).shape;
      if (inner.kind === 'primitive' && inner.primitive === 'u8')
        return Uint8Array.from({ length: Math.floor(r() * 80) }, () => Math.floor(r() * 256));
      return Array.from({ length: n }, () => sample(s.inner, r, depth + 1));
    }
    case 'array': {
      const inner = resolveSlot(s.inner).shape;
      if (inner.kind === 'primitive' && inner.primitive === 'u8')
        return `0x${Array.from({ length: s.len }, () =>
          Math.floor(r() * 256)
            .toString(16)
            .padStart(2, '0'),
        ).join('')}`;
      return Array.from({ length: s.len }, () => sample(s.inner, r, depth + 1));
    }
    case 'tuple':
      return s.items.length === 0 ? undefined : s.items.map((t) => sample(t, r, depth + 1));
    case 'composite':
      if (s.fields.length === 1 && s.fields[0]!.name === undefined) return sample(s.fields[0]!.type, r, depth);
      return Object.fromEntries(s.fields.map((f) => [f.name!, sample(f.type, r, depth + 1)]));
    case 'variant': {
      if (type.path[0] === 'Option')
        return r() < 0.4 ? undefined : sample(s.variants[1]!.fields[0]!.type, r, depth + 1);
      const plain = s.variants.filter((v) => v.fields.length === 0);
      const v = depth > 4 && plain.length > 0 ? pick(plain) : pick(s.variants);
      const value =
        v.fields.length === 0
          ? undefined
          : v.fields[0]!.name === undefined
            ? sample(v.fields[0]!.type, r, depth + 1)
            : Object.fromEntries(v.fields.map((f) => [f.name!, sample(f.type, r, depth + 1)]));
      return type.path[0] === 'Result' ? { success: v.name === 'Ok', value } : { type: v.name, value };
    }
  }
  throw new Error(`no sample for ${type.path.join('::')}`);
}

/** Every type reachable from the runtime's pallets: calls, events, errors, storage, constants. */
function runtimeTypes(): AnyType[] {
  const found = new Set<AnyType>();
  const visit = (input: AnyType | undefined) => {
    if (!input) return;
    const type = resolveSlot(input);
    if (found.has(type)) return;
    found.add(type);
    const s = type.shape;
    if (s.kind === 'compact' || s.kind === 'sequence' || s.kind === 'array') visit(s.inner);
    else if (s.kind === 'tuple') s.items.forEach(visit);
    else if (s.kind === 'composite') s.fields.forEach((f) => visit(f.type));
    else if (s.kind === 'variant') s.variants.forEach((v) => v.fields.forEach((f) => visit(f.type)));
  };
  for (const p of PALLETS) {
    visit(p.callType);
    visit(p.eventType);
    visit(p.errorType);
    for (const item of Object.values(p.storage)) {
      visit(item.meta.keyType);
      visit(item.meta.valueType);
    }
    for (const c of Object.values(p.constants)) visit(c.type);
  }
  return [...found];
}

const PRIM = { u128: dslU128, u32: dslU32, u64: dslU64, compactU32 };
const name = (t: AnyType) => t.path.join('::') || t.typeName || t.shape.kind;

describe('SCALE codecs: the DSL against the library', () => {
  before(() => cryptoWaitReady());

  it('encodes and decodes every runtime type exactly as the library codecs do', () => {
    const types = runtimeTypes();
    assert.ok(types.length > 100, `only ${types.length} types found`);
    const r = rng(7);
    for (const type of types) {
      const ref = reference(type);
      for (let i = 0; i < 25; i++) {
        const value = sample(type, r);
        const ours = type.codec.enc(value);
        assert.equal(u8aToHex(ours), u8aToHex(ref.enc(value)), `${name(type)} encodes ${i}`);
        assert.deepStrictEqual(type.codec.dec(ours), ref.dec(ours), `${name(type)} decodes ${i}`);
        // From the middle of a larger buffer, as values are read out of extrinsics.
        const framed = Uint8Array.from([9, 9, ...ours, 7]);
        const [atOffset, end] = decodeAt(type, framed, 2);
        assert.deepStrictEqual(atOffset, ref.dec(ours), `${name(type)} decodes at an offset`);
        assert.equal(end, 2 + ours.length);
      }
    }
  });

  it('treats malformed hex and out-of-range integers as the library does', () => {
    const h = fixedHex(4);
    for (const v of ['0xDEADBEEF', '0xdeadbe', '0xdeadbeef00', 'deadbeef', '0xdeadbeeg', '0x']) {
      let ours: string | Error;
      let theirs: string | Error;
      try {
        ours = u8aToHex(h.codec.enc(v as `0x${string}`));
      } catch (e) {
        ours = e as Error;
      }
      try {
        theirs = u8aToHex(Hex(4).enc(v));
      } catch (e) {
        theirs = e as Error;
      }
      if (theirs instanceof Error) assert.ok(ours instanceof Error, `${v} should fail`);
      else assert.equal(ours, theirs, v);
    }
    const wide = struct(['T'], { a: fixedHex(2), b: fixedHex(2) });
    assert.equal(u8aToHex(wide.codec.enc({ a: '0xABCD', b: '0xabcd' })), '0xabcdabcd');
    for (const v of [2n ** 128n + 5n, -1n]) assert.equal(u8aToHex(PRIM.u128.codec.enc(v)), u8aToHex(u128.enc(v)));
    assert.throws(() => PRIM.compactU32.codec.enc(-1));
  });

  it('composes with library codecs that call back into ours (re-entrant encoding)', () => {
    const inner = struct(['Inner'], { a: PRIM.u128, b: vec(fixedHex(2)) });
    const outer = Vector(Option(inner.codec));
    const value: Array<{ a: bigint; b: Array<`0x${string}`> } | undefined> = [
      { a: 5n, b: ['0x0102'] },
      undefined,
      { a: 2n ** 100n, b: [] },
    ];
    const lib = Vector(Option(Struct({ a: u128, b: Vector(Hex(2)) })));
    assert.equal(u8aToHex(outer.enc(value)), u8aToHex(lib.enc(value)));
    const mixed = struct(['Mixed'], { x: option(inner), y: PRIM.u32 });
    assert.deepStrictEqual(mixed.codec.dec(mixed.codec.enc({ x: value[0], y: 3 })), { x: value[0], y: 3 });
  });
});

describe('storage keys and cached values', () => {
  before(() => cryptoWaitReady());
  const hasher = (h: (b: Uint8Array) => Uint8Array, b: Uint8Array) => u8aToHex(h(b)).slice(2);

  it('hashes N-key map keys as Substrate does, the first time and from the cache', () => {
    const map = new StorageMap<[bigint, string], number, number | undefined>(
      { pallet: 'Test', name: 'Pairs', docs: [] },
      [
        { type: PRIM.u64, hasher: 'Twox64Concat' },
        { type: AccountId, hasher: 'Blake2_128Concat' },
      ],
      PRIM.u32,
      undefined,
    );
    const account = `0x${'ab'.repeat(32)}` as const;
    const key: [bigint, string] = [0x0807060504030201n, account];
    const expected = (u8aToHex(Twox128(new TextEncoder().encode('Test'))) +
      hasher(Twox128, new TextEncoder().encode('Pairs')) +
      hasher(Twox64Concat, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])) +
      hasher(
        Blake2128Concat,
        Uint8Array.from({ length: 32 }, () => 0xab),
      )) as `0x${string}`;
    assert.equal(map.keyOf(key), expected);
    assert.equal(map.keyOf([key[0], key[1]]), expected, 'from the cache');
    const other: [bigint, string] = [0x0907060504030201n, account];
    assert.notEqual(map.keyOf(other), expected, 'a different tuple is a different key');
    assert.deepStrictEqual(map.decodeKey(expected), key);
  });

  it('hands out cached values frozen, so a caller cannot corrupt the cache by mutating one', () => {
    const item = new StorageMap<number, { n: number; list: number[] }, { n: number; list: number[] } | undefined>(
      { pallet: 'Test', name: 'Values', docs: [] },
      [{ type: PRIM.u32, hasher: 'Twox64Concat' }],
      struct(['V'], { n: PRIM.u32, list: vec(PRIM.u32) }),
      undefined,
    );
    const store = new Map<string, Uint8Array>();
    const io = {
      read: (k: `0x${string}`) => store.get(k),
      write: (k: `0x${string}`, v: Uint8Array | null) => void (v ? store.set(k, v) : store.delete(k)),
      keysWithPrefix: () => [],
    };
    item.set(io, 1, { n: 1, list: [1, 2] });
    const read = item.get(io, 1)!;
    assert.throws(() => {
      (read as { n: number }).n = 5;
    }, TypeError);
    assert.throws(() => read.list.push(3), TypeError);
    assert.deepStrictEqual(item.get(io, 1), { n: 1, list: [1, 2] });
  });
});
