// Elementwise maps and reductions through the wasm module. Operands are JS typed arrays, so
// data streams through wasm memory in cache-sized pieces: copy in, compute (costly maps split
// between this thread and the worker), copy out. Only contiguous float32 spans come here.
import type { NumArray } from "./types.js";
import type { UnaryOp } from "./unary.js";
import type { BinaryOp } from "./binary.js";
import { alloc, f32, resetArena, runtime } from "./runtime.js";
import { runPair, workerReady } from "./pool.js";

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

type Job = [string, ...number[]];

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
  const ex = runtime()!.exports as unknown as Record<string, (...a: number[]) => number>;
  const call = (j: Job) => { const [name, ...a] = j; ex[name](...a); };
  const mem = f32();
  for (let base = 0; base < n; base += piece) {
    const len = Math.min(piece, n - base);
    load(base, len, p);
    if (threads === 2 && len > 8) {
      const half = Math.ceil(len / 8) * 4;
      runPair(job(p, q, half, len - half), () => call(job(p, q, 0, half)));
    } else {
      call(job(p, q, 0, len));
    }
    out.set(mem.subarray(q >> 2, (q >> 2) + len), oo + base);
  }
}

/** unary() on contiguous float32; false to let the caller use JS. */
export function unaryWasm(op: UnaryOp, n: number, x: NumArray, xo: number, out: NumArray, oo: number): boolean {
  const code = UNARY_CODE[op];
  if (code === undefined || n < (COSTLY_UNARY.has(code) ? MIN_WASM : MIN_WASM_CHEAP) || !(x instanceof Float32Array) || !(out instanceof Float32Array) || runtime() === null) return false;
  stream(n, COSTLY_UNARY.has(code), out, oo, 1,
    (base, len, p) => f32().set(x.subarray(xo + base, xo + base + len), p[0] >> 2),
    (p, q, off, len) => ["unary_f32", code, p[0] + off * 4, q + off * 4, len]);
  return true;
}

/** binary() on float32 with strides 0 or 1 and contiguous out; false to let the caller use JS. */
export function binaryWasm(op: BinaryOp, n: number, a: NumArray, ao: number, as: number, b: NumArray, bo: number, bs: number, out: NumArray, oo: number): boolean {
  const code = BINARY_CODE[op];
  if (code === undefined || n < (COSTLY_BINARY.has(code) ? MIN_WASM : MIN_WASM_CHEAP) || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(out instanceof Float32Array) || runtime() === null) return false;
  stream(n, COSTLY_BINARY.has(code), out, oo, 2,
    (base, len, p) => {
      const mem = f32();
      if (as) mem.set(a.subarray(ao + base, ao + base + len), p[0] >> 2); else mem[p[0] >> 2] = a[ao];
      if (bs) mem.set(b.subarray(bo + base, bo + base + len), p[1] >> 2); else mem[p[1] >> 2] = b[bo];
    },
    (p, q, off, len) => ["binary_f32", code, p[0] + off * 4 * as, as, p[1] + off * 4 * bs, bs, q + off * 4, len]);
  return true;
}

/** affine() on contiguous float32; false to let the caller use JS. */
export function affineWasm(n: number, x: NumArray, xo: number, scale: number, shift: number, out: NumArray, oo: number): boolean {
  if (n < MIN_WASM_CHEAP || !(x instanceof Float32Array) || !(out instanceof Float32Array) || runtime() === null) return false;
  stream(n, false, out, oo, 1,
    (base, len, p) => f32().set(x.subarray(xo + base, xo + base + len), p[0] >> 2),
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
  const p = alloc(CHUNK * 4), code = REDUCE_CODE[op];
  const fn = runtime()!.exports.reduce_f32 as (op: number, p: number, n: number) => number;
  const mem = f32();
  let r = op === "max" ? -Infinity : op === "min" ? Infinity : 0;
  for (let base = 0; base < n; base += CHUNK) {
    const len = Math.min(CHUNK, n - base);
    mem.set(x.subarray(xo + base, xo + base + len), p >> 2);
    const v = fn(code, p, len);
    r = code <= 1 ? r + v : code === 2 ? Math.max(r, v) : Math.min(r, v);
  }
  return r;
}
