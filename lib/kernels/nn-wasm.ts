// Data movement for the layer kernels (wasm/conv.as, maxpool.as, axpy.as, relu.as). Resident
// operands (float32 storage living in wasm memory, resident.ts) are used in place, and large
// work on them is shared with the worker thread (it sees only wasm memory), split at fixed
// boundaries so bits never change. JS arrays are copied into the per-call arena, computed on
// this thread and copied back: elementwise maps and pooling in 256 KiB slabs that stay in
// cache, im2col/col2im/swapAxes whole. All movement is in stageIn / outAddress / stageOut. Every
// function returns false when wasm is unavailable (the caller then runs its plain-JS loop,
// which gives the same bits).
import { addressOf, alloc, f32, resetArena, runtime } from "./runtime.js";
import { runHere, runPair, workerReady, type Job } from "./pool.js";
import type { WindowGeometry } from "./im2col.js";

/**
 * Whether `a` lives in wasm memory (a resident tensor's storage), where kernels read strided
 * views in place; a JS array is copied in, spanned range and all.
 * @example isResident(new Float32Array(4)) // false
 */
export function isResident(a: ArrayBufferView): boolean {
  return addressOf(a) >= 0; // only views of a live runtime's memory have an address
}

type Fn = (...a: number[]) => number;
const fn = (name: string): Fn => (runtime()!.exports as unknown as Record<string, Fn>)[name];

/** The byte address of src[off, off + n) in wasm memory: in place when resident, else a copy in the arena. */
function stageIn(src: Float32Array, off: number, n: number): number {
  const r = addressOf(src);
  if (r >= 0) return r + off * 4;
  const p = alloc(n * 4);
  f32().set(src.subarray(off, off + n), p >>> 2);
  return p;
}

/** Where a kernel writes dst[off, off + n): dst itself when resident, else arena memory (see stageOut). */
function outAddress(dst: Float32Array, off: number, n: number): number {
  const r = addressOf(dst);
  return r >= 0 ? r + off * 4 : alloc(n * 4);
}

/** Copies n floats from arena address p into dst at off, unless dst is resident (written in place). */
function stageOut(p: number, n: number, dst: Float32Array, off: number): void {
  if (addressOf(dst) >= 0) return;
  dst.set(f32().subarray(p >>> 2, (p >>> 2) + n), off);
}

const geometryArgs = (g: WindowGeometry): number[] => [g.c, g.h, g.w, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.oh, g.ow];

/**
 * im2col of `images` consecutive images into one [rows, images·oh·ow] matrix (see im2col.ts) in
 * wasm: in place and shared with the worker (by images) when x and cols are resident.
 */
export function im2colWasm(g: WindowGeometry, images: number, x: Float32Array, xo: number, cols: Float32Array, co: number, ones: boolean): boolean {
  if (runtime() === null) return false;
  const xs = g.c * g.h * g.w, hw = g.oh * g.ow, ld = images * hw, n = (g.c * g.kh * g.kw + (ones ? 1 : 0)) * ld, o = ones ? 1 : 0;
  resetArena();
  const px = stageIn(x, xo, images * xs), pc = outAddress(cols, co, n);
  const job = (lo: number, hi: number): Job => ["im2col_batch_f32", px + lo * xs * 4, hi - lo, ...geometryArgs(g), pc + lo * hw * 4, o, ld];
  if (resident(x, cols)) shared(images, n / Math.max(1, images), 1, job); else runHere(job(0, images));
  stageOut(pc, n, cols, co);
  return true;
}

