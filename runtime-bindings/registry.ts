/**
 * The metadata's portable type registry, derived from the DSL types (pallets-spec/types/dsl.ts). Each distinct
 * `Type` object gets one id, in first-visit order, so the registry is deterministic for a given runtime.
 */
import { resolveSlot, type AnyType, type FieldShape } from '../pallets-spec/types/dsl.js';

type Opt<T> = T | undefined;
interface Field {
  name: Opt<string>;
  type: number;
  typeName: Opt<string>;
  docs: string[];
}
/** One lookup entry in the shape `@polkadot-api/substrate-bindings`' metadata codec encodes. */
export interface LookupEntry {
  id: number;
  path: string[];
  params: Array<{ name: string; type: Opt<number> }>;
  def:
    | { tag: 'composite'; value: Field[] }
    | { tag: 'variant'; value: Array<{ name: string; fields: Field[]; index: number; docs: string[] }> }
    | { tag: 'sequence'; value: number }
    | { tag: 'array'; value: { len: number; type: number } }
    | { tag: 'tuple'; value: number[] }
    | { tag: 'primitive'; value: { tag: string; value: undefined } }
    | { tag: 'compact'; value: number };
  docs: string[];
}

export class TypeRegistry {
  private readonly ids = new Map<AnyType, number>();
  readonly entries: LookupEntry[] = [];

  /** The id of `type`, registering it (and everything it references) on first sight. */
  idOf(input: AnyType): number {
    const type = resolveSlot(input);
    const known = this.ids.get(type);
    if (known !== undefined) return known;
    const id = this.entries.length;
    this.ids.set(type, id);
    // Reserve the slot before visiting children so ids follow first-visit order.
    const entry: LookupEntry = { id, path: type.path, params: [], def: { tag: 'tuple', value: [] }, docs: type.docs };
    this.entries.push(entry);
    entry.params = type.params.map((p) => ({ name: p.name, type: p.type ? this.idOf(p.type) : undefined }));
    entry.def = this.def(type);
    return id;
  }

  private fields(fields: FieldShape[]): Field[] {
    return fields.map((f) => ({ name: f.name, type: this.idOf(f.type), typeName: f.typeName, docs: f.docs }));
  }

  private def(type: AnyType): LookupEntry['def'] {
    const s = type.shape;
    switch (s.kind) {
      case 'primitive':
        return { tag: 'primitive', value: { tag: s.primitive, value: undefined } };
      case 'compact':
        return { tag: 'compact', value: this.idOf(s.inner) };
      case 'sequence':
        return { tag: 'sequence', value: this.idOf(s.inner) };
      case 'array':
        return { tag: 'array', value: { len: s.len, type: this.idOf(s.inner) } };
      case 'tuple':
        return { tag: 'tuple', value: s.items.map((i) => this.idOf(i)) };
      case 'composite':
        return { tag: 'composite', value: this.fields(s.fields) };
      case 'variant':
        return {
          tag: 'variant',
          value: s.variants.map((v) => ({ name: v.name, fields: this.fields(v.fields), index: v.index, docs: v.docs })),
        };
    }
  }
}
