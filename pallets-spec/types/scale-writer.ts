/**
 * Encoding into one growable buffer. scale-ts' combinators allocate a Uint8Array per value and merge them again
 * at every level (a struct of structs copies its bytes once per level), which made SCALE encoding the largest
 * cost of dispatch (bench/dispute.ts, bench/runtime-dispatch.ts). Here a composite writes its fields straight into
 * one buffer, and the top-level `enc` copies the result out once.
 *
 * The bytes are those of the library codecs, value for value: codecs.test.ts checks every combinator against
 * `@polkadot-api/substrate-bindings` on random values. A codec without a registered writer (a library codec, a
 * custom one such as `Era`) is written through its own `enc`, so any codec composes.
 */
import { createCodec, type Codec } from '@polkadot-api/substrate-bindings';

export class ScaleWriter {
  buf: Uint8Array;
  view: DataView;
  pos = 0;
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }
  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
  u8(v: number): void {
    this.reserve(1);
    this.buf[this.pos++] = v;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** The written bytes, copied out (the buffer is reused). */
  result(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export type Write<T> = (w: ScaleWriter, value: T) => void;

const writers = new WeakMap<object, Write<never>>();

/** The writer of `codec`: its registered one, or one that appends what its `enc` returns. */
export function writerOf<T>(codec: Codec<T>): Write<T> {
  const known = writers.get(codec) as Write<T> | undefined;
  if (known) return known;
  const enc = codec.enc;
  return (w, v) => w.bytes(enc(v));
}

/** Registers `write` as `codec`'s writer (for a codec that wraps another with the same bytes). */
export function withWriter<T>(codec: Codec<T>, write: Write<T>): Codec<T> {
  writers.set(codec, write as Write<never>);
  return codec;
}

let shared = new ScaleWriter(4096);
let sharedBusy = false;

/**
 * A codec whose `enc` runs `write` into the shared buffer. Re-entrant: an `enc` called while the shared buffer is
 * in use (a library codec nested in ours calling back into one of ours) gets a buffer of its own.
 */
export function writerCodec<T>(write: Write<T>, dec: Codec<T>['dec']): Codec<T> {
  const enc = (value: T): Uint8Array => {
    if (sharedBusy) {
      const own = new ScaleWriter(64);
      write(own, value);
      return own.result();
    }
    sharedBusy = true;
    try {
      shared.pos = 0;
      write(shared, value);
      const out = shared.result();
      // Keep the shared buffer small enough that one huge value does not pin memory for good.
      if (shared.buf.length > 1 << 20) shared = new ScaleWriter(4096);
      return out;
    } finally {
      sharedBusy = false;
    }
  };
  return withWriter(createCodec(enc, dec), write);
}
