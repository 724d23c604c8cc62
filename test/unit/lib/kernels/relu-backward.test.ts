import { describe, expect, it } from "vitest";
import { reluBackwardNaN } from "../../../../lib/kernels/index.js";
import { rng } from "../../../../lib/random/index.js";
import { sameBits } from "./bits.js";

describe("reluBackwardNaN", () => {
  it.each([4, 255, 256, 1001, 150_001])("n = %i: g where x > 0, 0 where x <= 0, NaN where x is NaN; -0 as +0; wasm = JS", (n) => {
    const x = rng(3).fillNormal(new Float32Array(n), 0, 1), g = rng(4).fillNormal(new Float32Array(n), 0, 1);
    x.set([NaN, 0, -0, Infinity].slice(0, n)); g.set([5, 5, 5, -0].slice(0, n));
    const out = new Float32Array(n), ref = new Float32Array(n);
    reluBackwardNaN(x, g, out);
    for (let i = 0; i < n; i++) ref[i] = (x[i] > 0 ? g[i] : Number.isNaN(x[i]) ? NaN : 0) + 0;
    expect(sameBits(out, ref)).toBe(true);
    const o64 = new Float64Array(n);
    reluBackwardNaN(Float64Array.from(x), Float64Array.from(g), o64);
    expect(sameBits(Float32Array.from(o64), ref)).toBe(true);
  });
  it("explains bad arguments", () => {
    expect(() => reluBackwardNaN(new Float32Array(2), new Float32Array(3), new Float32Array(2))).toThrow("reluBackwardNaN: x, g and out must have one length, got 2, 3, 2");
  });
});
