// The `t` a check's test function receives: the assertion helpers, each recording its Outcome.
// Hidden tests run with the same helpers; `hidden(fn)` marks the outcomes recorded inside fn.
import * as A from "./assertions.js";
import type { AssertOptions, Outcome } from "./outcome.js";

/**
 * The helpers inside `grader.check(id, (t) => ...)`; each records and returns its Outcome.
 * @example const t = new TestContext(); t.ok(true); t.outcomes.length // => 1
 */
export class TestContext {
  /** The outcomes so far, in order. */
  readonly outcomes: Outcome[] = [];
  private hiddenDepth = 0;

  private record(o: Outcome): Outcome {
    const r = this.hiddenDepth > 0 ? Object.freeze({ ...o, hidden: true }) : o;
    this.outcomes[this.outcomes.length] = r;
    return r;
  }

  /** numpy.allclose with points. @example t.allClose(relu([-1, 2]), [0, 2], { points: 2 }) */
  allClose(actual: unknown, expected: unknown, opts?: A.AllCloseOptions): Outcome { return this.record(A.allClose(actual, expected, opts)); }
  /** CS231n relative error <= max. @example t.relError(dx, dxNum, { max: 1e-7 }) */
  relError(actual: unknown, expected: unknown, opts?: A.RelErrorOptions): Outcome { return this.record(A.relError(actual, expected, opts)); }
  /** Shape equality (-1 is a wildcard). @example t.shapeEqual(out, [4, 3]) */
  shapeEqual(actual: unknown, shape: readonly number[], opts?: AssertOptions): Outcome { return this.record(A.shapeEqual(actual, shape, opts)); }
  /** A condition with a message. @example t.ok(p > 0, { message: "p must be positive" }) */
  ok(condition: unknown, opts?: AssertOptions & { message?: string }): Outcome { return this.record(A.ok(condition, opts)); }
  /** Analytic gradient against central differences. @example t.gradCheck((x) => f(x), x, dx, { dout }) */
  gradCheck(f: (x: Float64Array) => unknown, x: unknown, analytic: unknown, opts?: A.GradCheckOptions): Outcome {
    return this.record(A.gradCheck(f, x, analytic, opts));
  }
  /**
   * Runs `fn` (a thunk) and records a failed outcome if it throws, so one crashing call costs
   * only its own points. Returns fn's value, or undefined after a throw.
   * @example const y = t.run(() => relu([1]), { name: "relu runs", points: 0 })
   */
  run<T>(fn: () => T, opts: AssertOptions = {}): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.record(A.ok(false, { points: 0, ...opts, message: `raised ${errorText(err)}` }));
      return undefined;
    }
  }
  /** Marks the outcomes recorded inside `fn` as hidden (used by the grader for hidden tests). */
  hidden(fn: () => void): void {
    this.hiddenDepth++;
    try { fn(); } finally { this.hiddenDepth--; }
  }
}

/**
 * "Name: message" of anything thrown (students throw strings too).
 * @example errorText(new Error("not implemented")) // => "Error: not implemented"
 */
export function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  try { return String(err); } catch { return "an exception that cannot be printed"; }
}
