/**
 * Type slots: types decided by the runtime rather than the pallet (Rust's generic `T::RuntimeEvent`,
 * `T::RuntimeCall`).
 */
import { createCodec, type Codec } from '@polkadot-api/substrate-bindings';
import type { AnyType, Type } from './dsl.js';
import { withWriter, writerOf } from './scale-writer.js';

/**
 * A type decided by the runtime rather than the pallet (Rust's generic `T::RuntimeEvent`, `T::RuntimeCall`):
 * pallets reference the slot, `runtime-bindings` binds it once to the assembled enum.
 */
export interface TypeSlot<T> extends Type<T> {
  readonly slotName: string;
  bind(target: Type<T>): void;
  readonly target: Type<T> | undefined;
}

export function slot<T>(slotName: string): TypeSlot<T> {
  let target: Type<T> | undefined;
  const bound = (): Type<T> => {
    if (!target) throw new Error(`type slot ${slotName} used before the runtime bound it`);
    return target;
  };
  return {
    slotName,
    bind(t: Type<T>) {
      if (target && target !== t) throw new Error(`type slot ${slotName} bound twice`);
      target = t;
    },
    get target() {
      return target;
    },
    // Resolved at each use, so pallets can build codecs around the slot before the runtime binds it.
    codec: withWriter(
      createCodec(
        (v: T) => bound().codec.enc(v),
        (input: Parameters<Codec<T>['dec']>[0]) => bound().codec.dec(input),
      ),
      (w, v: T) => writerOf(bound().codec)(w, v),
    ),
    get shape() {
      return bound().shape;
    },
    get path() {
      return bound().path;
    },
    get params() {
      return bound().params;
    },
    get docs() {
      return bound().docs;
    },
    get typeName() {
      return slotName;
    },
  };
}

/** The real type behind a slot (identity for ordinary types). */
export function resolveSlot(t: AnyType): AnyType {
  const s = t as Partial<TypeSlot<unknown>>;
  return s.slotName !== undefined && s.target ? resolveSlot(s.target) : t;
}
