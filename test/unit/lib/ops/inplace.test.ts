import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { arange, tensor, zeros } from "../../../../lib/tensor/index.js";
import { randomTensor, refElementwise, seeded, storeAs, values } from "./reference.js";

describe("in-place ops", () => {
  const CASES: [string, (t: any, b: any) => any, (x: number, y: number) => number][] = [
    ["add_", ops.add_, (x, y) => x + y], ["sub_", ops.sub_, (x, y) => x - y],
    ["mul_", ops.mul_, (x, y) => x * y], ["div_", ops.div_, (x, y) => x / y],
  ];
  for (const [name, fn, ref] of CASES) {
    it(`${name} writes through the target (also a strided view) and broadcasts the other operand`, () => {
      const rand = seeded(name.length);
      const base = randomTensor(rand, [4, 6]);
      const view = base.slice(null, [null, null, 2]).T; // [3, 4], non-contiguous
      const other = randomTensor(rand, [4]);
      const untouched = values(base.slice(null, [1, null, 2]));
      const expected = storeAs(refElementwise(ref, view, other).values, "float32");
      const r = fn(view, other);
      expect(r).toBe(view);
      expect(Array.from(values(view))).toEqual(Array.from(expected));
      expect(values(base.slice(null, [1, null, 2]))).toEqual(untouched);
    });
  }

  it("method forms and numbers; result cast to the target's dtype", () => {
    const w = tensor([1, 2, 3]);
    w.sub_(ops.mul(0.5, tensor([2, 2, 2]))).mul_(2).add_(1);
    expect(w.toArray()).toEqual([1, 3, 5]);
    const i = tensor([7, 9], { dtype: "int32" });
    i.mul_(3).sub_(tensor([1, 1], { dtype: "uint8" }));
    expect(i.toArray()).toEqual([20, 26]);
    expect(() => i.div_(2)).toThrow('div_: the result is float32 and cannot be stored in place into an int32 tensor; use the out-of-place op or astype("float32") first');
    expect(() => i.add_(0.5)).toThrow("add_: the result is float32 and cannot be stored in place into an int32 tensor");
    expect(() => i.add_(tensor([1, 1]))).toThrow("add_: the result is float32");
    expect(i.toArray()).toEqual([20, 26]);
    const u = tensor([250], { dtype: "uint8" });
    u.add_(tensor([10], { dtype: "int32" }));
    expect(u.toArray()).toEqual([4]);
  });

  it("copy_ and fill_: broadcast, convert, and handle overlapping storage (x.copy_(x.T))", () => {
    const x = arange(9).reshape(3, 3);
    x.copy_(x.T);
    expect(x.toArray()).toEqual([[0, 3, 6], [1, 4, 7], [2, 5, 8]]);
    const y = zeros([2, 3], { dtype: "int32" });
    y.copy_(tensor([1.9, -2.9, 3]));
    expect(y.toArray()).toEqual([[1, -2, 3], [1, -2, 3]]);
    y.slice(0).fill_(7);
    expect(y.toArray()).toEqual([[7, 7, 7], [1, -2, 3]]);
  });

  it("an operand overlapping the target is read before any write (x.add_(x.T), x.add_(x))", () => {
    const x = arange(9).reshape(3, 3);
    const expected = ops.add(x, x.T).toArray();
    x.add_(x.T);
    expect(x.toArray()).toEqual(expected);
    const y = arange(4);
    y.mul_(y);
    expect(y.toArray()).toEqual([0, 1, 4, 9]);
    const z = arange(5);
    z.slice([1]).add_(z.slice([null, 4]));
    expect(z.toArray()).toEqual([0, 1, 3, 5, 7]);
  });

  it("refuses a shape that would grow the target, and writes into expanded views", () => {
    expect(() => ops.add_(zeros([3]), zeros([2, 3]))).toThrow("add_: shape [2, 3] cannot be broadcast to the target's shape [3]");
    expect(() => ops.add_(zeros([3]), zeros([2]))).toThrow("add_: shapes [3] and [2] cannot be broadcast");
    expect(() => ops.mul_(zeros([1, 3]).expand(2, 3), 2)).toThrow("mul_: cannot write in place into a broadcast (expanded) view of shape [2, 3]");
  });

  it("large (resident) tensors: distinct storages are used in place, overlapping views are read from a copy", () => {
    // Storage of 64 KiB and more lives in the one wasm memory buffer, so "same buffer" no longer
    // means "same storage": the overlap test must compare byte ranges.
    const n = 160;
    const a = arange(n * n).reshape([n, n]).astype("float32"), b = arange(n * n).reshape([n, n]).astype("float32").mul(2);
    const want = Array.from(values(a)).map((v, i) => v + 2 * i);
    ops.add_(a, b);
    expect(Array.from(values(a))).toEqual(want);
    const x = arange(n * n).reshape([n, n]).astype("float32");
    const ref = Array.from({ length: n * n }, (_, k) => { const i = Math.floor(k / n), j = k % n; return (i * n + j) + (j * n + i); });
    ops.add_(x, x.T);
    expect(Array.from(values(x))).toEqual(ref);
    const y = arange(n * n).reshape([n, n]).astype("float32");
    ops.copy_(y, y.T);
    expect(Array.from(values(y))).toEqual(Array.from({ length: n * n }, (_, k) => (k % n) * n + Math.floor(k / n)));
  });
});
