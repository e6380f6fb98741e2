// Helpers shared by the kernels. Every kernel vectorises across independent output elements (4 float32 lanes),
// never across a reduced dimension, and uses f32x4.mul then f32x4.add (no fused multiply-add), so each lane
// performs exactly acc ← f32(acc + f32(a·b)) in the documented order: the same bits as the plain-JS core.
//
// Loads may read up to 3 floats past the last valid column (the host leaves 16 bytes of slack after every
// buffer); those lanes are never stored, and lanes never mix, so garbage in them cannot reach a result.

/** Stores the first `count` lanes of v (1 ≤ count ≤ 4) at ptr: the tail of a row whose width is not a multiple of 4. */
@inline
export function storeLanes(ptr: usize, v: v128, count: i32): void {
  if (count >= 4) {
    v128.store(ptr, v);
    return;
  }
  store<f32>(ptr, f32x4.extract_lane(v, 0));
  if (count >= 2) store<f32>(ptr, f32x4.extract_lane(v, 1), 4);
  if (count >= 3) store<f32>(ptr, f32x4.extract_lane(v, 2), 8);
}

/** acc + a·b, rounded to float32 after the product and after the sum, lane by lane. */
@inline
export function mulAdd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

/**
 * dst[c·rows + r] = src[r·cols + c] for `count` consecutive rows×cols matrices: a pure copy that gives the
 * kernels a layout in which independent outputs are contiguous.
 */
export function transposeBatched(src: usize, dst: usize, count: i32, rows: i32, cols: i32): void {
  const size = <usize>(rows * cols) << 2;
  for (let m = 0; m < count; m++) {
    const s = src + <usize>m * size;
    const d = dst + <usize>m * size;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        store<f32>(d + (<usize>(c * rows + r) << 2), load<f32>(s + (<usize>(r * cols + c) << 2)));
      }
    }
  }
}
