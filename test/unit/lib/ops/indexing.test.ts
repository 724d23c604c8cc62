import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { arange, tensor, zeros } from "../../../../lib/tensor/index.js";
import { at, randomTensor, seeded, unravel, values } from "./reference.js";

describe("take", () => {
  it("gathers along every axis with negative and repeated indices, index arrays of any shape", () => {
    const rand = seeded(41);
    const t = randomTensor(rand, [3, 4, 5]).permute(1, 0, 2); // [4, 3, 5], non-contiguous
    for (let ax = 0; ax < 3; ax++) {
      const n = t.shape[ax];
      const idx = tensor([[0, -1], [n - 1, 0], [1, 1]], { dtype: "int32" });
      const out = ops.take(t, idx, ax);
      expect(out.shape).toEqual([...t.shape.slice(0, ax), 3, 2, ...t.shape.slice(ax + 1)]);
      const got = values(out), iv = values(idx);
      for (let k = 0; k < got.length; k++) {
        const o = unravel(k, out.shape);
        let i = iv[o[ax] * 2 + o[ax + 1]];
        if (i < 0) i += n;
        expect(got[k]).toBe(at(t, [...o.slice(0, ax), i, ...o.slice(ax + 2)]));
      }
    }
  });

  it("without axis takes from the flattened tensor; a number index drops the axis", () => {
    const t = arange(6).reshape(2, 3);
    expect(ops.take(t, [5, 0]).toArray()).toEqual([5, 0]);
    expect(t.T.take([1]).toArray()).toEqual([3]);
    expect(ops.take(t, 1, 1).toArray()).toEqual([1, 4]);
    expect(ops.take(t, [], 0).shape).toEqual([0, 3]);
  });

  it("refuses out-of-range and fractional indices", () => {
    const t = zeros([2, 3]);
    expect(() => ops.take(t, [3], 1)).toThrow("take: index 3 is out of bounds for axis 1 with size 3");
    expect(() => ops.take(t, tensor([0.5]), 0)).toThrow("take: indices must be integers; got 0.5");
    expect(() => ops.take(t, [0], 2)).toThrow("take: axis 2 is out of range");
  });
});

describe("takeAlongAxis / gather", () => {
  it("matches out[..., j, ...] = x[..., idx[..., j, ...], ...] on every axis, with broadcasting and negatives", () => {
    const rand = seeded(43);
    const t = randomTensor(rand, [3, 4, 5]).T; // [5, 4, 3], non-contiguous
    for (let ax = 0; ax < 3; ax++) {
      const n = t.shape[ax];
      const ishape = t.shape.map((d, i) => (i === ax ? 2 : i === (ax + 1) % 3 ? 1 : d));
      const idx = randomTensor(rand, ishape, "int32");
      for (let k = 0; k < idx.data.length; k++) idx.data[k] = ((idx.data[k] % n) + n) % n - (k % 2 ? n : 0);
      const out = ops.takeAlongAxis(t, idx, ax);
      const shape = t.shape.map((d, i) => (i === ax ? 2 : d));
      expect(out.shape).toEqual(shape);
      const got = values(out);
      for (let k = 0; k < got.length; k++) {
        const o = unravel(k, shape);
        let i = at(idx, o.map((v, d) => (idx.shape[d] === 1 ? 0 : v)));
        if (i < 0) i += n;
        const src = o.slice(); src[ax] = i;
        expect(got[k]).toBe(at(t, src));
      }
    }
  });

  it("picks the correct-class scores, as scores[arange(N), y]; gather takes torch's order", () => {
    const scores = tensor([[1, 2, 3], [4, 5, 6]]), y = tensor([[2], [0]], { dtype: "int32" });
    expect(ops.takeAlongAxis(scores, y, 1).toArray()).toEqual([[3], [4]]);
    expect(scores.gather(1, y).toArray()).toEqual([[3], [4]]);
    expect(() => ops.takeAlongAxis(scores, tensor([[3]], { dtype: "int32" }), 1)).toThrow("takeAlongAxis: index 3 is out of bounds for axis 1 with size 3");
    expect(() => ops.takeAlongAxis(scores, tensor([2], { dtype: "int32" }), 1)).toThrow("takeAlongAxis: indices must have as many dimensions as the tensor; got [1] for [2, 3]");
    expect(() => ops.takeAlongAxis(scores, tensor([[1]]), 1)).toThrow("takeAlongAxis: indices must have an integer dtype (int32 or uint8); got float32");
  });
});

describe("maskedSelect / booleanMask", () => {
  it("selects in row-major order, broadcasting the mask", () => {
    const t = arange(6).reshape(2, 3);
    expect(ops.maskedSelect(t, ops.gt(t, 2)).toArray()).toEqual([3, 4, 5]);
    expect(ops.maskedSelect(t, tensor([1, 0, 1], { dtype: "uint8" })).toArray()).toEqual([0, 2, 3, 5]);
    expect(ops.booleanMask(t.T, tensor([[true, false], [false, true], [true, true]])).toArray()).toEqual([0, 4, 2, 5]);
    expect(ops.maskedSelect(t, ops.gt(t, 10)).shape).toEqual([0]);
  });
  it("refuses a mask that does not broadcast to the tensor", () => {
    expect(() => ops.maskedSelect(zeros([2, 3]), zeros([2]))).toThrow("maskedSelect: shapes [2, 3] and [2] cannot be broadcast");
    expect(() => ops.maskedSelect(zeros([3]), zeros([2, 3]))).toThrow("maskedSelect: mask of shape [2, 3] cannot be broadcast to the tensor's shape [3]");
  });
});
