/**
 * The pallet declaration format. A pallet file declares, in FRAME order,
 *
 * ```ts
 * const p = palletBuilder({ name: 'Balances', index: 5, crate: 'pallet_balances', docs: [...] });
 * export const constants = p.constants({ ExistentialDeposit: constant(Balance, 10n ** 10n, 'docs') });
 * export const storage = p.storage({ TotalIssuance: p.value(Balance, { default: 0n, docs: [...] }) });
 * export const events = p.events({ Transfer: { index: 2, fields: { from: AccountId, ... }, docs: [...] } });
 * export const errors = p.errors({ InsufficientBalance: { index: 2, docs: [...] } });
 * export const calls = p.calls({ transfer_keep_alive: call({ index: 3, args: {...}, docs, weight, dispatch }) });
 * export const Balances = p.finish({ constants, storage, events, errors, calls, hooks });
 * ```
 *
 * Everything carries docs; the metadata, the client bindings and docs/pallets.md are derived from the result.
 */
import { enumType, type AnyType, type Fields, type StructOf, type Type, type VariantSpec } from '../types/dsl.js';
import type { DispatchClass, Weight } from '../types/primitives.js';
import type { DispatchContext, EmittedEvent, Origin, PalletError } from './dispatch.js';
import { StorageMap, StorageValue, type Hasher, type StorageItem } from './state.js';

export interface PalletHeader {
  /** Name in the runtime (`Balances`): storage prefix, metadata pallet name, `RuntimeCall` variant. */
  name: string;
  /** Index in the runtime, never reused: first byte of every call and module error of this pallet. */
  index: number;
  /** Rust crate name, for type paths (`pallet_balances::pallet::Call`) that clients recognise. */
  crate: string;
  docs: string[];
}

export interface ConstantDecl<T> {
  type: Type<T>;
  readonly value: T;
  docs: string[];
}

/**
 * A pallet constant. `value` may be a thunk, read each time: the protocol parameters are set per chain spec
 * (chain-config/protocol-params.ts) once the node knows which chain it runs, after the pallets are declared.
 */
export function constant<T>(type: Type<T>, value: T | (() => T), ...docs: string[]): ConstantDecl<T> {
  const read = typeof value === 'function' ? (value as () => T) : () => value;
  return {
    type,
    docs,
    get value() {
      return read();
    },
  };
}

export interface EventSpec {
  index: number;
  fields?: Fields;
  docs: string[];
}

/** A declared event: call it with its fields to get the value `ctx.emit` takes. */
export type EventDecl<F extends Fields> = ((data: StructOf<F>) => EmittedEvent) & {
  readonly eventName: string;
  readonly spec: EventSpec;
};

export interface CallSpec<F extends Fields> {
  index: number;
  args: F;
  docs: string[];
  /** Pre-dispatch weight: what the fee and the block's weight budget are computed from. */
  weight: Weight | ((args: StructOf<F>) => Weight);
  class?: DispatchClass['type'];
  dispatch: (ctx: DispatchContext, origin: Origin, args: StructOf<F>) => void;
}

/** Declares one call; a function so TypeScript infers `args` and types `dispatch` from it. */
export function call<F extends Fields>(spec: CallSpec<F>): CallSpec<F> {
  return spec;
}

