// AssemblyScript: the fused CIFAR augmentation (lib/augment/batched.ts) for a range of images:
// zero-pad + crop, optional horizontal flip, brightness and contrast in either order, uint8 HWC
// RGB in, float32 HWC in [0, 1] out. The arithmetic is the JS reference's, operation for
// operation in float64 and rounded to float32 where it rounds, so the bytes are identical.
//
// Per image: channel histograms of the crop window give contrast's grayscale mean; a 256-entry
// table then maps each source byte (padding is byte 0) to its output value. The table is built
// in f64x2 lanes and padded spans are filled with f32x4 stores; the pixel pass itself is a
// table lookup per byte, scalar because WebAssembly SIMD has no gather (the flip reverses the
// read order for free).

// torchvision's luma weights, float32 as its kernels use them (the JS path's WR, WG, WB).
const WR: f64 = <f64><f32>0.2989;
const WG: f64 = <f64><f32>0.587;
const WB: f64 = <f64><f32>0.114;
/** Scratch bytes one thread needs: histograms (3 x 256 i32), v / 255 and f (256 f64 each), the table (256 f32). */
export const AUGMENT_SCRATCH: i32 = 3072 + 2048 + 2048 + 1024;
/** f64 values per image in the parameter block: top, left, flip, brightnessFirst, brightness, contrast. */
const NP = 6;

// Fills n floats at p with v.
// @ts-ignore: decorator
@inline function fill(p: usize, n: i32, v: f32): void {
  const s = f32x4.splat(v);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(p + (<usize>i << 2), s);
  for (; i < n; i++) store<f32>(p + (<usize>i << 2), v);
}

// Builds the image's 256-entry table at lut from its window histograms (the JS path, step by step).
function buildTable(hist: usize, inv: usize, f: usize, lut: usize, b: f64, c: f64, bFirst: bool, area: i32): void {
  // f[v]: the image as ColorJitter's second op sees it: brightness applied (clamped at 1) or not yet.
  const bv = f64x2.splat(b), one = f64x2.splat(1), zero = f64x2.splat(0);
  for (let v = 0; v < 256; v += 2) {
    let x = v128.load(inv + (<usize>v << 3));
    if (bFirst) x = f64x2.min(f64x2.mul(x, bv), one);
    v128.store(f + (<usize>v << 3), f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x)));
  }
  // Contrast's mean in the JS path's summation order (padded pixels are 0 and add nothing).
  let graySum: f64 = 0;
  for (let v = 1; v < 256; v++) {
    const o = <usize>v << 2;
    graySum += (WR * <f64>load<i32>(hist + o) + WG * <f64>load<i32>(hist + 1024 + o) + WB * <f64>load<i32>(hist + 2048 + o)) * load<f64>(f + (<usize>v << 3));
  }
  const m = f64x2.splat((1 - c) * <f64><f32>(graySum / <f64>area));
  const cv = f64x2.splat(c);
  for (let v = 0; v < 256; v += 2) {
    let x = f64x2.add(f64x2.mul(cv, v128.load(f + (<usize>v << 3))), m);
    // x < 0 ? 0 : x > 1 ? 1 : x, keeping NaN and -0 exactly as the JS ternary does
    x = v128.bitselect(zero, x, f64x2.lt(x, zero));
    x = v128.bitselect(one, x, f64x2.gt(x, one));
    if (!bFirst) x = f64x2.min(f64x2.mul(x, bv), one);
    v128.store64_lane(lut + (<usize>v << 2), f32x4.demote_f64x2_zero(x), 0);
  }
}

/**
 * Images [i0, i1) of a uint8 NHWC batch at src (side x side x 3 each) to float32 NHWC at out
 * (size x size x 3 each), with per-image parameters at params (NP f64 each) and `scratch`
 * (AUGMENT_SCRATCH bytes, one region per thread).
 */
