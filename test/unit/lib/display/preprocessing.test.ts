import { describe, expect, it } from "vitest";
import { preprocessingFigure, preprocessStages } from "../../../../lib/display/preprocessing.js";
import { rng } from "../../../../lib/random/index.js";
import { STATS_F64_ATOL } from "../../tolerance.js";

function cov(x: number[], y: number[]): [number, number, number] {
  const n = x.length, mx = x.reduce((a, b) => a + b) / n, my = y.reduce((a, b) => a + b) / n;
  let a = 0, b = 0, c = 0;
  for (let i = 0; i < n; i++) { a += (x[i] - mx) ** 2; b += (x[i] - mx) * (y[i] - my); c += (y[i] - my) ** 2; }
  return [a / n, b / n, c / n];
}

describe("preprocessing stages", () => {
  const g = rng(7);
  const pts = Array.from({ length: 500 }, () => { const u = g.normal(), v = g.normal(); return [4 + 2 * u, -1 + u + 0.3 * v] as [number, number]; });
  const s = preprocessStages(pts);

  it("zero-centres, normalises, decorrelates and whitens (closed-form covariances)", () => {
    const near = (v: number, want: number) => expect(Math.abs(v - want)).toBeLessThanOrEqual(STATS_F64_ATOL);
    const [, , ] = cov(...s.zeroCentered);
    near(s.zeroCentered[0].reduce((a, b) => a + b) / 500, 0);
    const [nx, , ny] = cov(...s.normalized);
    near(nx, 1); near(ny, 1);
    const [d1, d12, d2] = cov(...s.decorrelated);
    near(d12, 0);
    expect(d1).toBeGreaterThan(d2); // first axis is the principal one
    const [w1, w12, w2] = cov(...s.whitened);
    near(w1, 1); near(w12, 0); near(w2, 1);
  });

  it("draws five scatter panels with equal axes", () => {
    const fig = preprocessingFigure(pts);
    expect(fig.data).toHaveLength(5);
    expect(fig.layout.xaxis3?.range).toEqual(fig.layout.yaxis3?.range);
  });

  it("accepts an N x 2 tensor-like and rejects other shapes", () => {
    const t = { shape: [2, 2], toTypedArray: () => new Float64Array([0, 0, 2, 4]) };
    expect(preprocessStages(t).zeroCentered).toEqual([[-1, 1], [-2, 2]]);
    expect(() => preprocessStages({ shape: [3], toTypedArray: () => new Float64Array(3) })).toThrow("preprocessingFigure: expected an N x 2 tensor, got shape [3]");
    expect(() => preprocessStages([[1, 2]])).toThrow("preprocessingFigure: expected at least 2 points, got 1");
  });
});
