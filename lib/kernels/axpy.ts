// y += alpha · x (BLAS axpy), the plain SGD update w -= lr · g in one pass. Each element is
// computed in float64 and rounded once, in JS and in wasm (wasm/axpy.as) alike.
import { checkSpan, describe, type FloatArray } from "./types.js";
import { axpyWasm } from "./nn-wasm.js";

/** Below this many elements the JS loop is cheaper than staging through wasm memory. */
const MIN_WASM = 1024;

/**
 * y[yOffset + i] += alpha · x[xOffset + i] for i in [0, n). x is never modified; y must not overlap x.
 * @example const y = Float32Array.of(1, 1); axpy(2, -0.5, Float32Array.of(2, 4), 0, y, 0); // y = [0, -1]
 */
export function axpy(n: number, alpha: number, x: FloatArray, xOffset: number, y: FloatArray, yOffset: number): void {
  if (!(x instanceof Float32Array || x instanceof Float64Array) || !(y instanceof Float32Array || y instanceof Float64Array)) {
    throw new TypeError(`axpy: expected float arrays, got x=${describe(x)}, y=${describe(y)}`);
  }
  if (typeof alpha !== "number") throw new TypeError(`axpy: alpha must be a number, got ${typeof alpha}`);
  checkSpan("axpy", "x", n, xOffset, 1, x.length);
  checkSpan("axpy", "y", n, yOffset, 1, y.length);
  if (n >= MIN_WASM && x instanceof Float32Array && y instanceof Float32Array && axpyWasm(n, alpha, x, xOffset, y, yOffset)) return;
  for (let i = 0; i < n; i++) y[yOffset + i] += alpha * x[xOffset + i];
}
