import { describe, expect, it } from "vitest";
import "../../../../lib/ops/index.js";
import { arange, Tensor, tensor, zeros } from "../../../../lib/tensor/index.js";
import { at, seeded, randomTensor, unravel, values } from "../ops/reference.js";

// The NumPy result of basic indexing, computed from explicit index lists per axis.
function refSlice(t: Tensor, perAxis: (number[] | number)[]): { shape: number[]; values: number[] } {
  const kept = perAxis.filter((p) => Array.isArray(p)) as number[][];
  const shape = kept.map((p) => p.length);
  const n = shape.reduce((p, d) => p * d, 1);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const idx = unravel(k, shape);
    let j = 0;
    out.push(at(t, perAxis.map((p) => (Array.isArray(p) ? p[idx[j++]] : p))));
  }
  return { shape, values: out };
}

// Python's range(*slice(start, stop, step).indices(n)).
function pyRange(n: number, start: number | null, stop: number | null, step: number): number[] {
  let lo: number, hi: number;
  if (step > 0) {
    lo = start === null ? 0 : start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
    hi = stop === null ? n : stop < 0 ? Math.max(stop + n, 0) : Math.min(stop, n);
  } else {
    lo = start === null ? n - 1 : start < 0 ? Math.max(start + n, -1) : Math.min(start, n - 1);
    hi = stop === null ? -1 : stop < 0 ? Math.max(stop + n, -1) : Math.min(stop, n - 1);
  }
  const out: number[] = [];
  for (let i = lo; step > 0 ? i < hi : i > hi; i += step) out.push(i);
  return out;
}

