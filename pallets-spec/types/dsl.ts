/**
 * The type DSL: every SCALE type the runtime uses is declared once, here or in a pallet, as a `Type<T>`.
 * From that one declaration we derive
 *  - the SCALE codec (codecs.ts: `@polkadot-api/substrate-bindings`' codecs, the hot ones writing into one buffer
 *    and decoding without intermediate arrays; test/runtime/codecs.test.ts holds them to the library's bytes),
 *  - the TypeScript type (`TypeOf<typeof t>`),
 *  - the metadata's portable type registry entry (`shape`, `path`, `params`, `docs`; see
 *    runtime-bindings/registry.ts).
 */
import { enhanceCodec, createCodec, createDecoder, type Codec } from '@polkadot-api/substrate-bindings';
import {
  bool as boolCodec,
  bytesCodec,
  compactBn,
  compactNumber,
  fixedHexCodec,
  i64 as i64Codec,
  optionCodec,
  sameBytesAs,
  str as strCodec,
  structCodec as fastStructCodec,
  tupleCodec,
  u128 as u128Codec,
  u16 as u16Codec,
  u32 as u32Codec,
  u64 as u64Codec,
  u8 as u8Codec,
  variantCodec,
  vectorCodec,
  voidCodec as _void,
} from './codecs.js';
import { writerOf, withWriter } from './scale-writer.js';
import type { HexString } from '@polkadot/util/types';

/** A type of any value, for references between types (a `Type<T>` is invariant in `T`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyType = Type<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodec = Codec<any>;

export type Primitive = 'bool' | 'str' | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'i64';

/** A field of a composite or variant, as it appears in metadata. */
export interface FieldShape {
  name?: string;
  type: AnyType;
  typeName?: string;
  docs: string[];
}

export interface VariantShape {
  name: string;
  index: number;
  fields: FieldShape[];
  docs: string[];
}

/** The portable-registry definition of a type; child types are referenced as `Type`s, ids are assigned later. */
export type Shape =
  | { kind: 'primitive'; primitive: Primitive }
  | { kind: 'compact'; inner: AnyType }
  | { kind: 'sequence'; inner: AnyType }
  | { kind: 'array'; len: number; inner: AnyType }
  | { kind: 'tuple'; items: AnyType[] }
  | { kind: 'composite'; fields: FieldShape[] }
  | { kind: 'variant'; variants: VariantShape[] };

export interface TypeParam {
  name: string;
  type?: AnyType;
}

export interface Type<T> {
  readonly codec: Codec<T>;
  readonly shape: Shape;
  /** Rust type path (`['sp_core', 'crypto', 'AccountId32']`); empty for anonymous types (tuples, Vec, …). */
  readonly path: string[];
  readonly params: TypeParam[];
  readonly docs: string[];
  /** The Rust-ish name shown in metadata when this type is used as a field (`T::Balance`). */
  readonly typeName?: string;
}

export type TypeOf<X> = X extends Type<infer T> ? T : never;

interface Meta {
  path?: string[];
  params?: TypeParam[];
  docs?: string[];
  typeName?: string;
}

/**
 * scale-ts decodes from `bytes.buffer`, ignoring a view's offset; a view into a larger buffer (a subarray, a
 * pooled Node Buffer from the database) must be copied first. Nested decoders get scale-ts' own full views.
 */
export function ownBytes(input: Uint8Array): Uint8Array {
  return input.byteOffset !== 0 || input.byteLength !== input.buffer.byteLength ? input.slice() : input;
}

/**
 * Decodes one value of `type` starting at `offset`; returns it and the offset just past it. One pass over the
 * bytes (scale-ts' cursor), no copies and no re-encoding to learn lengths.
 */
export function decodeAt<T>(type: Type<T>, data: Uint8Array, offset: number): [T, number] {
  const run = createDecoder((input: Uint8Array) => {
    const cursor = input as Uint8Array & { i: number };
    cursor.i = offset;
    const value = type.codec.dec(cursor);
    return [value, cursor.i] as [T, number];
  });
  return run(ownBytes(data));
}

/** Copies a caller's view before decoding; scale-ts' own cursor (it has a DataView `v`) always spans its buffer. */
function safeCodec<T>(codec: Codec<T>): Codec<T> {
  const dec = codec.dec;
  const safe = createCodec(codec.enc, (input: Parameters<typeof dec>[0]) =>
    dec(input instanceof Uint8Array && (input as { v?: unknown }).v === undefined ? ownBytes(input) : input),
  );
  return sameBytesAs(safe, codec);
}

