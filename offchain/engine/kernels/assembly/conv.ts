// Convolutions, NHWC images and HWIO filters. Each kernel keeps up to 4 vectors (16 channels) of independent
// outputs in registers and walks their reduction in the contract's order; channel counts that are not a multiple
// of 16 finish with 2-vector and then 1-vector chunks (the last one stores only its valid lanes).
import { mulAdd, storeLanes } from './lanes';

/** y[b,oh,ow,co] = Σ over (fh, fw, ci), each ascending, taps in the padding skipped. */
@inline
function forwardChunk(
  xImage: usize, w: usize, py: usize, ihBase: i32, iwBase: i32,
  H: i32, W: i32, CI: i32, FH: i32, FW: i32, CO: i32, co0: i32, vectors: i32, lanes: i32,
): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  const coBytes = <usize>CO << 2;
  for (let fh = 0; fh < FH; fh++) {
    const ih = ihBase + fh;
    if (ih < 0 || ih >= H) continue;
    for (let fw = 0; fw < FW; fw++) {
      const iw = iwBase + fw;
      if (iw < 0 || iw >= W) continue;
      let px = xImage + (<usize>((ih * W + iw) * CI) << 2);
      let pw = w + (<usize>((fh * FW + fw) * CI * CO + co0) << 2);
      for (let ci = 0; ci < CI; ci++) {
        const xv = f32x4.splat(load<f32>(px));
        a0 = mulAdd(a0, xv, v128.load(pw));
        if (vectors > 1) a1 = mulAdd(a1, xv, v128.load(pw, 16));
        if (vectors > 2) {
          a2 = mulAdd(a2, xv, v128.load(pw, 32));
          a3 = mulAdd(a3, xv, v128.load(pw, 48));
        }
        px += 4;
        pw += coBytes;
      }
    }
  }
  const p = py + (<usize>co0 << 2);
  if (vectors == 1) {
    storeLanes(p, a0, lanes);
    return;
  }
  v128.store(p, a0);
  v128.store(p, a1, 16);
  if (vectors > 2) {
    v128.store(p, a2, 32);
    v128.store(p, a3, 48);
  }
}

export function conv2d(
  x: usize, w: usize, y: usize,
  batch: i32, H: i32, W: i32, CI: i32, FH: i32, FW: i32, CO: i32,
  sh: i32, sw: i32, padTop: i32, padLeft: i32, OH: i32, OW: i32,
): void {
  let py = y;
  for (let b = 0; b < batch; b++) {
    const xImage = x + (<usize>(b * H * W * CI) << 2);
    for (let oh = 0; oh < OH; oh++) {
      const ihBase = oh * sh - padTop;
      for (let ow = 0; ow < OW; ow++) {
        const iwBase = ow * sw - padLeft;
        let co0 = 0;
        for (; co0 + 16 <= CO; co0 += 16) forwardChunk(xImage, w, py, ihBase, iwBase, H, W, CI, FH, FW, CO, co0, 4, 4);
        if (co0 + 8 <= CO) {
          forwardChunk(xImage, w, py, ihBase, iwBase, H, W, CI, FH, FW, CO, co0, 2, 4);
          co0 += 8;
        }
        for (; co0 < CO; co0 += 4) forwardChunk(xImage, w, py, ihBase, iwBase, H, W, CI, FH, FW, CO, co0, 1, min(4, CO - co0));
        py += <usize>CO << 2;
      }
    }
  }
}

/**
 * dx[b,h,w,ci] = Σ over (fh, fw, co), each ascending, of dy[b,oh,ow,co]·w[fh,fw,ci,co] where the tap maps to an
 * output position. `wT` is the filter with each tap's CI×CO block transposed to CO×CI, so ci is contiguous.
 */
@inline
function inputGradChunk(
  dyImage: usize, wT: usize, pdx: usize, h: i32, wi: i32,
  FH: i32, FW: i32, CI: i32, CO: i32, sh: i32, sw: i32, padTop: i32, padLeft: i32, OH: i32, OW: i32,
  ci0: i32, vectors: i32, lanes: i32,
): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  const ciBytes = <usize>CI << 2;
  for (let fh = 0; fh < FH; fh++) {
    const th = h + padTop - fh;
    if (th < 0) break;
    if (th % sh != 0) continue;
    const oh = th / sh;
    if (oh >= OH) continue;
    for (let fw = 0; fw < FW; fw++) {
      const tw = wi + padLeft - fw;
      if (tw < 0) break;
      if (tw % sw != 0) continue;
      const ow = tw / sw;
      if (ow >= OW) continue;
      let pdy = dyImage + (<usize>((oh * OW + ow) * CO) << 2);
      let pw = wT + (<usize>((fh * FW + fw) * CO * CI + ci0) << 2);
      for (let co = 0; co < CO; co++) {
        const d = f32x4.splat(load<f32>(pdy));
        a0 = mulAdd(a0, d, v128.load(pw));
        if (vectors > 1) a1 = mulAdd(a1, d, v128.load(pw, 16));
        if (vectors > 2) {
          a2 = mulAdd(a2, d, v128.load(pw, 32));
          a3 = mulAdd(a3, d, v128.load(pw, 48));
        }
        pdy += 4;
        pw += ciBytes;
      }
    }
  }
  const p = pdx + (<usize>ci0 << 2);
  if (vectors == 1) {
    storeLanes(p, a0, lanes);
    return;
  }
  v128.store(p, a0);
  v128.store(p, a1, 16);
  if (vectors > 2) {
    v128.store(p, a2, 32);
    v128.store(p, a3, 48);
  }
}

