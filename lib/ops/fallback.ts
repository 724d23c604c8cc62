// FALLBACK kernels: plain-JS loops for what lib/kernels does not provide (comparisons, sign,
// argmin, squared deviations, column sums, exact int32 products); ops/kernels.ts picks between the two.
// Stdlib style: explicit count, offsets and strides; inputs are never written. One switch per
// call, so each loop body is a single inlined expression.
import type { DataArray } from "../tensor/index.js";

export type BinaryName = "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum" | "eq" | "ne" | "lt" | "le" | "gt" | "ge";
export type UnaryName = "neg" | "exp" | "log" | "sqrt" | "abs" | "sign" | "tanh" | "sigmoid" | "relu" | "square"
  | "reciprocal" | "floor" | "ceil" | "round" | "sin" | "cos" | "log1p" | "expm1" | "isnan" | "isinf" | "isfinite";

/**
 * out[oo + i*so] = a[oa + i*sa] (op) b[ob + i*sb] for i < n. Stride 0 broadcasts an operand.
 * @example binaryStrided("add", 3, a, 0, 1, b, 0, 0, out, 0, 1) // out = a + b[0]
 */
export function binaryStrided(
  op: BinaryName, n: number, a: DataArray, oa: number, sa: number, b: DataArray, ob: number, sb: number,
  out: DataArray, oo: number, so: number,
): void {
  let i = 0;
  switch (op) {
    case "add": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = a[oa] + b[ob]; return;
    case "sub": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = a[oa] - b[ob]; return;
    case "mul":
      // int32 products can exceed 2^53 in a double; Math.imul wraps exactly as C int32 does.
      if (out instanceof Int32Array) { for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = Math.imul(a[oa], b[ob]); return; }
      for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = a[oa] * b[ob];
      return;
    case "div": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = a[oa] / b[ob]; return;
    case "pow": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = a[oa] ** b[ob]; return;
    // Math.max/min propagate NaN, as np.maximum/np.minimum.
    case "maximum": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = Math.max(a[oa], b[ob]); return;
    case "minimum": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = Math.min(a[oa], b[ob]); return;
    // +(a < b) compiles branch-free; `a < b ? 1 : 0` mispredicts on random data (2-3x slower).
    case "eq": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = +(a[oa] === b[ob]); return;
    case "ne": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = +(a[oa] !== b[ob]); return;
    case "lt": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = +(a[oa] < b[ob]); return;
    case "le": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = +(a[oa] <= b[ob]); return;
    case "gt": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = +(a[oa] > b[ob]); return;
    case "ge": for (; i < n; i++, oa += sa, ob += sb, oo += so) out[oo] = +(a[oa] >= b[ob]); return;
  }
}

/**
 * out[oo + i*so] = op(x[ox + i*sx]) for i < n. Values are computed in float64 and rounded once on store.
 * @example unaryStrided("exp", 3, x, 0, 1, out, 0, 1)
 */
