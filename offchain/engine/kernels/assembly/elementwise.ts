// Elementwise kernels offered to the `repro` kernel set, each lane-for-lane the referee's scalar rule
// (offchain/referee/scalar.ts), so results are bitwise equal to the JS kernels. Rules that scale by a float64
// hyper-parameter (learning rate, momentum) compute that product in float64 and round it to float32, exactly as
// `Math.fround(lr * g)` does in JS (one float64 rounding, then one float32 rounding).
import { storeLanes } from './lanes';

/** f32(scale · x) lane by lane, the product taken in float64 as JS does. */
@inline
function scaleLikeJs(x: v128, scale: v128): v128 {
  const low = f64x2.mul(f64x2.promote_low_f32x4(x), scale);
  const high = f64x2.mul(f64x2.promote_low_f32x4(f32x4.shuffle(x, x, 2, 3, 0, 1)), scale);
  return f32x4.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
}

/** out = f32(w − f32(lr·g)): sgdScalar (also momentum's parameter step, with g = velocity). */
export function sgdUpdate(w: usize, g: usize, out: usize, size: i32, learningRate: f64): void {
  const lr = f64x2.splat(learningRate);
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, f32x4.sub(v128.load(w + at), scaleLikeJs(v128.load(g + at), lr)));
  }
  for (; i < size; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, load<f32>(w + at) - <f32>(learningRate * <f64>load<f32>(g + at)));
  }
}

/** out = f32(f32(μ·v) + g): momentumVelocityScalar. */
export function momentumVelocity(v: usize, g: usize, out: usize, size: i32, momentum: f64): void {
  const mu = f64x2.splat(momentum);
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, f32x4.add(scaleLikeJs(v128.load(v + at), mu), v128.load(g + at)));
  }
  for (; i < size; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, <f32>(momentum * <f64>load<f32>(v + at)) + load<f32>(g + at));
  }
}

/** y = x > 0 ? x : +0 (NaN gives +0): reluScalar. */
export function relu(x: usize, y: usize, size: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    const at = <usize>i << 2;
    const v = v128.load(x + at);
    v128.store(y + at, v128.bitselect(v, zero, f32x4.gt(v, zero)));
  }
  for (; i < size; i++) {
    const at = <usize>i << 2;
    const v = load<f32>(x + at);
    store<f32>(y + at, v > 0 ? v : 0);
  }
}

/** dx = y > 0 ? dy : +0: reluGradScalar, from relu's output y. */
export function reluGrad(dy: usize, y: usize, dx: usize, size: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    const at = <usize>i << 2;
    v128.store(dx + at, v128.bitselect(v128.load(dy + at), zero, f32x4.gt(v128.load(y + at), zero)));
  }
  for (; i < size; i++) {
    const at = <usize>i << 2;
    store<f32>(dx + at, load<f32>(y + at) > 0 ? load<f32>(dy + at) : 0);
  }
}

/** y[r,c] = f32(x[r,c] + bias[c]): biasAddScalar. */
export function biasAdd(x: usize, bias: usize, y: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const px = x + <usize>r * rowBytes;
    const py = y + <usize>r * rowBytes;
    for (let c = 0; c < cols; c += 4) {
      const at = <usize>c << 2;
      storeLanes(py + at, f32x4.add(v128.load(px + at), v128.load(bias + at)), min(4, cols - c));
    }
  }
}

/** db[c] = Σ_r dy[r,c], rows ascending from +0, each sum rounded to float32 (addStep): the bias gradient. */
export function biasGrad(dy: usize, db: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols << 2;
  for (let c = 0; c < cols; c += 4) {
    let acc = f32x4.splat(0);
    let p = dy + (<usize>c << 2);
    for (let r = 0; r < rows; r++) {
      acc = f32x4.add(acc, v128.load(p));
      p += rowBytes;
    }
    storeLanes(db + (<usize>c << 2), acc, min(4, cols - c));
  }
}
