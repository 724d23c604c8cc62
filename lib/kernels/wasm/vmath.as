// AssemblyScript: f64x2 elementary functions for the float32 maps. Float32 results are
// computed in float64 lanes and rounded once, so they are accurate to about one float32 ulp.

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;

// @ts-ignore: decorator
@inline export function splat(x: f64): v128 { return f64x2.splat(x); }

// a * b + c: one fused op in the relaxed-SIMD build, mul + add otherwise.
// @ts-ignore: decorator
@inline function fma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<f64>(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}

/** 1.5 * 2^52: adding it rounds a float64 of magnitude < 2^51 to an integer held in the low mantissa bits. */
const ROUNDER: f64 = 6755399441055744.0;

/**
 * e^x, clamped to |x| <= 120 (float32's whole range): x = n ln2 + r with |r| <= ln2 / 2,
 * e^r by its Taylor polynomial to r^9 (relative error < 3e-10, far below a float32 ulp),
 * times 2^n built in the exponent bits. n is rounded with the 1.5 * 2^52 trick, whose low
 * mantissa bits then hold n, so no float-to-int conversion is needed.
 */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  // pmax/pmin with x first keep NaN (x < c is false for NaN, so x is returned).
  x = f64x2.pmin(f64x2.pmax(x, splat(-120)), splat(120));
  const t = fma(x, splat(LOG2E), splat(ROUNDER));
  const n = f64x2.sub(t, splat(ROUNDER));
  let r = fma(n, splat(-LN2_HI), x);
  r = fma(n, splat(-LN2_LO), r);
  let p = splat(1.0 / 362880);
  p = fma(p, r, splat(1.0 / 40320));
  p = fma(p, r, splat(1.0 / 5040));
  p = fma(p, r, splat(1.0 / 720));
  p = fma(p, r, splat(1.0 / 120));
  p = fma(p, r, splat(1.0 / 24));
  p = fma(p, r, splat(1.0 / 6));
  p = fma(p, r, splat(0.5));
  p = fma(p, r, splat(1.0));
  p = fma(p, r, splat(1.0));
  // 2^n: (n + 1023) << 52; the shift drops t's exponent bits, leaving n's biased exponent.
  const scale = i64x2.shl(i64x2.add(t, i64x2.splat(1023)), 52);
  return f64x2.mul(p, scale);
}

/** 1 / (1 + e^-x). */
// @ts-ignore: decorator
@inline export function vsigmoid(x: v128): v128 {
  return f64x2.div(splat(1), f64x2.add(splat(1), vexp(f64x2.neg(x))));
}

/** tanh: 1 - 2 / (e^2|x| + 1) with the sign restored; x - x^3/3 + 2x^5/15 for |x| < 0.01. */
// @ts-ignore: decorator
@inline export function vtanh(x: v128): v128 {
  const ax = f64x2.abs(x);
  const big = f64x2.sub(splat(1), f64x2.div(splat(2), f64x2.add(vexp(f64x2.add(ax, ax)), splat(1))));
  const x2 = f64x2.mul(ax, ax);
  const small = f64x2.mul(ax, f64x2.add(splat(1), f64x2.mul(x2, f64x2.add(splat(-1.0 / 3), f64x2.mul(x2, splat(2.0 / 15))))));
  const t = v128.bitselect(small, big, f64x2.lt(ax, splat(0.01)));
  // Copy x's sign bit (keeps -0 and NaN as they are).
  const sign = v128.and(x, f64x2.splat(-0.0));
  return v128.or(v128.andnot(t, f64x2.splat(-0.0)), sign);
}

