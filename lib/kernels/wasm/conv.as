// AssemblyScript: the data-layout halves of convolution and pooling, one image (or a run of
// planes) at a time in wasm memory; the products themselves go through gemm_f32.
// Pointers are byte addresses; every function reads its inputs and writes only its output.
// Results are bit-identical to the plain-JS loops in lib/kernels/im2col.ts and maxpool.ts
// (same element order for every accumulation; SIMD lanes are independent elements).

// First output column x whose input column x·sw + j - pw is >= 0, and one past the last
// whose input column is < w: columns outside [x0, x1) read the zero padding.
// @ts-ignore: decorator
@inline function firstInside(j: i32, sw: i32, pw: i32, ow: i32): i32 {
  const d = pw - j;
  const x = d <= 0 ? 0 : (d + sw - 1) / sw;
  return min(ow, x);
}
// @ts-ignore: decorator
@inline function endInside(j: i32, sw: i32, pw: i32, w: i32, ow: i32, x0: i32): i32 {
  const d = w - 1 + pw - j;
  const x = d < 0 ? 0 : d / sw + 1;
  return max(x0, min(ow, x));
}

// Stores 0 at floats [from, to) of p.
// @ts-ignore: decorator
@inline function zeros(p: usize, from: i32, to: i32): void {
  let k = from;
  for (; k + 4 <= to; k += 4) v128.store(p + (<usize>k << 2), f32x4.splat(0));
  for (; k < to; k++) store<f32>(p + (<usize>k << 2), 0);
}

/**
 * im2col of one [c, h, w] image at x into the oh·ow columns at cols of a matrix with row stride
 * ld floats and c·kh·kw (+1) rows: cols[((ci·kh + i)·kw + j)·ld + y·ow + x] =
 * image[ci][y·sh + i - ph][x·sw + j - pw] (0 outside). ones != 0 appends a row of 1s (the bias
 * row: y = [W | b] · [cols; 1]).
 */
export function im2col_f32(x: usize, c: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32,
  oh: i32, ow: i32, cols: usize, ones: i32, ld: i32): void {
  const hw = oh * ow;
  let row = cols;
  for (let ci = 0; ci < c; ci++) {
    const src = x + ((<usize>(ci * h * w)) << 2);
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const x0 = firstInside(j, sw, pw, ow), x1 = endInside(j, sw, pw, w, ow, x0);
      for (let y = 0; y < oh; y++) {
        const iy = y * sh + i - ph, dst = row + (<usize>(y * ow) << 2);
        // Zero runs are short (the padding, or one output row): plain stores beat memory.fill's call.
        if (iy < 0 || iy >= h) { zeros(dst, 0, ow); continue; }
        zeros(dst, 0, x0);
        // Input column of output column xx: xx·sw + j - pw (in range for xx in [x0, x1)).
        const s0 = src + (<usize>(iy * w + j - pw) << 2);
        let xx = x0;
        if (sw == 1) {
          for (; xx + 4 <= x1; xx += 4) v128.store(dst + (<usize>xx << 2), v128.load(s0 + (<usize>xx << 2)));
          for (; xx < x1; xx++) store<f32>(dst + (<usize>xx << 2), load<f32>(s0 + (<usize>xx << 2)));
        } else {
          for (; xx < x1; xx++) store<f32>(dst + (<usize>xx << 2), load<f32>(s0 + (<usize>(xx * sw) << 2)));
        }
        zeros(dst, x1, ow);
      }
      row += <usize>ld << 2;
    }
  }
  if (ones != 0) {
    const one = f32x4.splat(1);
    let k = 0;
    for (; k + 4 <= hw; k += 4) v128.store(row + (<usize>k << 2), one);
    for (; k < hw; k++) store<f32>(row + (<usize>k << 2), 1);
  }
}

/**
 * col2im, the adjoint of im2col_f32 (without the ones row; row stride ld floats): zeroes the
 * [c, h, w] image at dx, then adds every column entry back where it was read from, in
 * (ci, i, j, y, x) order.
 */
