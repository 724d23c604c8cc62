// im2col / col2im: convolution as a matrix product. A batch of images [N, C, H, W] becomes
// columns [C·kH·kW, N·oH·oW], so that a conv layer is one product W [O, C·kH·kW] · cols =
// y [O, N·oH·oW] (swapAxes turns that CNHW result into NCHW).
// col2im is im2col's adjoint (the input-gradient fold). float32 runs in wasm (wasm/conv.as),
// float64 here; both accumulate in the same order, so they give the same bits.
import { describe, type FloatArray } from "./types.js";
import { col2imWasm, im2colWasm, planeSumsWasm, swapAxesWasm } from "./nn-wasm.js";

/** A window sweep over one [c, h, w] image: kernel kh x kw, strides sh, sw, zero padding ph, pw, output oh x ow. */
export interface WindowGeometry {
  readonly c: number; readonly h: number; readonly w: number;
  readonly kh: number; readonly kw: number; readonly sh: number; readonly sw: number;
  readonly ph: number; readonly pw: number; readonly oh: number; readonly ow: number;
}

function check(op: string, g: WindowGeometry, a: FloatArray, ao: number, an: number, b: FloatArray, bo: number, bn: number): void {
  for (const k of ["c", "h", "w", "kh", "kw", "sh", "sw", "oh", "ow"] as const) {
    if (!Number.isInteger(g[k]) || g[k] < 1) throw new RangeError(`${op}: geometry.${k} must be a positive integer, got ${g[k]}`);
  }
  if (!Number.isInteger(g.ph) || !Number.isInteger(g.pw) || g.ph < 0 || g.pw < 0) throw new RangeError(`${op}: padding must be integers >= 0, got ${g.ph}, ${g.pw}`);
  if ((g.oh - 1) * g.sh + g.kh > g.h + 2 * g.ph || (g.ow - 1) * g.sw + g.kw > g.w + 2 * g.pw) {
    throw new RangeError(`${op}: an output of ${g.oh}x${g.ow} does not fit a ${g.h}x${g.w} input with kernel ${g.kh}x${g.kw}, stride ${g.sh},${g.sw}, padding ${g.ph},${g.pw}`);
  }
  if (!(a instanceof Float32Array || a instanceof Float64Array) || a.constructor !== b.constructor) {
    throw new TypeError(`${op}: expected two Float32Arrays or two Float64Arrays, got ${describe(a)} and ${describe(b)}`);
  }
  for (const [name, arr, off, n] of [["input", a, ao, an], ["output", b, bo, bn]] as const) {
    if (!Number.isInteger(off) || off < 0 || off + n > arr.length) throw new RangeError(`${op}: ${name} needs ${n} elements from offset ${off} but has length ${arr.length}`);
  }
}

// Output columns whose input column x·sw + j - pw lies inside [0, w): [x0, x1).
const firstInside = (j: number, g: WindowGeometry): number => Math.min(g.ow, Math.max(0, Math.ceil((g.pw - j) / g.sw)));
const endInside = (j: number, g: WindowGeometry, x0: number): number => Math.max(x0, Math.min(g.ow, Math.floor((g.w - 1 + g.pw - j) / g.sw) + 1));

/**
 * The plain-JS im2col of one image into columns with row stride ld (float64, and the reference
 * for the wasm kernel). @example im2colJs(g, x, 0, cols, 0, false, g.oh * g.ow)
 */
export function im2colJs(g: WindowGeometry, x: FloatArray, xo: number, cols: FloatArray, co: number, ones: boolean, ld = g.oh * g.ow): void {
  const { c, h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g, hw = oh * ow;
  let row = co;
  for (let ci = 0; ci < c; ci++) {
    const src = xo + ci * h * w;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++, row += ld) {
      const x0 = firstInside(j, g), x1 = endInside(j, g, x0);
      for (let y = 0; y < oh; y++) {
        const iy = y * sh + i - ph, dst = row + y * ow;
        if (iy < 0 || iy >= h) { cols.fill(0, dst, dst + ow); continue; }
        cols.fill(0, dst, dst + x0);
        const s0 = src + iy * w + j - pw;
        for (let xx = x0; xx < x1; xx++) cols[dst + xx] = x[s0 + xx * sw];
        cols.fill(0, dst + x1, dst + ow);
      }
    }
  }
  if (ones) cols.fill(1, row, row + hw);
}

