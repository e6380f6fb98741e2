/**
 * Steps of the convolution and pooling programs (programs.ts), built one at a time for `programStep`: the taps of a
 * window and the positions a gradient gathers from are arithmetic progressions, computed and indexed without ever
 * being listed, so building step `a` costs the same whatever the image, filter or batch size.
 */
import type { ConvAttrs } from './ops.js';
import { RefereeError, type ScalarStep } from './rules.js';
import type { ScalarSource } from './scalar-source.js';

const ref = (input: number, index: number) => ({ input, index });

/** (batch, row, column, channel) of a flat NHWC index. */
export function unflatten(index: number, height: number, width: number, channels: number) {
  const c = index % channels;
  const pixel = Math.floor(index / channels);
  return { b: Math.floor(pixel / (width * height)), h: Math.floor(pixel / width) % height, w: pixel % width, c };
}

/**
 * The integers `first, first + step, …` (`count` of them): the filter taps or output positions a window or a
 * gradient touches. Computed by arithmetic and never materialised, so that a template with absurd dimensions
 * (a task's graph is the submitter's word) costs the chain no more than an honest one.
 */
interface Progression {
  first: number;
  step: number;
  count: number;
}

const nth = (p: Progression, i: number): number => p.first + i * p.step;

/** The values of `lo ..= hi` (`lo` already on the progression) in steps of `step`. */
function progression(lo: number, hi: number, step = 1): Progression {
  return { first: lo, step, count: hi < lo ? 0 : Math.floor((hi - lo) / step) + 1 };
}

function ensureStrides(a: ConvAttrs): void {
  if (a.strideHeight < 1 || a.strideWidth < 1) throw new RefereeError('strides must be positive');
}

/** Filter rows (or columns) f of the forward window at output position `o` with o·stride + f − pad inside the input. */
const forwardTaps = (o: number, stride: number, filter: number, pad: number, size: number) =>
  progression(Math.max(0, pad - o * stride), Math.min(filter - 1, size - 1 + pad - o * stride));

/** Output positions whose forward window covers input position `i`, ascending. */
const coveringWindows = (i: number, stride: number, filter: number, pad: number, outSize: number) =>
  progression(
    Math.max(0, Math.floor((i + pad - filter) / stride) + 1),
    Math.min(outSize - 1, Math.floor((i + pad) / stride)),
  );

/** Filter rows f through which input position `i` reaches an output: i + pad − f ≥ 0, a multiple of the stride. */
function backwardTaps(i: number, stride: number, filter: number, pad: number, outSize: number): Progression {
  const top = i + pad;
  const lo = Math.max(0, top - (outSize - 1) * stride);
  const first = lo + ((((top - lo) % stride) + stride) % stride);
  return progression(first, Math.min(filter - 1, top), stride);
}

/** Output positions o whose window row (or column) f falls inside the input: 0 ≤ o·stride + f − pad < size. */
function outputsThrough(f: number, stride: number, pad: number, size: number, outSize: number): Progression {
  const lo = Math.max(0, -Math.floor((f - pad) / stride));
  return progression(lo, Math.min(outSize - 1, Math.floor((size - 1 + pad - f) / stride)));
}

/** The steps of one element as a lazily indexed list: its length, and step `a` built on demand. */
export interface IndexedProgram {
  length: number;
  step(a: number): ScalarStep;
}

export function indexed(length: number, step: (a: number) => ScalarStep): IndexedProgram {
  return { length, step };
}

export function conv2d(a: ConvAttrs, index: number): IndexedProgram {
  ensureStrides(a);
  const { b, h: oh, w: ow, c: co } = unflatten(index, a.outHeight, a.outWidth, a.outChannels);
  const fhs = forwardTaps(oh, a.strideHeight, a.filterHeight, a.padTop, a.inHeight);
  const fws = forwardTaps(ow, a.strideWidth, a.filterWidth, a.padLeft, a.inWidth);
  return indexed(fhs.count * fws.count * a.inChannels, (s) => {
    const ci = s % a.inChannels;
    const tap = Math.floor(s / a.inChannels);
    const fh = nth(fhs, Math.floor(tap / fws.count));
    const fw = nth(fws, tap % fws.count);
    const ih = oh * a.strideHeight + fh - a.padTop;
    const iw = ow * a.strideWidth + fw - a.padLeft;
    const x = ((b * a.inHeight + ih) * a.inWidth + iw) * a.inChannels + ci;
    const w = ((fh * a.filterWidth + fw) * a.inChannels + ci) * a.outChannels + co;
    return { rule: 'accumulate', refs: [ref(0, x), ref(1, w)], consts: [] };
  });
}

