import { describe, expect, it } from "vitest";
import { erf, erfc } from "../../../../lib/nn/erf.js";
import { allClose, CENTRAL_DIFF_ATOL, CENTRAL_DIFF_RTOL, ERF_IDENTITY_ATOL, ERF_RTOL } from "../../tolerance.js";

// Reference values: correctly rounded erf / erfc (glibc libm, cross-checked with mpmath at 30 digits).
const CASES: [number, number, number][] = [
  [1e-10, 1.1283791670955126e-10, 0.999999999887162],
  [0.1, 0.1124629160182849, 0.8875370839817152],
  [0.5, 0.5204998778130465, 0.4795001221869535],
  [0.84, 0.7651427114549946, 0.23485728854500548],
  [0.9, 0.7969082124228322, 0.20309178757716786],
  [1, 0.8427007929497149, 0.15729920705028513],
  [1.2, 0.9103139782296353, 0.08968602177036465],
  [1.3, 0.9340079449406524, 0.06599205505934755],
  [2, 0.9953222650189527, 0.004677734981047265],
  [2.8, 0.9999249868053346, 7.501319466545911e-5],
  [3, 0.9999779095030014, 2.2090496998585438e-5],
  [4, 0.9999999845827421, 1.541725790028002e-8],
  [5, 0.9999999999984626, 1.5374597944280351e-12],
  [6, 1, 2.1519736712498916e-17],
  [10, 1, 2.088487583762545e-45],
  [-0.5, -0.5204998778130465, 1.5204998778130465],
  [-2, -0.9953222650189527, 1.9953222650189528],
  [-5, -0.9999999999984626, 1.9999999999984626],
];

describe("erf / erfc to float64 accuracy", () => {
  it.each(CASES)("x = %d", (x, e, c) => {
    expect(allClose([erf(x)], [e], ERF_RTOL, 0)).toBe(true);
    expect(allClose([erfc(x)], [c], ERF_RTOL, 0)).toBe(true);
  });
  it("handles 0, -0, NaN and infinities", () => {
    expect(erf(0)).toBe(0);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(NaN)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
  });
  it("is odd and erf + erfc = 1 across the branch boundaries", () => {
    for (let x = -7; x <= 7; x += 0.01) {
      expect(erf(-x)).toBe(-erf(x));
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThanOrEqual(ERF_IDENTITY_ATOL);
    }
  });
  it("matches the derivative 2/sqrt(pi) exp(-x^2) (central differences)", () => {
    for (const x of [-3, -1, -0.3, 0, 0.5, 0.9, 1.3, 2.5, 3.5]) {
      const h = 1e-5, num = (erf(x + h) - erf(x - h)) / (2 * h);
      expect(allClose([num], [(2 / Math.sqrt(Math.PI)) * Math.exp(-x * x)], CENTRAL_DIFF_RTOL, CENTRAL_DIFF_ATOL)).toBe(true);
    }
  });
});
