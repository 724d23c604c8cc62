// AssemblyScript: 2x2 / stride 2 max pooling (the CNN hot path) over `planes` [h, w] planes.
// PyTorch's rules: the first maximum in window order (top-left, top-right, bottom-left,
// bottom-right) wins ties, NaN propagates (the first NaN wins). `code` keeps the winner's
// position in its window (0..3, one byte per output) for the backward pass.

// @ts-ignore: decorator
@inline function takes(v: v128, best: v128): v128 {
  // v > best, or v is NaN while best is not.
  return v128.or(f32x4.gt(v, best), v128.andnot(f32x4.ne(v, v), f32x4.ne(best, best)));
}

/** y[p][oy][ox] = max of the window at (2oy, 2ox) of plane p; code = its position (0..3). */
export function maxpool2x2_f32(x: usize, planes: i32, h: i32, w: i32, y: usize, code: usize): void {
  const oh = h >> 1, ow = w >> 1;
  const one = i32x4.splat(1), two = i32x4.splat(2), three = i32x4.splat(3);
  let o: usize = 0;
  for (let p = 0; p < planes; p++) {
    const base = x + (<usize>(p * h * w) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const r0 = base + (<usize>(2 * oy * w) << 2), r1 = r0 + (<usize>w << 2);
      let ox = 0;
      for (; ox + 4 <= ow; ox += 4, o += 4) {
        const a0 = v128.load(r0 + (<usize>ox << 3)), a1 = v128.load(r0 + (<usize>ox << 3), 16);
        const b0 = v128.load(r1 + (<usize>ox << 3)), b1 = v128.load(r1 + (<usize>ox << 3), 16);
        // Even and odd columns of both rows: the four candidates of four windows.
        const v0 = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6), v1 = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
        const v2 = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6), v3 = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        let best = v0, idx = i32x4.splat(0);
        let m = takes(v1, best); best = v128.bitselect(v1, best, m); idx = v128.bitselect(one, idx, m);
        m = takes(v2, best); best = v128.bitselect(v2, best, m); idx = v128.bitselect(two, idx, m);
        m = takes(v3, best); best = v128.bitselect(v3, best, m); idx = v128.bitselect(three, idx, m);
        v128.store(y + (o << 2), best);
        // Lane k of idx is 0..3: pack the low bytes of the four lanes into 4 bytes.
        store<u32>(code + o, i32x4.extract_lane(v128.swizzle(idx, i8x16(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)), 0));
      }
      for (; ox < ow; ox++, o++) {
        const i0 = r0 + (<usize>ox << 3), i2 = r1 + (<usize>ox << 3);
        let best = load<f32>(i0), bi = 0;
        let v = load<f32>(i0, 4);
        if (v > best || (v != v && best == best)) { best = v; bi = 1; }
        v = load<f32>(i2);
        if (v > best || (v != v && best == best)) { best = v; bi = 2; }
        v = load<f32>(i2, 4);
        if (v > best || (v != v && best == best)) { best = v; bi = 3; }
        store<f32>(y + (o << 2), best);
        store<u8>(code + o, <u8>bi);
      }
    }
  }
}

/**
 * The backward of maxpool2x2_f32: dx (planes of [h, w]) is 0 except dy at each window's
 * winner. Stored as dy + 0 so that -0 becomes +0, as accumulating into zeros does.
 */
export function maxpool2x2_backward_f32(dy: usize, code: usize, planes: i32, h: i32, w: i32, dx: usize): void {
  const oh = h >> 1, ow = w >> 1;
  memory.fill(dx, 0, <usize>(planes * h * w) << 2);
  let o: usize = 0;
  for (let p = 0; p < planes; p++) {
    const base = dx + (<usize>(p * h * w) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const r0 = base + (<usize>(2 * oy * w) << 2);
      for (let ox = 0; ox < ow; ox++, o++) {
        const k = <i32>load<u8>(code + o) & 3;
        const at = r0 + (<usize>ox << 3) + (<usize>(k & 1) << 2) + (k >= 2 ? <usize>w << 2 : 0);
        store<f32>(at, load<f32>(dy + (o << 2)) + 0);
      }
    }
  }
}