/**
 * im2col of `images` consecutive [c, h, w] images from x[xOffset..] into one matrix of rows =
 * c·kh·kw (+1 with `ones`) rows and images·oh·ow columns at cols[colsOffset..] (row-major): image
 * b fills columns [b·oh·ow, (b+1)·oh·ow), with cols[r·images·oh·ow + b·oh·ow + y·ow + x] =
 * image_b[ci][y·sh + i - ph][x·sw + j - pw] for r = (ci·kh + i)·kw + j, 0 in the padding. `ones`
 * appends a row of 1s, so a bias rides in the product: y = [W | b] · [cols; 1].
 * @example
 * const g = { c: 1, h: 2, w: 2, kh: 2, kw: 2, sh: 1, sw: 1, ph: 0, pw: 0, oh: 1, ow: 1 };
 * const cols = new Float32Array(4); im2col(g, Float32Array.of(1, 2, 3, 4), 0, cols, 0); // cols = [1, 2, 3, 4]
 */
export function im2col(g: WindowGeometry, x: FloatArray, xOffset: number, cols: FloatArray, colsOffset: number, ones = false, images = 1): void {
  const rows = g.c * g.kh * g.kw + (ones ? 1 : 0), xs = g.c * g.h * g.w, hw = g.oh * g.ow, ld = images * hw;
  if (!Number.isInteger(images) || images < 0) throw new RangeError(`im2col: images must be an integer >= 0, got ${images}`);
  check("im2col", g, x, xOffset, images * xs, cols, colsOffset, rows * ld);
  if (x instanceof Float32Array && im2colWasm(g, images, x, xOffset, cols as Float32Array, colsOffset, ones)) return;
  for (let b = 0; b < images; b++) im2colJs(g, x, xOffset + b * xs, cols, colsOffset + b * hw, ones, ld);
}

/**
 * The plain-JS col2im of one image from columns with row stride ld (float64, and the reference
 * for the wasm kernel). @example col2imJs(g, cols, 0, dx, 0, g.oh * g.ow)
 */
export function col2imJs(g: WindowGeometry, cols: FloatArray, co: number, dx: FloatArray, dxo: number, ld = g.oh * g.ow): void {
  const { c, h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g;
  dx.fill(0, dxo, dxo + c * h * w);
  let row = co;
  for (let ci = 0; ci < c; ci++) {
    const dst = dxo + ci * h * w;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++, row += ld) {
      const x0 = firstInside(j, g), x1 = endInside(j, g, x0);
      for (let y = 0; y < oh; y++) {
        const iy = y * sh + i - ph;
        if (iy < 0 || iy >= h) continue;
        const s = row + y * ow, d0 = dst + iy * w + j - pw;
        for (let xx = x0; xx < x1; xx++) dx[d0 + xx * sw] += cols[s + xx];
      }
    }
  }
}

/**
 * col2im, the adjoint of im2col (without a ones row): from a matrix of c·kh·kw rows and
 * images·oh·ow columns (image b in columns [b·oh·ow, (b+1)·oh·ow)), each [c, h, w] image at
 * dx[dxOffset + b·c·h·w..] is overwritten with the sum of every column entry at the input
 * position it was read from.
 * @example
 * const g = { c: 1, h: 1, w: 3, kh: 1, kw: 2, sh: 1, sw: 1, ph: 0, pw: 0, oh: 1, ow: 2 };
 * const dx = new Float32Array(3); col2im(g, Float32Array.of(1, 2, 10, 20), 0, dx, 0); // dx = [1, 12, 20]
 */
export function col2im(g: WindowGeometry, cols: FloatArray, colsOffset: number, dx: FloatArray, dxOffset: number, images = 1): void {
  const hw = g.oh * g.ow, xs = g.c * g.h * g.w, ld = images * hw;
  if (!Number.isInteger(images) || images < 0) throw new RangeError(`col2im: images must be an integer >= 0, got ${images}`);
  check("col2im", g, cols, colsOffset, g.c * g.kh * g.kw * ld, dx, dxOffset, images * xs);
  if (cols instanceof Float32Array && col2imWasm(g, images, cols, colsOffset, dx as Float32Array, dxOffset)) return;
  for (let b = 0; b < images; b++) col2imJs(g, cols, colsOffset + b * hw, dx, dxOffset + b * xs, ld);
}

