// BLAKE2b-256 of two messages of the same length at once, one per 64-bit lane of a v128 (i64x2): the leaves of a
// tensor's Merkle tree all hash 1,025 bytes, and its inner nodes 65, so they pair up. Same algorithm and schedule as
// blake2.ts (RFC 7693, digest length 32, no key), lane for lane; about twice the work per instruction.

@inline function add(a: v128, b: v128): v128 {
  return i64x2.add(a, b);
}
@inline function xor(a: v128, b: v128): v128 {
  return v128.xor(a, b);
}
// Rotations right by 32, 24 and 16 bits move whole bytes within each 64-bit lane; by 63, a shift pair.
@inline function rot32(a: v128): v128 {
  return i8x16.shuffle(a, a, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11);
}
@inline function rot24(a: v128): v128 {
  return i8x16.shuffle(a, a, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
}
@inline function rot16(a: v128): v128 {
  return i8x16.shuffle(a, a, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
}
@inline function rot63(a: v128): v128 {
  return v128.or(i64x2.shr_u(a, 63), i64x2.add(a, a));
}
@inline function pair(a: u64, b: u64): v128 {
  return i64x2.replace_lane(i64x2.splat(a), 1, b);
}

/** Copies message block k (of `prefix ‖ data`, zero-padded) into `block` when it is not read in place; returns its address. */
@inline
function blockAt(prefix: i32, pre: i32, data: usize, k: i32, end: i32, last: bool, block: usize): usize {
  const start: i32 = k << 7;
  if (!last && !(k == 0 && pre == 1)) return data + <usize>(start - pre);
  memory.fill(block, 0, 128);
  let from: i32 = start - pre;
  let to: usize = block;
  if (k == 0 && pre == 1) {
    store<u8>(block, <u8>prefix);
    from = 0;
    to = block + 1;
  }
  const until: i32 = end - pre;
  if (until > from) memory.copy(to, data + <usize>from, <usize>(until - from));
  return block;
}

/** blake2b256 (blake2.ts) of prefix ‖ a[0 .. len) into outA and of prefix ‖ b[0 .. len) into outB. */
export function blake2b256x2(
  prefix: i32,
  a: usize,
  b: usize,
  len: i32,
  outA: usize,
  outB: usize,
  blockA: usize,
  blockB: usize,
): void {
  const pre: i32 = prefix >= 0 ? 1 : 0;
  const total: i32 = len + pre;
  const blocks: i32 = total == 0 ? 1 : (total + 127) >> 7;
  let h0 = i64x2.splat(0x6a09e667f3bcc908 ^ 0x01010020);
  let h1 = i64x2.splat(0xbb67ae8584caa73b);
  let h2 = i64x2.splat(0x3c6ef372fe94f82b);
  let h3 = i64x2.splat(0xa54ff53a5f1d36f1);
  let h4 = i64x2.splat(0x510e527fade682d1);
  let h5 = i64x2.splat(0x9b05688c2b3e6c1f);
  let h6 = i64x2.splat(0x1f83d9abfb41bd6b);
  let h7 = i64x2.splat(0x5be0cd19137e2179);
  for (let k: i32 = 0; k < blocks; k++) {
    const last = k == blocks - 1;
    const end: i32 = min(total, (k << 7) + 128);
    const sa = blockAt(prefix, pre, a, k, end, last, blockA);
    const sb = blockAt(prefix, pre, b, k, end, last, blockB);
    const m0 = pair(load<u64>(sa, 0), load<u64>(sb, 0));
    const m1 = pair(load<u64>(sa, 8), load<u64>(sb, 8));
    const m2 = pair(load<u64>(sa, 16), load<u64>(sb, 16));
    const m3 = pair(load<u64>(sa, 24), load<u64>(sb, 24));
    const m4 = pair(load<u64>(sa, 32), load<u64>(sb, 32));
    const m5 = pair(load<u64>(sa, 40), load<u64>(sb, 40));
    const m6 = pair(load<u64>(sa, 48), load<u64>(sb, 48));
    const m7 = pair(load<u64>(sa, 56), load<u64>(sb, 56));
    const m8 = pair(load<u64>(sa, 64), load<u64>(sb, 64));
    const m9 = pair(load<u64>(sa, 72), load<u64>(sb, 72));
    const m10 = pair(load<u64>(sa, 80), load<u64>(sb, 80));
    const m11 = pair(load<u64>(sa, 88), load<u64>(sb, 88));
    const m12 = pair(load<u64>(sa, 96), load<u64>(sb, 96));
    const m13 = pair(load<u64>(sa, 104), load<u64>(sb, 104));
    const m14 = pair(load<u64>(sa, 112), load<u64>(sb, 112));
    const m15 = pair(load<u64>(sa, 120), load<u64>(sb, 120));
    let v0 = h0;
    let v1 = h1;
    let v2 = h2;
    let v3 = h3;
    let v4 = h4;
    let v5 = h5;
    let v6 = h6;
    let v7 = h7;
    let v8 = i64x2.splat(0x6a09e667f3bcc908);
    let v9 = i64x2.splat(0xbb67ae8584caa73b);
    let v10 = i64x2.splat(0x3c6ef372fe94f82b);
    let v11 = i64x2.splat(0xa54ff53a5f1d36f1);
    let v12 = i64x2.splat(0x510e527fade682d1 ^ <u64>end);
    let v13 = i64x2.splat(0x9b05688c2b3e6c1f);
    let v14 = i64x2.splat(last ? ~(<u64>0x1f83d9abfb41bd6b) : 0x1f83d9abfb41bd6b);
    let v15 = i64x2.splat(0x5be0cd19137e2179);
    // round 0
    v0 = add(add(v0, v4), m0); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m1); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m2); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m3); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m4); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m5); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m6); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m7); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m8); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m9); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m10); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m11); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m12); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m13); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m14); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m15); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 1
    v0 = add(add(v0, v4), m14); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m10); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m4); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m8); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m9); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m15); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m13); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m6); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m1); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m12); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m0); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m2); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m11); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m7); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m5); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m3); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 2
    v0 = add(add(v0, v4), m11); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m8); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m12); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m0); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m5); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m2); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m15); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m13); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m10); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m14); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m3); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m6); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m7); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m1); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m9); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m4); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 3
    v0 = add(add(v0, v4), m7); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m9); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m3); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m1); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m13); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m12); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m11); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m14); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m2); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m6); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m5); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m10); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m4); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m0); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m15); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m8); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 4
    v0 = add(add(v0, v4), m9); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m0); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m5); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m7); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m2); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m4); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m10); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m15); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m14); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m1); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m11); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m12); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m6); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m8); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m3); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m13); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 5
    v0 = add(add(v0, v4), m2); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m12); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m6); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m10); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m0); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m11); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m8); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m3); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m4); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m13); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m7); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m5); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m15); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m14); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m1); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m9); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 6
    v0 = add(add(v0, v4), m12); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m5); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m1); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m15); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m14); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m13); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m4); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m10); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m0); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m7); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m6); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m3); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m9); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m2); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m8); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m11); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 7
    v0 = add(add(v0, v4), m13); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m11); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m7); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m14); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m12); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m1); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m3); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m9); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m5); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m0); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m15); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m4); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m8); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m6); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m2); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m10); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 8
    v0 = add(add(v0, v4), m6); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m15); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m14); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m9); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m11); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m3); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m0); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m8); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m12); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m2); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m13); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m7); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m1); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m4); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m10); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m5); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 9
    v0 = add(add(v0, v4), m10); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m2); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m8); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m4); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m7); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m6); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m1); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m5); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m15); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m11); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m9); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m14); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m3); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m12); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m13); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m0); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 10
    v0 = add(add(v0, v4), m0); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m1); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m2); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m3); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m4); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m5); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m6); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m7); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m8); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m9); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m10); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m11); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m12); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m13); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m14); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m15); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    // round 11
    v0 = add(add(v0, v4), m14); v12 = rot32(xor(v12, v0)); v8 = add(v8, v12); v4 = rot24(xor(v4, v8));
    v0 = add(add(v0, v4), m10); v12 = rot16(xor(v12, v0)); v8 = add(v8, v12); v4 = rot63(xor(v4, v8));
    v1 = add(add(v1, v5), m4); v13 = rot32(xor(v13, v1)); v9 = add(v9, v13); v5 = rot24(xor(v5, v9));
    v1 = add(add(v1, v5), m8); v13 = rot16(xor(v13, v1)); v9 = add(v9, v13); v5 = rot63(xor(v5, v9));
    v2 = add(add(v2, v6), m9); v14 = rot32(xor(v14, v2)); v10 = add(v10, v14); v6 = rot24(xor(v6, v10));
    v2 = add(add(v2, v6), m15); v14 = rot16(xor(v14, v2)); v10 = add(v10, v14); v6 = rot63(xor(v6, v10));
    v3 = add(add(v3, v7), m13); v15 = rot32(xor(v15, v3)); v11 = add(v11, v15); v7 = rot24(xor(v7, v11));
    v3 = add(add(v3, v7), m6); v15 = rot16(xor(v15, v3)); v11 = add(v11, v15); v7 = rot63(xor(v7, v11));
    v0 = add(add(v0, v5), m1); v15 = rot32(xor(v15, v0)); v10 = add(v10, v15); v5 = rot24(xor(v5, v10));
    v0 = add(add(v0, v5), m12); v15 = rot16(xor(v15, v0)); v10 = add(v10, v15); v5 = rot63(xor(v5, v10));
    v1 = add(add(v1, v6), m0); v12 = rot32(xor(v12, v1)); v11 = add(v11, v12); v6 = rot24(xor(v6, v11));
    v1 = add(add(v1, v6), m2); v12 = rot16(xor(v12, v1)); v11 = add(v11, v12); v6 = rot63(xor(v6, v11));
    v2 = add(add(v2, v7), m11); v13 = rot32(xor(v13, v2)); v8 = add(v8, v13); v7 = rot24(xor(v7, v8));
    v2 = add(add(v2, v7), m7); v13 = rot16(xor(v13, v2)); v8 = add(v8, v13); v7 = rot63(xor(v7, v8));
    v3 = add(add(v3, v4), m5); v14 = rot32(xor(v14, v3)); v9 = add(v9, v14); v4 = rot24(xor(v4, v9));
    v3 = add(add(v3, v4), m3); v14 = rot16(xor(v14, v3)); v9 = add(v9, v14); v4 = rot63(xor(v4, v9));
    h0 = xor(h0, xor(v0, v8));
    h1 = xor(h1, xor(v1, v9));
    h2 = xor(h2, xor(v2, v10));
    h3 = xor(h3, xor(v3, v11));
    h4 = xor(h4, xor(v4, v12));
    h5 = xor(h5, xor(v5, v13));
    h6 = xor(h6, xor(v6, v14));
    h7 = xor(h7, xor(v7, v15));
  }
  store<u64>(outA, i64x2.extract_lane(h0, 0), 0);
  store<u64>(outA, i64x2.extract_lane(h1, 0), 8);
  store<u64>(outA, i64x2.extract_lane(h2, 0), 16);
  store<u64>(outA, i64x2.extract_lane(h3, 0), 24);
  store<u64>(outB, i64x2.extract_lane(h0, 1), 0);
  store<u64>(outB, i64x2.extract_lane(h1, 1), 8);
  store<u64>(outB, i64x2.extract_lane(h2, 1), 16);
  store<u64>(outB, i64x2.extract_lane(h3, 1), 24);
}
