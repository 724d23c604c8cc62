import { describe, expect, it } from "vitest";
import { broadcastShapes, broadcastStrides, checkShape, contiguousStrides, normalizeAxes, normalizeAxis, shapeSize } from "../../../../lib/tensor/index.js";

describe("shape arithmetic", () => {
  it("sizes and row-major strides", () => {
    expect(shapeSize([])).toBe(1);
    expect(shapeSize([2, 0, 3])).toBe(0);
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
  });
  it("NumPy broadcasting rules", () => {
    expect(broadcastShapes([4, 1, 3], [5, 1], "op")).toEqual([4, 5, 3]);
    expect(broadcastShapes([], [2], "op")).toEqual([2]);
    expect(broadcastShapes([0], [1], "op")).toEqual([0]);
    expect(() => broadcastShapes([0], [2], "op")).toThrow("op: shapes [0] and [2] cannot be broadcast");
    expect(broadcastStrides([3, 1], [1, 1], [2, 3, 4])).toEqual([0, 1, 0]);
  });
  it("axes: negatives, ranges, repeats", () => {
    expect(normalizeAxis(-1, 3, "op")).toBe(2);
    expect(() => normalizeAxis(3, 3, "op")).toThrow("op: axis 3 is out of range for a tensor with 3 dimensions (valid: -3 to 2)");
    expect(() => normalizeAxis(0.5, 3, "op")).toThrow("op: axis 0.5 is out of range");
    expect(normalizeAxes(null, 3, "op")).toEqual([0, 1, 2]);
    expect(normalizeAxes([2, -3], 3, "op")).toEqual([0, 2]);
    expect(() => normalizeAxes([1, -1], 2, "op")).toThrow("op: axis -1 is repeated");
    expect(() => normalizeAxes("0" as never, 2, "sum")).toThrow('sum: axis must be an integer, a list of integers or null; got string "0"');
    expect(normalizeAxes([], 2, "op")).toEqual([]);
    expect(() => checkShape("3" as never, "op")).toThrow("op: shape must be an array of non-negative integers; got 3");
    expect(checkShape(3, "op")).toEqual([3]);
  });
});