function make<T>(codec: Codec<T>, shape: Shape, meta: Meta = {}): Type<T> {
  return {
    codec: safeCodec(codec),
    shape,
    path: meta.path ?? [],
    params: meta.params ?? [],
    docs: meta.docs ?? [],
    typeName: meta.typeName,
  };
}

/** Same value and codec, different metadata identity (a named alias such as `T::Balance`). */
export function named<T>(base: Type<T>, meta: Meta): Type<T> {
  return make(base.codec, base.shape, { path: base.path, params: base.params, docs: base.docs, ...meta });
}

const primitive = <T>(codec: Codec<T>, p: Primitive): Type<T> =>
  make(codec, { kind: 'primitive', primitive: p }, { typeName: p });

export const bool = primitive(boolCodec, 'bool');
export const str = primitive(strCodec, 'str');
export const u8 = primitive(u8Codec, 'u8');
export const u16 = primitive(u16Codec, 'u16');
export const u32 = primitive(u32Codec, 'u32');
export const u64 = primitive(u64Codec, 'u64');
export const u128 = primitive(u128Codec, 'u128');
export const i64 = primitive(i64Codec, 'i64');

/** The unit type `()`, an empty tuple. */
export const unit: Type<undefined> = make(_void, { kind: 'tuple', items: [] }, { typeName: '()' });

export const compactU32: Type<number> = make(
  compactNumber,
  { kind: 'compact', inner: u32 },
  { typeName: 'Compact<u32>' },
);
export const compactU64: Type<bigint> = make(compactBn, { kind: 'compact', inner: u64 }, { typeName: 'Compact<u64>' });
export const compactU128: Type<bigint> = make(
  compactBn,
  { kind: 'compact', inner: u128 },
  { typeName: 'Compact<u128>' },
);

/** `Vec<u8>` as raw bytes. */
export const bytes: Type<Uint8Array> = make(bytesCodec(), { kind: 'sequence', inner: u8 }, { typeName: 'Vec<u8>' });

/** `[u8; n]` as a hex string (hex keeps equality and map keys cheap). */
export function fixedHex(len: number): Type<HexString> {
  return make(fixedHexCodec(len), { kind: 'array', len, inner: u8 }, { typeName: `[u8; ${len}]` });
}

export function vec<T>(inner: Type<T>): Type<T[]> {
  return make(
    vectorCodec(inner.codec),
    { kind: 'sequence', inner: inner },
    { typeName: `Vec<${inner.typeName ?? ''}>` },
  );
}

export function tuple<A extends AnyType[]>(...items: A): Type<{ [K in keyof A]: TypeOf<A[K]> }> {
  const codec = tupleCodec(items.map((i) => i.codec));
  return make(codec as Codec<{ [K in keyof A]: TypeOf<A[K]> }>, { kind: 'tuple', items });
}

export function option<T>(inner: Type<T>): Type<T | undefined> {
  const innerU = inner;
  return make(
    optionCodec(inner.codec),
    {
      kind: 'variant',
      variants: [
        { name: 'None', index: 0, fields: [], docs: [] },
        { name: 'Some', index: 1, fields: [{ type: innerU, docs: [] }], docs: [] },
      ],
    },
    { path: ['Option'], params: [{ name: 'T', type: innerU }], typeName: `Option<${inner.typeName ?? ''}>` },
  );
}

/** A field spec: a bare type, or a type with its metadata `typeName` and docs. */
export type FieldSpec = AnyType | { type: AnyType; typeName?: string; docs?: string[] };
export type Fields = Record<string, FieldSpec>;
type FieldType<F> = F extends Type<infer T> ? T : F extends { type: Type<infer T> } ? T : never;
export type StructOf<F extends Fields> = { [K in keyof F]: FieldType<F[K]> };

function fieldShape(name: string | undefined, spec: FieldSpec): FieldShape {
  const isType = 'codec' in spec;
  const type = isType ? spec : spec.type;
  return {
    name,
    type,
    typeName: (isType ? undefined : spec.typeName) ?? type.typeName,
    docs: isType ? [] : (spec.docs ?? []),
  };
}

const fieldCodec = (spec: FieldSpec): AnyCodec => ('codec' in spec ? spec.codec : spec.type.codec);

export function structCodec<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const codecs: Record<string, AnyCodec> = {};
  for (const [name, spec] of Object.entries(fields)) codecs[name] = fieldCodec(spec);
  return fastStructCodec(codecs) as Codec<StructOf<F>>;
}

