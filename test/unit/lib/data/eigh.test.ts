import { describe, expect, it } from "vitest";
import { eigh } from "../../../../lib/data/eigh.js";
import { rng } from "../../../../lib/random/index.js";
import { allClose, EIGH_ULPS, FLOAT64_ATOL, FLOAT64_RTOL } from "../../tolerance.js";

// Residuals of a float64 eigensolver grow like n * eps * ||A||; these checks scale by that.
const EPS = 2 ** -52;

function randomSymmetric(n: number, seed: number): Float64Array {
  const g = rng(seed), a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = g.normal(); a[i * n + j] = v; a[j * n + i] = v; }
  return a;
}

describe("eigh", () => {
  it("known spectra: [[2, 1], [1, 2]] has 1 and 3; a diagonal matrix sorts its diagonal", () => {
    const r = eigh([2, 1, 1, 2], 2);
    expect(allClose(r.values, [1, 3], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    const s = Math.SQRT1_2;
    expect(allClose(r.vectors.map(Math.abs), [s, s, s, s], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    expect(Array.from(eigh([3, 0, 0, 0, -1, 0, 0, 0, 2], 3).values)).toEqual([-1, 2, 3]);
    expect(Array.from(eigh([5], 1).values)).toEqual([5]);
  });
  it("A V = V diag(values) and V^T V = I on random symmetric matrices", () => {
    for (const n of [3, 10, 64]) {
      const a = randomSymmetric(n, n);
      const { values, vectors: V } = eigh(a, n);
      let norm = 0;
      for (const x of a) norm = Math.max(norm, Math.abs(x));
      let resid = 0, orth = 0;
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += a[i * n + k] * V[k * n + j];
        resid = Math.max(resid, Math.abs(av - values[j] * V[i * n + j]));
        let dot = 0;
        for (let k = 0; k < n; k++) dot += V[k * n + i] * V[k * n + j];
        orth = Math.max(orth, Math.abs(dot - (i === j ? 1 : 0)));
      }
      expect(resid).toBeLessThan(EIGH_ULPS * n * EPS * norm * n);
      expect(orth).toBeLessThan(EIGH_ULPS * n * EPS);
      for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
      let trace = 0, sum = 0;
      for (let i = 0; i < n; i++) { trace += a[i * n + i]; sum += values[i]; }
      expect(Math.abs(trace - sum)).toBeLessThan(EIGH_ULPS * n * EPS * norm * n);
    }
  });
  it("repeated eigenvalues and the zero matrix", () => {
    expect(Array.from(eigh(new Float64Array(9), 3).values)).toEqual([0, 0, 0]);
    const r = eigh([1, 0, 0, 0, 1, 0, 0, 0, 1], 3);
    expect(Array.from(r.values)).toEqual([1, 1, 1]);
  });
  it("refuses non-square, non-symmetric or non-finite input", () => {
    expect(() => eigh([1, 2, 3], 2)).toThrow(/eigh: expected 2x2 = 4 values; got 3/);
    expect(() => eigh([1, 2, 3, 4], 2)).toThrow(/eigh: the matrix must be symmetric; a\[1\]\[0\] = 3 but a\[0\]\[1\] = 2/);
    expect(() => eigh([1, NaN, NaN, 1], 2)).toThrow(/eigh: the matrix must be symmetric|non-finite/);
  });
});
