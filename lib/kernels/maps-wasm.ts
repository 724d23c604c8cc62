// Elementwise maps and reductions through the wasm module. Resident operands (storage in wasm
// memory, resident.ts) are computed in place, split between this thread and the worker when
// large. Other operands are JS typed arrays, so data streams through wasm memory in
// cache-sized pieces: copy in, compute (costly maps split between the threads), copy out.
// Only contiguous float32 spans come here.
import type { NumArray } from "./types.js";
import type { UnaryOp } from "./unary.js";
import type { BinaryOp } from "./binary.js";
import { addressOf, alloc, f32, resetArena, runtime } from "./runtime.js";
import { runHere, runPair, workerReady, type Job } from "./pool.js";

/** Elements per thread per piece: 256 KiB, inside the L2 cache with room for the output. */
export const CHUNK = 1 << 16;
/**
 * Below these sizes the JS loop wins (measured, CPU time: relu 341 ns JS vs 1269 ns wasm at
 * n = 64, even at 256; tanh even at 64, 2.5x faster in wasm at 256).
 */
const MIN_WASM = 64, MIN_WASM_CHEAP = 256;

const UNARY_CODE: Partial<Record<UnaryOp, number>> = { relu: 0, sigmoid: 1, tanh: 2, gelu: 3, exp: 4, sqrt: 5, abs: 6, neg: 7, square: 8, reciprocal: 9, copy: 10 };
const BINARY_CODE: Partial<Record<BinaryOp, number>> = {
  add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5, reluBackward: 6, sigmoidBackward: 7, tanhBackward: 8, geluBackward: 9,
};
// Maps costly enough (tens of flops per element) that a second thread pays for itself.
const COSTLY_UNARY = new Set([1, 2, 3, 4]);
const COSTLY_BINARY = new Set([9]);
/**
 * In place, cheap maps take the second thread above this many elements (memory-bound: it adds
 * bandwidth, not flops; below this its ~50 us wake-up costs more than it saves).
 */
const MIN_THREADS_CHEAP = 1 << 18;

// Streams n elements: `load(base, len, p)` copies operands in at byte address p, `job(p, len)`
// names the wasm call for a span, then the result is copied to out. Pieces are split between
// the two threads at a multiple of 4 elements when `costly`.
function stream(n: number, costly: boolean, out: Float32Array, oo: number, inputs: number,
  load: (base: number, len: number, p: number[]) => void, job: (p: number[], q: number, off: number, len: number) => Job): void {
  resetArena();
  const threads = costly && n >= 2 * CHUNK && workerReady() ? 2 : 1;
  const piece = threads * CHUNK;
  const p: number[] = [];
  for (let i = 0; i < inputs; i++) p.push(alloc(piece * 4));
  const q = alloc(piece * 4);
  const mem = f32();
  for (let base = 0; base < n; base += piece) {
    const len = Math.min(piece, n - base);
    load(base, len, p);
    if (threads === 2 && len > 8) {
      const half = Math.ceil(len / 8) * 4;
      runPair(job(p, q, half, len - half), () => runHere(job(p, q, 0, half)));
    } else {
      runHere(job(p, q, 0, len));
    }
    out.set(mem.subarray(q >>> 2, (q >>> 2) + len), oo + base);
  }
}

// Runs `job(off, len)` over [0, n) in place, on one thread or split in two halves (a multiple of
// 4 elements) between this thread and the worker.
function inPlace(n: number, costly: boolean, job: (off: number, len: number) => Job): void {
  if (n >= (costly ? 2 * CHUNK : MIN_THREADS_CHEAP) && workerReady()) {
    const half = Math.ceil(n / 8) * 4;
    runPair(job(half, n - half), () => runHere(job(0, half)));
  } else {
    runHere(job(0, n));
  }
}

// Byte address of element `offset` of a resident array, or -1.
function at(a: NumArray, offset: number): number {
  const p = addressOf(a);
  return p < 0 ? -1 : p + offset * 4;
}

/** unary() on contiguous float32; false to let the caller use JS. */
export function unaryWasm(op: UnaryOp, n: number, x: NumArray, xo: number, out: NumArray, oo: number): boolean {
  const code = UNARY_CODE[op];
  if (code === undefined || n < (COSTLY_UNARY.has(code) ? MIN_WASM : MIN_WASM_CHEAP) || !(x instanceof Float32Array) || !(out instanceof Float32Array) || runtime() === null) return false;
  const px = at(x, xo), po = at(out, oo);
  if (px >= 0 && po >= 0) {
    inPlace(n, COSTLY_UNARY.has(code), (off, len) => ["unary_f32", code, px + off * 4, po + off * 4, len]);
    return true;
  }
  stream(n, COSTLY_UNARY.has(code), out, oo, 1,
    (base, len, p) => f32().set(x.subarray(xo + base, xo + base + len), p[0] >>> 2),
    (p, q, off, len) => ["unary_f32", code, p[0] + off * 4, q + off * 4, len]);
  return true;
}

