/** Hex ↔ bytes for storage keys and values; lowercase hex compares in the same order as the bytes it encodes. */
import type { HexString } from '../../runtime-bindings/seam.js';

export function hexToBytes(hex: HexString): Uint8Array {
  return Buffer.from(hex.slice(2), 'hex');
}

export function bytesToHex(bytes: Uint8Array): HexString {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

export function u32be(value: number): Uint8Array {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}
