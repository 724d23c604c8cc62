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