export function namedFieldShapes(fields: Fields): FieldShape[] {
  return Object.entries(fields).map(([name, spec]) => fieldShape(name, spec));
}

/** A Rust struct with named fields. */
export function struct<F extends Fields>(path: string[], fields: F, meta: Omit<Meta, 'path'> = {}): Type<StructOf<F>> {
  return make(structCodec(fields), { kind: 'composite', fields: namedFieldShapes(fields) }, { ...meta, path });
}

/** A Rust newtype struct (`struct AccountId32([u8; 32])`): encodes exactly as its single field. */
export function newtype<T>(path: string[], inner: Type<T>, meta: Omit<Meta, 'path'> = {}): Type<T> {
  return make(
    inner.codec,
    { kind: 'composite', fields: [{ type: inner, typeName: inner.typeName, docs: [] }] },
    { ...meta, path },
  );
}

/** One variant of an enum: unit (no `fields`), named fields, or one unnamed field (`value`). */
export interface VariantSpec {
  index: number;
  docs?: string[];
  fields?: Fields;
  value?: FieldSpec;
}
type VariantValue<V extends VariantSpec> = V['fields'] extends Fields
  ? StructOf<V['fields']>
  : V['value'] extends FieldSpec
    ? FieldType<V['value']>
    : undefined;
export type EnumOf<S extends Record<string, VariantSpec>> = {
  [K in keyof S & string]: { type: K; value: VariantValue<S[K]> };
}[keyof S & string];

function variantParts(specs: Record<string, VariantSpec>): {
  codecs: Record<string, AnyCodec>;
  indexes: number[];
  shapes: VariantShape[];
} {
  const codecs: Record<string, AnyCodec> = {};
  const indexes: number[] = [];
  const shapes: VariantShape[] = [];
  const seen = new Set<number>();
  for (const [name, spec] of Object.entries(specs)) {
    if (seen.has(spec.index)) throw new Error(`duplicate variant index ${spec.index} (${name})`);
    seen.add(spec.index);
    if (spec.fields) codecs[name] = structCodec(spec.fields) as AnyCodec;
    else if (spec.value) codecs[name] = fieldCodec(spec.value);
    else codecs[name] = _void as AnyCodec;
    indexes.push(spec.index);
    const fields = spec.fields ? namedFieldShapes(spec.fields) : spec.value ? [fieldShape(undefined, spec.value)] : [];
    shapes.push({ name, index: spec.index, fields, docs: spec.docs ?? [] });
  }
  return { codecs, indexes, shapes };
}

/** A Rust enum with explicit discriminants. Values are `{ type: 'Name', value }`. */
export function enumType<S extends Record<string, VariantSpec>>(
  path: string[],
  specs: S,
  meta: Omit<Meta, 'path'> = {},
): Type<EnumOf<S>> {
  const { codecs, indexes, shapes } = variantParts(specs);
  const codec = variantCodec(codecs, indexes);
  return make(codec as Codec<EnumOf<S>>, { kind: 'variant', variants: shapes }, { ...meta, path });
}

/** A variant type whose codec is supplied (for types with a special encoding such as `Era`). */
export function customVariant<T>(
  path: string[],
  codec: Codec<T>,
  variants: VariantShape[],
  meta: Omit<Meta, 'path'> = {},
): Type<T> {
  return make(codec, { kind: 'variant', variants }, { ...meta, path });
}

export type ResultValue<O, E> = { success: true; value: O } | { success: false; value: E };

/** Rust's `Result<O, E>`, as `{ success, value }`. */
export function result<O, E>(ok: Type<O>, err: Type<E>): Type<ResultValue<O, E>> {
  const okU = ok;
  const errU = err;
  const inner = enumType(['Result'], { Ok: { index: 0, value: okU }, Err: { index: 1, value: errU } });
  const toVariant = (v: ResultValue<O, E>) =>
    v.success ? { type: 'Ok' as const, value: v.value } : { type: 'Err' as const, value: v.value };
  const codec = enhanceCodec(inner.codec, toVariant, (d): ResultValue<O, E> =>
    d.type === 'Ok' ? { success: true, value: d.value as O } : { success: false, value: d.value as E },
  );
  const writeVariant = writerOf(inner.codec);
  withWriter(codec, (w, v) => writeVariant(w, toVariant(v)));
  return make(codec, inner.shape, {
    path: ['Result'],
    params: [
      { name: 'T', type: okU },
      { name: 'E', type: errU },
    ],
  });
}

export { slot, resolveSlot, type TypeSlot } from './slot.js';