describe("Tensor views", () => {
  it("slice matches Python slicing for random start/stop/step with negatives", () => {
    const rand = seeded(1);
    const t = randomTensor(rand, [5, 6, 4]);
    const pick = (): number | null => (rand() < 0.25 ? null : Math.floor(rand() * 16) - 8);
    for (let trial = 0; trial < 200; trial++) {
      const specs: any[] = [], ref: (number[] | number)[] = [];
      for (let ax = 0; ax < 3; ax++) {
        const n = t.shape[ax];
        if (rand() < 0.2) { const i = Math.floor(rand() * 2 * n) - n; specs.push(i); ref.push(i < 0 ? i + n : i); continue; }
        const step = [1, 2, 3, -1, -2][Math.floor(rand() * 5)];
        const s = pick(), e = pick();
        specs.push([s, e, step]);
        ref.push(pyRange(n, s, e, step));
      }
      const v = t.slice(...specs);
      const r = refSlice(t, ref);
      expect(v.shape, JSON.stringify(specs)).toEqual(r.shape);
      expect(Array.from(values(v))).toEqual(r.values);
      expect(v.data).toBe(t.data);
    }
  });

  it("string specs and ellipsis", () => {
    const t = arange(24).reshape(2, 3, 4);
    expect(t.slice("...", 1).toArray()).toEqual(t.slice(null, null, 1).toArray());
    expect(t.slice(":", "1:", "::-2").toArray()).toEqual(t.slice(null, [1], [null, null, -2]).toArray());
    expect(t.slice(-1, -1, -1).item()).toBe(23);
  });

  it("reshape is a view when strides allow, else a copy, and keeps row-major order", () => {
    const t = arange(24).reshape(2, 3, 4);
    expect(t.reshape(6, -1).data).toBe(t.data);
    expect(t.reshape([4, 6]).shape).toEqual([4, 6]);
    const tt = t.permute(2, 0, 1);
    const flat = tt.reshape(-1);
    expect(Array.from(flat.toTypedArray())).toEqual(Array.from(values(tt)));
    // A transposed view merged on compatible dims stays a view.
    const v = t.slice(null, null, [null, null, 2]).reshape(6, 2);
    expect(v.data).toBe(t.data);
    expect(Array.from(values(v))).toEqual(Array.from(values(t.slice(null, null, [null, null, 2]))));
    expect(zeros([0, 3]).reshape(3, 0).shape).toEqual([3, 0]);
    // -1 is ambiguous next to a 0 dimension; NumPy refuses it too.
    expect(() => zeros([0, 3]).reshape(3, 0, -1)).toThrow("reshape: cannot reshape a tensor of shape [0, 3] (0 elements) into [3, 0, -1]");
  });

  it("transpose, T, permute, swapaxes", () => {
    const t = arange(24).reshape(2, 3, 4);
    expect(t.T.shape).toEqual([4, 3, 2]);
    expect(t.T.item(3, 2, 1)).toBe(t.item(1, 2, 3));
    expect(t.transpose(0, 2).shape).toEqual([4, 3, 2]);
    expect(t.transpose([1, 0, 2]).shape).toEqual([3, 2, 4]);
    expect(t.transpose(1, 0, 2).shape).toEqual([3, 2, 4]);
    // Two numbers swap (torch), so 2-d transpose(0, 1) transposes; an array permutes (NumPy).
    const m = arange(6).reshape(2, 3);
    expect(m.transpose(0, 1).toArray()).toEqual(m.T.toArray());
    expect(m.transpose(1, 0).toArray()).toEqual(m.T.toArray());
    expect(m.transpose([0, 1]).toArray()).toEqual(m.toArray());
    expect(t.permute(1, 2, 0).item(2, 3, 1)).toBe(t.item(1, 2, 3));
    expect(t.swapaxes(-1, 0).shape).toEqual([4, 3, 2]);
    expect(t.T.isContiguous()).toBe(false);
    expect(t.T.contiguous().isContiguous()).toBe(true);
  });

  it("squeeze, unsqueeze, expand, broadcastTo", () => {
    const t = zeros([1, 3, 1]);
    expect(t.squeeze().shape).toEqual([3]);
    expect(t.squeeze(-1).shape).toEqual([1, 3]);
    expect(zeros([3]).unsqueeze(0).shape).toEqual([1, 3]);
    expect(zeros([3]).unsqueeze(-1).shape).toEqual([3, 1]);
    const c = tensor([[1], [2]]);
    expect(c.expand(2, 3).toArray()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(c.expand(-1, 2).shape).toEqual([2, 2]);
    expect(tensor([1, 2]).broadcastTo([2, 2]).toArray()).toEqual([[1, 2], [1, 2]]);
  });

  it("clone, contiguous, astype, to, toTypedArray, item, toArray", () => {
    const t = tensor([[1.7, -2.5], [3, 4]]);
    const c = t.clone();
    expect(c.data).not.toBe(t.data);
    expect(t.contiguous()).toBe(t);
    expect(t.astype("int32").toArray()).toEqual([[1, -2], [3, 4]]);
    expect(t.to("float32")).toBe(t);
    expect(t.to("float64").dtype).toBe("float64");
    expect(Array.from(t.T.toTypedArray())).toEqual([Math.fround(1.7), 3, -2.5, 4]);
    expect(t.item(1, 0)).toBe(3);
    expect(t.item(-1, -1)).toBe(4);
    expect(tensor(5).item()).toBe(5);
    expect(tensor(5).toArray()).toBe(5);
  });
});

describe("Tensor bad input", () => {
  it("reshape size mismatch, two -1, negative sizes", () => {
    const t = zeros([2, 3]);
    expect(() => t.reshape(4, -1)).toThrow("reshape: cannot reshape a tensor of shape [2, 3] (6 elements) into [4, -1]");
    expect(() => t.reshape(4, 2)).toThrow("reshape: cannot reshape a tensor of shape [2, 3] (6 elements) into [4, 2] (8 elements)");
    expect(() => t.reshape(-1, -1)).toThrow("only one dimension can be -1");
    expect(() => t.reshape(-2, -3)).toThrow("non-negative integers or -1");
  });
  it("axis out of range, bad permutation, bad squeeze", () => {
    const t = zeros([2, 3]);
    expect(() => t.swapaxes(0, 2)).toThrow("swapaxes: axis 2 is out of range for a tensor with 2 dimensions (valid: -2 to 1)");
    expect(() => t.permute(0, 0)).toThrow("permute: axes [0,0] are not a permutation of 0..1");
    expect(() => t.squeeze(0)).toThrow("squeeze: axis 0 has size 2, not 1");
    expect(() => t.unsqueeze(3)).toThrow("unsqueeze: axis 3 is out of range");
  });
  it("slice errors", () => {
    const t = zeros([2, 3]);
    expect(() => t.slice(2)).toThrow("slice: index 2 is out of bounds for axis 0 with size 2");
    expect(() => t.slice(0, 0, 0)).toThrow("slice: 3 indices given for a tensor with 2 dimensions");
    expect(() => t.slice([0, 2, 0])).toThrow("slice: step must not be zero");
    expect(() => t.slice(0.5)).toThrow("not an integer");
    expect(() => t.slice("a:b")).toThrow("slice: cannot read");
  });
  it("expand and item errors", () => {
    expect(() => zeros([2]).expand(3)).toThrow("expand: cannot broadcast shape [2] to [3]");
    expect(() => zeros([2]).item()).toThrow("item: a tensor with 2 elements (shape [2]) cannot be converted to a number");
    expect(() => zeros([2]).item(2)).toThrow("item: index 2 is out of bounds for axis 0 with size 2");
  });
});
