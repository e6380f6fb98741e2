// BLAKE2b-256 (RFC 7693: digest length 32, no key) for the per-step state commitment: the tensor Merkle trees of
// offchain/referee/merkle.ts hash ~800 small inputs per step, and a wasm call per tree instead of a JS call per
// hash is what makes that cheap. The compression is unrolled (12 rounds of the RFC's message schedule σ, round r
// using σ[r mod 10]) so that the state, the working vector and the message all stay in locals.
//
// Memory is imported (shared with the hashing ring, see train/hash-ring.ts) and this module owns none of it: the
// caller passes a private 128-byte `block` scratch area per thread. No static data, no allocation.

/** Hashes `prefix ‖ data[0 .. len)` (no prefix byte when prefix < 0) into 32 bytes at `out`. */
export function blake2b256(prefix: i32, data: usize, len: i32, out: usize, block: usize): void {
  const pre: i32 = prefix >= 0 ? 1 : 0;
  const total: i32 = len + pre;
  const blocks: i32 = total == 0 ? 1 : (total + 127) >> 7;
  // Parameter block: digest length 32, key length 0, fan-out 1, depth 1.
  let h0: u64 = 0x6a09e667f3bcc908 ^ 0x01010020;
  let h1: u64 = 0xbb67ae8584caa73b;
  let h2: u64 = 0x3c6ef372fe94f82b;
  let h3: u64 = 0xa54ff53a5f1d36f1;
  let h4: u64 = 0x510e527fade682d1;
  let h5: u64 = 0x9b05688c2b3e6c1f;
  let h6: u64 = 0x1f83d9abfb41bd6b;
  let h7: u64 = 0x5be0cd19137e2179;
  for (let k: i32 = 0; k < blocks; k++) {
    const last = k == blocks - 1;
    const start: i32 = k << 7;
    const end: i32 = min(total, start + 128);
    let src: usize;
    if (last || (k == 0 && pre == 1)) {
      // The prefix byte, or the zero padding of the last block: assembled in the caller's block area.
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
      src = block;
    } else {
      src = data + <usize>(start - pre);
    }
    const m0 = load<u64>(src, 0);
    const m1 = load<u64>(src, 8);
    const m2 = load<u64>(src, 16);
    const m3 = load<u64>(src, 24);
    const m4 = load<u64>(src, 32);
    const m5 = load<u64>(src, 40);
    const m6 = load<u64>(src, 48);
    const m7 = load<u64>(src, 56);
    const m8 = load<u64>(src, 64);
    const m9 = load<u64>(src, 72);
    const m10 = load<u64>(src, 80);
    const m11 = load<u64>(src, 88);
    const m12 = load<u64>(src, 96);
    const m13 = load<u64>(src, 104);
    const m14 = load<u64>(src, 112);
    const m15 = load<u64>(src, 120);
    let v0 = h0;
    let v1 = h1;
    let v2 = h2;
    let v3 = h3;
    let v4 = h4;
    let v5 = h5;
    let v6 = h6;
    let v7 = h7;
    let v8: u64 = 0x6a09e667f3bcc908;
    let v9: u64 = 0xbb67ae8584caa73b;
    let v10: u64 = 0x3c6ef372fe94f82b;
    let v11: u64 = 0xa54ff53a5f1d36f1;
    let v12: u64 = 0x510e527fade682d1 ^ <u64>end; // byte counter, low word (inputs here are far below 2^64)
    let v13: u64 = 0x9b05688c2b3e6c1f;
    let v14: u64 = last ? ~(<u64>0x1f83d9abfb41bd6b) : 0x1f83d9abfb41bd6b;
    let v15: u64 = 0x5be0cd19137e2179;
    // round 0
    v0 += v4 + m0; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m1; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m2; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m3; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m4; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m5; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m6; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m7; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m8; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m9; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m10; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m11; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m12; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m13; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m14; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m15; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 1
    v0 += v4 + m14; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m10; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m4; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m8; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m9; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m15; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m13; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m6; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m1; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m12; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m0; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m2; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m11; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m7; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m5; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m3; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 2
    v0 += v4 + m11; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m8; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m12; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m0; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m5; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m2; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m15; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m13; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m10; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m14; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m3; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m6; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m7; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m1; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m9; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m4; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 3
    v0 += v4 + m7; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m9; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m3; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m1; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m13; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m12; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m11; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m14; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m2; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m6; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m5; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m10; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m4; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m0; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m15; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m8; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 4
    v0 += v4 + m9; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m0; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m5; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m7; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m2; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m4; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m10; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m15; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m14; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m1; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m11; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m12; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m6; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m8; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m3; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m13; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 5
    v0 += v4 + m2; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m12; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m6; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m10; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m0; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m11; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m8; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m3; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m4; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m13; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m7; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m5; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m15; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m14; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m1; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m9; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 6
    v0 += v4 + m12; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m5; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m1; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m15; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m14; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m13; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m4; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m10; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m0; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m7; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m6; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m3; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m9; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m2; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m8; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m11; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 7
    v0 += v4 + m13; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m11; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m7; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m14; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m12; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m1; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m3; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m9; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m5; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m0; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m15; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m4; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m8; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m6; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m2; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m10; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 8
    v0 += v4 + m6; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m15; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m14; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m9; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m11; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m3; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m0; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m8; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m12; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m2; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m13; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m7; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m1; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m4; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m10; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m5; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 9
    v0 += v4 + m10; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m2; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m8; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m4; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m7; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m6; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m1; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m5; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m15; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m11; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m9; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m14; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m3; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m12; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m13; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m0; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 10
    v0 += v4 + m0; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m1; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m2; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m3; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m4; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m5; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m6; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m7; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m8; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m9; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m10; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m11; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m12; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m13; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m14; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m15; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    // round 11
    v0 += v4 + m14; v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24);
    v0 += v4 + m10; v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63);
    v1 += v5 + m4; v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24);
    v1 += v5 + m8; v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63);
    v2 += v6 + m9; v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24);
    v2 += v6 + m15; v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63);
    v3 += v7 + m13; v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24);
    v3 += v7 + m6; v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63);
    v0 += v5 + m1; v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24);
    v0 += v5 + m12; v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63);
    v1 += v6 + m0; v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24);
    v1 += v6 + m2; v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63);
    v2 += v7 + m11; v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24);
    v2 += v7 + m7; v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63);
    v3 += v4 + m5; v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24);
    v3 += v4 + m3; v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63);
    h0 ^= v0 ^ v8;
    h1 ^= v1 ^ v9;
    h2 ^= v2 ^ v10;
    h3 ^= v3 ^ v11;
    h4 ^= v4 ^ v12;
    h5 ^= v5 ^ v13;
    h6 ^= v6 ^ v14;
    h7 ^= v7 ^ v15;
  }
  store<u64>(out, h0, 0);
  store<u64>(out, h1, 8);
  store<u64>(out, h2, 16);
  store<u64>(out, h3, 24);
}
