// C[i,j] = Σ_t opA[i,t]·B[t,j], t ascending; B is k×n row-major (the host transposes a transposed B first).
// opA[i,t] is read at a[i·aRowStride + t·aDepthStride], so a transposed A needs no copy.
// Register tiles: up to 4 rows × 2 vectors (8 columns); edges use the same code with fewer rows or lanes.
import { mulAdd, storeLanes } from './lanes';

@inline
function tile(
  a: usize, b: usize, c: usize,
  i: i32, j: i32, k: i32, n: i32,
  aRowStride: i32, aDepthStride: i32,
  rows: i32, vectors: i32, lastLanes: i32,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const aStep = <usize>aDepthStride << 2;
  const bStep = <usize>n << 2;
  let pa = a + (<usize>(i * aRowStride) << 2);
  const rowOffset = <usize>aRowStride << 2;
  let pb = b + (<usize>j << 2);
  for (let t = 0; t < k; t++) {
    const b0 = v128.load(pb);
    const b1 = vectors > 1 ? v128.load(pb, 16) : b0;
    const a0 = f32x4.splat(load<f32>(pa));
    c00 = mulAdd(c00, a0, b0);
    if (vectors > 1) c01 = mulAdd(c01, a0, b1);
    if (rows > 1) {
      const a1 = f32x4.splat(load<f32>(pa + rowOffset));
      c10 = mulAdd(c10, a1, b0);
      if (vectors > 1) c11 = mulAdd(c11, a1, b1);
      const a2 = f32x4.splat(load<f32>(pa + 2 * rowOffset));
      c20 = mulAdd(c20, a2, b0);
      if (vectors > 1) c21 = mulAdd(c21, a2, b1);
      const a3 = f32x4.splat(load<f32>(pa + 3 * rowOffset));
      c30 = mulAdd(c30, a3, b0);
      if (vectors > 1) c31 = mulAdd(c31, a3, b1);
    }
    pa += aStep;
    pb += bStep;
  }
  const rowBytes = <usize>n << 2;
  let pc = c + (<usize>(i * n + j) << 2);
  if (vectors > 1) {
    v128.store(pc, c00); storeLanes(pc + 16, c01, lastLanes);
    if (rows > 1) {
      v128.store(pc + rowBytes, c10); storeLanes(pc + rowBytes + 16, c11, lastLanes);
      v128.store(pc + 2 * rowBytes, c20); storeLanes(pc + 2 * rowBytes + 16, c21, lastLanes);
      v128.store(pc + 3 * rowBytes, c30); storeLanes(pc + 3 * rowBytes + 16, c31, lastLanes);
    }
  } else {
    storeLanes(pc, c00, lastLanes);
    if (rows > 1) {
      storeLanes(pc + rowBytes, c10, lastLanes);
      storeLanes(pc + 2 * rowBytes, c20, lastLanes);
      storeLanes(pc + 3 * rowBytes, c30, lastLanes);
    }
  }
}

export function matmul(
  a: usize, b: usize, c: usize,
  m: i32, k: i32, n: i32,
  aRowStride: i32, aDepthStride: i32,
): void {
  // Column stripes outside, row tiles inside: a stripe of B (k × 8 floats) stays in L1 across the row tiles.
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    let i = 0;
    for (; i + 4 <= m; i += 4) tile(a, b, c, i, j, k, n, aRowStride, aDepthStride, 4, 2, 4);
    for (; i < m; i++) tile(a, b, c, i, j, k, n, aRowStride, aDepthStride, 1, 2, 4);
  }
  for (; j < n; j += 4) {
    const lanes = min(4, n - j);
    let i = 0;
    for (; i + 4 <= m; i += 4) tile(a, b, c, i, j, k, n, aRowStride, aDepthStride, 4, 1, lanes);
    for (; i < m; i++) tile(a, b, c, i, j, k, n, aRowStride, aDepthStride, 1, 1, lanes);
  }
}
