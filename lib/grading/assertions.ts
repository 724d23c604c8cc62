// Assertion helpers with partial credit and reasons: allClose (numpy.allclose semantics),
// relative error (CS231n's rel_error), shape equality, exact equality and a gradient check
// against central differences (lib/nn's checker). Each returns an Outcome and never throws for a
// wrong answer: a wrong answer is a verdict, and later assertions still earn their points.
import { numericGradient, numericGradientArray } from "../nn/gradcheck.js";
import { outcome, type AssertOptions, type Outcome } from "./outcome.js";
import { P } from "./pristine.js";
import { fmt, formatShape, toNumbers, unravel, type Numbers } from "./values.js";

export interface AllCloseOptions extends AssertOptions {
  /** Relative tolerance (numpy default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (numpy default 1e-8). */
  atol?: number;
  /** NaN equals NaN (numpy equal_nan, default false). */
  equalNan?: boolean;
  /** Award points in proportion to the elements that are close (default false: all or nothing). */
  partial?: boolean;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Reads actual and expected, or explains why it could not (a student returning undefined). */
function read(op: string, actual: unknown, expected: unknown, opts: AssertOptions): [Numbers, Numbers] | Outcome {
  let e: Numbers;
  try { e = toNumbers(expected, `${op}: expected`); } catch (err) { throw new TypeError((err as Error).message); }
  try {
    return [toNumbers(actual, "your result"), e];
  } catch (err) {
    return outcome(op, false, 0, opts, `${(err as Error).message}. Did the function return its result?`);
  }
}

/**
 * numpy.allclose: |actual - expected| <= atol + rtol * |expected| element-wise (asymmetric, as
 * numpy), shapes equal (a scalar expected broadcasts). Infinities must match exactly.
 * @example allClose([1, 2.0000001], [1, 2]).passed // => true
 */
export function allClose(actual: unknown, expected: unknown, opts: AllCloseOptions = {}): Outcome {
  const rtol = opts.rtol ?? 1e-5, atol = opts.atol ?? 1e-8;
  const r = read("allClose", actual, expected, opts);
  if (!P.isArray(r)) return r;
  const [a, e] = r;
  const scalar = e.shape.length === 0;
  if (!scalar && !sameShape(a.shape, e.shape)) {
    return outcome("allClose", false, 0, opts, `shape ${formatShape(a.shape)} but expected ${formatShape(e.shape)}`);
  }
  let bad = 0, worst = -1, worstErr = -1;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i], y = scalar ? e.data[0] : e.data[i];
    let ok: boolean;
    if (P.isNaN(x) || P.isNaN(y)) ok = !!opts.equalNan && P.isNaN(x) && P.isNaN(y);
    else if (!P.isFinite(x) || !P.isFinite(y)) ok = x === y;
    else ok = P.abs(x - y) <= atol + rtol * P.abs(y);
    if (!ok) {
      bad++;
      const err = P.isNaN(x - y) ? Infinity : P.abs(x - y);
      if (err > worstErr) { worstErr = err; worst = i; }
    }
  }
  const n = a.data.length;
  if (bad === 0) return outcome("allClose", true, 1, opts, `all ${n} values match (rtol=${fmt(rtol)}, atol=${fmt(atol)})`);
  const y = scalar ? e.data[0] : e.data[worst];
  const msg = `${bad} of ${n} values differ; worst at ${unravel(worst, a.shape) || "the scalar"}: got ${fmt(a.data[worst])}, expected ${fmt(y)}` +
    ` (|diff| ${fmt(worstErr)} > atol + rtol*|expected| = ${fmt(atol + rtol * P.abs(y))})`;
  return outcome("allClose", false, opts.partial ? (n - bad) / n : 0, opts, msg);
}

export interface RelErrorOptions extends AssertOptions {
  /** Pass when the relative error is at most this (default 1e-7, CS231n's "probably right"). */
  max?: number;
}

/**
 * CS231n's relative error, max |x - y| / max(1e-8, |x| + |y|), as a number.
 * @example relativeError([1, 2], [1, 2.002]) // => 0.000499...
 */
export function relativeError(actual: unknown, expected: unknown): number {
  const a = toNumbers(actual, "relativeError: actual"), e = toNumbers(expected, "relativeError: expected");
  if (!sameShape(a.shape, e.shape)) throw new RangeError(`relativeError: shapes differ: ${formatShape(a.shape)} vs ${formatShape(e.shape)}`);
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) {
    const r = P.abs(a.data[i] - e.data[i]) / P.max(1e-8, P.abs(a.data[i]) + P.abs(e.data[i]));
    if (P.isNaN(r)) return Infinity;
    if (r > worst) worst = r;
  }
  return worst;
}