export interface Hooks {
  /** Runs before any extrinsic of block `n`. */
  onInitialize?: (ctx: DispatchContext, n: number) => void;
  /** Runs after every extrinsic of block `n`; throwing makes the block invalid. */
  onFinalize?: (ctx: DispatchContext, n: number) => void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCall = CallSpec<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConstant = ConstantDecl<any>;

export interface Pallet {
  header: PalletHeader;
  constants: Record<string, AnyConstant>;
  storage: Record<string, StorageItem>;
  eventType?: AnyType;
  events: Record<string, EventSpec>;
  errorType?: AnyType;
  errors: Record<string, PalletError>;
  callType?: AnyType;
  calls: Record<string, AnyCall>;
  hooks: Hooks;
}

const typePath = (h: PalletHeader, name: string) => [h.crate, 'pallet', name];
const tParam = [{ name: 'T' }];

export function palletBuilder(header: PalletHeader) {
  const item = (name: string, docs: string[], immutableValues?: boolean) => ({
    pallet: header.name,
    name,
    docs,
    immutableValues,
  });
  return {
    header,
    constants<C extends Record<string, AnyConstant>>(c: C): C {
      return c;
    },
    /** A storage value; with `default` it reads as `V` (ValueQuery), without as `V | undefined` (OptionQuery). */
    value<V>(type: Type<V>, opts: { docs: string[]; default?: V }) {
      return (name: string) => new StorageValue<V, V | undefined>(item(name, opts.docs), type, opts.default);
    },
    valueWithDefault<V>(type: Type<V>, opts: { docs: string[]; default: V }) {
      return (name: string) => new StorageValue<V, V>(item(name, opts.docs), type, opts.default);
    },
    map<K, V>(key: Type<K>, hasher: Hasher, type: Type<V>, opts: { docs: string[] }) {
      return (name: string) =>
        new StorageMap<K, V, V | undefined>(item(name, opts.docs), [{ type: key, hasher }], type, undefined);
    },
    /** `immutableValues: false` opts the item out of the shared, frozen decode cache (state.ts `DecodeCache`). */
    mapWithDefault<K, V>(
      key: Type<K>,
      hasher: Hasher,
      type: Type<V>,
      opts: { docs: string[]; default: V; immutableValues?: boolean },
    ) {
      return (name: string) =>
        new StorageMap<K, V, V>(
          item(name, opts.docs, opts.immutableValues),
          [{ type: key, hasher }],
          type,
          opts.default,
        );
    },
    doubleMap<K1, K2, V>(k1: [Type<K1>, Hasher], k2: [Type<K2>, Hasher], type: Type<V>, opts: { docs: string[] }) {
      return (name: string) =>
        new StorageMap<[K1, K2], V, V | undefined>(
          item(name, opts.docs),
          [
            { type: k1[0], hasher: k1[1] },
            { type: k2[0], hasher: k2[1] },
          ],
          type,
          undefined,
        );
    },
    /** Storage items are declared as factories so the item name is the property name (declared once). */
    storage<S extends Record<string, (name: string) => StorageItem>>(s: S): { [K in keyof S]: ReturnType<S[K]> } {
      const out: Record<string, StorageItem> = {};
      for (const [name, make] of Object.entries(s)) out[name] = make(name);
      return out as { [K in keyof S]: ReturnType<S[K]> };
    },
    events<E extends Record<string, EventSpec>>(
      specs: E,
    ): { [K in keyof E]: EventDecl<E[K]['fields'] extends Fields ? E[K]['fields'] : Record<never, never>> } {
      const out: Record<string, unknown> = {};
      for (const [name, spec] of Object.entries(specs)) {
        const emit = (data: unknown): EmittedEvent => ({
          pallet: header.name,
          name,
          data: spec.fields ? data : undefined,
        });
        out[name] = Object.assign(emit, { eventName: name, spec });
      }
      return out as never;
    },
    errors<E extends Record<string, { index: number; docs: string[] }>>(specs: E): { [K in keyof E]: PalletError } {
      const out: Record<string, PalletError> = {};
      for (const [name, spec] of Object.entries(specs)) {
        out[name] = { pallet: header.name, palletIndex: header.index, name, index: spec.index, docs: spec.docs };
      }
      return out as { [K in keyof E]: PalletError };
    },
    calls<C extends Record<string, AnyCall>>(c: C): C {
      return c;
    },
    finish(parts: {
      constants?: Record<string, AnyConstant>;
      storage?: Record<string, StorageItem>;
      events?: Record<string, { spec: EventSpec }>;
      errors?: Record<string, PalletError>;
      calls?: Record<string, AnyCall>;
      hooks?: Hooks;
    }): Pallet {
      const events: Record<string, EventSpec> = {};
      for (const [name, e] of Object.entries(parts.events ?? {})) events[name] = e.spec;
      const errors = parts.errors ?? {};
      const calls = parts.calls ?? {};
      const variants = <T>(entries: Record<string, T>, f: (t: T) => VariantSpec) =>
        Object.fromEntries(Object.entries(entries).map(([n, t]) => [n, f(t)]));
      return {
        header,
        constants: parts.constants ?? {},
        storage: parts.storage ?? {},
        events,
        eventType: Object.keys(events).length
          ? enumType(
              typePath(header, 'Event'),
              variants(events, (e) => ({ index: e.index, fields: e.fields ?? {}, docs: e.docs })),
              {
                params: tParam,
                docs: ['The `Event` enum of this pallet'],
              },
            )
          : undefined,
        errors,
        errorType: Object.keys(errors).length
          ? enumType(
              typePath(header, 'Error'),
              variants(errors, (e) => ({ index: e.index, docs: e.docs })),
              {
                params: tParam,
                docs: ['The `Error` enum of this pallet.'],
              },
            )
          : undefined,
        calls,
        callType: Object.keys(calls).length
          ? enumType(
              typePath(header, 'Call'),
              variants(calls, (c) => ({ index: c.index, fields: c.args, docs: c.docs })),
              {
                params: tParam,
                docs: ['Contains a variant per dispatchable extrinsic that this pallet has.'],
              },
            )
          : undefined,
        hooks: parts.hooks ?? {},
      };
    },
  };
}
