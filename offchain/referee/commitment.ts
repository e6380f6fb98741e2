/**
 * The byte-level commitments a dispute links together (docs/dispute-protocol.md): the training state after a step,
 * the graph template of a task, and the node records of one executed step. Pure: the runtime verifies these
 * on chain, the engine produces them, and both must agree byte for byte.
 *
 * - state commitment  = blake2(layoutHash ‖ tensorRoot(t₁) ‖ … ‖ tensorRoot(tₙ)), the per-step hash;
 *   layoutHash        = blake2("veritrain:state:v1" ‖ u32 step ‖ u32 n ‖ per tensor: u32 len ‖ name ‖ u32 rank ‖ u32 dims)
 * - template leaf     = leafHash(encodeTemplate(template)), the graph root is the Merkle root of a step's templates
 * - record leaf       = leafHash(blake2(encodeTemplate) ‖ input roots ‖ output root), over the executed step
 * - partial leaf      = leafHash(f32 LE bytes of one partial result)
 *
 * Integers are little-endian u32; an operation's attributes are f64 (LE) in the field order of ATTR_FIELDS, so
 * every attribute, learning rates included, round-trips exactly.
 */
import { OP_NAMES, type OpCall, type OpName } from './ops.js';
import { blake2, leafHash } from './merkle.js';
import { RefereeError } from './rules.js';

/** Field order of each operation's attributes in its encoding. Reshape's `shape` is encoded as rank, dims. */
export const ATTR_FIELDS: { readonly [K in OpName]: readonly string[] } = (() => {
  const conv = [
    'batch',
    'inHeight',
    'inWidth',
    'inChannels',
    'filterHeight',
    'filterWidth',
    'outChannels',
    'strideHeight',
    'strideWidth',
    'padTop',
    'padLeft',
    'outHeight',
    'outWidth',
  ];
  const row = ['rows', 'cols'];
  return {
    MatMul: ['m', 'k', 'n', 'transposeA', 'transposeB'],
    Conv2D: conv,
    Conv2DBackpropInput: conv,
    Conv2DBackpropFilter: conv,
    MaxPool: conv,
    MaxPoolGrad: conv,
    BiasAdd: row,
    BiasGrad: row,
    Relu: ['size'],
    ReluGrad: ['size'],
    Reshape: ['shape'],
    RowMax: row,
    Softmax: row,
    CrossEntropyLoss: row,
    CrossEntropyGrad: row,
    SgdUpdate: ['size', 'learningRate'],
    MomentumVelocity: ['size', 'momentum'],
    MomentumParam: ['size', 'learningRate'],
    AdamMoment1: ['size', 'beta1'],
    AdamMoment2: ['size', 'beta2'],
    AdamParam: ['size', 'stepSize', 'epsilon'],
  };
})();

const BOOLEAN_FIELDS = new Set(['transposeA', 'transposeB']);
const FLOAT_FIELDS = new Set(['learningRate', 'momentum', 'beta1', 'beta2', 'stepSize', 'epsilon']);

/** Where a node's input comes from: a state tensor (by slot), the batch (0 = input, 1 = labels), an earlier node. */
export type TensorSource =
  { kind: 'state'; index: number } | { kind: 'batch'; index: number } | { kind: 'node'; index: number };
const SOURCE_KINDS = ['state', 'batch', 'node'] as const;

/** One node of a step's graph without data: what the task fixes before anyone trains. */
export interface NodeTemplate {
  call: OpCall;
  inputs: TensorSource[];
  /** The state slot this node's output becomes after the step, if any. */
  writes?: number;
}

/** One executed node: its template and the roots of the tensors it read and wrote. */
export interface NodeRecord {
  template: NodeTemplate;
  inputRoots: Uint8Array[];
  outputRoot: Uint8Array;
}

export interface TensorLayout {
  name: string;
  shape: readonly number[];
}

class Writer {
  private readonly bytes: number[] = [];
  private readonly scratch = new DataView(new ArrayBuffer(8));
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RefereeError(`${v} is not a u32`);
    this.scratch.setUint32(0, v, true);
    for (let i = 0; i < 4; i++) this.bytes.push(this.scratch.getUint8(i));
    return this;
  }
  f64(v: number): this {
    this.scratch.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.bytes.push(this.scratch.getUint8(i));
    return this;
  }
  raw(b: Uint8Array): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

class Reader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number, what: string): void {
    if (this.offset + n > this.bytes.length) throw new RefereeError(`template bytes end inside ${what}`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.view.getUint8(this.offset++);
  }
  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  f64(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }
  end(): void {
    if (this.offset !== this.bytes.length)
      throw new RefereeError(`${this.bytes.length - this.offset} bytes after a template`);
  }
}

function attrValues(call: OpCall): number[] {
  const attrs = call.attrs as unknown as Record<string, unknown>;
  return ATTR_FIELDS[call.op].flatMap((field) => {
    const value = attrs[field];
    if (field === 'shape') {
      const shape = value as number[];
      return [shape.length, ...shape];
    }
    if (BOOLEAN_FIELDS.has(field)) return [value ? 1 : 0];
    return [value as number];
  });
}

