import { describe, expect, it } from "vitest";
import { tensor } from "../../../../lib/tensor/index.js";
import { Parameter } from "../../../../lib/nn/module.js";
import { elasticNetPenalty, l1Penalty, l2Penalty } from "../../../../lib/nn/regularizers.js";
import { gradCheck } from "../../../../lib/nn/gradcheck.js";
import { CLOSE_DIGITS_FLOAT64, GRADCHECK_REL_ERROR } from "../../tolerance.js";

const W = [0.5, -2, 0, 1.5];
const param = () => new Parameter("weight", tensor(W, { dtype: "float64" }));

describe("regularizers (the slide's R(W))", () => {
  it("L2: lambda * sum W^2, gradient 2 lambda W", () => {
    const p = param();
    expect(l2Penalty(p, 0.1)).toBeCloseTo(0.1 * (0.25 + 4 + 0 + 2.25), CLOSE_DIGITS_FLOAT64);
    expect(Array.from(p.gradValues)).toEqual(W.map((w) => 0.2 * w));
  });
  it("L1: lambda * sum |W|, gradient lambda sign(W) (0 at 0)", () => {
    const p = param();
    expect(l1Penalty([p], 0.5)).toBe(0.5 * 4);
    expect(Array.from(p.gradValues)).toEqual([0.5, -0.5, 0, 0.5]);
  });
  it("elastic net: lambda * sum (beta W^2 + |W|), gradient checked", () => {
    const p = param();
    expect(elasticNetPenalty(p, 2, 0.5)).toBeCloseTo(2 * (0.5 * 6.5 + 4), CLOSE_DIGITS_FLOAT64);
    const f = (v: Float64Array) => { const q = new Parameter("w", tensor(v)); return elasticNetPenalty(q, 2, 0.5); };
    const g = (v: Float64Array) => { const q = new Parameter("w", tensor(v)); elasticNetPenalty(q, 2, 0.5); return q.gradValues; };
    expect(gradCheck(f, g, [0.5, -2, 0.3, 1.5]).maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
  });
  it("rejects negative lambda or beta", () => {
    expect(() => l2Penalty(param(), -1)).toThrow("l2Penalty: lambda must be a number >= 0, got -1");
    expect(() => elasticNetPenalty(param(), 1, -1)).toThrow("elasticNetPenalty: beta must be a number >= 0, got -1");
  });
});
