import { describe, expect, it } from "vitest";
import { arange, empty, eye, fromTypedArray, full, fullLike, linspace, ones, onesLike, tensor, zeros, zerosLike } from "../../../../lib/tensor/index.js";

describe("creation", () => {
  it("tensor from nested arrays, numbers, booleans and typed arrays", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe("float32");
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor(3.5).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[true, false]]).dtype).toBe("uint8");
    const src = new Float64Array([1, 2, 3, 4]);
    const c = tensor(src, { shape: [2, 2] });
    expect(c.dtype).toBe("float64");
    src[0] = 9;
    expect(c.item(0, 0)).toBe(1); // copied
    expect(tensor(new Int32Array([1, 2]), { dtype: "float32" }).dtype).toBe("float32");
    expect(tensor([1.5, 2.5], { dtype: "int32" }).toArray()).toEqual([1, 2]);
  });

  it("arrays of tensors read as nested arrays (torch.tensor([a, b]))", () => {
    const a = tensor([1, 2]), b = tensor([3, 4]);
    expect(tensor([a, b]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(tensor([[a], [b]]).shape).toEqual([2, 1, 2]);
    expect(() => tensor([a, tensor([1])])).toThrow("tensor: ragged nested array: expected length 2 at [1], got length 1");
  });

  it("fromTypedArray shares storage, as torch.from_numpy", () => {
    const d = new Float32Array(6);
    const t = fromTypedArray(d, [2, 3]);
    d[5] = 7;
    expect(t.item(1, 2)).toBe(7);
  });

  it("zeros, ones, full, empty, *Like, eye", () => {
    expect(zeros([2, 2], { dtype: "int32" }).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(ones(3).toArray()).toEqual([1, 1, 1]);
    expect(full([2], -1.5, { dtype: "float64" }).toArray()).toEqual([-1.5, -1.5]);
    expect(empty([0, 4]).shape).toEqual([0, 4]);
    const x = tensor([[1, 2]], { dtype: "uint8" });
    expect(zerosLike(x).dtype).toBe("uint8");
    expect(onesLike(x, { dtype: "float64" }).toArray()).toEqual([[1, 1]]);
    expect(fullLike(x, 4).toArray()).toEqual([[4, 4]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(zeros([]).shape).toEqual([]);
  });

  it("arange and linspace as NumPy (no accumulated rounding, last value exact)", () => {
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(arange(0, 1, 0.1, { dtype: "float64" }).size).toBe(10);
    expect(arange(3, 1).size).toBe(0);
    const l = linspace(0, 1, 11, { dtype: "float64" });
    expect(l.item(10)).toBe(1);
    expect(l.item(3)).toBe(0.30000000000000004);
    expect(linspace(2, 3, 1).toArray()).toEqual([2]);
  });

  it("bad input: negative or fractional sizes, ragged arrays, bad dtypes, huge tensors", () => {
    expect(() => zeros([2, -1])).toThrow("zeros: shape must contain non-negative integers; got [2, -1]");
    expect(() => ones([2.5])).toThrow("full: shape must contain non-negative integers; got [2.5]");
    expect(() => tensor([[1, 2], [3]])).toThrow("tensor: ragged nested array: expected length 2 at [1], got length 1");
    expect(() => tensor([[1, 2], 3] as never)).toThrow("tensor: ragged nested array");
    expect(() => tensor(["a"] as never)).toThrow("tensor: expected numbers or booleans; got string at [0]");
    expect(() => zeros([2], { dtype: "int64" as never })).toThrow('zeros: dtype must be one of float32, float64, int32, uint8; got "int64"');
    expect(() => zeros([100000, 100000])).toThrow("zeros: a float32 tensor of 10000000000 elements needs 37.25 GiB, above the 4 GiB limit; check the shape");
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow("tensor: shape [2, 2] needs 4 elements; the data has 3");
    expect(() => arange(0, 1, 0)).toThrow("arange: step must not be zero");
    expect(() => arange(0, Infinity)).toThrow("arange: stop must be a finite number");
    expect(() => linspace(0, 1, -1)).toThrow("linspace: num must be a non-negative integer; got -1");
  });
});
