/**
 * The SCALE codecs the type DSL builds on: `@polkadot-api/substrate-bindings`' codecs, with the hot ones given a
 * buffer writer (scale-writer.ts) and the composites a direct decoder. Every codec here produces exactly the bytes
 * and values of the library codec it stands for (test/runtime/codecs.test.ts compares them on random values);
 * what differs is only how many intermediate arrays and objects they allocate on the way.
 */
import {
  Bytes,
  Hex,
  _void,
  compact,
  compactBn as compactBnLib,
  compactNumber as compactNumberLib,
  createDecoder,
  str as strLib,
  type Codec,
} from '@polkadot-api/substrate-bindings';
import type { HexString } from '@polkadot/util/types';
import { type ScaleWriter, type Write, withWriter, writerCodec, writerOf } from './scale-writer.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodec = Codec<any>;
/** scale-ts' decoding cursor: the whole buffer, the read position and a DataView over it. */
type Cursor = Uint8Array & { i: number; v: DataView };

/** A decoder working on scale-ts' cursor directly: composites call their parts' readers without re-wrapping. */
type Read<T> = (cursor: Cursor) => T;
const readers = new WeakMap<object, Read<unknown>>();

/** The reader of `codec`: its registered one, or its own `dec` (scale-ts decoders accept the cursor as it is). */
export function readerOf<T>(codec: Codec<T>): Read<T> {
  return (readers.get(codec) as Read<T> | undefined) ?? (codec.dec as unknown as Read<T>);
}

/** Gives a wrapper codec (same bytes and values as `inner`) `inner`'s writer and reader. */
export function sameBytesAs<T>(wrapper: Codec<T>, inner: Codec<T>): Codec<T> {
  readers.set(wrapper, readerOf(inner));
  return withWriter(wrapper, writerOf(inner));
}

/** A codec from a writer and a cursor reader; `dec` accepts what scale-ts decoders accept. */
function fast<T>(write: Write<T>, read: Read<T>): Codec<T> {
  const codec = writerCodec(write, createDecoder(read as (input: Uint8Array) => T));
  readers.set(codec, read);
  return codec;
}

/** Reads one byte; past the end it throws as scale-ts' `u8` does (DataView bounds). */
const readU8 = (c: Cursor): number => c.v.getUint8(c.i++);

const fixedInt =
  <T>(size: number, set: (view: DataView, at: number, v: T) => void) =>
  (w: ScaleWriter, v: T): void => {
    w.reserve(size);
    set(w.view, w.pos, v);
    w.pos += size;
  };

export const u8 = fast<number>((w, v) => w.u8(v), readU8);
const writeU16 = fixedInt<number>(2, (view, at, v) => view.setUint16(at, v, true));
const writeU32 = fixedInt<number>(4, (view, at, v) => view.setUint32(at, v, true));
export const u16 = fast<number>(writeU16, (c) => {
  const v = c.v.getUint16(c.i, true);
  c.i += 2;
  return v;
});
export const u32 = fast<number>(writeU32, (c) => {
  const v = c.v.getUint32(c.i, true);
  c.i += 4;
  return v;
});
export const u64 = fast<bigint>(
  fixedInt<bigint>(8, (view, at, v) => view.setBigUint64(at, v, true)),
  (c) => {
    const v = c.v.getBigUint64(c.i, true);
    c.i += 8;
    return v;
  },
);
export const i64 = fast<bigint>(
  fixedInt<bigint>(8, (view, at, v) => view.setBigInt64(at, v, true)),
  (c) => {
    const v = c.v.getBigInt64(c.i, true);
    c.i += 8;
    return v;
  },
);
/** As scale-ts' `x128Enc`: two signed 64-bit halves, so out-of-range values wrap exactly as the library's do. */
export const u128 = fast<bigint>(
  fixedInt<bigint>(16, (view, at, v) => {
    view.setBigInt64(at, v, true);
    view.setBigInt64(at + 8, v >> 64n, true);
  }),
  (c) => {
    const low = c.v.getBigUint64(c.i, true);
    const high = c.v.getBigUint64(c.i + 8, true);
    c.i += 16;
    // Balances mostly fit 64 bits: skip the shift then.
    return high === 0n ? low : (high << 64n) | low;
  },
);
export const bool = fast<boolean>(
  (w, v) => w.u8(v ? 1 : 0),
  (c) => Boolean(readU8(c)),
);
export const str = strLib;
export const voidCodec = _void;

