import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { arange, tensor, zeros } from "../../../../lib/tensor/index.js";
import { at, randomTensor, seeded, unravel, values } from "./reference.js";

describe("concat and stack", () => {
  it("concat matches an index-by-index reference on every axis, with views and zero-size parts", () => {
    const rand = seeded(31);
    for (let ax = 0; ax < 3; ax++) {
      const shapes = [[2, 3, 4], [2, 3, 4], [2, 3, 4]].map((s, k) => s.map((d, i) => (i === ax ? [1, 0, 3][k] : d)));
      const parts = shapes.map((s) => randomTensor(rand, s));
      parts[2] = parts[2].T.contiguous().T; // a non-contiguous operand
      const out = ops.concat(parts, ax - 3);
      const total = shapes.reduce((p, s) => p + s[ax], 0);
      expect(out.shape[ax]).toBe(total);
      const got = values(out);
      for (let k = 0; k < got.length; k++) {
        const idx = unravel(k, out.shape);
        let j = idx[ax], p = 0;
        while (j >= parts[p].shape[ax]) { j -= parts[p].shape[ax]; p++; }
        const src = idx.slice(); src[ax] = j;
        expect(got[k]).toBe(at(parts[p], src));
      }
    }
  });

  it("stack adds an axis anywhere; dtypes promote", () => {
    const a = arange(3), b = arange(3, 6);
    expect(ops.stack([a, b]).toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(ops.stack([a, b], 1).toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(ops.stack([a, b], -1).shape).toEqual([3, 2]);
    expect(ops.concat([tensor([1], { dtype: "int32" }), tensor([0.5], { dtype: "float64" })]).toArray()).toEqual([1, 0.5]);
  });

  it("errors name the mismatched tensor and shapes", () => {
    expect(() => ops.concat([zeros([2, 3]), zeros([2, 4])])).toThrow("concat: shapes must match except on axis 0; tensor 0 has [2, 3], tensor 1 has [2, 4]");
    expect(() => ops.stack([zeros([2]), zeros([3])])).toThrow("stack: all tensors must have the same shape; tensor 0 has [2], tensor 1 has [3]");
    expect(() => ops.concat([])).toThrow("concat: expected a non-empty array of tensors");
    expect(() => ops.concat([zeros([2])], 1)).toThrow("concat: axis 1 is out of range");
  });
});
