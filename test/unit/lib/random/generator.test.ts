import { describe, expect, it } from "vitest";
import { rng, Generator } from "../../../../lib/random/index.js";
import { SAMPLING_Z } from "../../tolerance.js";
import { setNumThreads, threadsReady } from "../../../../lib/kernels/index.js";

// Moments of a sample against exact values, within SAMPLING_Z standard errors.
function moments(x: ArrayLike<number>) {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < x.length; i++) { const d = x[i] - m, d2 = d * d; m2 += d2; m3 += d2 * d; m4 += d2 * d2; }
  m2 /= x.length; m3 /= x.length; m4 /= x.length;
  return { mean: m, var: m2, skew: m3 / m2 ** 1.5, kurt: m4 / (m2 * m2) };
}
const within = (got: number, want: number, se: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(SAMPLING_Z * se);

describe("rng: seeding and state", () => {
  it("same seed gives the same stream; different seeds differ", () => {
    const a = rng(42), b = rng(42), c = rng(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
  });

  it("regression guard: rng(42)'s first outputs never change (seeded notebooks depend on them)", () => {
    const g = rng(42);
    expect(Array.from({ length: 4 }, () => g.nextUint32())).toMatchInlineSnapshot(`
      [
        1999660316,
        489687987,
        3915965905,
        811758123,
      ]
    `);
    expect(Array.from(rng(42).fillNormal(new Float32Array(4)))).toMatchInlineSnapshot(`
      [
        -0.02029043436050415,
        -1.1835289001464844,
        -0.349663645029068,
        0.6221767663955688,
      ]
    `);
  });

  it("bigint seeds above 2^64 are accepted and distinct from their low 64 bits", () => {
    expect(rng(2n ** 64n + 5n).nextUint32()).not.toBe(rng(5).nextUint32());
    expect(rng(5n).nextUint32()).toBe(rng(5).nextUint32());
  });

  it("rejects bad seeds with a message naming rng", () => {
    expect(() => rng(-1)).toThrow(/rng: seed must be a non-negative integer.*got -1/);
    expect(() => rng(1.5)).toThrow(/rng: seed/);
    expect(() => rng("1" as unknown as number)).toThrow(/rng: seed .*got string/);
  });

  it("getState/setState replays exactly, through JSON", () => {
    const g = rng(7);
    g.normal();
    const saved = JSON.parse(JSON.stringify(g.getState()));
    const first = [g.random(), g.normal(), g.integers(0, 1000), ...g.fillNormal(new Float32Array(3))];
    g.setState(saved);
    expect([g.random(), g.normal(), g.integers(0, 1000), ...g.fillNormal(new Float32Array(3))]).toEqual(first);
    expect(() => g.setState({ ...saved, state: [0, 0, 0, 0] })).toThrow(/setState: expected/);
  });

  it("clone() continues identically and independently", () => {
    const g = rng(3), h = g.clone();
    expect(g.random()).toBe(h.random());
    g.random();
    expect(g.random()).not.toBe(h.random());
  });

  it("fills give the same bytes on one or two kernel threads", async () => {
    expect(await threadsReady()).toBe(true);
    setNumThreads(1);
    const one = rng(12).fillNormal(new Float32Array(3_000_000));
    setNumThreads(2);
    const two = rng(12).fillNormal(new Float32Array(3_000_000));
    expect(Buffer.from(one.buffer).equals(Buffer.from(two.buffer))).toBe(true);
  });

  it("fills advance the parent by exactly two outputs whatever their length", () => {
    const a = rng(9), b = rng(9);
    a.fillNormal(new Float32Array(1_000_003));
    b.nextUint32(); b.nextUint32();
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
});

describe("rng: spawn", () => {
  it("children are reproducible, distinct, and do not advance the parent", () => {
    const p = rng(11), q = rng(11);
    const [c0, c1] = p.spawn(2);
    const [d0, d1] = q.spawn(2);
    expect(c0.nextUint32()).toBe(d0.nextUint32());
    expect(c1.nextUint32()).toBe(d1.nextUint32());
    expect(p.nextUint32()).toBe(rng(11).nextUint32());
    const [e2] = p.spawn(1); // the third child differs from the first two
    expect(e2.getState().state).not.toEqual(c0.getState().state);
  });

  it("sibling streams are uncorrelated (|r| within sampling error over 1M pairs)", () => {
    const [a, b] = rng(5).spawn(2);
    const n = 1_000_000;
    const x = a.fillNormal(new Float64Array(n)), y = b.fillNormal(new Float64Array(n));
    let sxy = 0, sxx = 0, syy = 0;
    for (let i = 0; i < n; i++) { sxy += x[i] * y[i]; sxx += x[i] * x[i]; syy += y[i] * y[i]; }
    within(sxy / Math.sqrt(sxx * syy), 0, 1 / Math.sqrt(n));
  });
});

describe("rng: distributions (moments over 10M samples within sampling error)", () => {
  const N = 10_000_000;
  it.each([["float32", Float32Array], ["float64", Float64Array]] as const)("fillNormal %s: mean 0, var 1, skew 0, kurtosis 3", (_, T) => {
    const x = rng(1).fillNormal(new T(N));
    const m = moments(x);
    within(m.mean, 0, 1 / Math.sqrt(N));
    // The ziggurat's tail branch (|z| > R = 3.6541528853610088): P = erfc(R / sqrt 2) = 2.5802e-4.
    let tail = 0;
    for (let i = 0; i < N; i++) if (Math.abs(x[i]) > 3.6541528853610088) tail++;
    within(tail / N, 2.5802e-4, Math.sqrt(2.5802e-4 / N));
    within(m.var, 1, Math.sqrt(2 / N));
    within(m.skew, 0, Math.sqrt(6 / N));
    within(m.kurt, 3, Math.sqrt(24 / N));
  });

  it("fillNormal(mean, std) scales and shifts", () => {
    const m = moments(rng(2).fillNormal(new Float64Array(1_000_000), 3, 0.5));
    within(m.mean, 3, 0.5 / 1e3);
    within(m.var, 0.25, 0.25 * Math.sqrt(2 / 1e6));
  });

  it("normal() scalar draws: mean 0, var 1, skew 0, kurtosis 3 over 2M", () => {
    const g = rng(3), n = 2_000_000, x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = g.normal();
    const m = moments(x);
    within(m.mean, 0, 1 / Math.sqrt(n));
    within(m.var, 1, Math.sqrt(2 / n));
    within(m.skew, 0, Math.sqrt(6 / n));
    within(m.kurt, 3, Math.sqrt(24 / n));
  });

  it.each([["float32", Float32Array], ["float64", Float64Array]] as const)("fillUniform %s: in [low, high), mean and variance of U(a, b)", (_, T) => {
    const x = rng(4).fillUniform(new T(N), -2, 3);
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < N; i++) { lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); }
    expect(lo).toBeGreaterThanOrEqual(-2);
    expect(hi).toBeLessThan(3);
    const m = moments(x);
    within(m.mean, 0.5, Math.sqrt(25 / 12 / N));
    // Var of the sample variance of U(a, b): (mu4 - sigma^4) / N with mu4 = (b - a)^4 / 80.
    within(m.var, 25 / 12, Math.sqrt((625 / 80 - (25 / 12) ** 2) / N));
  });

  it("integers: chi-square of 1M draws over 10 bins passes at 5 sigma; high is exclusive", () => {
    const g = rng(5), n = 1_000_000, k = 10, counts = new Array(k).fill(0);
    for (let i = 0; i < n; i++) counts[g.integers(3, 13) - 3]++;
    const chi2 = counts.reduce((s, c) => s + (c - n / k) ** 2 / (n / k), 0);
    // chi-square with 9 dof: mean 9, sd sqrt(18).
    expect(chi2).toBeLessThan(9 + SAMPLING_Z * Math.sqrt(18));
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(() => g.integers(5, 5)).toThrow(/integers: expected low < high/);
  });

  it("integers over a span above 2^32 is unbiased in its top half", () => {
    const g = rng(6), span = 3 * 2 ** 40, n = 200_000;
    let above = 0, top = 0;
    for (let i = 0; i < n; i++) { const v = g.integers(0, span); top = Math.max(top, v); if (v >= span / 2) above++; }
    expect(top).toBeLessThan(span);
    within(above / n, 0.5, 0.5 / Math.sqrt(n));
  });

  it("gamma and beta match their means and variances", () => {
    const g = rng(8), n = 500_000, ga = new Float64Array(n), be = new Float64Array(n), bs = new Float64Array(n);
    for (let i = 0; i < n; i++) { ga[i] = g.gamma(2.5, 2); be[i] = g.beta(0.2, 0.3); bs[i] = g.beta(2, 5); }
    const mg = moments(ga), mb = moments(be), ms = moments(bs);
    within(mg.mean, 5, Math.sqrt(10 / n)); // mean k theta, var k theta^2 = 10
    const vb = (0.2 * 0.3) / (0.25 * 1.5);
    within(mb.mean, 0.4, Math.sqrt(vb / n));
    within(ms.mean, 2 / 7, Math.sqrt(10 / (49 * 8) / n));
    expect(be.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it("bernoulli(p) frequency; p = 0 and p = 1 are exact", () => {
    const g = rng(9), n = 1_000_000;
    let ones = 0;
    for (let i = 0; i < n; i++) ones += g.bernoulli(0.3);
    within(ones / n, 0.3, Math.sqrt(0.21 / n));
    for (let i = 0; i < 1000; i++) { expect(g.bernoulli(0)).toBe(0); expect(g.bernoulli(1)).toBe(1); }
    expect(() => g.bernoulli(1.5)).toThrow(/bernoulli: p must be in \[0, 1\], got 1.5/);
  });

  it("permutation is a permutation; shuffle is uniform over the 6 orders of 3", () => {
    const g = rng(10);
    expect(Array.from(g.permutation(1000)).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const counts = new Map<string, number>(), n = 60_000;
    for (let i = 0; i < n; i++) { const k = g.shuffle([0, 1, 2]).join(""); counts.set(k, (counts.get(k) ?? 0) + 1); }
    expect(counts.size).toBe(6);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - n / 6) ** 2 / (n / 6), 0);
    expect(chi2).toBeLessThan(5 + SAMPLING_Z * Math.sqrt(10));
  });

  it("fills reject wrong arrays and arguments with named errors", () => {
    const g = rng(0);
    expect(() => g.fillNormal([1, 2] as unknown as Float32Array)).toThrow(/fillNormal: expected a Float32Array or Float64Array to fill, got Array/);
    expect(() => g.fillUniform(new Float32Array(2), 1, 0)).toThrow(/fillUniform: expected low <= high, got low=1, high=0/);
    expect(() => g.fillNormal(new Float32Array(2), 0, -1)).toThrow(/fillNormal: std must be >= 0/);
    expect(g).toBeInstanceOf(Generator);
  });
});
