// Plain-JS GEMM: the float64 path, and the float32 fallback when WebAssembly is unavailable.
// Loop order i-p-j streams rows of B; each C row accumulates in a float64 scratch row.
import type { FloatArray, MatrixView } from "./types.js";

/**
 * C = alpha * A B + beta * C over strided views (A m x k, B k x n, C m x n).
 * @example see gemm() in gemm.ts
 */
export function gemmJs(m: number, n: number, k: number, a: MatrixView, b: MatrixView, c: MatrixView, alpha: number, beta: number): void {
  const A: FloatArray = a.data, B: FloatArray = b.data, C: FloatArray = c.data;
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const ai = a.offset + i * a.rowStride;
    for (let p = 0; p < k; p++) {
      const av = A[ai + p * a.colStride];
      const bp = b.offset + p * b.rowStride, bs = b.colStride;
      if (bs === 1) for (let j = 0; j < n; j++) acc[j] += av * B[bp + j];
      else for (let j = 0; j < n; j++) acc[j] += av * B[bp + j * bs];
    }
    const ci = c.offset + i * c.rowStride, cs = c.colStride;
    // beta = 0 overwrites C, ignoring NaN/Inf already there (BLAS semantics).
    if (beta === 0) for (let j = 0; j < n; j++) C[ci + j * cs] = alpha * acc[j];
    else for (let j = 0; j < n; j++) C[ci + j * cs] = alpha * acc[j] + beta * C[ci + j * cs];
  }
}
