/**
 * Checkpoints: the training state (parameters and optimizer slots) after a given number of steps.
 *
 *   "VTCK" | u16 version = 1 | u16 tensor count | u32 step |
 *   per tensor: u16 name length | name (UTF-8) | u8 rank | u32 dims[rank] | f32 values[Π dims]
 * Little-endian throughout. The blake2-256 of these bytes is the checkpoint id (a content address). The per-step
 * hash is not a checkpoint id but the state commitment of offchain/referee/commitment.ts (train/state.ts).
 */
import { CheckpointError } from '../errors.js';
import type { StepGraph } from '../model/graph.js';
import { verifyArtifact } from '../store/artifact-store.js';
import { sizeOf } from '../model/shapes.js';

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

/**
 * The checkpoint's bytes, in memory from `allocate`: a fresh array by default; training gives pooled shared buffers,
 * which a worker hashes without a copy.
 */
export function encodeCheckpoint(
  c: Checkpoint,
  allocate: (length: number) => Uint8Array = (length) => new Uint8Array(length),
): Uint8Array {
  const pieces = checkpointPieces(c);
  const bytes = allocate(pieces.reduce((sum, p) => sum + p.length, 0));
  let o = 0;
  for (const piece of pieces) {
    bytes.set(piece, o);
    o += piece.length;
  }
  return bytes;
}

/**
 * The checkpoint's encoding as consecutive pieces: small headers, and each tensor's float bytes as a view of its
 * values (no copy; valid while they are). The tensor headers are shared between calls (read-only).
 */
function checkpointPieces(c: Checkpoint): Uint8Array[] {
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  view.setUint16(4, 1, true);
  view.setUint16(6, c.tensors.length, true);
  view.setUint32(8, c.step, true);
  const pieces: Uint8Array[] = [header];
  for (const t of c.tensors) {
    // Hosts are little-endian (checked at load), so the float bytes are the values as they lie in memory.
    pieces.push(tensorHeader(t), new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
  }
  return pieces;
}

/**
 * Encoded tensor headers by shape array, then name: the training loop encodes the same few at every checkpoint, and
 * encoding them anew (TextEncoder, DataView) was a measurable share of the proof's cost on the training thread.
 * Keyed weakly by the shape array (the step graph's, for the training loop), so they go with the graph.
 */
const tensorHeaders = new WeakMap<readonly number[], Map<string, { dims: number[]; bytes: Uint8Array }>>();

function tensorHeader(t: NamedTensor): Uint8Array {
  let byName = tensorHeaders.get(t.shape);
  if (byName === undefined) tensorHeaders.set(t.shape, (byName = new Map()));
  const cached = byName.get(t.name);
  // A shape array is not frozen: a changed one must not go unseen.
  if (cached !== undefined && cached.dims.length === t.shape.length && cached.dims.every((d, r) => d === t.shape[r]))
    return cached.bytes;
  const bytes = encodeTensorHeader(t);
  byName.set(t.name, { dims: t.shape.slice(), bytes });
  return bytes;
}

/** u16 name length | name (UTF-8) | u8 rank | u32 dims[rank]. */
function encodeTensorHeader(t: NamedTensor): Uint8Array {
  const name = encoder.encode(t.name);
  const bytes = new Uint8Array(2 + name.length + 1 + 4 * t.shape.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, name.length, true);
  bytes.set(name, 2);
  view.setUint8(2 + name.length, t.shape.length);
  t.shape.forEach((d, r) => view.setUint32(2 + name.length + 1 + 4 * r, d, true));
  return bytes;
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
    const length = sizeOf(shape);
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
