// The one seam between ops and the hot loops. Ops call only these names; each forwards to
// lib/kernels (WebAssembly SIMD / threads when it pays) and falls back to fallback.ts only for
// what lib/kernels does not offer (comparisons, sign, argmin, deviations, exact int32 products).
import * as K from "../kernels/index.js";
import type { DataArray } from "../tensor/index.js";
import * as F from "./fallback.js";
import type { BinaryName, UnaryName } from "./fallback.js";

export type { BinaryName, UnaryName } from "./fallback.js";
export { sumRows, sumSquaredDeviationRows, sumSquaredDeviations } from "./fallback.js";

const KERNEL_BINARY: ReadonlySet<string> = new Set(K.BINARY_OPS);
const KERNEL_UNARY: ReadonlySet<string> = new Set(K.UNARY_OPS);

/** out[oo + i*so] = a[oa + i*sa] (op) b[ob + i*sb]; stride 0 broadcasts. @example binaryStrided("add", 3, a, 0, 1, b, 0, 0, out, 0, 1) */
export function binaryStrided(
  op: BinaryName, n: number, a: DataArray, oa: number, sa: number, b: DataArray, ob: number, sb: number,
  out: DataArray, oo: number, so: number,
): void {
  // int32 products need Math.imul (a double product can exceed 2^53), which only the fallback does.
  if (KERNEL_BINARY.has(op) && !(op === "mul" && out instanceof Int32Array)) {
    K.binary(op as K.BinaryOp, n, a, oa, sa, b, ob, sb, out, oo, so);
  } else F.binaryStrided(op, n, a, oa, sa, b, ob, sb, out, oo, so);
}

/** out[oo + i*so] = op(x[ox + i*sx]). @example unaryStrided("exp", 3, x, 0, 1, out, 0, 1) */
export function unaryStrided(op: UnaryName, n: number, x: DataArray, ox: number, sx: number, out: DataArray, oo: number, so: number): void {
  if (KERNEL_UNARY.has(op)) K.unary(op as K.UnaryOp, n, x, ox, sx, out, oo, so);
  else F.unaryStrided(op, n, x, ox, sx, out, oo, so);
}

/** Sum of n strided values, accumulated in float64. @example sumStrided(3, x, 0, 1) */
export function sumStrided(n: number, x: DataArray, ox: number, sx: number): number {
  return K.sum(n, x, ox, sx);
}

/** Largest (or smallest) of n > 0 strided values; NaN if any is NaN. @example extremeStrided(3, x, 0, 1, false) */
export function extremeStrided(n: number, x: DataArray, ox: number, sx: number, min: boolean): number {
  return min ? K.min(n, x, ox, sx) : K.max(n, x, ox, sx);
}

/** Index of the first maximum (or minimum), or of the first NaN, as np.argmax. @example argExtremeStrided(3, x, 0, 1, false) */
export function argExtremeStrided(n: number, x: DataArray, ox: number, sx: number, min: boolean): number {
  return min ? F.argExtremeStrided(n, x, ox, sx, true) : K.argmax(n, x, ox, sx);
}

/**
 * C[M x N] (row-major at offC) = A[M x K] @ B[K x N] for strided float views of one dtype
 * (element (i, k) of A at offA + i*rsA + k*csA).
 * @example gemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0)
 */
export function gemm(
  M: number, N: number, K2: number,
  A: Float32Array | Float64Array, offA: number, rsA: number, csA: number,
  B: Float32Array | Float64Array, offB: number, rsB: number, csB: number,
  C: Float32Array | Float64Array, offC: number,
): void {
  K.gemm(M, N, K2, { data: A, offset: offA, rowStride: rsA, colStride: csA },
    { data: B, offset: offB, rowStride: rsB, colStride: csB }, { data: C, offset: offC, rowStride: N, colStride: 1 });
}
