import { describe, expect, it } from "vitest";
import { allClose, gradCheck, ok, relativeError, relError, shapeEqual } from "../../../../lib/grading/assertions";
import { Tensor } from "../../../../lib/tensor/tensor";

describe("allClose (numpy.allclose semantics)", () => {
  it("uses |a - b| <= atol + rtol*|b| with numpy's defaults, asymmetric in b", () => {
    // numpy: allclose(1e-8 + 1e-5*1 + 1, 1) is True at the boundary, 1e-9 more is False.
    expect(allClose([1 + 1e-5 + 1e-8 - 1e-15], [1]).passed).toBe(true);
    expect(allClose([1 + 1e-5 + 2e-8], [1]).passed).toBe(false);
    // Asymmetric: the tolerance scales with |expected| only (numpy documents this).
    expect(allClose([0], [1e-3], { rtol: 1, atol: 0 }).passed).toBe(true);
    expect(allClose([1e-3], [0], { rtol: 1, atol: 0 }).passed).toBe(false);
  });
  it("treats NaN as unequal unless equalNan, and infinities by equality", () => {
    expect(allClose([NaN], [NaN]).passed).toBe(false);
    expect(allClose([NaN], [NaN], { equalNan: true }).passed).toBe(true);
    expect(allClose([Infinity, -Infinity], [Infinity, -Infinity]).passed).toBe(true);
    expect(allClose([Infinity], [-Infinity]).passed).toBe(false);
    expect(allClose([1e308], [Infinity]).passed).toBe(false);
  });
  it("gives partial credit in proportion to matching elements and names the worst element", () => {
    const o = allClose([[0, 1], [2, 9]], [[0, 1], [2, 3]], { partial: true, points: 4, name: "relu" });
    expect(o.score).toBe(3);
    expect(o.message).toBe("1 of 4 values differ; worst at [1, 1]: got 9, expected 3 (|diff| 6 > atol + rtol*|expected| = 3.001e-5)");
    expect(allClose([0, 9], [0, 3], { points: 4 }).score).toBe(0);
  });
  it("fails with a reason on a shape mismatch or an undefined result, broadcasts a scalar expected", () => {
    expect(allClose([1, 2, 3], [[1, 2, 3]]).message).toBe("shape [3] but expected [1, 3]");
    expect(allClose(undefined, [1]).message).toMatch(/got undefined\. Did the function return its result\?/);
    expect(allClose([2, 2], 2).passed).toBe(true);
  });
  it("reads strided tensors (a transposed view) in logical order", () => {
    const t = new Tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2], [1, 3], 0); // [[1,4],[2,5],[3,6]]
    expect(allClose(t, [[1, 4], [2, 5], [3, 6]]).passed).toBe(true);
  });
  it("is not fooled by a monkeypatched Math.abs", () => {
    const abs = Math.abs;
    try {
      Math.abs = () => 0;
      expect(allClose([5], [1]).passed).toBe(false);
    } finally { Math.abs = abs; }
  });
});

describe("relative error (CS231n rel_error)", () => {
  it("is max |x-y| / max(1e-8, |x|+|y|)", () => {
    expect(relativeError([1, 2], [1, 2.002])).toBe(Math.abs(2 - 2.002) / (2 + 2.002));
    expect(relativeError([0], [0])).toBe(0);
    expect(relError([1], [1 + 1e-6]).passed).toBe(false);
    expect(relError([1], [1 + 1e-6], { max: 1e-6 }).passed).toBe(true);
    expect(relError([1], [3]).message).toBe("relative error 0.5 > 1e-7 (above 1e-2: most likely a bug)");
  });
});

describe("shapeEqual and ok", () => {
  it("compares shapes with -1 as a wildcard", () => {
    expect(shapeEqual([[1, 2, 3]], [1, 3]).passed).toBe(true);
    expect(shapeEqual([[1, 2, 3]], [-1, 3]).passed).toBe(true);
    expect(shapeEqual([1, 2, 3], [1, 3]).message).toBe("shape [3] but expected [1, 3]");
    expect(ok(false, { message: "p must be in [0, 1)" }).message).toBe("p must be in [0, 1)");
    expect(ok("yes").passed).toBe(false); // only the boolean true passes
  });
  it("rejects negative points as the instructor's error", () => {
    expect(() => ok(true, { points: -1 })).toThrow("ok: points must be a finite number >= 0, got -1");
  });
});

describe("gradCheck", () => {
  it("passes a right gradient and locates a wrong one", () => {
    const f = (x: Float64Array) => x[0] * x[0] + 3 * x[1];
    expect(gradCheck(f, [2, 5], [4, 3]).passed).toBe(true);
    const bad = gradCheck(f, [2, 5], [4, 2]);
    expect(bad.passed).toBe(false);
    expect(bad.message).toMatch(/at \[1\]: analytic 2, numeric 3/);
  });
  it("checks a layer's backward against an upstream gradient", () => {
    const tanh = (x: Float64Array) => x.map(Math.tanh);
    const x = [0.3, -1.2], dout = [1.5, -2];
    const dx = x.map((v, i) => (1 - Math.tanh(v) ** 2) * dout[i]);
    expect(gradCheck(tanh, x, dx, { dout }).passed).toBe(true);
    expect(gradCheck(tanh, x, [0, 0], { dout }).passed).toBe(false);
  });
});