/** erfc by the Numerical Recipes Chebyshev formula (relative error < 1.2e-7), as lib/kernels/erf.ts. */
// @ts-ignore: decorator
@inline export function verfc(x: v128): v128 {
  const z = f64x2.abs(x);
  const t = f64x2.div(splat(1), f64x2.add(splat(1), f64x2.mul(splat(0.5), z)));
  let p = splat(0.17087277);
  p = fma(t, p, splat(-0.82215223));
  p = fma(t, p, splat(1.48851587));
  p = fma(t, p, splat(-1.13520398));
  p = fma(t, p, splat(0.27886807));
  p = fma(t, p, splat(-0.18628806));
  p = fma(t, p, splat(0.09678418));
  p = fma(t, p, splat(0.37409196));
  p = fma(t, p, splat(1.00002368));
  p = fma(t, p, splat(-1.26551223));
  const r = f64x2.mul(t, vexp(f64x2.sub(p, f64x2.mul(z, z))));
  return v128.bitselect(r, f64x2.sub(splat(2), r), f64x2.ge(x, splat(0)));
}

/** Phi(x) = erfc(-x / sqrt 2) / 2. */
// @ts-ignore: decorator
@inline export function vcdf(x: v128): v128 {
  return f64x2.mul(splat(0.5), verfc(f64x2.mul(x, splat(-0.7071067811865476))));
}

/** gelu(x) = x Phi(x), -0 where Phi underflows (gelu(-Infinity) = -0, not NaN). */
// @ts-ignore: decorator
@inline export function vgelu(x: v128): v128 {
  const p = vcdf(x);
  const tiny = f64x2.lt(p, splat(1e-60));
  return v128.bitselect(splat(-0.0), f64x2.mul(x, p), tiny);
}

/** gelu'(x) g = g (Phi(x) + x phi(x)). */
// @ts-ignore: decorator
@inline export function vgeluGrad(x: v128, g: v128): v128 {
  const pdf = f64x2.mul(splat(0.3989422804014327), vexp(f64x2.mul(splat(-0.5), f64x2.mul(x, x))));
  // x phi(x) -> 0 as |x| -> Infinity (Infinity * 0 would be NaN).
  const xpdf = v128.andnot(f64x2.mul(x, pdf), f64x2.eq(f64x2.abs(x), splat(Infinity)));
  return f64x2.mul(g, f64x2.add(vcdf(x), xpdf));
}

// ---- float32 lanes (four at a time): used where a float32 result tolerates float32 steps.

// @ts-ignore: decorator
@inline function fma4(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<f32>(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// @ts-ignore: decorator
@inline function s4(x: f32): v128 { return f32x4.splat(x); }

/**
 * e^x in float32 lanes, argument clamped to [-104, 88.8]: Taylor to r^7 (relative error
 * < 1e-8), 2^n applied in two halves so results down to the subnormal range come out right.
 */
// @ts-ignore: decorator
@inline export function vexp32(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, s4(-104)), s4(88.8));
  const t = fma4(x, s4(1.44269504), s4(12582912)); // 1.5 * 2^23 rounds to an integer
  const n = f32x4.sub(t, s4(12582912));
  let r = fma4(n, s4(-0.693359375), x);
  r = fma4(n, s4(2.12194440e-4), r);
  let p = s4(1.0 / 5040);
  p = fma4(p, r, s4(1.0 / 720));
  p = fma4(p, r, s4(1.0 / 120));
  p = fma4(p, r, s4(1.0 / 24));
  p = fma4(p, r, s4(1.0 / 6));
  p = fma4(p, r, s4(0.5));
  p = fma4(p, r, s4(1));
  p = fma4(p, r, s4(1));
  const ni = i32x4.sub(t, i32x4.splat(0x4b400000)); // t's low mantissa bits hold n
  const n1 = i32x4.shr_s(ni, 1), n2 = i32x4.sub(ni, n1);
  const e1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23), e2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, e1), e2);
}

/**
 * e^x in float32 lanes for gelu's erfc, where x <= 0: Cephes expf's degree-5 polynomial (about
 * 1 ulp) and one 2^n multiply; results below float32's normal range (x < -87.3, i.e. gelu at
 * x < -13.2, below 1e-37 in magnitude) flush to 0, so gelu gives -0 there.
 */
