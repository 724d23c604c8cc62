import { describe, expect, it } from "vitest";
import { Grader } from "../../../../lib/grading/grader";

const DISPLAY = Symbol.for("Jupyter.display");

describe("Grader.check", () => {
  it("scores assertions with points and renders a card with text/html and text/plain", () => {
    const g = new Grader();
    const r = g.check("q1_relu", (t) => {
      t.allClose([0, 2], [0, 2], { name: "relu forward", points: 2 });
      t.allClose([1], [0], { name: "relu at -1", points: 1 });
    });
    expect([r.score, r.points, r.passed]).toEqual([2, 3, false]);
    const bundle = (r as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]();
    expect(bundle["text/plain"]).toBe("q1_relu: FAILED (2/3 points)\n  ✓ relu forward [2/2]: all 2 values match (rtol=1e-5, atol=1e-8)\n" +
      "  ✗ relu at -1 [0/1]: 1 of 1 values differ; worst at [0]: got 1, expected 0 (|diff| 1 > atol + rtol*|expected| = 1e-8)");
    expect(bundle["text/html"]).toContain("q1_relu: failed</b> — 2/3 points");
  });
  it("reports a stub that throws with a hint, keeping earlier points", () => {
    const r = new Grader().check("q2", (t) => {
      t.ok(true, { points: 1 });
      throw new Error("not implemented");
    });
    expect(r.score).toBe(1);
    expect(r.error).toBe("Error: not implemented");
    expect(r.toString()).toContain("the test stopped: Error: not implemented (replace the stub that throws with your code");
  });
  it("marks outcomes inside t.hidden as hidden, and t.run turns a throw into a failed outcome", () => {
    const r = new Grader().check("q3", (t) => {
      t.hidden(() => { t.ok(true, { name: "secret" }); });
      t.run(() => { throw new RangeError("bad"); }, { name: "calls f", points: 1 });
    });
    expect(r.outcomes.map((o) => [o.name, o.hidden, o.passed, o.message])).toEqual([["secret", true, true, "ok"], ["calls f", false, false, "raised RangeError: bad"]]);
  });
  it("rejects a missing id or test function with a clear error, and summarizes", () => {
    const g = new Grader();
    expect(() => g.check("", () => {})).toThrow("grader.check: expected a question id (a non-empty string), got ");
    expect(() => g.check("q1", undefined as never)).toThrow('grader.check("q1"): expected a test function (t) => { ... }, got undefined');
    g.check("q1", (t) => { t.ok(true, { points: 2 }); });
    expect(g.summary()).toBe("✓ q1: 2/2\n2/2 points from 1 question(s)");
  });
});

describe("Grader.hidden", () => {
  it("marks assertions of the running check as hidden and refuses outside a check", () => {
    const g = new Grader();
    const r = g.check("q1", (t) => { t.ok(true, { name: "public" }); g.hidden(() => { t.ok(false, { name: "secret" }); }); });
    expect(r.outcomes.map((o) => [o.name, o.hidden])).toEqual([["public", false], ["secret", true]]);
    expect(() => g.hidden(() => {})).toThrow("grader.hidden: call it inside a grader.check(id, (t) => { ... }) test function");
  });
});

describe("CheckResult card when nothing was asserted", () => {
  it("says the test stopped before any assertion instead of 0/0 points", () => {
    const r = new Grader().check("q9", () => { throw new Error("not implemented"); });
    expect(r.toString().split("\n")[0]).toBe("q9: FAILED (stopped before any assertion)");
    expect((r as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]()["text/html"]).toContain("q9: failed</b> — stopped before any assertion");
  });
});