/** col2im of `images` consecutive images from one [c·kh·kw, images·oh·ow] matrix (see im2col.ts) in wasm, as im2colWasm. */
export function col2imWasm(g: WindowGeometry, images: number, cols: Float32Array, co: number, dx: Float32Array, dxo: number): boolean {
  if (runtime() === null) return false;
  const xs = g.c * g.h * g.w, hw = g.oh * g.ow, ld = images * hw, n = g.c * g.kh * g.kw * ld;
  resetArena();
  const pc = stageIn(cols, co, n), pd = outAddress(dx, dxo, images * xs);
  const job = (lo: number, hi: number): Job => ["col2im_batch_f32", pc + lo * hw * 4, hi - lo, ...geometryArgs(g), pd + lo * xs * 4, ld];
  if (resident(cols, dx)) shared(images, n / Math.max(1, images), 1, job); else runHere(job(0, images));
  stageOut(pd, images * xs, dx, dxo);
  return true;
}

/** dst[j][i][:] = src[i][j][:] over an [a, b, inner] array in wasm (shared with the worker by j when resident). */
export function swapAxesWasm(a: number, b: number, inner: number, src: Float32Array, so: number, dst: Float32Array, dso: number): boolean {
  if (runtime() === null) return false;
  const n = a * b * inner;
  resetArena();
  const ps = stageIn(src, so, n), pd = outAddress(dst, dso, n);
  const job = (lo: number, hi: number): Job => ["swap_axes_f32", ps, a, b, inner, pd, lo, hi];
  if (resident(src, dst)) shared(b, a * inner, 1, job); else runHere(job(0, b));
  stageOut(pd, n, dst, dso);
  return true;
}

/** Float64 sums of `planes` consecutive runs of `len` floats, written to out[0, planes). */
export function planeSumsWasm(planes: number, len: number, x: Float32Array, xo: number, out: Float64Array): boolean {
  if (runtime() === null) return false;
  resetArena();
  const px = stageIn(x, xo, planes * len), po = alloc(planes * 8);
  if (resident(x)) shared(planes, len, 1, (lo, hi) => ["plane_sums_f64", px + lo * len * 4, hi - lo, len, po + lo * 8]);
  else fn("plane_sums_f64")(px, planes, len, po);
  const m = runtime()!.memory.buffer;
  out.set(new Float64Array(m, po, planes));
  return true;
}

/** Planes per slab: about 256 KiB of input. */
const slabPlanes = (h: number, w: number): number => Math.max(1, Math.floor((1 << 16) / (h * w)));

/** Elements of work above which a resident call is split with the worker (its wake-up is ~50 us). */
const MIN_SPLIT = 1 << 17;
const resident = (...arrays: Float32Array[]): boolean => arrays.every((v) => addressOf(v) >= 0);

/**
 * Runs job(lo, hi) over [0, n): the first part here and the rest on the worker when the work
 * (n · cost elements) is large, else all here. Only for operands in wasm memory (the worker
 * sees nothing else). Parts split at multiples of `align`; elementwise work gives the same bits
 * however it is split.
 */
function shared(n: number, cost: number, align: number, job: (lo: number, hi: number) => Job): void {
  if (n * cost >= MIN_SPLIT && n >= 2 * align && workerReady()) {
    const mid = Math.ceil(n / 2 / align) * align;
    runPair(job(mid, n), () => runHere(job(0, mid)));
  } else {
    runHere(job(0, n));
  }
}

/** 2x2 / stride 2 max pooling of `planes` [h, w] planes in wasm, slab by slab (or in place, on both threads). */
export function maxPool2x2Wasm(planes: number, h: number, w: number, x: Float32Array, xo: number, y: Float32Array, code: Uint8Array): boolean {
  if (runtime() === null) return false;
  const hw = h * w, o = (h >> 1) * (w >> 1);
  if (resident(x, y)) {
    resetArena();
    const px = stageIn(x, xo, planes * hw), py = outAddress(y, 0, planes * o), pk = alloc(planes * o);
    shared(planes, hw, 1, (lo, hi) => ["maxpool2x2_f32", px + lo * hw * 4, hi - lo, h, w, py + lo * o * 4, pk + lo * o]);
    code.set(new Uint8Array(runtime()!.memory.buffer, pk, planes * o));
    return true;
  }
  const per = slabPlanes(h, w);
  for (let p0 = 0; p0 < planes; p0 += per) {
    const np = Math.min(per, planes - p0);
    resetArena();
    const px = stageIn(x, xo + p0 * hw, np * hw), py = outAddress(y, p0 * o, np * o), pk = alloc(np * o);
    fn("maxpool2x2_f32")(px, np, h, w, py, pk);
    stageOut(py, np * o, y, p0 * o);
    code.set(new Uint8Array(runtime()!.memory.buffer, pk, np * o), p0 * o);
  }
  return true;
}