// @ts-ignore: decorator
@inline function vexp32n(x: v128): v128 {
  const under = f32x4.lt(x, s4(-87.3));
  x = f32x4.pmax(x, s4(-87.3));
  const t = fma4(x, s4(1.44269504), s4(12582912)); // 1.5 * 2^23 rounds to an integer
  const n = f32x4.sub(t, s4(12582912));
  let r = fma4(n, s4(-0.693359375), x);
  r = fma4(n, s4(2.12194440e-4), r);
  let p = s4(1.9875691500e-4);
  p = fma4(p, r, s4(1.3981999507e-3));
  p = fma4(p, r, s4(8.3334519073e-3));
  p = fma4(p, r, s4(4.1665795894e-2));
  p = fma4(p, r, s4(1.6666665459e-1));
  p = fma4(p, r, s4(5.0000001201e-1));
  p = fma4(f32x4.mul(r, r), p, f32x4.add(r, s4(1)));
  const e = i32x4.shl(i32x4.add(i32x4.sub(t, i32x4.splat(0x4b400000)), i32x4.splat(127)), 23);
  return v128.andnot(f32x4.mul(p, e), under);
}

/** gelu(x) = x Phi(x) in float32 lanes, Phi from the Numerical Recipes erfc (as erf.ts); -0 where Phi = 0. */
// @ts-ignore: decorator
@inline export function vgelu32(x: v128): v128 {
  const z = f32x4.mul(f32x4.abs(x), s4(0.707106781));
  const t = f32x4.div(s4(1), fma4(z, s4(0.5), s4(1)));
  let p = s4(0.17087277);
  p = fma4(t, p, s4(-0.82215223));
  p = fma4(t, p, s4(1.48851587));
  p = fma4(t, p, s4(-1.13520398));
  p = fma4(t, p, s4(0.27886807));
  p = fma4(t, p, s4(-0.18628806));
  p = fma4(t, p, s4(0.09678418));
  p = fma4(t, p, s4(0.37409196));
  p = fma4(t, p, s4(1.00002368));
  p = fma4(t, p, s4(-1.26551223));
  const half = f32x4.mul(s4(0.5), f32x4.mul(t, vexp32n(f32x4.sub(p, f32x4.mul(z, z)))));
  // Phi(x) = erfc(-x / sqrt 2) / 2: the small tail for x <= 0, its complement above.
  const phi = v128.bitselect(half, f32x4.sub(s4(1), half), f32x4.le(x, s4(0)));
  return v128.bitselect(s4(-0.0), f32x4.mul(x, phi), f32x4.eq(phi, s4(0)));
}

/**
 * tanh in float32 lanes: Eigen's rational minimax approximation x P(x^2) / Q(x^2) (degrees 13
 * and 6) on x clamped to +-7.9988, one division and no exp; max relative error 2.8e-7 (checked
 * on a dense sweep against Math.tanh). |x| >= 9 gives +-1 exactly (float32 tanh rounds to 1
 * there), |x| < 0.0004 gives x (keeps -0); NaN passes through.
 */
// @ts-ignore: decorator
@inline export function vtanh32(x: v128): v128 {
  const ax = f32x4.abs(x);
  const c = f32x4.pmax(f32x4.pmin(x, s4(7.99881172180175781)), s4(-7.99881172180175781));
  const x2 = f32x4.mul(c, c);
  let p = fma4(x2, s4(-2.76076847742355e-16), s4(2.00018790482477e-13));
  p = fma4(x2, p, s4(-8.60467152213735e-11));
  p = fma4(x2, p, s4(5.12229709037114e-08));
  p = fma4(x2, p, s4(1.48572235717979e-05));
  p = fma4(x2, p, s4(6.37261928875436e-04));
  p = fma4(x2, p, s4(4.89352455891786e-03));
  p = f32x4.mul(c, p);
  let q = fma4(x2, s4(1.19825839466702e-06), s4(1.18534705686654e-04));
  q = fma4(x2, q, s4(2.26843463243900e-03));
  q = fma4(x2, q, s4(4.89352518554385e-03));
  let r = f32x4.div(p, q);
  r = v128.bitselect(v128.or(s4(1), v128.and(x, s4(-0.0))), r, f32x4.ge(ax, s4(9)));
  return v128.bitselect(x, r, f32x4.lt(ax, s4(0.0004)));
}