export function conv2dBackpropInput(a: ConvAttrs, index: number): IndexedProgram {
  ensureStrides(a);
  const { b, h, w, c: ci } = unflatten(index, a.inHeight, a.inWidth, a.inChannels);
  const fhs = backwardTaps(h, a.strideHeight, a.filterHeight, a.padTop, a.outHeight);
  const fws = backwardTaps(w, a.strideWidth, a.filterWidth, a.padLeft, a.outWidth);
  return indexed(fhs.count * fws.count * a.outChannels, (s) => {
    const co = s % a.outChannels;
    const tap = Math.floor(s / a.outChannels);
    const fh = nth(fhs, Math.floor(tap / fws.count));
    const fw = nth(fws, tap % fws.count);
    const oh = (h + a.padTop - fh) / a.strideHeight;
    const ow = (w + a.padLeft - fw) / a.strideWidth;
    const dy = ((b * a.outHeight + oh) * a.outWidth + ow) * a.outChannels + co;
    const wi = ((fh * a.filterWidth + fw) * a.inChannels + ci) * a.outChannels + co;
    return { rule: 'accumulate', refs: [ref(0, dy), ref(1, wi)], consts: [] };
  });
}

export function conv2dBackpropFilter(a: ConvAttrs, index: number): IndexedProgram {
  ensureStrides(a);
  const co = index % a.outChannels;
  const ci = Math.floor(index / a.outChannels) % a.inChannels;
  const tap = Math.floor(index / (a.outChannels * a.inChannels));
  const fw = tap % a.filterWidth;
  const fh = Math.floor(tap / a.filterWidth);
  const ohs = outputsThrough(fh, a.strideHeight, a.padTop, a.inHeight, a.outHeight);
  const ows = outputsThrough(fw, a.strideWidth, a.padLeft, a.inWidth, a.outWidth);
  return indexed(a.batch * ohs.count * ows.count, (s) => {
    const ow = nth(ows, s % ows.count);
    const rest = Math.floor(s / ows.count);
    const oh = nth(ohs, rest % ohs.count);
    const b = Math.floor(rest / ohs.count);
    const ih = oh * a.strideHeight + fh - a.padTop;
    const iw = ow * a.strideWidth + fw - a.padLeft;
    const x = ((b * a.inHeight + ih) * a.inWidth + iw) * a.inChannels + ci;
    const dy = ((b * a.outHeight + oh) * a.outWidth + ow) * a.outChannels + co;
    return { rule: 'accumulate', refs: [ref(0, x), ref(1, dy)], consts: [] };
  });
}

/** The window's taps (flat input indices, (fh, fw) ascending, padding skipped): their count and the s-th one. */
function windowTaps(a: ConvAttrs, b: number, oh: number, ow: number, c: number) {
  const fhs = forwardTaps(oh, a.strideHeight, a.filterHeight, a.padTop, a.inHeight);
  const fws = forwardTaps(ow, a.strideWidth, a.filterWidth, a.padLeft, a.inWidth);
  return {
    count: fhs.count * fws.count,
    tap(s: number): number {
      const ih = oh * a.strideHeight + nth(fhs, Math.floor(s / fws.count)) - a.padTop;
      const iw = ow * a.strideWidth + nth(fws, s % fws.count) - a.padLeft;
      return ((b * a.inHeight + ih) * a.inWidth + iw) * a.inChannels + c;
    },
  };
}

export function maxPool(a: ConvAttrs, index: number): IndexedProgram {
  ensureStrides(a);
  const { b, h: oh, w: ow, c } = unflatten(index, a.outHeight, a.outWidth, a.outChannels);
  const taps = windowTaps(a, b, oh, ow, c);
  return indexed(taps.count, (s) => ({ rule: 'max', refs: [ref(0, taps.tap(s))], consts: [] }));
}

/**
 * dx at one input position: the windows covering it whose maximum (read from input 1) is that position. It reads
 * every tap of those windows, so on chain a missing scalar stops it after at most `MaxSuppliedScalars` reads.
 */
export function maxPoolGrad(a: ConvAttrs, index: number, data: ScalarSource): IndexedProgram {
  ensureStrides(a);
  const { b, h, w, c } = unflatten(index, a.inHeight, a.inWidth, a.inChannels);
  const ohs = coveringWindows(h, a.strideHeight, a.filterHeight, a.padTop, a.outHeight);
  const ows = coveringWindows(w, a.strideWidth, a.filterWidth, a.padLeft, a.outWidth);
  const routed: number[] = [];
  for (let i = 0; i < ohs.count; i++) {
    for (let j = 0; j < ows.count; j++) {
      const [oh, ow] = [nth(ohs, i), nth(ows, j)];
      const taps = windowTaps(a, b, oh, ow, c);
      // The same first-maximum rule as programs.ts `windowArgMax`: strictly greater replaces.
      let best = -1;
      let bestValue = -Infinity;
      for (let s = 0; s < taps.count; s++) {
        const tap = taps.tap(s);
        const v = data.get(1, tap);
        if (best < 0 || v > bestValue) {
          best = tap;
          bestValue = v;
        }
      }
      if (best === index) routed.push(((b * a.outHeight + oh) * a.outWidth + ow) * a.outChannels + c);
    }
  }
  return indexed(routed.length, (s) => ({ rule: 'add', refs: [ref(0, routed[s] as number)], consts: [] }));
}
