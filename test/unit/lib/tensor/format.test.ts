import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import "../../../../lib/ops/index.js";
import { arange, tensor, zeros } from "../../../../lib/tensor/index.js";

describe("text repr", () => {
  it("prints like PyTorch: aligned columns, 4 decimals, integers as '1.'", () => {
    expect(String(tensor([[1, 2], [3, 4]]))).toBe("tensor([[1., 2.],\n        [3., 4.]])");
    expect(String(tensor([1.5, -2]))).toBe("tensor([ 1.5000, -2.0000])");
    expect(String(tensor(3.14159))).toBe("tensor(3.1416)");
    expect(String(tensor([1e-5, 1, 3.5]))).toBe("tensor([1.0000e-05, 1.0000e+00, 3.5000e+00])");
    expect(String(tensor([NaN, Infinity, -Infinity, 1.5]))).toBe("tensor([   nan,    inf,   -inf, 1.5000])");
  });

  it("shows the dtype unless float32, and the shape when empty", () => {
    expect(String(tensor([1, 2], { dtype: "int32" }))).toBe("tensor([1, 2], dtype=int32)");
    expect(String(tensor([0.5], { dtype: "float64" }))).toBe("tensor([0.5000], dtype=float64)");
    expect(String(zeros([0, 3]))).toBe("tensor([], shape=[0, 3])");
  });

  it("3-d tensors separate blocks with a blank line", () => {
    expect(String(arange(8).reshape(2, 2, 2))).toBe(
      "tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])");
  });

  it("elides tensors above 1000 elements with 3 edge items and appends shape and dtype", () => {
    const s = String(arange(4096 * 4).reshape(4096, 4));
    const lines = s.split("\n");
    expect(lines[0]).toBe("tensor([[    0.,     1.,     2.,     3.],");
    expect(lines[6]).toBe("        [16380., 16381., 16382., 16383.]], shape=[4096, 4], dtype=float32)");
    expect(lines[3]).toBe("        ...,");
    expect(lines.length).toBe(7);
    expect(s.endsWith("shape=[4096, 4], dtype=float32)")).toBe(true);
    const wide = String(zeros([2000]));
    expect(wide).toBe("tensor([0., 0., 0., ..., 0., 0., 0.], shape=[2000], dtype=float32)");
  });

  it("follows strides (a transposed view prints transposed) and wraps long rows at 80 columns", () => {
    expect(String(tensor([[1, 2], [3, 4]]).T)).toBe("tensor([[1., 3.],\n        [2., 4.]])");
    const row = String(arange(20).mul(0.5));
    for (const line of row.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(row.split("\n").length).toBeGreaterThan(1);
  });

  it("util.inspect (tslab's console.log) uses the same text", () => {
    const t = tensor([1, 2]);
    expect(inspect(t)).toBe(String(t));
  });
});
