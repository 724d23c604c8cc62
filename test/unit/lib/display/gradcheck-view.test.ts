import { describe, expect, it } from "vitest";
import { gradCheck } from "../../../../lib/nn/gradcheck.js";
import { gradCheckBundle, gradCheckFigure, isGradCheckLike } from "../../../../lib/display/gradcheck-view.js";

describe("gradient-check view", () => {
  const good = gradCheck((x) => x[0] ** 3 + x[1] * x[2], (x) => new Float64Array([3 * x[0] ** 2, x[2], x[1]]), new Float64Array([2, 1, -1]), { name: "w" });
  const bad = gradCheck((x) => x[0] ** 2, (x) => new Float64Array([x[0]]), new Float64Array([3]), { name: "b" });

  it("recognises lib/nn's result by its fields", () => {
    expect(isGradCheckLike(good)).toBe(true);
    expect(isGradCheckLike({ passed: true })).toBe(false);
  });

  it("says PASS or FAIL with the worst element, in text and html", () => {
    const b = gradCheckBundle(good);
    expect(b["text/plain"]).toMatch(/^gradcheck w \[3\]: PASS, max relative error .* at element \d \(tolerance 1e-6\)$/);
    expect(b["text/html"]).toContain("background:#2ca02c");
    const f = gradCheckBundle(bad);
    expect(f["text/plain"]).toContain("FAIL, max relative error 0.5 at element 0"); // |3 - 6| / 6
    expect(f["text/html"]).toContain("background:#d62728");
    expect(f).toHaveProperty("image/png");
  });

  it("maps log10 relative errors to a heatmap (0.5 -> log10 0.5)", () => {
    const z = (gradCheckFigure(bad).data[0] as { z: number[][] }).z;
    expect(z).toEqual([[Math.log10(bad.relError[0])]]); // relError is 0.5 up to the central difference
  });
});
