import { describe, expect, it } from "vitest";
import { eigh } from "../../../../lib/data/eigh.js";
import { eighWorkspace } from "../../../../lib/data/eigh-wasm.js";
import { setNumThreads, threadsReady } from "../../../../lib/kernels/index.js";
import { rng } from "../../../../lib/random/index.js";
import { allClose, EIGH_ULPS, FLOAT64_ATOL, FLOAT64_RTOL } from "../../tolerance.js";

// Residuals of a float64 eigensolver grow like n * eps * ||A||; these checks scale by that.
const EPS = 2 ** -52;

function randomSymmetric(n: number, seed: number): Float64Array {
  const g = rng(seed), a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = g.normal(); a[i * n + j] = v; a[j * n + i] = v; }
  return a;
}

/** Max |A v - lambda v| and max |V^T V - I| over all eigenpairs (float64 loops). */
function residuals(a: Float64Array, n: number, values: Float64Array, V: Float64Array): { resid: number; orth: number; norm: number } {
  let norm = 0, resid = 0, orth = 0;
  for (const x of a) norm = Math.max(norm, Math.abs(x));
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    let av = 0, dot = 0;
    for (let k = 0; k < n; k++) { av += a[i * n + k] * V[k * n + j]; dot += V[k * n + i] * V[k * n + j]; }
    resid = Math.max(resid, Math.abs(av - values[j] * V[i * n + j]));
    orth = Math.max(orth, Math.abs(dot - (i === j ? 1 : 0)));
  }
  return { resid, orth, norm };
}

/** A = Q diag(lambda) Q^T with Q a product of 4 random Householder reflectors (exactly orthogonal up to rounding). */
function fromSpectrum(lambda: number[], seed: number): { a: Float64Array; Q: Float64Array } {
  const n = lambda.length, g = rng(seed), Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  for (let r = 0; r < 4; r++) {
    const v = Array.from({ length: n }, () => g.normal());
    const vv = v.reduce((s, x) => s + x * x, 0);
    for (let i = 0; i < n; i++) { // Q <- Q (I - 2 v v^T / v^T v), row by row
      let qv = 0;
      for (let k = 0; k < n; k++) qv += Q[i * n + k] * v[k];
      for (let k = 0; k < n; k++) Q[i * n + k] -= (2 * qv / vv) * v[k];
    }
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += Q[i * n + k] * lambda[k] * Q[j * n + k];
    a[i * n + j] = s; a[j * n + i] = s;
  }
  return { a, Q };
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

  it("large n (wasm path, two threads): residual and orthogonality at backward-error size, odd n included", async () => {
    expect(await threadsReady()).toBe(true);
    for (const n of [203, 256]) {
      const ws = eighWorkspace(n); // wasm is available: this n takes the wasm path
      expect(ws).not.toBeNull();
      ws!.release();
      const a = randomSymmetric(n, n);
      const { values, vectors } = eigh(a, n);
      const { resid, orth, norm } = residuals(a, n, values, vectors);
      expect(resid).toBeLessThan(EIGH_ULPS * n * EPS * norm * n);
      expect(orth).toBeLessThan(EIGH_ULPS * n * EPS);
      for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
    }
  });
  it("a matrix built from a known orthogonal Q and spectrum gives that spectrum back (covariance-like decay, repeats, negatives)", () => {
    for (const n of [40, 160]) { // the JS path, then the wasm path
      // A PCA covariance's shape: eigenvalues decaying over 12 decades, a repeated block, and two negatives
      const lambda = Array.from({ length: n }, (_, k) => 10 ** (-12 * k / n));
      for (let k = 10; k < 15; k++) lambda[k] = 0.25;
      lambda[n - 1] = -3; lambda[n - 2] = -1e-3;
      const { a, Q } = fromSpectrum(lambda, 7 + n);
      const { values, vectors } = eigh(a, n);
      const sorted = [...lambda].sort((x, y) => x - y);
      let norm = 0;
      for (const x of a) norm = Math.max(norm, Math.abs(x));
      for (let j = 0; j < n; j++) expect(Math.abs(values[j] - sorted[j])).toBeLessThan(EIGH_ULPS * n * EPS * norm);
      // Well-separated eigenvalues have unique eigenvectors: the computed one is +-Q's column.
      const top = lambda.indexOf(1), vt = n - 1; // eigenvalue 1 is the largest
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vectors[i * n + vt] * Q[i * n + top];
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(EIGH_ULPS * n * EPS);
      const { resid, orth } = residuals(a, n, values, vectors);
      expect(resid).toBeLessThan(EIGH_ULPS * n * EPS * norm * n);
      expect(orth).toBeLessThan(EIGH_ULPS * n * EPS);
    }
  });
  it("gives the same bits on one and two threads", async () => {
    expect(await threadsReady()).toBe(true);
    const n = 300, a = randomSymmetric(n, 3);
    setNumThreads(1);
    try {
      const one = eigh(a, n);
      setNumThreads(2);
      const two = eigh(a, n);
      expect(Buffer.from(two.values.buffer).equals(Buffer.from(one.values.buffer))).toBe(true);
      expect(Buffer.from(two.vectors.buffer).equals(Buffer.from(one.vectors.buffer))).toBe(true);
    } finally {
      setNumThreads(2);
    }
  });
  it("large n with zero reflectors (diagonal, zero and block-diagonal matrices) takes the skip branches exactly", () => {
    const n = 150, diag = new Float64Array(n * n), blocks = new Float64Array(n * n);
    for (let i = 0; i < n; i++) diag[i * n + i] = (i * 37) % n - 20; // a permutation of -20 .. 129
    // two independent blocks: [0, 70) random symmetric, [70, 150) the identity times 2
    const r = randomSymmetric(70, 5);
    for (let i = 0; i < 70; i++) for (let j = 0; j < 70; j++) blocks[i * n + j] = r[i * 70 + j];
    for (let i = 70; i < n; i++) blocks[i * n + i] = 2;
    const d = eigh(diag, n);
    expect(Array.from(d.values)).toEqual(Array.from({ length: n }, (_, k) => k - 20));
    expect(Array.from(eigh(new Float64Array(n * n), n).values)).toEqual(new Array(n).fill(0));
    const b = eigh(blocks, n), rb = eigh(r, 70);
    const expected = [...Array.from(rb.values), ...new Array(80).fill(2)].sort((x, y) => x - y);
    expect(allClose(b.values, expected, FLOAT64_RTOL, EIGH_ULPS * n * EPS)).toBe(true);
    const { resid, orth, norm } = residuals(blocks, n, b.values, b.vectors);
    expect(resid).toBeLessThan(EIGH_ULPS * n * EPS * norm * n);
    expect(orth).toBeLessThan(EIGH_ULPS * n * EPS);
  });
});
