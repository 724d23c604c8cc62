// Central-difference gradient checking in float64, as CS231n / EECS 498 teach it.
import { Tensor } from "../tensor/index.js";
//
// Relative error (documented choice): element-wise
//     rel[i] = |a[i] - n[i]| / max(|a[i]|, |n[i]|, floor)
// with a = analytic, n = numeric and floor = 1e-8 by default, so two gradients that are both ~0
// compare as equal instead of dividing 0 by 0 (EECS 498's rel_error uses the same 1e-8 floor).
// The result also carries the norm form ||a - n|| / max(||a||, ||n||, floor) for a single number.
// Thresholds to remember (CS231n): < 1e-7 is right, 1e-4..1e-2 is suspicious, > 1e-2 is a bug.

/** What a gradient check found: per-element errors, their maximum, and pass/fail. */
export interface GradCheckResult {
  /** What was checked (a parameter name, "input", ...). */
  readonly name: string;
  readonly shape: readonly number[];
  readonly analytic: Float64Array;
  readonly numeric: Float64Array;
  /** Element-wise |a - n| / max(|a|, |n|, floor). */
  readonly relError: Float64Array;
  readonly maxRelError: number;
  /** Flat index of the largest relative error. */
  readonly argmax: number;
  /** ||a - n||₂ / max(||a||₂, ||n||₂, floor). */
  readonly normRelError: number;
  readonly tolerance: number;
  readonly h: number;
  readonly passed: boolean;
}

export interface GradCheckOptions {
  /** Central-difference step (default 1e-6). */
  h?: number;
  /** Pass when maxRelError <= tolerance (default 1e-6). */
  tolerance?: number;
  /** Denominator floor of the relative error (default 1e-8). */
  floor?: number;
  name?: string;
  shape?: readonly number[];
}

/**
 * Numeric gradient of a scalar function by central differences, (f(x+h) - f(x-h)) / 2h per
 * element. `x` is perturbed in place and restored exactly.
 * @example
 * numericGradient((x) => x[0] * x[0], new Float64Array([3])) // Float64Array [6.000000000838668]
 */
export function numericGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-6): Float64Array {
  if (!(h > 0)) throw new Error(`numericGradient: step h must be > 0, got ${h}`);
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    x[i] = old + h; const fp = f(x);
    x[i] = old - h; const fm = f(x);
    x[i] = old;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/**
 * Numeric gradient of a vector-valued function against an upstream gradient: d(Σ f(x)·dout)/dx
 * (CS231n's eval_numerical_gradient_array), the check for a layer's backward.
 * @example
 * numericGradientArray((x) => x.map((v) => 2 * v), new Float64Array([1, 2]), new Float64Array([1, 1]))
 * // Float64Array [2, 2] (up to ~1e-10)
 */
export function numericGradientArray(
  f: (x: Float64Array) => ArrayLike<number>, x: Float64Array, dout: ArrayLike<number>, h = 1e-6,
): Float64Array {
  return numericGradient((v) => {
    const y = f(v);
    if (y.length !== dout.length) {
      throw new Error(`numericGradientArray: f returned ${y.length} values but dout has ${dout.length}`);
    }
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i] * dout[i];
    return s;
  }, x, h);
}

/**
 * Compare an analytic gradient with a numeric one.
 * @example
 * compareGradients(new Float64Array([1, 2]), new Float64Array([1, 2.000001])).maxRelError // ~5e-7
 */
export function compareGradients(
  analytic: ArrayLike<number>, numeric: ArrayLike<number>, opts: GradCheckOptions = {},
): GradCheckResult {
  const n = analytic.length;
  if (numeric.length !== n) {
    throw new Error(`gradCheck: analytic gradient has ${n} elements but numeric has ${numeric.length}`);
  }
  const floor = opts.floor ?? 1e-8, tolerance = opts.tolerance ?? 1e-6;
  const a = Float64Array.from(analytic), m = Float64Array.from(numeric), rel = new Float64Array(n);
  let max = 0, argmax = 0, d2 = 0, a2 = 0, m2 = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(a[i] - m[i]);
    const r = d / Math.max(Math.abs(a[i]), Math.abs(m[i]), floor);
    rel[i] = Number.isNaN(r) ? Infinity : r; // a NaN gradient is a failure, never a pass
    if (rel[i] > max || (i === 0 && rel[i] === max)) { max = rel[i]; argmax = i; }
    d2 += d * d; a2 += a[i] * a[i]; m2 += m[i] * m[i];
  }
  const normRel = Math.sqrt(d2) / Math.max(Math.sqrt(a2), Math.sqrt(m2), floor);
  return {
    name: opts.name ?? "x", shape: opts.shape ?? [n], analytic: a, numeric: m, relError: rel,
    maxRelError: max, argmax, normRelError: Number.isNaN(normRel) ? Infinity : normRel,
    tolerance, h: opts.h ?? 1e-6, passed: max <= tolerance,
  };
}

/**
 * Check the gradient of a scalar function: `grad(x)` is your analytic gradient, compared with
 * central differences of `f` in float64. `x` may be an array (f and grad then receive a
 * Float64Array) or a Tensor (they receive a float64 Tensor of x's shape, and the result keeps
 * that shape for the heatmap).
 * @example
 * const r = gradCheck((x) => x[0] ** 3, (x) => new Float64Array([3 * x[0] ** 2]), new Float64Array([2]));
 * r.passed // true
 * gradCheck((w) => sum(mul(w, w)).item(), (w) => mul(w, 2), randn([3, 4], { rng: rng(0) })).passed // true
 */
export function gradCheck(f: (x: Float64Array) => number, grad: (x: Float64Array) => ArrayLike<number>, x: ArrayLike<number>, opts?: GradCheckOptions): GradCheckResult;
export function gradCheck(f: (x: Tensor) => number, grad: (x: Tensor) => Tensor | ArrayLike<number>, x: Tensor, opts?: GradCheckOptions): GradCheckResult;
export function gradCheck(
  f: (x: never) => number, grad: (x: never) => Tensor | ArrayLike<number>, x: Tensor | ArrayLike<number>,
  opts: GradCheckOptions = {},
): GradCheckResult {
  const isT = x instanceof Tensor;
  const shape = isT ? x.shape : [x.length];
  const x64 = Float64Array.from(isT ? x.toTypedArray() : x);
  const box = (v: Float64Array): never => (isT ? new Tensor(v, shape) : v) as never;
  const g = grad(box(Float64Array.from(x64)));
  const analytic = g instanceof Tensor ? g.toTypedArray() : g;
  const numeric = numericGradient((v) => f(box(v)), x64, opts.h ?? 1e-6);
  return compareGradients(analytic, numeric, { shape, ...opts });
}

/** One-line summary. @example formatGradCheck(r) // "gradCheck W [3, 4]: max rel error 2.10e-9 <= 0.000001: PASS" */
export function formatGradCheck(r: GradCheckResult): string {
  return `gradCheck ${r.name} [${r.shape.join(", ")}]: max rel error ${r.maxRelError.toExponential(2)} ` +
    `${r.passed ? "<=" : ">"} ${r.tolerance}: ${r.passed ? "PASS" : "FAIL"}`;
}