export function conv2dBackpropInput(
  dy: usize, wT: usize, dx: usize,
  batch: i32, H: i32, W: i32, CI: i32, FH: i32, FW: i32, CO: i32,
  sh: i32, sw: i32, padTop: i32, padLeft: i32, OH: i32, OW: i32,
): void {
  let pdx = dx;
  for (let b = 0; b < batch; b++) {
    const dyImage = dy + (<usize>(b * OH * OW * CO) << 2);
    for (let h = 0; h < H; h++) {
      for (let wi = 0; wi < W; wi++) {
        let ci0 = 0;
        for (; ci0 + 16 <= CI; ci0 += 16) {
          inputGradChunk(dyImage, wT, pdx, h, wi, FH, FW, CI, CO, sh, sw, padTop, padLeft, OH, OW, ci0, 4, 4);
        }
        if (ci0 + 8 <= CI) {
          inputGradChunk(dyImage, wT, pdx, h, wi, FH, FW, CI, CO, sh, sw, padTop, padLeft, OH, OW, ci0, 2, 4);
          ci0 += 8;
        }
        for (; ci0 < CI; ci0 += 4) {
          inputGradChunk(dyImage, wT, pdx, h, wi, FH, FW, CI, CO, sh, sw, padTop, padLeft, OH, OW, ci0, 1, min(4, CI - ci0));
        }
        pdx += <usize>CI << 2;
      }
    }
  }
}

/** First output index o ≥ 0 with o·stride + offset ≥ 0, and one past the last with o·stride + offset < size. */
@inline
function firstInside(offset: i32, stride: i32): i32 {
  return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
}
@inline
function endInside(offset: i32, stride: i32, size: i32, outSize: i32): i32 {
  const last = size - 1 - offset;
  return last < 0 ? 0 : min(outSize, last / stride + 1);
}

/** dw[fh,fw,ci,co] = Σ over (b, oh, ow), each ascending, of x[b,ih,iw,ci]·dy[b,oh,ow,co], taps inside the image. */
@inline
function filterGradChunk(
  x: usize, dy: usize, pdw: usize, fh: i32, fw: i32, ci: i32,
  batch: i32, H: i32, W: i32, CI: i32, CO: i32, sh: i32, sw: i32, padTop: i32, padLeft: i32, OH: i32, OW: i32,
  co0: i32, vectors: i32, lanes: i32,
): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  const ohStart = firstInside(fh - padTop, sh);
  const ohEnd = endInside(fh - padTop, sh, H, OH);
  const owStart = firstInside(fw - padLeft, sw);
  const owEnd = endInside(fw - padLeft, sw, W, OW);
  const xStep = <usize>(sw * CI) << 2;
  const dyStep = <usize>CO << 2;
  for (let b = 0; b < batch; b++) {
    for (let oh = ohStart; oh < ohEnd; oh++) {
      const ih = oh * sh + fh - padTop;
      const iw0 = owStart * sw + fw - padLeft;
      let px = x + (<usize>(((b * H + ih) * W + iw0) * CI + ci) << 2);
      let pdy = dy + (<usize>(((b * OH + oh) * OW + owStart) * CO + co0) << 2);
      for (let ow = owStart; ow < owEnd; ow++) {
        const xv = f32x4.splat(load<f32>(px));
        a0 = mulAdd(a0, xv, v128.load(pdy));
        if (vectors > 1) a1 = mulAdd(a1, xv, v128.load(pdy, 16));
        if (vectors > 2) {
          a2 = mulAdd(a2, xv, v128.load(pdy, 32));
          a3 = mulAdd(a3, xv, v128.load(pdy, 48));
        }
        px += xStep;
        pdy += dyStep;
      }
    }
  }
  const p = pdw + (<usize>co0 << 2);
  if (vectors == 1) {
    storeLanes(p, a0, lanes);
    return;
  }
  v128.store(p, a0);
  v128.store(p, a1, 16);
  if (vectors > 2) {
    v128.store(p, a2, 32);
    v128.store(p, a3, 48);
  }
}

export function conv2dBackpropFilter(
  x: usize, dy: usize, dw: usize,
  batch: i32, H: i32, W: i32, CI: i32, FH: i32, FW: i32, CO: i32,
  sh: i32, sw: i32, padTop: i32, padLeft: i32, OH: i32, OW: i32,
): void {
  let pdw = dw;
  for (let fh = 0; fh < FH; fh++) {
    for (let fw = 0; fw < FW; fw++) {
      for (let ci = 0; ci < CI; ci++) {
        let co0 = 0;
        for (; co0 + 16 <= CO; co0 += 16) {
          filterGradChunk(x, dy, pdw, fh, fw, ci, batch, H, W, CI, CO, sh, sw, padTop, padLeft, OH, OW, co0, 4, 4);
        }
        if (co0 + 8 <= CO) {
          filterGradChunk(x, dy, pdw, fh, fw, ci, batch, H, W, CI, CO, sh, sw, padTop, padLeft, OH, OW, co0, 2, 4);
          co0 += 8;
        }
        for (; co0 < CO; co0 += 4) {
          filterGradChunk(x, dy, pdw, fh, fw, ci, batch, H, W, CI, CO, sh, sw, padTop, padLeft, OH, OW, co0, 1, min(4, CO - co0));
        }
        pdw += <usize>CO << 2;
      }
    }
  }
}
