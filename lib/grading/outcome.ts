// One assertion's verdict: what was checked, the points it earned out of its points, and a
// message a student can act on. Partial credit is a score between 0 and points.

/** The verdict of one assertion inside a check. */
export interface Outcome {
  /** What was checked, e.g. "relu forward on [-2, 0, 3]". */
  readonly name: string;
  readonly passed: boolean;
  /** Points earned, 0 <= score <= points (partial credit in between). */
  readonly score: number;
  readonly points: number;
  /** Why it failed and what to look at (or a short confirmation when it passed). */
  readonly message: string;
  /** True for an instructor's hidden test: feedback shows its name and points, never its code. */
  readonly hidden: boolean;
}

/** Options every assertion takes. */
export interface AssertOptions {
  /** Shown in the card and in Gradescope feedback. */
  name?: string;
  /** Points for this assertion (default 1). */
  points?: number;
}

/**
 * Builds an outcome, validating points (a typo such as points: -1 is the instructor's bug).
 * @example outcome("shape", true, 1, { points: 2 }, "ok").score // => 2
 */
export function outcome(op: string, passed: boolean, fraction: number, opts: AssertOptions, message: string, hidden = false): Outcome {
  const points = opts.points ?? 1;
  if (!(typeof points === "number" && points >= 0 && points < Infinity)) {
    throw new RangeError(`${op}: points must be a finite number >= 0, got ${String(points)}`);
  }
  const f = passed ? 1 : fraction > 0 && fraction < 1 ? fraction : 0;
  return Object.freeze({ name: opts.name ?? op, passed, score: points * f, points, message, hidden });
}
