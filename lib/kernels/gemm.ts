// General matrix multiply C = alpha * A B + beta * C over strided views: transposed
// operands are views with swapped strides, never copies. float32 runs in WebAssembly SIMD
// (packed panels, register-blocked micro-kernel, two threads when large); float64 in JS.
import { describe, type FloatArray, type MatrixView } from "./types.js";
import { gemmJs } from "./gemm-js.js";
import { wasmGemm } from "./dispatch.js";

/** Options of gemm: C = alpha * A B + beta * C (defaults alpha = 1, beta = 0). */
export interface GemmOptions {
  readonly alpha?: number;
  readonly beta?: number;
}

function checkView(name: string, v: MatrixView, rows: number, cols: number, type: Function): void {
  if (v === null || typeof v !== "object" || !(v.data instanceof type)) {
    throw new TypeError(`gemm: ${name}.data must be a ${type.name} like A's, got ${describe(v?.data)}`);
  }
  for (const key of ["offset", "rowStride", "colStride"] as const) {
    if (!Number.isInteger(v[key])) throw new RangeError(`gemm: ${name}.${key} must be an integer, got ${v[key]}`);
  }
  if (rows === 0 || cols === 0) return;
  const r = (rows - 1) * v.rowStride, c = (cols - 1) * v.colStride;
  const lo = v.offset + Math.min(0, r) + Math.min(0, c), hi = v.offset + Math.max(0, r) + Math.max(0, c);
  if (lo < 0 || hi >= v.data.length) {
    throw new RangeError(`gemm: ${name} (${rows} x ${cols}, offset ${v.offset}, strides [${v.rowStride}, ${v.colStride}]) needs indices ${lo}..${hi} but its data has length ${v.data.length}`);
  }
}

/**
 * C (m x n) = alpha * A (m x k) . B (k x n) + beta * C. A and B are never modified; C must
 * not overlap them. beta = 0 ignores C's previous contents (NaN included), as BLAS.
 * @example
 * const a = Float32Array.of(1, 2, 3, 4), b = Float32Array.of(5, 6, 7, 8), c = new Float32Array(4);
 * const v = (data: Float32Array) => ({ data, offset: 0, rowStride: 2, colStride: 1 });
 * gemm(2, 2, 2, v(a), v(b), v(c)); // c = [19, 22, 43, 50]
 * gemm(2, 2, 2, { data: a, offset: 0, rowStride: 1, colStride: 2 }, v(b), v(c)); // A transposed: c = [26, 30, 38, 44]
 */
export function gemm(m: number, n: number, k: number, a: MatrixView, b: MatrixView, c: MatrixView, options: GemmOptions = {}): void {
  for (const [name, v] of [["m", m], ["n", n], ["k", k]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`gemm: ${name} must be a non-negative integer, got ${v}`);
  }
  const type = a?.data instanceof Float32Array ? Float32Array : a?.data instanceof Float64Array ? Float64Array : null;
  if (type === null) throw new TypeError(`gemm: A.data must be a Float32Array or Float64Array, got ${describe(a?.data)}`);
  checkView("A", a, m, k, type);
  checkView("B", b, k, n, type);
  checkView("C", c, m, n, type);
  const alpha = options.alpha ?? 1, beta = options.beta ?? 0;
  if (typeof alpha !== "number" || typeof beta !== "number") throw new TypeError(`gemm: alpha and beta must be numbers, got ${alpha}, ${beta}`);
  if (c.data.buffer === a.data.buffer || c.data.buffer === b.data.buffer) {
    if (overlaps(c, m, n, a, m, k) || overlaps(c, m, n, b, k, n)) throw new RangeError("gemm: C overlaps A or B; write into a separate output");
  }
  if (m === 0 || n === 0) return;
  if (type === Float32Array && wasmGemm(m, n, k, a as MatrixView<Float32Array>, b as MatrixView<Float32Array>, c as MatrixView<Float32Array>, alpha, beta)) return;
  gemmJs(m, n, k, a, b, c, alpha, beta);
}

function overlaps(x: MatrixView, xr: number, xc: number, y: MatrixView, yr: number, yc: number): boolean {
  const span = (v: MatrixView, r: number, cc: number): [number, number] => {
    const bytes = v.data.BYTES_PER_ELEMENT, base = v.data.byteOffset + v.offset * bytes;
    const a = (r - 1) * v.rowStride + (cc - 1) * v.colStride;
    return [base + Math.min(0, a) * bytes, base + Math.max(0, a) * bytes + bytes];
  };
  if (xr * xc === 0 || yr * yc === 0) return false;
  const [x0, x1] = span(x, xr, xc), [y0, y1] = span(y, yr, yc);
  return x0 < y1 && y0 < x1;
}