export function crop_flip_jitter_u8(src: usize, side: i32, size: i32, pad: i32, params: usize, i0: i32, i1: i32, out: usize, scratch: usize): void {
  const hist = scratch, inv = scratch + 3072, f = inv + 2048, lut = f + 2048;
  for (let v = 0; v < 256; v++) store<f64>(inv + (<usize>v << 3), <f64>v / 255);
  const inPer = <usize>(side * side * 3), rowIn = side * 3, rowOut = size * 3, outPer = <usize>(size * rowOut) << 2;
  for (let i = i0; i < i1; i++) {
    const pp = params + (<usize>(i * NP) << 3);
    const top = <i32>load<f64>(pp) - pad, left = <i32>load<f64>(pp, 8), flip = load<f64>(pp, 16) == 1;
    const bFirst = load<f64>(pp, 24) == 1, b = load<f64>(pp, 32), c = load<f64>(pp, 40);
    const l = left - pad;
    const s0 = src + <usize>i * inPer;
    const y0 = max(0, top), y1 = min(side, top + size), x0 = max(0, l), x1 = min(side, l + size);
    for (let k = 0; k < 3072; k += 16) v128.store(hist + <usize>k, i32x4.splat(0));
    for (let y = y0; y < y1; y++) {
      const e = s0 + <usize>(y * rowIn + x1 * 3);
      for (let s = s0 + <usize>(y * rowIn + x0 * 3); s < e; s += 3) {
        const hr = hist + (<usize>load<u8>(s) << 2), hg = hist + 1024 + (<usize>load<u8>(s, 1) << 2), hb = hist + 2048 + (<usize>load<u8>(s, 2) << 2);
        store<i32>(hr, load<i32>(hr) + 1);
        store<i32>(hg, load<i32>(hg) + 1);
        store<i32>(hb, load<i32>(hb) + 1);
      }
    }
    buildTable(hist, inv, f, lut, b, c, bFirst, size * size);
    const pad0 = load<f32>(lut);
    // Output columns whose source column is inside the image: [xa, xb).
    const xa = flip ? max(0, l + size - side) : max(0, -l), xb = flip ? min(size, l + size) : min(size, side - l);
    let o = out + <usize>i * outPer;
    for (let y = 0; y < size; y++, o += <usize>rowOut << 2) {
      const sy = top + y;
      if (sy < 0 || sy >= side || xa >= xb) { fill(o, rowOut, pad0); continue; }
      fill(o, xa * 3, pad0);
      fill(o + (<usize>(xb * 3) << 2), (size - xb) * 3, pad0);
      // first source pixel read and the step between reads (backwards when flipped)
      const sx = flip ? l + size - 1 - xa : l + xa;
      let s = s0 + <usize>(sy * rowIn + sx * 3);
      const step: usize = flip ? <usize>-3 : 3; // wraps: wasm32 addresses are modulo 2^32
      let q = o + (<usize>(xa * 3) << 2);
      const qe = o + (<usize>(xb * 3) << 2);
      for (; q < qe; q += 12, s += step) {
        store<f32>(q, load<f32>(lut + (<usize>load<u8>(s) << 2)));
        store<f32>(q, load<f32>(lut + (<usize>load<u8>(s, 1) << 2)), 4);
        store<f32>(q, load<f32>(lut + (<usize>load<u8>(s, 2) << 2)), 8);
      }
    }
  }
}

/**
 * The worker's side of a shared batch: claims blocks of `block` images from the i32 counter at
 * ctl (atomically, as the calling thread does from JS) until none are left; after each block it
 * sets that block's done flag (i32 at ctl + 4 + 4 b) and wakes a waiter. The calling thread
 * copies finished blocks out meanwhile, so both cores stay busy.
 */
export function crop_flip_jitter_claim(src: usize, side: i32, size: i32, pad: i32, params: usize, n: i32, block: i32, out: usize, scratch: usize, ctl: usize): void {
  const blocks = (n + block - 1) / block;
  for (;;) {
    const b = atomic.add<i32>(ctl, 1);
    if (b >= blocks) return;
    crop_flip_jitter_u8(src, side, size, pad, params, b * block, min(n, (b + 1) * block), out, scratch);
    const flag = ctl + 4 + (<usize>b << 2);
    atomic.store<i32>(flag, 1);
    atomic.notify(flag, 1);
  }
}
