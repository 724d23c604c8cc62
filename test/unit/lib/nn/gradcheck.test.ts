import { describe, expect, it } from "vitest";
import { randn, Tensor } from "../../../../lib/tensor/index.js";
import { mul, sum } from "../../../../lib/ops/index.js";
import { rng } from "../../../../lib/random/index.js";
import { compareGradients, formatGradCheck, gradCheck, numericGradient, numericGradientArray } from "../../../../lib/nn/gradcheck.js";
import { CENTRAL_DIFF_ATOL, CENTRAL_DIFF_RTOL, CLOSE_DIGITS_FLOAT64, allClose } from "../../tolerance.js";

describe("gradient checker core", () => {
  it("central differences of a quadratic are exact up to rounding", () => {
    const g = numericGradient((x) => x[0] * x[0] + 3 * x[0] * x[1], new Float64Array([2, -1]));
    expect(allClose(g, [2 * 2 + 3 * -1, 3 * 2], CENTRAL_DIFF_RTOL, CENTRAL_DIFF_ATOL)).toBe(true);
  });
  it("restores the input exactly", () => {
    const x = new Float64Array([0.1, 0.2, 0.3]);
    numericGradient((v) => v[0] * v[1] * v[2], x);
    expect(Array.from(x)).toEqual([0.1, 0.2, 0.3]);
  });
  it("numericGradientArray contracts with the upstream gradient", () => {
    const g = numericGradientArray((x) => [x[0] * x[1], Math.sin(x[0])], new Float64Array([0.5, 2]), [1, 3]);
    expect(allClose(g, [2 + 3 * Math.cos(0.5), 0.5], CENTRAL_DIFF_RTOL, CENTRAL_DIFF_ATOL)).toBe(true);
  });
  it("relative error is |a-n|/max(|a|,|n|,floor) elementwise, and the norm form", () => {
    const r = compareGradients([1, 0, 2, 1e-12], [1.1, 0, 2, 0], { tolerance: 0.05 });
    expect(r.relError[0]).toBeCloseTo(0.1 / 1.1, CLOSE_DIGITS_FLOAT64);
    expect(r.relError[1]).toBe(0);
    expect(r.relError[3]).toBe(1e-12 / 1e-8); // floor keeps ~0 vs 0 from being 100%
    expect(r.maxRelError).toBe(r.relError[0]);
    expect(r.argmax).toBe(0);
    expect(r.normRelError).toBeCloseTo(0.1 / Math.sqrt(1.1 ** 2 + 4), CLOSE_DIGITS_FLOAT64);
    expect(r.passed).toBe(false);
    expect(formatGradCheck(r)).toMatch(/gradCheck x \[4\]: max rel error 9\.09e-2 > 0\.05: FAIL/);
  });
  it("a NaN gradient fails", () => {
    expect(compareGradients([NaN], [1]).passed).toBe(false);
  });
  it("catches a wrong derivative and passes a right one", () => {
    const f = (x: Float64Array) => Math.exp(x[0]) * x[1];
    const good = gradCheck(f, (x) => [Math.exp(x[0]) * x[1], Math.exp(x[0])], [0.3, 1.7]);
    const bad = gradCheck(f, (x) => [Math.exp(x[0]), Math.exp(x[0])], [0.3, 1.7]);
    expect(good.passed).toBe(true);
    expect(bad.passed).toBe(false);
    expect(bad.argmax).toBe(0);
  });
  it("checks Tensor functions, keeping the tensor's shape in the result", () => {
    const w = randn([3, 4], { rng: rng(0) });
    const r = gradCheck((t: Tensor) => sum(mul(t, mul(t, t))).item(), (t: Tensor) => mul(mul(t, t), 3), w);
    expect(r.shape).toEqual([3, 4]);
    expect(r.passed).toBe(true);
    const bad = gradCheck((t: Tensor) => sum(mul(t, t)).item(), (t: Tensor) => t, w);
    expect(bad.passed).toBe(false);
  });
  it("rejects a bad step and mismatched lengths", () => {
    expect(() => numericGradient(() => 0, new Float64Array(1), 0)).toThrow(/numericGradient: step h must be > 0, got 0/);
    expect(() => compareGradients([1, 2], [1])).toThrow(/gradCheck: analytic gradient has 2 elements but numeric has 1/);
  });
});