/** scale-ts' `compactEnc`, with the one-, two- and four-byte modes written in place. */
function writeCompact(w: ScaleWriter, input: number | bigint): void {
  if (input < 0 || input >= 1 << 30) {
    w.bytes(compact.enc(input));
    return;
  }
  const shifted = Number(input) << 2;
  if (input < 1 << 6) w.u8(shifted);
  else if (input < 1 << 14) writeU16(w, shifted | 1);
  else writeU32(w, shifted | 2);
}
export const compactNumber = fast<number>(writeCompact, readerOf(compactNumberLib));
export const compactBn = fast<bigint>(writeCompact, readerOf(compactBnLib));

/** `Vec<u8>` as a `Uint8Array`. */
export function bytesCodec(): Codec<Uint8Array> {
  return writerCodec<Uint8Array>((w, v) => {
    writeCompact(w, v.length);
    w.bytes(v);
  }, Bytes().dec);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Nibble value of each ASCII code, -1 where it is no hex digit. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 16; c++) {
  NIBBLE['0123456789abcdef'.charCodeAt(c)] = c;
  NIBBLE['0123456789ABCDEF'.charCodeAt(c)] = c;
}

type NodeBuffer = Uint8Array & { hexSlice(start: number, end: number): string };
const NodeBuffer = (globalThis as unknown as { Buffer?: { from(b: ArrayBufferLike): NodeBuffer } }).Buffer;
/** Node's Buffer over the last cursor's bytes (kept for the next hash in the same value). */
let lastCursor: Cursor | undefined;
let lastBuffer: NodeBuffer | undefined;

/**
 * The hex digits of `cursor[start..stop)`. Under Node, its native `hexSlice` (a flat string, about twice as fast as
 * concatenating, and flat strings hash faster as map keys); elsewhere (a browser bundle) by concatenation.
 */
function hexDigits(cursor: Cursor, start: number, stop: number): string {
  if (NodeBuffer !== undefined) {
    if (cursor !== lastCursor) {
      lastCursor = cursor;
      lastBuffer = NodeBuffer.from(cursor.buffer);
    }
    return lastBuffer!.hexSlice(start, stop);
  }
  let out = '';
  for (let i = start; i < stop; i++) out += HEX_BYTE[cursor[i] as number];
  return out;
}

/**
 * Bytes of hex strings already parsed. Hashes and account ids are written again and again (the same string
 * objects, shared by cached decoded values), and parsing 64 digits costs more than a map lookup whose string hash
 * V8 keeps in the string. Bounded; a pure cache, so it cannot change a result.
 */
const PARSED_HEX = new Map<string, Uint8Array>();
const PARSED_HEX_LIMIT = 50_000;

/**
 * `[u8; len]` as a hex string. Well-formed input (`0x` and exactly `2 len` hex digits) is parsed in place; anything
 * else goes through the library's encoder, so malformed input is treated exactly as before.
 */
