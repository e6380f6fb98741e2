/**
 * The dataset format: content-addressed bytes (id = blake2-256), read only through `decodeDataset`, which checks
 * the id and the structure.
 *
 *   offset 0  "VTDS"            magic
 *          4  u16 version = 1
 *          6  u16 classes
 *          8  u32 count         number of examples
 *         12  u16 height, u16 width, u16 channels, u16 reserved = 0
 *         20  u8 labels[count]
 *            u8 pixels[count · height · width · channels]   (value / 255 as float32 is the input)
 * All integers little-endian. Nothing follows the pixels.
 */
import { DatasetError } from '../errors.js';
import { verifyArtifact } from '../store/artifact-store.js';

const MAGIC = 'VTDS';
const HEADER = 20;

export interface Dataset {
  count: number;
  classes: number;
  height: number;
  width: number;
  channels: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

export function exampleSize(d: Pick<Dataset, 'height' | 'width' | 'channels'>): number {
  return d.height * d.width * d.channels;
}

export function encodeDataset(d: Dataset): Uint8Array {
  const size = exampleSize(d);
  if (d.labels.length !== d.count || d.pixels.length !== d.count * size) {
    throw new DatasetError(`dataset of ${d.count} examples needs ${d.count} labels and ${d.count * size} pixels`);
  }
  const bytes = new Uint8Array(HEADER + d.count + d.count * size);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint16(4, 1, true);
  view.setUint16(6, d.classes, true);
  view.setUint32(8, d.count, true);
  view.setUint16(12, d.height, true);
  view.setUint16(14, d.width, true);
  view.setUint16(16, d.channels, true);
  bytes.set(d.labels, HEADER);
  bytes.set(d.pixels, HEADER + d.count);
  return bytes;
}

/** Parses dataset bytes after checking that they hash to `id`. */
export function decodeDataset(id: string, bytes: Uint8Array): Dataset {
  verifyArtifact(id, bytes, 'dataset');
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new DatasetError(`dataset ${id} is not a Veritrain dataset (bad magic or truncated header)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== 1) throw new DatasetError(`dataset ${id} has unsupported version ${version}`);
  const d = {
    classes: view.getUint16(6, true),
    count: view.getUint32(8, true),
    height: view.getUint16(12, true),
    width: view.getUint16(14, true),
    channels: view.getUint16(16, true),
  };
  const expected = HEADER + d.count + d.count * exampleSize(d);
  if (bytes.length !== expected) {
    throw new DatasetError(`dataset ${id} has ${bytes.length} bytes; its header says ${expected}`);
  }
  const labels = bytes.subarray(HEADER, HEADER + d.count);
  if (labels.some((l) => l >= d.classes)) throw new DatasetError(`dataset ${id} has a label outside [0, ${d.classes})`);
  return { ...d, labels, pixels: bytes.subarray(HEADER + d.count) };
}