/** The plain-JS swapAxes (float64, and the reference for the wasm kernel). @example swapAxesJs(2, 3, 4, src, 0, dst, 0) */
export function swapAxesJs(a: number, b: number, inner: number, src: FloatArray, so: number, dst: FloatArray, dso: number): void {
  for (let j = 0; j < b; j++) for (let i = 0; i < a; i++) {
    const s0 = so + (i * b + j) * inner, d0 = dso + (j * a + i) * inner;
    for (let k = 0; k < inner; k++) dst[d0 + k] = src[s0 + k];
  }
}

/**
 * Swaps the two outer axes of an [a, b, inner] array: dst[j][i][k] = src[i][j][k] (NCHW <->
 * CNHW, so a batch of images is one matrix product). dst must not overlap src.
 * @example const d = new Float32Array(4); swapAxes(2, 2, 1, Float32Array.of(1, 2, 3, 4), 0, d, 0); // d = [1, 3, 2, 4]
 */
export function swapAxes(a: number, b: number, inner: number, src: FloatArray, srcOffset: number, dst: FloatArray, dstOffset: number): void {
  for (const [k, v] of [["a", a], ["b", b], ["inner", inner]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`swapAxes: ${k} must be an integer >= 0, got ${v}`);
  }
  if (!(src instanceof Float32Array || src instanceof Float64Array) || src.constructor !== dst.constructor) {
    throw new TypeError(`swapAxes: expected two Float32Arrays or two Float64Arrays, got ${describe(src)} and ${describe(dst)}`);
  }
  const n = a * b * inner;
  if (srcOffset < 0 || dstOffset < 0 || srcOffset + n > src.length || dstOffset + n > dst.length) {
    throw new RangeError(`swapAxes: needs ${n} elements from offsets ${srcOffset} and ${dstOffset}, got lengths ${src.length} and ${dst.length}`);
  }
  if (src instanceof Float32Array && swapAxesWasm(a, b, inner, src, srcOffset, dst as Float32Array, dstOffset)) return;
  swapAxesJs(a, b, inner, src, srcOffset, dst, dstOffset);
}

/** The plain-JS planeSums (four float64 accumulators, as the wasm lanes). @example planeSumsJs(2, 3, x, 0, out) */
export function planeSumsJs(planes: number, len: number, x: FloatArray, xo: number, out: Float64Array): void {
  for (let p = 0; p < planes; p++) {
    const b = xo + p * len;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, k = 0;
    for (; k + 4 <= len; k += 4) { a0 += x[b + k]; a1 += x[b + k + 1]; a2 += x[b + k + 2]; a3 += x[b + k + 3]; }
    let r = (a0 + a2) + (a1 + a3);
    for (; k < len; k++) r += x[b + k];
    out[p] = r;
  }
}

/**
 * out[p] = Σ x[xOffset + p·len + i] over i < len, accumulated in float64, for p < planes (a conv
 * bias gradient: each image's [O, oH·oW] gradient is O planes).
 * @example const out = new Float64Array(2); planeSums(2, 2, Float32Array.of(1, 2, 3, 4), 0, out); // out = [3, 7]
 */
export function planeSums(planes: number, len: number, x: FloatArray, xOffset: number, out: Float64Array): void {
  if (!Number.isInteger(planes) || !Number.isInteger(len) || planes < 0 || len < 0) throw new RangeError(`planeSums: planes and len must be integers >= 0, got ${planes}, ${len}`);
  if (!(x instanceof Float32Array || x instanceof Float64Array) || !(out instanceof Float64Array)) throw new TypeError(`planeSums: expected a float array and a Float64Array, got ${describe(x)} and ${describe(out)}`);
  if (!Number.isInteger(xOffset) || xOffset < 0 || xOffset + planes * len > x.length || out.length < planes) {
    throw new RangeError(`planeSums: needs ${planes * len} inputs from offset ${xOffset} (length ${x.length}) and ${planes} outputs (length ${out.length})`);
  }
  if (planes * len >= 256 && x instanceof Float32Array && planeSumsWasm(planes, len, x, xOffset, out)) return;
  planeSumsJs(planes, len, x, xOffset, out);
}