/** The backward of maxPool2x2Wasm: dx (planes of [h, w]) from dy and the winners' codes. */
export function maxPool2x2BackwardWasm(planes: number, h: number, w: number, dy: Float32Array, code: Uint8Array, dx: Float32Array): boolean {
  if (runtime() === null) return false;
  const hw = h * w, o = (h >> 1) * (w >> 1);
  if (resident(dy, dx)) {
    resetArena();
    const pg = stageIn(dy, 0, planes * o), pd = outAddress(dx, 0, planes * hw), pk = alloc(planes * o);
    new Uint8Array(runtime()!.memory.buffer, pk, planes * o).set(code.subarray(0, planes * o));
    shared(planes, hw, 1, (lo, hi) => ["maxpool2x2_backward_f32", pg + lo * o * 4, pk + lo * o, hi - lo, h, w, pd + lo * hw * 4]);
    return true;
  }
  const per = slabPlanes(h, w);
  for (let p0 = 0; p0 < planes; p0 += per) {
    const np = Math.min(per, planes - p0);
    resetArena();
    const pg = stageIn(dy, p0 * o, np * o), pk = alloc(np * o), pd = outAddress(dx, p0 * hw, np * hw);
    new Uint8Array(runtime()!.memory.buffer, pk, np * o).set(code.subarray(p0 * o, (p0 + np) * o));
    fn("maxpool2x2_backward_f32")(pg, pk, np, h, w, pd);
    stageOut(pd, np * hw, dx, p0 * hw);
  }
  return true;
}

/** out[i] = x[i] > 0 ? g[i] : (x[i] is NaN ? x[i] : 0), slab by slab (or in place, on both threads), in wasm. */
export function reluBackwardNanWasm(n: number, x: Float32Array, g: Float32Array, out: Float32Array): boolean {
  if (runtime() === null) return false;
  if (resident(x, g, out)) {
    const px = stageIn(x, 0, n), pg = stageIn(g, 0, n), po = outAddress(out, 0, n);
    shared(n, 1, 4, (lo, hi) => ["relu_backward_nan_f32", px + lo * 4, pg + lo * 4, po + lo * 4, hi - lo]);
    return true;
  }
  const slab = 1 << 16;
  for (let i0 = 0; i0 < n; i0 += slab) {
    const len = Math.min(slab, n - i0);
    resetArena();
    const px = stageIn(x, i0, len), pg = stageIn(g, i0, len), po = outAddress(out, i0, len);
    fn("relu_backward_nan_f32")(px, pg, po, len);
    stageOut(po, len, out, i0);
  }
  return true;
}

/** y[yo + i] += alpha · x[xo + i] for i < n, slab by slab (or in place, on both threads), in wasm. */
export function axpyWasm(n: number, alpha: number, x: Float32Array, xo: number, y: Float32Array, yo: number): boolean {
  if (runtime() === null) return false;
  if (resident(x, y)) {
    const px = stageIn(x, xo, n), py = stageIn(y, yo, n);
    shared(n, 1, 4, (lo, hi) => ["axpy_f32", hi - lo, alpha, px + lo * 4, py + lo * 4]);
    return true;
  }
  const slab = 1 << 16;
  for (let i0 = 0; i0 < n; i0 += slab) {
    const len = Math.min(slab, n - i0);
    resetArena();
    const px = stageIn(x, xo + i0, len), py = stageIn(y, yo + i0, len);
    fn("axpy_f32")(len, alpha, px, py);
    stageOut(py, len, y, yo + i0);
  }
  return true;
}
