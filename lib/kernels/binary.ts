// Elementwise binary maps out[i] = f(a[i], b[i]) over strided 1-D spans; a stride of 0
// broadcasts a scalar. Backward ops take (forward input or output, upstream gradient).
import { checkSpan, describe, type NumArray } from "./types.js";
import { normalCdf } from "./erf.js";
import { wasmAffine, wasmBinary } from "./dispatch.js";

/**
 * Binary ops. The *Backward ops compute the input gradient from a forward value and the
 * upstream gradient g: reluBackward(x, g) = x > 0 ? g : 0 (subgradient 0 at 0, as PyTorch);
 * sigmoidBackward(y, g) = g * y * (1 - y) and tanhBackward(y, g) = g * (1 - y^2) take the
 * forward OUTPUT y; geluBackward(x, g) = g * (Phi(x) + x * phi(x)) takes the input x.
 */
export type BinaryOp =
  | "add" | "sub" | "mul" | "div" | "maximum" | "minimum" | "pow"
  | "reluBackward" | "sigmoidBackward" | "tanhBackward" | "geluBackward";

export const BINARY_OPS: readonly BinaryOp[] = ["add", "sub", "mul", "div", "maximum", "minimum", "pow", "reluBackward", "sigmoidBackward", "tanhBackward", "geluBackward"];

const INV_SQRT_2PI = 0.3989422804014327;

/** The scalar definition of each op (float64); the reference for every fast path. */
export function binaryScalar(op: BinaryOp): (a: number, b: number) => number {
  switch (op) {
    case "add": return (a, b) => a + b;
    case "sub": return (a, b) => a - b;
    case "mul": return (a, b) => a * b;
    case "div": return (a, b) => a / b;
    // NaN-propagating like torch.maximum (Math.max also propagates NaN).
    case "maximum": return Math.max;
    case "minimum": return Math.min;
    case "pow": return Math.pow;
    // x <= 0 ? 0 : g, so a NaN input passes g through, as torch's threshold_backward.
    case "reluBackward": return (x, g) => (x <= 0 ? 0 : g);
    case "sigmoidBackward": return (y, g) => g * y * (1 - y);
    case "tanhBackward": return (y, g) => g * (1 - y * y);
    // x phi(x) -> 0 as |x| -> Infinity, so gelu'(+-Infinity) is 1 and 0, not NaN.
    case "geluBackward": return (x, g) => g * (normalCdf(x) + (Math.abs(x) === Infinity ? 0 : x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)));
  }
  throw new RangeError(`binary: unknown op ${JSON.stringify(op)}; expected one of ${BINARY_OPS.join(", ")}`);
}

/**
 * out[oo + i * os] = op(a[ao + i * as], b[bo + i * bs]) for i in [0, n). Stride 0 broadcasts.
 * Inputs are never modified (out may alias an input exactly).
 * @example
 * const out = new Float32Array(3);
 * binary("mul", 3, Float32Array.of(1, 2, 3), 0, 1, Float32Array.of(10), 0, 0, out, 0, 1); // out = [10, 20, 30]
 */
export function binary(op: BinaryOp, n: number, a: NumArray, aOffset: number, aStride: number, b: NumArray, bOffset: number, bStride: number,
  out: NumArray, outOffset: number, outStride: number): void {
  const f = binaryScalar(op);
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || !ArrayBuffer.isView(out)) {
    throw new TypeError(`binary(${op}): expected typed arrays, got a=${describe(a)}, b=${describe(b)}, out=${describe(out)}`);
  }
  checkSpan(`binary(${op})`, "a", n, aOffset, aStride, a.length);
  checkSpan(`binary(${op})`, "b", n, bOffset, bStride, b.length);
  checkSpan(`binary(${op})`, "out", n, outOffset, outStride, out.length);
  if (outStride === 1 && (aStride === 1 || aStride === 0) && (bStride === 1 || bStride === 0)
      && wasmBinary(op, n, a, aOffset, aStride, b, bOffset, bStride, out, outOffset)) return;
  for (let i = 0; i < n; i++) out[outOffset + i * outStride] = f(a[aOffset + i * aStride], b[bOffset + i * bStride]);
}

/**
 * out[i] = x[i] * scale + shift (a fused scalar multiply-add: `mul(x, 0.01)`, `add(x, 1)`).
 * @example const out = new Float32Array(2); affine(2, Float32Array.of(1, 2), 0, 1, 10, 1, out, 0, 1); // [11, 21]
 */
export function affine(n: number, x: NumArray, xOffset: number, xStride: number, scale: number, shift: number, out: NumArray, outOffset: number, outStride: number): void {
  if (!ArrayBuffer.isView(x) || !ArrayBuffer.isView(out)) throw new TypeError(`affine: expected typed arrays, got x=${describe(x)}, out=${describe(out)}`);
  checkSpan("affine", "x", n, xOffset, xStride, x.length);
  checkSpan("affine", "out", n, outOffset, outStride, out.length);
  if (xStride === 1 && outStride === 1 && wasmAffine(n, x, xOffset, scale, shift, out, outOffset)) return;
  for (let i = 0; i < n; i++) out[outOffset + i * outStride] = x[xOffset + i * xStride] * scale + shift;
}