/**
 * Passes when CS231n's relative error is at most `max` (default 1e-7).
 * @example relError([1, 2], [1, 2]).passed // => true
 */
export function relError(actual: unknown, expected: unknown, opts: RelErrorOptions = {}): Outcome {
  const max = opts.max ?? 1e-7;
  const r = read("relError", actual, expected, opts);
  if (!P.isArray(r)) return r;
  const [a, e] = r;
  if (!sameShape(a.shape, e.shape)) return outcome("relError", false, 0, opts, `shape ${formatShape(a.shape)} but expected ${formatShape(e.shape)}`);
  const err = relativeError(a.data, e.data);
  const verdict = err <= max;
  return outcome("relError", verdict, 0, opts, `relative error ${fmt(err)} ${verdict ? "<=" : ">"} ${fmt(max)}` +
    (verdict ? "" : err > 1e-2 ? " (above 1e-2: most likely a bug)" : " (close: check a constant or an edge case)"));
}

/**
 * The value's shape equals `shape` (-1 matches any size).
 * @example shapeEqual([[1, 2, 3]], [1, 3]).passed // => true
 */
export function shapeEqual(actual: unknown, shape: readonly number[], opts: AssertOptions = {}): Outcome {
  let got: readonly number[];
  try { got = toNumbers(actual, "your result").shape; } catch (err) { return outcome("shapeEqual", false, 0, opts, (err as Error).message); }
  let ok = got.length === shape.length;
  for (let i = 0; ok && i < shape.length; i++) ok = shape[i] === -1 || shape[i] === got[i];
  return outcome("shapeEqual", ok, 0, opts, ok ? `shape ${formatShape(got)}` : `shape ${formatShape(got)} but expected ${formatShape(shape)}`);
}

/**
 * A boolean condition, with the message to show when it is false.
 * @example ok(1 + 1 === 2, { name: "arithmetic" }).passed // => true
 */
export function ok(condition: unknown, opts: AssertOptions & { message?: string } = {}): Outcome {
  const pass = condition === true;
  return outcome("ok", pass, 0, opts, pass ? "ok" : opts.message ?? `expected true, got ${String(condition)}`);
}

export interface GradCheckOptions extends AssertOptions {
  /** Central-difference step (default 1e-6). */
  h?: number;
  /** Pass when the largest element-wise relative error is at most this (default 1e-6). */
  tolerance?: number;
  /** Upstream gradient for a vector-valued f (CS231n's eval_numerical_gradient_array). */
  dout?: ArrayLike<number>;
}

/**
 * Compares a student's analytic gradient with central differences of `f` at `x`, element-wise
 * relative error |a - n| / max(|a|, |n|, 1e-8) as lib/nn's gradient checker. `f` returns a
 * number, or values that are weighted by `dout`.
 * @example gradCheck((x) => x[0] ** 2, [3], [6]).passed // => true
 */
export function gradCheck(f: (x: Float64Array) => unknown, x: unknown, analytic: unknown, opts: GradCheckOptions = {}): Outcome {
  const tol = opts.tolerance ?? 1e-6, h = opts.h ?? 1e-6;
  const x0 = toNumbers(x, "gradCheck: x");
  const r = read("gradCheck", analytic, x0.data, opts);
  if (!P.isArray(r)) return r;
  const a = r[0];
  if (a.data.length !== x0.data.length) {
    return outcome("gradCheck", false, 0, opts, `your gradient has ${a.data.length} values but x has ${x0.data.length} (shape ${formatShape(x0.shape)})`);
  }
  let num: Float64Array;
  try {
    num = opts.dout
      ? numericGradientArray((v) => toNumbers(f(v), "f(x)").data, x0.data, opts.dout, h)
      : numericGradient((v) => toNumbers(f(v), "f(x)").data[0], x0.data, h);
  } catch (err) {
    return outcome("gradCheck", false, 0, opts, `evaluating f for the numeric gradient failed: ${(err as Error).message}`);
  }
  let worst = 0, at = 0;
  for (let i = 0; i < num.length; i++) {
    let rel = P.abs(a.data[i] - num[i]) / P.max(P.abs(a.data[i]), P.abs(num[i]), 1e-8);
    if (P.isNaN(rel)) rel = Infinity;
    if (rel > worst) { worst = rel; at = i; }
  }
  const pass = worst <= tol;
  return outcome("gradCheck", pass, 0, opts, pass ? `max relative error ${fmt(worst)} <= ${fmt(tol)}`
    : `max relative error ${fmt(worst)} > ${fmt(tol)} at ${unravel(at, x0.shape)}: analytic ${fmt(a.data[at])}, numeric ${fmt(num[at])}`);
}
