import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { tensor, zeros } from "../../../../lib/tensor/index.js";

describe("isclose, allclose, arrayEqual (NumPy semantics)", () => {
  it("uses |a - b| <= atol + rtol * |b| with NumPy's defaults", () => {
    const a = tensor([1, 1e-9, 100, Infinity, -Infinity, NaN], { dtype: "float64" });
    const b = tensor([1 + 1e-6, 0, 100.002, Infinity, Infinity, NaN], { dtype: "float64" });
    expect(ops.isclose(a, b).toArray()).toEqual([1, 1, 0, 1, 0, 0]);
    expect(ops.isclose(a, b, { equalNan: true }).toArray()).toEqual([1, 1, 0, 1, 0, 1]);
    expect(ops.isclose(a, b, { rtol: 1e-4 }).toArray()).toEqual([1, 1, 1, 1, 0, 0]);
    expect(ops.isclose(tensor([0]), tensor([1e-7]), { atol: 0 }).toArray()).toEqual([0]);
  });

  it("allclose broadcasts and returns a boolean; arrayEqual needs equal shapes", () => {
    expect(ops.allclose(tensor([[1, 2], [1, 2]]), [1, 2])).toBe(true);
    expect(ops.allclose(tensor([1, 2]), [1, 2.1])).toBe(false);
    expect(() => ops.allclose(zeros([2]), zeros([3]))).toThrow("isclose: shapes [2] and [3] cannot be broadcast");
    expect(ops.arrayEqual(tensor([1, 2]), tensor([1, 2], { dtype: "int32" }))).toBe(true);
    expect(ops.arrayEqual(tensor([[1, 2]]), tensor([1, 2]))).toBe(false);
    expect(ops.arrayEqual(tensor([NaN]), tensor([NaN]))).toBe(false);
    expect(() => ops.isclose(zeros([1]), zeros([1]), { rtol: -1 })).toThrow("isclose: rtol and atol must be non-negative; got rtol=-1, atol=1e-8");
  });
});
