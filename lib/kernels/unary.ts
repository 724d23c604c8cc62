// Elementwise maps out[i] = f(x[i]) over strided 1-D spans. Contiguous float32 spans run in
// WebAssembly SIMD (two threads when large); others in plain JS with the same definitions.
import { checkSpan, describe, type NumArray } from "./types.js";
import { normalCdf } from "./erf.js";
import { wasmUnary } from "./dispatch.js";

/**
 * Elementwise functions. Conventions (as PyTorch): NaN propagates; relu(-0) = +0;
 * gelu is the exact erf form x * Phi(x) (not the tanh approximation), with gelu(-Infinity) = -0.
 */
export type UnaryOp =
  | "relu" | "sigmoid" | "tanh" | "gelu" | "exp" | "log" | "sqrt"
  | "abs" | "neg" | "square" | "reciprocal" | "copy";

export const UNARY_OPS: readonly UnaryOp[] = ["relu", "sigmoid", "tanh", "gelu", "exp", "log", "sqrt", "abs", "neg", "square", "reciprocal", "copy"];

/** The scalar definition of each op (float64); the reference for every fast path. */
export function unaryScalar(op: UnaryOp): (x: number) => number {
  switch (op) {
    case "relu": return (x) => Math.max(x, 0);
    case "sigmoid": return (x) => 1 / (1 + Math.exp(-x));
    case "tanh": return Math.tanh;
    case "gelu": return (x) => { const p = normalCdf(x); return p === 0 ? -0 : x * p; };
    case "exp": return Math.exp;
    case "log": return Math.log;
    case "sqrt": return Math.sqrt;
    case "abs": return Math.abs;
    case "neg": return (x) => -x;
    case "square": return (x) => x * x;
    case "reciprocal": return (x) => 1 / x;
    case "copy": return (x) => x;
  }
  throw new RangeError(`unary: unknown op ${JSON.stringify(op)}; expected one of ${UNARY_OPS.join(", ")}`);
}

/**
 * out[outOffset + i * outStride] = op(x[xOffset + i * xStride]) for i in [0, n).
 * `x` is never modified (out may alias x exactly, for in-place ops).
 * @example
 * const out = new Float32Array(3);
 * unary("relu", 3, Float32Array.of(-1, 0, 2), 0, 1, out, 0, 1); // out = [0, 0, 2]
 */
export function unary(op: UnaryOp, n: number, x: NumArray, xOffset: number, xStride: number, out: NumArray, outOffset: number, outStride: number): void {
  const f = unaryScalar(op);
  if (!ArrayBuffer.isView(x) || !ArrayBuffer.isView(out)) throw new TypeError(`unary(${op}): expected typed arrays, got x=${describe(x)}, out=${describe(out)}`);
  checkSpan(`unary(${op})`, "x", n, xOffset, xStride, x.length);
  checkSpan(`unary(${op})`, "out", n, outOffset, outStride, out.length);
  if (xStride === 1 && outStride === 1 && wasmUnary(op, n, x, xOffset, out, outOffset)) return;
  unaryJs(op, f, n, x, xOffset, xStride, out, outOffset, outStride);
}

function unaryJs(op: UnaryOp, f: (x: number) => number, n: number, x: NumArray, xo: number, xs: number, out: NumArray, oo: number, os: number): void {
  // relu gets a dedicated loop: Math.max is branchless, and a branchy `x > 0 ? x : 0` is 3x
  // slower on random data (mispredictions; see /work/shared/anchors/README.md).
  if (op === "relu") {
    for (let i = 0; i < n; i++) out[oo + i * os] = Math.max(x[xo + i * xs], 0);
    return;
  }
  for (let i = 0; i < n; i++) out[oo + i * os] = f(x[xo + i * xs]);
}
