import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { Tensor, tensor, zeros } from "../../../../lib/tensor/index.js";
import { allClose, FLOAT32_ATOL, FLOAT32_TRANSCENDENTAL_RTOL, FLOAT64_RTOL } from "../../tolerance.js";
import { layouts, randomTensor, refElementwise, seeded, storeAs, values } from "./reference.js";

const sigmoidRef = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
// [name, fn, float64 reference, exact in float32?]
const UNARY: [string, (x: any) => Tensor, (x: number) => number, boolean][] = [
  ["neg", ops.neg, (x) => -x, true],
  ["abs", ops.abs, Math.abs, true],
  ["sign", ops.sign, Math.sign, true],
  ["square", ops.square, (x) => x * x, true],
  ["relu", ops.relu, (x) => (Number.isNaN(x) ? NaN : x > 0 ? x : 0), true],
  ["sqrt", ops.sqrt, Math.sqrt, true],
  ["reciprocal", ops.reciprocal, (x) => 1 / x, true],
  ["floor", ops.floor, Math.floor, true],
  ["ceil", ops.ceil, Math.ceil, true],
  // Half to even; a zero result keeps the sign of x (np.round(-0.3) is -0.0).
  ["round", ops.round, (x) => {
    const f = Math.floor(x), d = x - f;
    const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
    return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
  }, true],
  ["sin", ops.sin, Math.sin, false],
  ["cos", ops.cos, Math.cos, false],
  ["log1p", ops.log1p, Math.log1p, false],
  ["expm1", ops.expm1, Math.expm1, false],
  ["exp", ops.exp, Math.exp, false],
  ["log", ops.log, Math.log, false],
  ["tanh", ops.tanh, Math.tanh, false],
  ["sigmoid", ops.sigmoid, sigmoidRef, false],
];
const EDGES = [0, -0, 1e-30, -1e-30, 1, -1, 30, -30, 100, -100, 1000, -1000, NaN, Infinity, -Infinity];

describe("unary maps against float64 references", () => {
  for (const [name, fn, ref, exact] of UNARY) {
    it(`${name}: all layouts and edge values (0, -0, tiny, ±large, NaN, ±Infinity)`, () => {
      const rand = seeded(name.length);
      const t = randomTensor(rand, [4, 5]);
      const edge = tensor(EDGES);
      for (const [layout, v] of [...layouts(t), ["edges", edge] as [string, Tensor]]) {
        const before = values(v);
        const out = fn(v);
        expect(out.dtype).toBe("float32");
        expect(out.shape).toEqual(v.shape);
        const r = storeAs(refElementwise(ref, v).values, "float32");
        if (exact) expect(Array.from(values(out)), layout).toEqual(Array.from(r));
        else expect(allClose(values(out), r, FLOAT32_TRANSCENDENTAL_RTOL, FLOAT32_ATOL), `${name} ${layout}: ${values(out)} vs ${r}`).toBe(true);
        expect(values(v)).toEqual(before);
      }
    });
  }

  it("large transposed and column-stepped inputs (copied to row-major first) match the reference", () => {
    const rand = seeded(81);
    const big = randomTensor(rand, [130, 280]);
    for (const v of [big.T, big.slice(null, [null, null, 2]), big.slice([null, null, -1]).T]) {
      expect(v.size).toBeGreaterThanOrEqual(1 << 14);
      const before = values(v);
      expect(Array.from(values(ops.neg(v)))).toEqual(Array.from(storeAs(refElementwise((x) => -x, v).values, "float32")));
      expect(allClose(values(ops.tanh(v)), storeAs(refElementwise(Math.tanh, v).values, "float32"), FLOAT32_TRANSCENDENTAL_RTOL, FLOAT32_ATOL)).toBe(true);
      expect(values(v)).toEqual(before);
    }
  });

  it("0-d and zero-size inputs keep their shape", () => {
    for (const [, fn] of UNARY) {
      expect(fn(tensor(0.5)).shape).toEqual([]);
      expect(fn(tensor(0.5)).item()).toBe(fn(tensor([0.5])).item());
      expect(fn(zeros([2, 0, 3])).shape).toEqual([2, 0, 3]);
    }
  });

  it("sigmoid is stable on both tails and exactly 0.5 at 0", () => {
    const s = ops.sigmoid(tensor([-1000, -100, 0, 100, 1000], { dtype: "float64" })).toArray();
    expect(allClose(s as number[], [0, sigmoidRef(-100), 0.5, 1, 1], FLOAT64_RTOL, 0)).toBe(true);
    expect((s as number[])[2]).toBe(0.5);
    expect((s as number[]).every((v) => Number.isFinite(v))).toBe(true);
  });

  it("integer inputs: exp/log/sqrt/tanh/sigmoid give float32; neg/abs/sign keep the dtype", () => {
    const i = tensor([-2, 0, 3], { dtype: "int32" });
    for (const f of [ops.exp, ops.log, ops.sqrt, ops.tanh, ops.sigmoid]) expect(f(i).dtype).toBe("float32");
    for (const f of [ops.neg, ops.abs, ops.sign, ops.relu, ops.square]) expect(f(i).dtype).toBe("int32");
    expect(ops.abs(i).toArray()).toEqual([2, 0, 3]);
    expect(ops.exp(tensor([1], { dtype: "float64" })).item()).toBe(Math.E);
  });

  it("round halves to even, as np.round; -0 and NaN survive", () => {
    expect(ops.round(tensor([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997], { dtype: "float64" })).toArray()).toEqual([0, 2, 2, -0, -2, -2, 0]);
    expect(ops.round(tensor([NaN, -0])).toArray()).toEqual([NaN, -0]);
  });

  it("isnan, isinf, isfinite give uint8 masks", () => {
    const t = tensor([NaN, Infinity, -Infinity, 0, -1.5]);
    expect(ops.isnan(t).toArray()).toEqual([1, 0, 0, 0, 0]);
    expect(ops.isinf(t).toArray()).toEqual([0, 1, 1, 0, 0]);
    expect(t.isfinite().toArray()).toEqual([0, 0, 0, 1, 1]);
    expect(ops.isnan(t).dtype).toBe("uint8");
  });

  it("clip as np.clip: either bound optional, NaN stays NaN", () => {
    const t = tensor([-2, 0.5, 3, NaN]);
    expect(ops.clip(t, 0, 1).toArray()).toEqual([0, 0.5, 1, NaN]);
    expect(ops.clip(t, null, 1).toArray()).toEqual([-2, 0.5, 1, NaN]);
    expect(ops.clip(t, 0).toArray()).toEqual([0, 0.5, 3, NaN]);
    expect(t.T.clip(0, 1).toArray()).toEqual([0, 0.5, 1, NaN]);
    expect(() => ops.clip(t, null, null)).toThrow("clip: give at least one of min and max");
  });

  it("the lecture's np.maximum(0, x) and np.tanh(x.dot(W)) read the same", () => {
    const x = tensor([[-1, 2]]), W = tensor([[1, 0], [0, 1]]);
    expect(ops.maximum(0, x.dot(W)).toArray()).toEqual([[0, 2]]);
    expect(ops.tanh(x.dot(W)).toArray()).toEqual([[Math.fround(Math.tanh(-1)), Math.fround(Math.tanh(2))]]);
  });
});