export function encodeOpCall(call: OpCall, w = new Writer()): Uint8Array {
  const op = OP_NAMES.indexOf(call.op);
  if (op < 0) throw new RefereeError(`unknown operation ${String(call.op)}`);
  const values = attrValues(call);
  w.u8(op).u32(values.length);
  values.forEach((v) => w.f64(v));
  return w.done();
}

function readCount(value: number, field: string, op: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RefereeError(`${op}.${field} must be a non-negative integer, not ${value}`);
  }
  return value;
}

function readOpCall(r: Reader): OpCall {
  const op = OP_NAMES[r.u8('the operation')];
  if (op === undefined) throw new RefereeError('unknown operation index');
  const count = r.u32('the attribute count');
  if (count > 64) throw new RefereeError(`${op} cannot have ${count} attribute values`);
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(r.f64(`${op}'s attributes`));
  const attrs: Record<string, unknown> = {};
  let at = 0;
  const next = (field: string): number => {
    const v = values[at++];
    if (v === undefined) throw new RefereeError(`${op} is missing its ${field}`);
    return v;
  };
  for (const field of ATTR_FIELDS[op]) {
    if (field === 'shape') {
      const rank = readCount(next('rank'), 'shape rank', op);
      const dims: number[] = [];
      for (let d = 0; d < rank; d++) dims.push(readCount(next('shape'), 'shape', op));
      attrs[field] = dims;
    } else if (BOOLEAN_FIELDS.has(field)) {
      const v = next(field);
      if (v !== 0 && v !== 1) throw new RefereeError(`${op}.${field} must be 0 or 1`);
      attrs[field] = v === 1;
    } else if (FLOAT_FIELDS.has(field)) {
      const v = next(field);
      if (!Number.isFinite(v)) throw new RefereeError(`${op}.${field} must be finite`);
      attrs[field] = v;
    } else {
      attrs[field] = readCount(next(field), field, op);
    }
  }
  if (at !== values.length) throw new RefereeError(`${op} has ${values.length - at} attribute values too many`);
  return { op, attrs } as OpCall;
}

export function encodeTemplate(template: NodeTemplate): Uint8Array {
  const w = new Writer();
  encodeOpCall(template.call, w);
  w.u32(template.inputs.length);
  for (const source of template.inputs) w.u8(SOURCE_KINDS.indexOf(source.kind)).u32(source.index);
  if (template.writes === undefined) w.u8(0);
  else w.u8(1).u32(template.writes);
  return w.done();
}

/** Decodes template bytes (as a challenger submits them on chain); throws RefereeError on anything malformed. */
export function decodeTemplate(bytes: Uint8Array): NodeTemplate {
  const r = new Reader(bytes);
  const call = readOpCall(r);
  const count = r.u32('the input count');
  if (count > 16) throw new RefereeError(`a node cannot read ${count} inputs`);
  const inputs: TensorSource[] = [];
  for (let i = 0; i < count; i++) {
    const kind = SOURCE_KINDS[r.u8('an input source')];
    if (kind === undefined) throw new RefereeError('unknown input source kind');
    inputs.push({ kind, index: r.u32('an input source') });
  }
  const flag = r.u8('the written slot');
  if (flag > 1) throw new RefereeError('the written-slot flag must be 0 or 1');
  const template: NodeTemplate = flag === 1 ? { call, inputs, writes: r.u32('the written slot') } : { call, inputs };
  r.end();
  return template;
}

/** The bytes under a node record's Merkle leaf. */
export function recordLeafData(
  templateHash: Uint8Array,
  inputRoots: readonly Uint8Array[],
  outputRoot: Uint8Array,
): Uint8Array {
  const w = new Writer().raw(templateHash);
  inputRoots.forEach((root) => w.raw(root));
  return w.raw(outputRoot).done();
}

export function templateLeaf(template: NodeTemplate): Uint8Array {
  return leafHash(encodeTemplate(template));
}

export function recordLeaf(record: NodeRecord): Uint8Array {
  return leafHash(recordLeafData(blake2(encodeTemplate(record.template)), record.inputRoots, record.outputRoot));
}

/** Where the step sits in layoutPreimage's bytes (after the domain tag): hashers may patch it per step. */
export const LAYOUT_STEP_OFFSET = 18;

/** The bytes layoutHash hashes: "veritrain:state:v1" ‖ u32 step ‖ u32 n ‖ per tensor: u32 len ‖ name ‖ u32 rank ‖ dims. */
export function layoutPreimage(step: number, tensors: readonly TensorLayout[]): Uint8Array {
  const w = new Writer().raw(new TextEncoder().encode('veritrain:state:v1')).u32(step).u32(tensors.length);
  for (const t of tensors) {
    const name = new TextEncoder().encode(t.name);
    w.u32(name.length).raw(name).u32(t.shape.length);
    t.shape.forEach((d) => w.u32(d));
  }
  return w.done();
}

export function layoutHash(step: number, tensors: readonly TensorLayout[]): Uint8Array {
  return blake2(layoutPreimage(step, tensors));
}

/** The state commitment (the per-step hash) from a layout hash and the state tensors' roots, in state order. */
export function stateCommitment(layout: Uint8Array, roots: readonly Uint8Array[]): Uint8Array {
  const w = new Writer().raw(layout);
  roots.forEach((root) => w.raw(root));
  return blake2(w.done());
}

export function partialLeaf(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return leafHash(bytes);
}
