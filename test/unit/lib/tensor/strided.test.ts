import { describe, expect, it } from "vitest";
import { copyStrided, isContiguous, Tensor } from "../../../../lib/tensor/index.js";
import { randomTensor, seeded, values } from "../ops/reference.js";

describe("copyStrided", () => {
  it("copies any view in row-major order, including tiled transposes with ragged edges and negative strides", () => {
    const rand = seeded(51);
    const base = randomTensor(rand, [3, 37, 70]);
    const views: [string, Tensor][] = [
      ["T", base.T], ["permute(0,2,1)", base.permute(0, 2, 1)], ["permute(2,0,1)", base.permute(2, 0, 1)],
      ["reversed T", base.slice(null, [null, null, -1], [null, null, -2]).permute(0, 2, 1)],
      ["small", base.slice(0, [0, 3]).T],
    ];
    for (const [name, v] of views) {
      const out = new Float64Array(v.size + 2);
      copyStrided(v.data, v.shape, v.strides, v.offset, out, 2);
      expect(Array.from(out.subarray(2)), name).toEqual(Array.from(values(v)));
      expect(out[0]).toBe(0);
    }
  });

  it("converts dtypes as C casts: float to int32 truncates toward zero, to uint8 wraps", () => {
    const src = new Float32Array([1.9, -1.9, 256, -1]);
    const i = new Int32Array(4), u = new Uint8Array(4);
    copyStrided(src, [4], [1], 0, i);
    copyStrided(src, [4], [1], 0, u);
    expect(Array.from(i)).toEqual([1, -1, 256, -1]);
    expect(Array.from(u)).toEqual([1, 255, 0, 255]);
  });

  it("isContiguous ignores strides of size-1 dims", () => {
    expect(isContiguous([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(isContiguous([2, 3], [1, 2])).toBe(false);
    expect(isContiguous([], [])).toBe(true);
  });
});

describe("Tensor constructor bounds", () => {
  it("refuses views that reach outside their storage or malformed strides", () => {
    const d = new Float32Array(6);
    expect(() => new Tensor(d, [2, 4])).toThrow("Tensor: a view of shape [2, 4] (strides [4, 1], offset 0) needs storage indices 0..7; the storage has 6 elements");
    expect(() => new Tensor(d, [3], [-1], 1)).toThrow("needs storage indices -1..1");
    expect(() => new Tensor(d, [2], [1, 1])).toThrow("Tensor: strides [1, 1] and offset 0 must be integers, one stride per dimension of [2]");
    expect(() => new Tensor(d, [-2])).toThrow("Tensor: shape must contain non-negative integers; got [-2]");
    expect(new Tensor(d, [3], [-2], 5).toArray()).toEqual([0, 0, 0]);
    expect(new Tensor(new Float32Array(0), [0, 5]).size).toBe(0);
  });
});
