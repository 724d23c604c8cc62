// The one place float tolerances live (STYLE rule 5), as tfjs's TEST_EPSILON_FLOAT32.
export const FLOAT32_RTOL = 1e-5;
export const FLOAT32_ATOL = 1e-6;
export const FLOAT64_RTOL = 1e-12;
export const FLOAT64_ATOL = 1e-14;
// Central-difference gradient checks in float64 (relative error as CS231n defines it).
export const GRADCHECK_REL_ERROR = 1e-6;

/** Element-wise |a - b| <= atol + rtol * |b|, with NaN == NaN and equal infinities equal. */
export function allClose(a: ArrayLike<number>, b: ArrayLike<number>, rtol = FLOAT32_RTOL, atol = FLOAT32_ATOL): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) { if (Number.isNaN(x) !== Number.isNaN(y)) return false; continue; }
    if (x === y) continue;
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
  }
  return true;
}
// lib/nn: erf/erfc against correctly rounded references (fdlibm's method is < 1 ulp; allow 2).
export const ERF_RTOL = 2 * Number.EPSILON;
// lib/nn: scalar activations against their closed forms in float64 (a few ulps of reordering).
export const ACTIVATION_RTOL = 1e-14;
// lib/nn: erf(x) + erfc(x) = 1 holds to a few ulps of 1.
export const ERF_IDENTITY_ATOL = 4 * Number.EPSILON;
// lib/nn: plain central differences (h = 1e-5) against closed-form derivatives: truncation
// h²·f'''/6 ~ 1e-10 relative plus cancellation eps/h ~ 1e-11 absolute per unit of f.
export const CENTRAL_DIFF_RTOL = 1e-7;
export const CENTRAL_DIFF_ATOL = 1e-9;
// lib/nn gradient checks: step h and the relative-error denominator floor. Central differences
// carry an absolute error ~ eps·|f|/h + h²|f'''|; the floor keeps derivatives that are ~0
// (saturated units, 1e-9) from turning that noise into a large *relative* error. PyTorch's
// gradcheck is looser still (atol 1e-5, rtol 1e-3).
export const GRADCHECK_STEP = 1e-5;
export const GRADCHECK_FLOOR = 1e-3;
// Statistical tests: accept a sample statistic within this many standard errors of its
// expectation (5 sigma: a correct implementation fails about once in 3.5 million runs).
export const SAMPLING_SIGMAS = 5;
// lib/init: Householder QR in float64 of matrices up to 12x12: orthogonality to ~100 ulps.
export const QR_ORTHO_ATOL = 1e-13;
// Statistical tests: a sample statistic must lie within SAMPLING_Z standard errors of its
// exact value (5 sigma: a false failure once in ~1.7 million runs per assertion).
export const SAMPLING_Z = 5;
// Short float64 sums of O(1..10) decimal inputs (e.g. 5.1 - 3.2 + 1 = 2.9): a few ulps of 10.
export const FLOAT64_ATOL_SUMS = 1e-13;
// lib/ops: a matrix product against a float64 loop obeys the classic bound
// |C - C_ref| <= gamma_K * (|A| |B|)_ij with gamma_K = K u / (1 - K u) (Higham, "Accuracy and
// Stability of Numerical Algorithms", 3.5), plus one rounding of the stored result.
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
export const FLOAT64_UNIT_ROUNDOFF = 2 ** -53;
export function matmulErrorBound(K: number, absProduct: number, refValue: number, u: number): number {
  const gamma = (K * u) / (1 - K * u);
  return gamma * absProduct + u * Math.abs(refValue) + Number.MIN_VALUE;
}
// lib/ops: transcendental maps (exp, log, tanh, sigmoid) in float32 may run in WebAssembly
// approximations; allow a few float32 ulps against the float64 value rounded once.
export const FLOAT32_TRANSCENDENTAL_RTOL = 4 * 2 ** -23;
// lib/nn BatchNorm: moments of a float32 normalized output; var/(var+eps) differs from 1 by ~eps/var.
export const BN_MOMENT_ATOL = 1e-4;
// Static figures: SVG coordinates are rounded to 0.01 px (lib/display/svg.ts), so lengths
// derived from two rounded coordinates differ from the exact value by at most this.
export const SVG_PX_ATOL = 0.02;
// Closed-form statistics of ~1e3 float64 samples (sums of 1e3 terms): a few hundred ulps.
export const STATS_F64_ATOL = 1e-10;
// lib/optim: five float64 update steps against PyTorch's float64 trajectory (operation order differs).
export const OPTIM_RTOL = 1e-12;
// vitest toBeCloseTo digits for float64 closed forms of O(1..10) (|a - b| < 10^-12 / 2).
export const CLOSE_DIGITS_FLOAT64 = 12;
// Backward-error bound factor for the float64 symmetric eigensolver (lib/data/eigh.ts): residuals
// |A v - lambda v| and |V^T V - I| stay below EIGH_ULPS * n * eps (* ||A|| * n for the residual).
export const EIGH_ULPS = 100;
// Two conforming JPEG decoders (jpeg-js vs libjpeg-turbo through Pillow) may differ by a few levels
// per pixel (IDCT precision, chroma upsampling); PNG decoding is exact.
export const JPEG_DECODER_LEVELS = 2;
// Statistics (means, covariances, reconstructions) of float32 outputs over hundreds of values,
// accumulated in float64: float32 rounding of each input (2^-24 relative) adds up to about 1e-5 of
// the values' scale; these bounds leave a 10x margin.
export const FLOAT32_STAT_RTOL = 1e-4;
export const FLOAT32_STAT_ATOL = 1e-4;
