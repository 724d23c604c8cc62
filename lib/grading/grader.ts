// The notebook-side grader: `grader.check(id, (t) => { ... })` runs a question's tests with the
// assertion helpers and returns a CheckResult card. `summary()` totals every question checked.
import { CheckResult } from "./check-result.js";
import { errorText, TestContext } from "./context.js";
import { fmt } from "./values.js";

/**
 * Runs checks and remembers the latest result per question id.
 * @example const grader = new Grader(); grader.check("q1", (t) => { t.ok(true); }).score // => 1
 */
export class Grader {
  private readonly results = new Map<string, CheckResult>();
  private current: TestContext | null = null;

  /**
   * Runs `tests` with a fresh TestContext; an exception stops the tests and is reported (the
   * assertions that ran keep their points).
   * @example
   * const grader = new Grader();
   * grader.check("q1", (t) => { t.allClose([1, 2], [1, 2]); }).passed // => true
   */
  check(id: string, tests: (t: TestContext) => void): CheckResult {
    if (typeof id !== "string" || id === "") throw new TypeError(`grader.check: expected a question id (a non-empty string), got ${String(id)}`);
    if (typeof tests !== "function") throw new TypeError(`grader.check("${id}"): expected a test function (t) => { ... }, got ${typeof tests}`);
    const t = new TestContext();
    let error: string | null = null;
    const outer = this.current;
    this.current = t;
    try {
      const r = tests(t) as unknown;
      if (r && typeof (r as Promise<unknown>).then === "function") error = "the test function returned a Promise; checks must be synchronous";
    } catch (err) {
      error = errorText(err);
    } finally {
      this.current = outer;
    }
    const res = new CheckResult(id, t.outcomes.slice(), error);
    this.results.set(id, res);
    return res;
  }

  /**
   * Marks the assertions made inside `fn` as hidden tests (the autograder wraps an instructor's
   * `// BEGIN HIDDEN TESTS` block in this). Only valid inside a check's test function.
   * @example grader.check("q1", (t) => grader.hidden(() => { t.ok(true); }))
   */
  hidden(fn: () => void): void {
    if (!this.current) throw new Error("grader.hidden: call it inside a grader.check(id, (t) => { ... }) test function");
    this.current.hidden(fn);
  }

  /** Every question checked so far, in order of first check. */
  get checked(): readonly CheckResult[] { return [...this.results.values()]; }

  /**
   * One line per question and the total, as text (a student's "check all").
   * @example new Grader().summary() // => "0/0 points from 0 question(s)"
   */
  summary(): string {
    let s = 0, p = 0;
    const lines: string[] = [];
    for (const r of this.results.values()) { s += r.score; p += r.points; lines.push(`${r.passed ? "✓" : "✗"} ${r.id}: ${fmt(r.score)}/${fmt(r.points)}`); }
    return [...lines, `${fmt(s)}/${fmt(p)} points from ${this.results.size} question(s)`].join("\n");
  }
}
