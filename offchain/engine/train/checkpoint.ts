/**
 * Checkpoints: the training state (parameters and optimizer slots) after a given number of steps.
 *
 *   "VTCK" | u16 version = 1 | u16 tensor count | u32 step |
 *   per tensor: u16 name length | name (UTF-8) | u8 rank | u32 dims[rank] | f32 values[Π dims]
 * Little-endian throughout. The blake2-256 of these bytes is the checkpoint id, and the per-step state hash is the
 * same hash of the state after that step (so a step hash equals the id of the checkpoint one would take there).
 */
import { CheckpointError } from '../errors.js';
import type { StepGraph } from '../model/graph.js';
import { verifyArtifact } from '../store/artifact-store.js';

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface Checkpoint {
  step: number;
  tensors: NamedTensor[];
}

const MAGIC = [0x56, 0x54, 0x43, 0x4b]; // "VTCK"
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const bytes = new Uint8Array(checkpointSize(c));
  encodeCheckpointInto(c, bytes);
  return bytes;
}

/** The length of a checkpoint's encoding. */
export function checkpointSize(c: Checkpoint): number {
  let size = 12;
  for (const t of c.tensors) size += 2 + encoder.encode(t.name).length + 1 + 4 * t.shape.length + 4 * t.values.length;
  return size;
}

/**
 * Encodes a checkpoint into `target` (exactly checkpointSize(c) bytes; may be a view of shared memory), so that the
 * training loop can write each step's state straight where it is hashed, with no intermediate copy.
 */
export function encodeCheckpointInto(c: Checkpoint, target: Uint8Array): void {
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
  target.set(MAGIC, 0);
  view.setUint16(4, 1, true);
  view.setUint16(6, c.tensors.length, true);
  view.setUint32(8, c.step, true);
  let o = 12;
  for (const t of c.tensors) {
    const name = encoder.encode(t.name);
    view.setUint16(o, name.length, true);
    target.set(name, o + 2);
    o += 2 + name.length;
    view.setUint8(o++, t.shape.length);
    for (const d of t.shape) {
      view.setUint32(o, d, true);
      o += 4;
    }
    // Hosts are little-endian (checked at load), so the float bytes copy as they lie in memory.
    target.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), o);
    o += t.values.byteLength;
  }
  if (o !== target.length) throw new CheckpointError(`encoding needs ${o} bytes, the target has ${target.length}`);
}

/** Parses checkpoint bytes; with `id`, first checks that the bytes hash to it. */
export function decodeCheckpoint(bytes: Uint8Array, id?: string): Checkpoint {
  if (id !== undefined) verifyArtifact(id, bytes, 'checkpoint');
  const label = id ?? 'checkpoint';
  const fail = (why: string): never => {
    throw new CheckpointError(`${label} is corrupt: ${why}`);
  };
  if (bytes.length < 12 || MAGIC.some((m, i) => bytes[i] !== m)) fail('bad magic or truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(4, true) !== 1) fail(`unsupported version ${view.getUint16(4, true)}`);
  const count = view.getUint16(6, true);
  const step = view.getUint32(8, true);
  const tensors: NamedTensor[] = [];
  let o = 12;
  const need = (n: number) => {
    if (o + n > bytes.length) fail(`truncated at byte ${o} (needs ${n} more of ${bytes.length})`);
  };
  for (let i = 0; i < count; i++) {
    need(2);
    const nameLength = view.getUint16(o, true);
    need(2 + nameLength + 1);
    let name = '';
    try {
      name = decoder.decode(bytes.subarray(o + 2, o + 2 + nameLength));
    } catch {
      fail(`tensor ${i} has an invalid name`);
    }
    o += 2 + nameLength;
    const rank = view.getUint8(o++);
    need(4 * rank);
    const shape: number[] = [];
    for (let r = 0; r < rank; r++, o += 4) shape.push(view.getUint32(o, true));
    const length = shape.reduce((a, b) => a * b, 1);
    need(4 * length);
    const values = new Float32Array(length);
    new Uint8Array(values.buffer).set(bytes.subarray(o, o + 4 * length));
    o += 4 * length;
    tensors.push({ name, shape, values });
  }
  if (o !== bytes.length) fail(`${bytes.length - o} unexpected bytes after the last tensor`);
  return { step, tensors };
}

/** Checks that a checkpoint holds exactly the graph's state tensors, in order, with the right shapes. */
export function checkCheckpointFits(c: Checkpoint, graph: StepGraph, label = 'checkpoint'): void {
  const expected = graph.state.map((s) => `${s.name}[${s.shape.join(',')}]`).join(' ');
  const actual = c.tensors.map((t) => `${t.name}[${t.shape.join(',')}]`).join(' ');
  if (expected !== actual)
    throw new CheckpointError(`${label} does not fit the task's model: has ${actual}, needs ${expected}`);
}
