import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { Tensor, tensor, zeros } from "../../../../lib/tensor/index.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL, FLOAT64_ATOL, FLOAT64_RTOL } from "../../tolerance.js";
import { at, layouts, randomTensor, seeded, unravel, values } from "./reference.js";

type Ref = (v: number[]) => number;
const mean: Ref = (v) => v.reduce((s, x) => s + x, 0) / v.length;
const varOf = (c: number): Ref => (v) => { const m = mean(v); return v.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(v.length - c, 0); };
const REFS: [string, (x: Tensor, axis: any, o?: any) => Tensor, Ref][] = [
  ["sum", ops.sum, (v) => v.reduce((s, x) => s + x, 0)],
  ["mean", ops.mean, mean],
  ["prod", ops.prod, (v) => v.reduce((p, x) => p * x, 1)],
  ["any", ops.any, (v) => +v.some((x) => x !== 0)],
  ["all", ops.all, (v) => +v.every((x) => x !== 0)],
  ["var", ops.variance, varOf(0)],
  ["std", ops.std, (v) => Math.sqrt(varOf(0)(v))],
  ["max", ops.max, (v) => (v.some(Number.isNaN) ? NaN : Math.max(...v))],
  ["min", ops.min, (v) => (v.some(Number.isNaN) ? NaN : Math.min(...v))],
  ["argmax", ops.argmax, (v) => { const i = v.findIndex(Number.isNaN); return i >= 0 ? i : v.indexOf(Math.max(...v)); }],
  ["argmin", ops.argmin, (v) => { const i = v.findIndex(Number.isNaN); return i >= 0 ? i : v.indexOf(Math.min(...v)); }],
];

/** Float64 reference reduction over `axes` (sorted), with keepdims. */
function refReduce(t: Tensor, axes: number[], fn: Ref, keepdims: boolean): { shape: number[]; values: number[] } {
  const kept = t.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const keptShape = kept.map((i) => t.shape[i]), redShape = axes.map((i) => t.shape[i]);
  const nOut = keptShape.reduce((p, d) => p * d, 1), nRed = redShape.reduce((p, d) => p * d, 1);
  const out: number[] = [];
  for (let k = 0; k < nOut; k++) {
    const ki = unravel(k, keptShape), vals: number[] = [];
    for (let r = 0; r < nRed; r++) {
      const ri = unravel(r, redShape), idx = new Array<number>(t.ndim);
      kept.forEach((a, j) => (idx[a] = ki[j]));
      axes.forEach((a, j) => (idx[a] = ri[j]));
      vals.push(at(t, idx));
    }
    out.push(fn(vals));
  }
  return { shape: keepdims ? t.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : keptShape, values: out };
}

function axisSets(nd: number): number[][] {
  const sets: number[][] = [];
  for (let mask = 1; mask < 1 << nd; mask++) sets.push([...Array(nd).keys()].filter((i) => mask & (1 << i)));
  return sets;
}