/** binary() on float32 with strides 0 or 1 and contiguous out; false to let the caller use JS. */
export function binaryWasm(op: BinaryOp, n: number, a: NumArray, ao: number, as: number, b: NumArray, bo: number, bs: number, out: NumArray, oo: number): boolean {
  const code = BINARY_CODE[op];
  if (code === undefined || n < (COSTLY_BINARY.has(code) ? MIN_WASM : MIN_WASM_CHEAP) || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(out instanceof Float32Array) || runtime() === null) return false;
  const pa = as ? at(a, ao) : 0, pb = bs ? at(b, bo) : 0, po = at(out, oo);
  if (pa >= 0 && pb >= 0 && po >= 0) {
    // A broadcast scalar (stride 0) goes into the arena; it may be a small JS array.
    resetArena();
    const sa = as ? pa : alloc(16), sb = bs ? pb : alloc(16), mem = f32();
    if (!as) mem[sa >>> 2] = a[ao];
    if (!bs) mem[sb >>> 2] = b[bo];
    inPlace(n, COSTLY_BINARY.has(code), (off, len) => ["binary_f32", code, sa + off * 4 * as, as, sb + off * 4 * bs, bs, po + off * 4, len]);
    return true;
  }
  stream(n, COSTLY_BINARY.has(code), out, oo, 2,
    (base, len, p) => {
      const mem = f32();
      if (as) mem.set(a.subarray(ao + base, ao + base + len), p[0] >>> 2); else mem[p[0] >>> 2] = a[ao];
      if (bs) mem.set(b.subarray(bo + base, bo + base + len), p[1] >>> 2); else mem[p[1] >>> 2] = b[bo];
    },
    (p, q, off, len) => ["binary_f32", code, p[0] + off * 4 * as, as, p[1] + off * 4 * bs, bs, q + off * 4, len]);
  return true;
}

/** affine() on contiguous float32; false to let the caller use JS. */
export function affineWasm(n: number, x: NumArray, xo: number, scale: number, shift: number, out: NumArray, oo: number): boolean {
  if (n < MIN_WASM_CHEAP || !(x instanceof Float32Array) || !(out instanceof Float32Array) || runtime() === null) return false;
  const px = at(x, xo), po = at(out, oo);
  if (px >= 0 && po >= 0) {
    inPlace(n, false, (off, len) => ["affine_f32", px + off * 4, po + off * 4, len, scale, shift]);
    return true;
  }
  stream(n, false, out, oo, 1,
    (base, len, p) => f32().set(x.subarray(xo + base, xo + base + len), p[0] >>> 2),
    (p, q, off, len) => ["affine_f32", p[0] + off * 4, q + off * 4, len, scale, shift]);
  return true;
}

const REDUCE_CODE = { sum: 0, sumSquares: 1, max: 2, min: 3 } as const;

/**
 * Reduction of a contiguous float32 span, or undefined to let the caller use JS. Sums add
 * fixed CHUNK-sized partials in order, so the result does not depend on how work is split.
 */
export function reduceWasm(op: keyof typeof REDUCE_CODE, n: number, x: NumArray, xo: number): number | undefined {
  if (n < MIN_WASM_CHEAP || !(x instanceof Float32Array) || runtime() === null) return undefined;
  resetArena();
  const code = REDUCE_CODE[op], px = at(x, xo);
  const p = px >= 0 ? 0 : alloc(CHUNK * 4);
  const fn = runtime()!.exports.reduce_f32 as (op: number, p: number, n: number) => number;
  const mem = f32();
  let r = op === "max" ? -Infinity : op === "min" ? Infinity : 0;
  for (let base = 0; base < n; base += CHUNK) {
    const len = Math.min(CHUNK, n - base);
    if (px < 0) mem.set(x.subarray(xo + base, xo + base + len), p >>> 2);
    const v = fn(code, px >= 0 ? px + base * 4 : p, len);
    r = code <= 1 ? r + v : code === 2 ? Math.max(r, v) : Math.min(r, v);
  }
  return r;
}