export function fixedHexCodec(len: number): Codec<HexString> {
  const lib = Hex(len) as Codec<HexString>;
  const write = (w: ScaleWriter, v: HexString): void => {
    const known = PARSED_HEX.get(v);
    if (known !== undefined && known.length === len) {
      w.bytes(known);
      return;
    }
    if (v.length === 2 + 2 * len && v.charCodeAt(0) === 48 && v.charCodeAt(1) === 120) {
      w.reserve(len);
      const buf = w.buf;
      const start = w.pos;
      let ok = true;
      for (let i = 0; i < len; i++) {
        const hi = NIBBLE[v.charCodeAt(2 + 2 * i)] ?? -1;
        const lo = NIBBLE[v.charCodeAt(3 + 2 * i)] ?? -1;
        if (hi < 0 || lo < 0) {
          ok = false;
          break;
        }
        buf[start + i] = (hi << 4) | lo;
      }
      if (ok) {
        if (PARSED_HEX.size >= PARSED_HEX_LIMIT) PARSED_HEX.clear();
        PARSED_HEX.set(v, buf.slice(start, start + len));
        w.pos += len;
        return;
      }
    }
    w.bytes(lib.enc(v));
  };
  const read = (cursor: Cursor): HexString => {
    const end = cursor.i + len;
    // Past the end the library yields the shorter string (it slices), and so do we.
    const stop = end < cursor.length ? end : cursor.length;
    const out = hexDigits(cursor, cursor.i, stop);
    cursor.i = end;
    return `0x${out}` as HexString;
  };
  return fast(write, read);
}

const readCompactNumber = readerOf(compactNumberLib);

export function vectorCodec<T>(inner: Codec<T>): Codec<T[]> {
  const write = writerOf(inner);
  const read = readerOf(inner);
  return fast<T[]>(
    (w, v) => {
      writeCompact(w, v.length);
      for (let i = 0; i < v.length; i++) write(w, v[i] as T);
    },
    (c) => {
      const n = readCompactNumber(c);
      const out = new Array<T>(n);
      for (let i = 0; i < n; i++) out[i] = read(c);
      return out;
    },
  );
}

export function tupleCodec(items: AnyCodec[]): AnyCodec {
  const writes = items.map((c) => writerOf(c));
  const reads = items.map((c) => readerOf(c));
  return fast<unknown[]>(
    (w, v) => {
      for (let i = 0; i < writes.length; i++) (writes[i] as Write<unknown>)(w, v[i]);
    },
    (c) => reads.map((read) => read(c)),
  );
}

export function optionCodec<T>(inner: Codec<T>): Codec<T | undefined> {
  const write = writerOf(inner);
  const read = readerOf(inner);
  return fast<T | undefined>(
    (w, v) => {
      if (v === undefined) w.u8(0);
      else {
        w.u8(1);
        write(w, v);
      }
    },
    (c) => (readU8(c) > 0 ? read(c) : undefined),
  );
}

/** A struct: fields in declaration order, decoded straight into one object (keys in that order, as the library). */
export function structCodec(fields: Record<string, AnyCodec>): AnyCodec {
  const keys = Object.keys(fields);
  const writes = keys.map((k) => writerOf(fields[k] as AnyCodec));
  const reads = keys.map((k) => readerOf(fields[k] as AnyCodec));
  return fast<Record<string, unknown>>(
    (w, v) => {
      for (let i = 0; i < keys.length; i++) (writes[i] as Write<unknown>)(w, v[keys[i] as string]);
    },
    (c) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i] as string] = (reads[i] as Read<unknown>)(c);
      return out;
    },
  );
}

/** An enum with explicit discriminants; values are `{ type, value }`. Unknown names and indexes throw. */
export function variantCodec(variants: Record<string, AnyCodec>, indexes: number[]): AnyCodec {
  const names = Object.keys(variants);
  const byName = new Map(names.map((n, i) => [n, { index: indexes[i] as number, write: writerOf(variants[n]!) }]));
  const byIndex = new Map(names.map((n, i) => [indexes[i] as number, { type: n, read: readerOf(variants[n]!) }]));
  return fast<{ type: string; value: unknown }>(
    (w, v) => {
      const variant = byName.get(v.type);
      if (!variant) throw new Error(`unknown variant ${String(v.type)} (expected one of ${names.join(', ')})`);
      w.u8(variant.index);
      variant.write(w, v.value);
    },
    (c) => {
      const index = readU8(c);
      const variant = byIndex.get(index);
      if (!variant) throw new Error(`unknown variant index ${index}`);
      return { type: variant.type, value: variant.read(c) };
    },
  );
}
