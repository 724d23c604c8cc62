import { describe, expect, it } from "vitest";
import { argmax, dot, max, min, sum, sumSquares } from "../../../../lib/kernels/index.js";
import { rng } from "../../../../lib/random/index.js";
import { FLOAT64_RTOL } from "../../tolerance.js";

describe("reductions", () => {
  it("sum and sumSquares accumulate in float64: 10M float32 ones sum to exactly 1e7", () => {
    const x = new Float32Array(10_000_000).fill(1);
    expect(sum(x.length, x, 0, 1)).toBe(1e7); // a float32 running sum stalls at 2^24 = 16777216 / ... and drifts
    expect(sumSquares(x.length, x, 0, 1)).toBe(1e7);
  });

  it("sum matches a float64 loop (wasm path, odd length, offset) and a strided JS path", () => {
    const x = rng(1).fillNormal(new Float32Array(1_000_003));
    let s = 0, q = 0;
    for (let i = 3; i < x.length; i++) { s += x[i]; q += x[i] * x[i]; }
    expect(Math.abs(sum(x.length - 3, x, 3, 1) - s)).toBeLessThanOrEqual(FLOAT64_RTOL * x.length);
    expect(Math.abs(sumSquares(x.length - 3, x, 3, 1) - q)).toBeLessThanOrEqual(FLOAT64_RTOL * q);
    expect(sum(3, Float32Array.of(1, 9, 2, 9, 3), 0, 2)).toBe(6);
  });

  it("max/min find the extremes, propagate NaN, and give -Infinity/Infinity for n = 0", () => {
    const x = rng(2).fillNormal(new Float32Array(100_001));
    x[77_777] = 9; x[12_345] = -9;
    expect(max(x.length, x, 0, 1)).toBe(9);
    expect(min(x.length, x, 0, 1)).toBe(-9);
    x[99_999] = NaN;
    expect(max(x.length, x, 0, 1)).toBeNaN();
    expect(min(x.length, x, 0, 1)).toBeNaN();
    expect(max(0, x, 0, 1)).toBe(-Infinity);
    expect(min(0, x, 0, 1)).toBe(Infinity);
  });

  it("argmax returns the first maximum, or the first NaN (numpy.argmax); empty spans are an error", () => {
    expect(argmax(5, Float32Array.of(1, 5, 3, 5, 0), 0, 1)).toBe(1);
    expect(argmax(4, Float32Array.of(1, NaN, 3, NaN), 0, 1)).toBe(1);
    expect(argmax(2, Float64Array.of(0, 7, 1, 8), 1, 2)).toBe(1);
    expect(() => argmax(0, new Float32Array(1), 0, 1)).toThrow(/argmax: attempt to take the argmax of an empty span/);
  });

  it("dot in float64", () => {
    expect(dot(3, Float32Array.of(1, 2, 3), 0, 1, Float32Array.of(4, 5, 6), 0, 1)).toBe(32);
    expect(dot(2, Float64Array.of(1, 0, 2), 0, 2, Float64Array.of(3, 4), 0, 1)).toBe(11);
  });
});
