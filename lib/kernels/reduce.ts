// Reductions over strided 1-D spans. Sums accumulate in float64 (a float32 running sum of
// 10M values loses about 3 digits); max/min/argmax propagate NaN as NumPy and PyTorch do.
import { checkSpan, describe, type NumArray } from "./types.js";
import { wasmReduce } from "./dispatch.js";

function check(op: string, n: number, x: NumArray, offset: number, stride: number): void {
  if (!ArrayBuffer.isView(x)) throw new TypeError(`${op}: expected a typed array, got ${describe(x)}`);
  checkSpan(op, "x", n, offset, stride, x.length);
}

/**
 * Sum of x[offset + i * stride], i in [0, n), accumulated in float64.
 * @example sum(3, Float32Array.of(1, 2, 3), 0, 1) // 6
 */
export function sum(n: number, x: NumArray, offset: number, stride: number): number {
  check("sum", n, x, offset, stride);
  if (stride === 1) { const r = wasmReduce("sum", n, x, offset); if (r !== undefined) return r; }
  let s = 0;
  for (let i = 0; i < n; i++) s += x[offset + i * stride];
  return s;
}

/**
 * Sum of squares, accumulated in float64 (for norms and variances).
 * @example sumSquares(2, Float64Array.of(3, 4), 0, 1) // 25
 */
export function sumSquares(n: number, x: NumArray, offset: number, stride: number): number {
  check("sumSquares", n, x, offset, stride);
  if (stride === 1) { const r = wasmReduce("sumSquares", n, x, offset); if (r !== undefined) return r; }
  let s = 0;
  for (let i = 0; i < n; i++) { const v = x[offset + i * stride]; s += v * v; }
  return s;
}

/**
 * Largest element (NaN if any is NaN; -Infinity for n = 0).
 * @example max(3, Float32Array.of(1, 5, 3), 0, 1) // 5
 */
export function max(n: number, x: NumArray, offset: number, stride: number): number {
  check("max", n, x, offset, stride);
  if (stride === 1) { const r = wasmReduce("max", n, x, offset); if (r !== undefined) return r; }
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = Math.max(m, x[offset + i * stride]);
  return m;
}

/**
 * Smallest element (NaN if any is NaN; Infinity for n = 0).
 * @example min(3, Float32Array.of(1, 5, 3), 0, 1) // 1
 */
export function min(n: number, x: NumArray, offset: number, stride: number): number {
  check("min", n, x, offset, stride);
  if (stride === 1) { const r = wasmReduce("min", n, x, offset); if (r !== undefined) return r; }
  let m = Infinity;
  for (let i = 0; i < n; i++) m = Math.min(m, x[offset + i * stride]);
  return m;
}

/**
 * Index (0-based, in elements of the span) of the first largest element; the first NaN wins,
 * as numpy.argmax. Throws for n = 0.
 * @example argmax(3, Float32Array.of(1, 5, 3), 0, 1) // 1
 */
export function argmax(n: number, x: NumArray, offset: number, stride: number): number {
  check("argmax", n, x, offset, stride);
  if (n === 0) throw new RangeError("argmax: attempt to take the argmax of an empty span (n = 0)");
  let best = 0, m = x[offset];
  if (m !== m) return 0;
  for (let i = 1; i < n; i++) {
    const v = x[offset + i * stride];
    if (v !== v) return i;
    if (v > m) { m = v; best = i; }
  }
  return best;
}

/**
 * Dot product accumulated in float64.
 * @example dot(2, Float32Array.of(1, 2), 0, 1, Float32Array.of(3, 4), 0, 1) // 11
 */
export function dot(n: number, x: NumArray, xOffset: number, xStride: number, y: NumArray, yOffset: number, yStride: number): number {
  check("dot", n, x, xOffset, xStride);
  check("dot", n, y, yOffset, yStride);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[xOffset + i * xStride] * y[yOffset + i * yStride];
  return s;
}