describe("reductions against float64 reference loops", () => {
  for (const [name, fn, ref] of REFS) {
    it(`${name}: every axis subset, keepdims, all layouts, float32 and float64`, () => {
      const rand = seeded(name.length * 7);
      for (const dtype of ["float32", "float64"] as const) {
        const t = randomTensor(rand, [3, 4, 5], dtype);
        for (const [layout, v] of layouts(t)) {
          const before = values(v);
          const sets = name.startsWith("arg") ? [[0], [1], [2]] : axisSets(3);
          for (const axes of sets) for (const keepdims of [false, true]) {
            const axis = axes.length === 1 ? axes[0] - (keepdims ? 3 : 0) : axes;
            const out = fn(v, axis, { keepdims });
            const r = refReduce(v, axes, ref, keepdims);
            expect(out.shape, `${layout} ${axes}`).toEqual(r.shape);
            const [rtol, atol] = dtype === "float32" ? [FLOAT32_RTOL, FLOAT32_ATOL] : [FLOAT64_RTOL, FLOAT64_ATOL];
            expect(allClose(values(out), r.values, rtol, atol), `${name} ${layout} ${dtype} axes=${axes}: ${values(out)} vs ${r.values}`).toBe(true);
          }
          expect(values(v)).toEqual(before);
        }
      }
    });
  }

  it("random shapes (0-d to 4-d, zero-size dims) and random axis sets", () => {
    const rand = seeded(71);
    for (let trial = 0; trial < 60; trial++) {
      const nd = Math.floor(rand() * 5);
      const shape = Array.from({ length: nd }, () => Math.floor(rand() * 5) + (rand() < 0.1 ? -1 : 0)).map((d) => Math.max(d, 0));
      const t = randomTensor(rand, shape, "float64");
      const axes = [...Array(nd).keys()].filter(() => rand() < 0.5);
      const keepdims = rand() < 0.5;
      for (const [name, fn, ref] of REFS.filter(([n]) => ["sum", "mean", "var", "prod", "any"].includes(n))) {
        const out = fn(t, nd === 0 ? null : axes, { keepdims });
        const r = refReduce(t, nd === 0 ? [] : axes, ref, keepdims);
        expect(out.shape, `${name} ${shape} ${axes}`).toEqual(r.shape);
        expect(allClose(values(out), r.values, FLOAT64_RTOL, FLOAT64_ATOL), `${name} ${shape} axes=${axes}`).toBe(true);
      }
    }
  });

  it("leading-axis reductions (row-wise path): mean(X, 0) on contiguous, row-stepped and 4-d tensors", () => {
    const rand = seeded(61);
    const X = randomTensor(rand, [40, 3, 5]);
    const cases: [string, Tensor, number[]][] = [
      ["X axis 0", X, [0]], ["X axes 0,1", X.reshape(40, 15).reshape(8, 5, 15), [0, 1]],
      ["every other row", X.slice([null, null, 2]), [0]], ["reversed rows", X.slice([null, null, -1]), [0]],
      ["4-d", randomTensor(rand, [6, 2, 3, 4], "float64"), [0, 1]],
    ];
    for (const [name, fn, ref] of REFS.filter(([n]) => ["sum", "mean", "var", "std"].includes(n))) {
      for (const [label, t, axes] of cases) for (const keepdims of [false, true]) {
        const out = fn(t, axes, { keepdims });
        const r = refReduce(t, axes, ref, keepdims);
        expect(out.shape).toEqual(r.shape);
        const [rtol, atol] = t.dtype === "float32" ? [FLOAT32_RTOL, FLOAT32_ATOL] : [FLOAT64_RTOL, FLOAT64_ATOL];
        expect(allClose(values(out), r.values, rtol, atol), `${name} ${label}`).toBe(true);
      }
    }
    expect(ops.variance(X, 0, { correction: 1 }).toArray()).toEqual(ops.variance(X.contiguous().T, 2, { correction: 1 }).T.toArray());
  });

  it("no axis reduces everything to 0-d; options-object form", () => {
    const t = tensor([[1, 2], [3, 4]]);
    expect(ops.sum(t).shape).toEqual([]);
    expect(ops.sum(t).item()).toBe(10);
    expect(ops.mean(t, { axis: 0, keepdims: true }).toArray()).toEqual([[2, 3]]);
    expect(ops.sum(t, null, { keepdims: true }).shape).toEqual([1, 1]);
    expect(ops.sum(t, { dim: 1, keepdim: true }).toArray()).toEqual([[3], [7]]);
    expect(ops.argmax(tensor([[1, 9], [3, 4]])).item()).toBe(1);
    expect(ops.argmax(tensor([[1, 9], [3, 4]]), { keepdims: true }).shape).toEqual([1, 1]);
    expect(t.sum(1).toArray()).toEqual([3, 7]);
    expect(t.var().item()).toBe(1.25);
  });

  it("var/std correction: 0 as NumPy by default, 1 as torch; ddof synonym", () => {
    const t = tensor([1, 2, 3, 4], { dtype: "float64" });
    expect(ops.variance(t).item()).toBe(1.25);
    expect(ops.variance(t, { correction: 1 }).item()).toBe(5 / 3);
    expect(ops.std(t, { ddof: 1 }).item()).toBe(Math.sqrt(5 / 3));
    expect(ops.var).toBe(ops.variance);
    // n - correction = 0 divides by zero, as NumPy (inf / nan).
    expect(ops.variance(tensor([3]), { correction: 1 }).item()).toBeNaN();
  });

  it("float32 sums accumulate in float64 (1e7 ones plus a small value)", () => {
    const n = 1 << 24;
    const x = zeros([n + 1]);
    x.data.fill(1);
    // A float32 running sum stalls at 2^24 = 16777216; float64 accumulation gets every one.
    expect(ops.sum(x).item()).toBe(Math.fround(n + 1));
    expect(ops.mean(x).item()).toBe(1);
    // Variance of a large-offset series: two-pass avoids catastrophic cancellation.
    const y = tensor([1e4 + 1, 1e4 + 2, 1e4 + 3], { dtype: "float32" });
    expect(ops.variance(y).item()).toBe(Math.fround(2 / 3));
  });

  it("NaN and ±Infinity: sums and max/min propagate NaN; argmax points at the first NaN", () => {
    const t = tensor([[1, NaN, 3], [Infinity, -Infinity, 2]]);
    expect(ops.sum(t, 1).toArray()).toEqual([NaN, NaN]);
    expect(ops.max(t, 1).toArray()).toEqual([NaN, Infinity]);
    expect(ops.min(t, 1).toArray()).toEqual([NaN, -Infinity]);
    expect(ops.argmax(t, 1).toArray()).toEqual([1, 0]);
    expect(ops.argmin(t, 1).toArray()).toEqual([1, 1]);
  });

  it("any/all on masks, with zeros and NaN (nonzero); empty all is 1, empty any is 0", () => {
    const m = tensor([[0, 0, NaN], [1, 2, 3]]);
    expect(ops.any(m, 1).toArray()).toEqual([1, 1]);
    expect(ops.all(m, 1).toArray()).toEqual([0, 1]);
    expect(ops.all(m, 0).toArray()).toEqual([0, 0, 1]);
    expect(ops.all(zeros([0])).item()).toBe(1);
    expect(ops.any(zeros([0])).item()).toBe(0);
    expect(ops.prod(zeros([0])).item()).toBe(1);
  });

  it("dtypes: integer sums are int32, means float32, max keeps dtype, argmax int32", () => {
    const u = tensor([200, 100], { dtype: "uint8" });
    expect(ops.sum(u).dtype).toBe("int32");
    expect(ops.sum(u).item()).toBe(300);
    expect(ops.mean(u).dtype).toBe("float32");
    expect(ops.max(u).dtype).toBe("uint8");
    expect(ops.argmax(u).dtype).toBe("int32");
    expect(ops.mean(tensor([1, 2], { dtype: "float64" })).dtype).toBe("float64");
  });

  it("zero-size: sum is 0, mean NaN, max refuses (no identity), as NumPy", () => {
    const e = zeros([0, 3]);
    expect(ops.sum(e, 0).toArray()).toEqual([0, 0, 0]);
    expect(ops.mean(e, 0).toArray()).toEqual([NaN, NaN, NaN]);
    expect(ops.sum(e, 1).shape).toEqual([0]);
    expect(() => ops.max(e, 0)).toThrow("max: cannot reduce over a zero-size axis (shape [0, 3], axis 0)");
    expect(ops.max(e, 1).shape).toEqual([0]);
  });

  it("bad axes name the op, the axis and the valid range", () => {
    const t = zeros([2, 3]);
    expect(() => ops.sum(t, 2)).toThrow("sum: axis 2 is out of range for a tensor with 2 dimensions (valid: -2 to 1)");
    expect(() => ops.mean(t, [0, -2])).toThrow("mean: axis -2 is repeated");
    expect(() => ops.argmax(t, [0, 1] as never)).toThrow("argmax: axis must be a single integer");
    expect(() => ops.std(t, { correction: -1 })).toThrow("std: correction must be a non-negative number");
    expect(() => ops.sum(tensor(1), 0)).toThrow("sum: axis 0 is out of range for a tensor with 0 dimensions");
  });

  it("the lecture's X -= mean(X, 0); X /= std(X, 0) standardizes columns", () => {
    const rand = seeded(4);
    const X = randomTensor(rand, [50, 3], "float64");
    X.sub_(ops.mean(X, 0));
    X.div_(ops.std(X, 0));
    expect(allClose(values(ops.mean(X, 0)), [0, 0, 0], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    expect(allClose(values(ops.std(X, 0)), [1, 1, 1], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
  });
});