export function col2im_f32(cols: usize, c: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32,
  oh: i32, ow: i32, dx: usize, ld: i32): void {
  const hw = oh * ow;
  memory.fill(dx, 0, <usize>(c * h * w) << 2);
  let row = cols;
  for (let ci = 0; ci < c; ci++) {
    const dst = dx + ((<usize>(ci * h * w)) << 2);
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const x0 = firstInside(j, sw, pw, ow), x1 = endInside(j, sw, pw, w, ow, x0);
      for (let y = 0; y < oh; y++) {
        const iy = y * sh + i - ph;
        if (iy < 0 || iy >= h) continue;
        const s = row + (<usize>(y * ow) << 2), d0 = dst + (<usize>(iy * w + j - pw) << 2);
        let xx = x0;
        if (sw == 1) {
          for (; xx + 4 <= x1; xx += 4) {
            const p = d0 + (<usize>xx << 2);
            v128.store(p, f32x4.add(v128.load(p), v128.load(s + (<usize>xx << 2))));
          }
          for (; xx < x1; xx++) { const p = d0 + (<usize>xx << 2); store<f32>(p, load<f32>(p) + load<f32>(s + (<usize>xx << 2))); }
        } else {
          for (; xx < x1; xx++) { const p = d0 + (<usize>(xx * sw) << 2); store<f32>(p, load<f32>(p) + load<f32>(s + (<usize>xx << 2))); }
        }
      }
      row += <usize>ld << 2;
    }
  }
}

/**
 * im2col_f32 for `images` consecutive images (x stride c·h·w): image b fills columns
 * [b·oh·ow, (b+1)·oh·ow) of the matrix at cols with row stride ld.
 */
export function im2col_batch_f32(x: usize, images: i32, c: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32,
  oh: i32, ow: i32, cols: usize, ones: i32, ld: i32): void {
  const xs = <usize>(c * h * w) << 2, cs = <usize>(oh * ow) << 2;
  for (let b = 0; b < images; b++) im2col_f32(x + <usize>b * xs, c, h, w, kh, kw, sh, sw, ph, pw, oh, ow, cols + <usize>b * cs, ones, ld);
}

/** col2im_f32 for `images` consecutive images: image b from columns [b·oh·ow, (b+1)·oh·ow) (row stride ld), dx stride c·h·w. */
export function col2im_batch_f32(cols: usize, images: i32, c: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32,
  oh: i32, ow: i32, dx: usize, ld: i32): void {
  const cs = <usize>(oh * ow) << 2, xs = <usize>(c * h * w) << 2;
  for (let b = 0; b < images; b++) col2im_f32(cols + <usize>b * cs, c, h, w, kh, kw, sh, sw, ph, pw, oh, ow, dx + <usize>b * xs, ld);
}

/**
 * dst[j][i][0, inner) = src[i][j][0, inner) for i < a and j in [j0, j1): swaps the two outer
 * axes of an [a, b, inner] array (NCHW <-> CNHW for the batched convolution products).
 */
export function swap_axes_f32(src: usize, a: i32, b: i32, inner: i32, dst: usize, j0: i32, j1: i32): void {
  const run = <usize>inner << 2;
  for (let j = j0; j < j1; j++) for (let i = 0; i < a; i++) {
    memory.copy(dst + (<usize>(j * a + i)) * run, src + (<usize>(i * b + j)) * run, run);
  }
}

/** out[p] = Σ x[p·len .. (p+1)·len) in float64 (two lanes, then the tail), for p < planes. */
export function plane_sums_f64(x: usize, planes: i32, len: i32, out: usize): void {
  for (let p = 0; p < planes; p++) {
    const base = x + (<usize>(p * len) << 2);
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    let k = 0;
    for (; k + 4 <= len; k += 4) {
      const v = v128.load(base + (<usize>k << 2));
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
    }
    const s = f64x2.add(s0, s1);
    let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (; k < len; k++) r += <f64>load<f32>(base + (<usize>k << 2));
    store<f64>(out + (<usize>p << 3), r);
  }
}
