import { describe, expect, it } from "vitest";
import { zeros, ones } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import * as init from "../../../../lib/init/index.js";
import { QR_ORTHO_ATOL, SAMPLING_SIGMAS } from "../../tolerance.js";

function stats(a: ArrayLike<number>) {
  let s = 0, s2 = 0, max = 0;
  for (let i = 0; i < a.length; i++) { s += a[i]; s2 += a[i] * a[i]; max = Math.max(max, Math.abs(a[i])); }
  const mean = s / a.length;
  return { mean, std: Math.sqrt(s2 / a.length - mean * mean), max };
}

// The sample std of N draws has relative standard error <= 1/sqrt(2N)·sqrt(kurtosis - 1) <= 1/sqrt(N)
// for normal (0.71/sqrt(N)) and uniform (0.45/sqrt(N)) draws; the mean's is std/sqrt(N).
function expectStd(a: ArrayLike<number>, std: number) {
  const st = stats(a), n = a.length;
  expect(Math.abs(st.std / std - 1)).toBeLessThan(SAMPLING_SIGMAS / Math.sqrt(n));
  expect(Math.abs(st.mean)).toBeLessThan((SAMPLING_SIGMAS * std) / Math.sqrt(n));
  return st;
}

describe("initializers match torch.nn.init's formulas on large tensors", () => {
  const g = () => rng(1234);
  it("smallNormal_: the slide's std 0.01", () => {
    expectStd(init.smallNormal_(zeros([1024, 1024]), { rng: g() }).data, 0.01);
  });
  it("normal_ / uniform_ / constant_", () => {
    expectStd(init.normal_(zeros([512, 512]), { rng: g(), std: 0.02 }).data, 0.02);
    const u = init.uniform_(zeros([512, 512]), { rng: g(), low: -0.3, high: 0.3 });
    expect(expectStd(u.data, 0.3 / Math.sqrt(3)).max).toBeLessThanOrEqual(0.3);
    expect(Array.from(init.constant_(zeros([3]), 0.01).data)).toEqual(Array(3).fill(Math.fround(0.01)));
    expect(Array.from(init.zeros_(ones([2])).data)).toEqual([0, 0]);
  });
  it("xavierUniform_ / xavierNormal_: std = gain*sqrt(2/(fan_in+fan_out))", () => {
    const std = Math.sqrt(2 / (3072 + 512));
    const u = init.xavierUniform_(zeros([512, 3072]), { rng: g() });
    expect(expectStd(u.data, std).max).toBeLessThanOrEqual(Math.fround(Math.sqrt(3) * std));
    expectStd(init.xavierNormal_(zeros([512, 3072]), { rng: g(), gain: 5 / 3 }).data, (5 / 3) * std);
  });
  it("lecunNormal_: the slide's Xavier, std = 1/sqrt(Din) (fan_in only)", () => {
    expectStd(init.lecunNormal_(zeros([256, 1024]), { rng: g() }).data, 1 / Math.sqrt(1024));
  });
  it("kaimingNormal_: the lecture's sqrt(2/Din) for ReLU, fan_out and leaky slopes", () => {
    expectStd(init.kaimingNormal_(zeros([1024, 1024]), { rng: g(), nonlinearity: "relu" }).data, Math.sqrt(2 / 1024));
    expectStd(init.kaimingNormal_(zeros([64, 32, 3, 3]), { rng: g(), mode: "fanOut", nonlinearity: "relu" }).data, Math.sqrt(2 / 576));
    expectStd(init.kaimingNormal_(zeros([1024, 512]), { rng: g(), a: 0.1 }).data, Math.sqrt(2 / 1.01) / Math.sqrt(512));
  });
  it("kaimingUniform_: bound = sqrt(3)*gain/sqrt(fan)", () => {
    const t = init.kaimingUniform_(zeros([512, 3072]), { rng: g() });
    const std = Math.sqrt(2 / 3072);
    expect(expectStd(t.data, std).max).toBeLessThanOrEqual(Math.fround(Math.sqrt(3) * std));
  });
  it("defaultLinearInit_: nn.Linear's U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias", () => {
    const w = zeros([512, 3072]), b = zeros([512]);
    init.defaultLinearInit_(w, b, { rng: g() });
    const bound = 1 / Math.sqrt(3072);
    expect(expectStd(w.data, bound / Math.sqrt(3)).max).toBeLessThanOrEqual(Math.fround(bound));
    expect(stats(b.data).max).toBeLessThanOrEqual(Math.fround(bound));
    expect(stats(b.data).max).toBeGreaterThan(0);
  });
  it("kaimingStd matches PyTorch's numbers", () => {
    expect(init.kaimingStd([512, 3072], { a: Math.sqrt(5) })).toBe(Math.sqrt(1 / 3) / Math.sqrt(3072));
    expect(init.kaimingStd([32, 3, 3, 3], { nonlinearity: "relu" })).toBe(Math.SQRT2 / Math.sqrt(27));
  });
  it("is reproducible: same seed, same bytes; and requires the generator", () => {
    const a = init.kaimingNormal_(zeros([100]).reshape([10, 10]), { rng: rng(7) });
    const b = init.kaimingNormal_(zeros([10, 10]), { rng: rng(7) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(() => init.kaimingNormal_(zeros([2, 2]), {} as never)).toThrow(/kaimingNormal_: pass the random generator explicitly/);
    expect(() => init.normal_(zeros([2], { dtype: "int32" }), { rng: rng(0) })).toThrow(/normal_: expected a float32 or float64 tensor, got int32/);
  });
  it("writes through non-contiguous views", () => {
    const t = zeros([4, 6]);
    init.constant_(t.T.slice(null, [0, 2]), 3); // columns 0..1 of the transpose = rows 0..1 of t
    expect(Array.from(t.data.slice(0, 12))).toEqual(Array(12).fill(3));
    expect(Array.from(t.data.slice(12))).toEqual(Array(12).fill(0));
  });
});

describe("orthogonal_", () => {
  function gram(w: Float64Array, rows: number, cols: number, byRows: boolean) {
    const n = byRows ? rows : cols, out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      const len = byRows ? cols : rows;
      for (let k = 0; k < len; k++) s += byRows ? w[i * cols + k] * w[j * cols + k] : w[k * cols + i] * w[k * cols + j];
      out[i * n + j] = s;
    }
    return out;
  }
  it.each([[8, 8], [5, 12], [12, 5]])("[%i, %i] has orthonormal rows or columns, scaled by gain", (r, c) => {
    const w = init.orthogonal_(zeros([r, c], { dtype: "float64" }), { rng: rng(3), gain: 2 });
    const G = gram(w.data as Float64Array, r, c, r <= c);
    const n = Math.min(r, c);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      expect(Math.abs(G[i * n + j] - (i === j ? 4 : 0))).toBeLessThan(QR_ORTHO_ATOL);
    }
  });
});
