// Max pooling and its gradient, NHWC, 4 channels per vector. The referee's rules (offchain/referee):
// MaxPool: running max over the window's taps (fh, fw) ascending, padding skipped, from −∞; strictly greater
// replaces (so NaN never replaces and the first maximum wins).
// MaxPoolGrad: each window's dy goes to its argmax tap (the first tap, replaced by any strictly greater one);
// windows are visited (b, oh, ow) ascending, so every dx element sums its dy terms in (oh, ow) order from +0.
import { storeLanes } from './lanes';

export function maxPool(
  x: usize, y: usize,
  batch: i32, H: i32, W: i32, C: i32, FH: i32, FW: i32,
  sh: i32, sw: i32, padTop: i32, padLeft: i32, OH: i32, OW: i32,
): void {
  let py = y;
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        for (let c = 0; c < C; c += 4) {
          let acc = f32x4.splat(-Infinity);
          for (let fh = 0; fh < FH; fh++) {
            const ih = oh * sh + fh - padTop;
            if (ih < 0 || ih >= H) continue;
            for (let fw = 0; fw < FW; fw++) {
              const iw = ow * sw + fw - padLeft;
              if (iw < 0 || iw >= W) continue;
              const v = v128.load(x + (<usize>(((b * H + ih) * W + iw) * C + c) << 2));
              acc = v128.bitselect(v, acc, f32x4.gt(v, acc));
            }
          }
          storeLanes(py + (<usize>c << 2), acc, min(4, C - c));
        }
        py += <usize>C << 2;
      }
    }
  }
}

@inline
function addLane(dx: usize, imageBase: i32, pixel: i32, C: i32, channel: i32, g: f32): void {
  const at = dx + (<usize>((imageBase + pixel) * C + channel) << 2);
  store<f32>(at, load<f32>(at) + g);
}

export function maxPoolGrad(
  dy: usize, x: usize, dx: usize,
  batch: i32, H: i32, W: i32, C: i32, FH: i32, FW: i32,
  sh: i32, sw: i32, padTop: i32, padLeft: i32, OH: i32, OW: i32,
): void {
  memory.fill(dx, 0, <usize>(batch * H * W * C) << 2);
  let pdy = dy;
  for (let b = 0; b < batch; b++) {
    const imageBase = b * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        for (let c = 0; c < C; c += 4) {
          let best = f32x4.splat(0);
          let bestPixel = i32x4.splat(-1);
          let first = true;
          for (let fh = 0; fh < FH; fh++) {
            const ih = oh * sh + fh - padTop;
            if (ih < 0 || ih >= H) continue;
            for (let fw = 0; fw < FW; fw++) {
              const iw = ow * sw + fw - padLeft;
              if (iw < 0 || iw >= W) continue;
              const pixel = ih * W + iw;
              const v = v128.load(x + (<usize>((imageBase + pixel) * C + c) << 2));
              if (first) {
                best = v;
                bestPixel = i32x4.splat(pixel);
                first = false;
              } else {
                const greater = f32x4.gt(v, best);
                best = v128.bitselect(v, best, greater);
                bestPixel = v128.bitselect(i32x4.splat(pixel), bestPixel, greater);
              }
            }
          }
          if (!first) {
            const lanes = min(4, C - c);
            const p = pdy + (<usize>c << 2);
            addLane(dx, imageBase, i32x4.extract_lane(bestPixel, 0), C, c, load<f32>(p));
            if (lanes > 1) addLane(dx, imageBase, i32x4.extract_lane(bestPixel, 1), C, c + 1, load<f32>(p, 4));
            if (lanes > 2) addLane(dx, imageBase, i32x4.extract_lane(bestPixel, 2), C, c + 2, load<f32>(p, 8));
            if (lanes > 3) addLane(dx, imageBase, i32x4.extract_lane(bestPixel, 3), C, c + 3, load<f32>(p, 12));
          }
        }
        pdy += <usize>C << 2;
      }
    }
  }
}
