import { describe, expect, it } from "vitest";
import { rng } from "../../../../lib/random/index.js";
import { normal, rand, randint, randn, uniform } from "../../../../lib/tensor/index.js";

describe("random creation", () => {
  it("same seed, same bytes; the generator's own fill is what lands in the tensor", () => {
    const a = randn([16, 32], { rng: rng(0) }), b = randn([16, 32], { rng: rng(0) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const direct = rng(0).fillNormal(new Float32Array(16 * 32), 0, 1);
    expect(Array.from(a.data)).toEqual(Array.from(direct));
    expect(randn([4], { rng: rng(1) }).toArray()).not.toEqual(randn([4], { rng: rng(2) }).toArray());
  });

  it("dtypes, ranges and parameters", () => {
    const g = rng(3);
    const u = rand([1000], { rng: g, dtype: "float64" });
    expect(u.dtype).toBe("float64");
    for (const v of u.data) expect(v >= 0 && v < 1).toBe(true);
    const w = uniform(-2, -1, [1000], { rng: g });
    for (const v of w.data) expect(v >= -2 && v <= -1).toBe(true);
    const n = normal(5, 0, [3], { rng: g });
    expect(n.toArray()).toEqual([5, 5, 5]);
    const r = randint(-3, 4, [2000], { rng: g });
    expect(r.dtype).toBe("int32");
    const seen = new Set(r.data);
    expect([...seen].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it("the generator is required, and bad parameters are refused", () => {
    expect(() => randn([2], undefined as never)).toThrow("randn: options.rng is required (a generator from rng(seed)), e.g. randn([2, 3], { rng: rng(0) })");
    expect(() => randint(0, 10, [2], {} as never)).toThrow("randint: options.rng is required");
    expect(() => randn([2], { rng: rng(0), dtype: "int32" })).toThrow("randn: dtype must be float32 or float64; got int32");
    expect(() => randint(5, 5, [2], { rng: rng(0) })).toThrow("randint: expected integers low < high; got low=5, high=5");
    expect(() => normal(0, -1, [2], { rng: rng(0) })).toThrow("normal: std must be >= 0; got -1");
    expect(() => uniform(1, 0, [2], { rng: rng(0) })).toThrow("uniform: expected low <= high; got low=1, high=0");
    expect(() => randn([-1], { rng: rng(0) })).toThrow("randn: shape must contain non-negative integers");
  });
});
