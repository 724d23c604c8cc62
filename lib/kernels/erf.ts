// erfc by the Chebyshev-fitted formula of Numerical Recipes (Press et al., 2nd ed., 6.2,
// "erfcc"): fractional error below 1.2e-7 everywhere, i.e. float32 quality, with no
// cancellation in the left tail, which GELU needs (gelu(-5) = -5 * Phi(-5) ~ -1.4e-6).
// JavaScript has no Math.erf. The wasm twin (wasm/maps.ts) evaluates the same formula.

/**
 * Complementary error function, relative error < 1.2e-7.
 * @example erfc(0) // 1 ; erfc(1) // 0.15729920...
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2. @example normalCdf(0) // 0.5 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}