export function unaryStrided(op: UnaryName, n: number, x: DataArray, ox: number, sx: number, out: DataArray, oo: number, so: number): void {
  let i = 0;
  switch (op) {
    case "neg": for (; i < n; i++, ox += sx, oo += so) out[oo] = -x[ox]; return;
    case "exp": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.exp(x[ox]); return;
    case "log": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.log(x[ox]); return;
    case "sqrt": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.sqrt(x[ox]); return;
    case "abs": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.abs(x[ox]); return;
    case "sign": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.sign(x[ox]); return;
    case "tanh": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.tanh(x[ox]); return;
    case "square": for (; i < n; i++, ox += sx, oo += so) { const v = x[ox]; out[oo] = v * v; } return;
    case "sigmoid":
      // Stable on both tails: exp never overflows because its argument is <= 0.
      for (; i < n; i++, ox += sx, oo += so) {
        const v = x[ox];
        if (v >= 0) out[oo] = 1 / (1 + Math.exp(-v));
        else { const e = Math.exp(v); out[oo] = e / (1 + e); }
      }
      return;
    case "reciprocal": for (; i < n; i++, ox += sx, oo += so) out[oo] = 1 / x[ox]; return;
    case "floor": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.floor(x[ox]); return;
    case "ceil": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.ceil(x[ox]); return;
    // Half to even, as np.round and torch.round (Math.round rounds half up: 2.5 -> 3).
    case "round":
      for (; i < n; i++, ox += sx, oo += so) {
        const v = x[ox], r = Math.round(v);
        out[oo] = r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
      }
      return;
    case "sin": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.sin(x[ox]); return;
    case "cos": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.cos(x[ox]); return;
    case "log1p": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.log1p(x[ox]); return;
    case "expm1": for (; i < n; i++, ox += sx, oo += so) out[oo] = Math.expm1(x[ox]); return;
    case "isnan": for (; i < n; i++, ox += sx, oo += so) { const v = x[ox]; out[oo] = v !== v ? 1 : 0; } return;
    case "isinf": for (; i < n; i++, ox += sx, oo += so) { const v = x[ox]; out[oo] = v === Infinity || v === -Infinity ? 1 : 0; } return;
    case "isfinite": for (; i < n; i++, ox += sx, oo += so) out[oo] = Number.isFinite(x[ox]) ? 1 : 0; return;
    // relu(NaN) is NaN and relu(-0) is 0, as torch.relu (NaN fails v > 0, so test NaN first).
    case "relu": for (; i < n; i++, ox += sx, oo += so) { const v = x[ox]; out[oo] = v > 0 || v !== v ? v : 0; } return;
  }
}

/** Sum of n strided values, accumulated in float64. @example sumStrided(3, x, 0, 1) */
export function sumStrided(n: number, x: DataArray, ox: number, sx: number): number {
  let s = 0;
  for (let i = 0; i < n; i++, ox += sx) s += x[ox];
  return s;
}

/** Sum of squared deviations from `mean`, in float64 (second pass of a two-pass variance). @example sumSquaredDeviations(3, x, 0, 1, 2) */
export function sumSquaredDeviations(n: number, x: DataArray, ox: number, sx: number, mean: number): number {
  let s = 0;
  for (let i = 0; i < n; i++, ox += sx) { const d = x[ox] - mean; s += d * d; }
  return s;
}

/** Index (0..n-1) of the first maximum (or minimum when `min`), or of the first NaN, as np.argmax. @example argExtremeStrided(3, x, 0, 1, false) */
export function argExtremeStrided(n: number, x: DataArray, ox: number, sx: number, min: boolean): number {
  let best = x[ox], bi = 0;
  if (best !== best) return 0;
  ox += sx;
  for (let i = 1; i < n; i++, ox += sx) {
    const v = x[ox];
    if (v !== v) return i;
    if (min ? v < best : v > best) { best = v; bi = i; }
  }
  return bi;
}

/**
 * acc[j] += x[off + i*rowStride + j] for i < R, j < D: column sums of R rows, walking memory in
 * order (reducing axis 0 of [N, D] one column at a time strides through memory N times).
 * @example sumRows(2, 3, x, 0, 3, acc) // acc = column sums of a 2 x 3 matrix
 */
export function sumRows(R: number, D: number, x: DataArray, off: number, rowStride: number, acc: Float64Array): void {
  for (let i = 0; i < R; i++, off += rowStride) for (let j = 0; j < D; j++) acc[j] += x[off + j];
}

/** acc[j] += (x[off + i*rowStride + j] - mean[j])^2 for i < R: the second pass of a column variance. @example sumSquaredDeviationRows(2, 3, x, 0, 3, mean, acc) */
export function sumSquaredDeviationRows(R: number, D: number, x: DataArray, off: number, rowStride: number, mean: Float64Array, acc: Float64Array): void {
  for (let i = 0; i < R; i++, off += rowStride) for (let j = 0; j < D; j++) { const d = x[off + j] - mean[j]; acc[j] += d * d; }
}
