import { describe, expect, it } from "vitest";
import { randn, zeros, tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { Linear } from "../../../../lib/nn/linear.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL, GRADCHECK_REL_ERROR } from "../../tolerance.js";

describe("Linear", () => {
  it("computes x W^T + b like a float64 reference loop", () => {
    const fc = new Linear(5, 3, { rng: rng(0) });
    const x = randn([4, 5], { rng: rng(1) });
    const y = fc.forward(x);
    const W = fc.weight.values, b = fc.bias!.values, xd = x.data;
    const ref: number[] = [];
    for (let n = 0; n < 4; n++) for (let o = 0; o < 3; o++) {
      let s = b[o];
      for (let i = 0; i < 5; i++) s += xd[n * 5 + i] * W[o * 5 + i];
      ref.push(s);
    }
    expect(y.shape).toEqual([4, 3]);
    expect(allClose(y.data, ref, FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
  });
  it("has PyTorch's default init: U(-1/sqrt(in), 1/sqrt(in)) for weight and bias", () => {
    const fc = new Linear(64, 200, { rng: rng(2) });
    const bound = Math.fround(1 / 8);
    expect(Math.max(...fc.weight.values.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...fc.bias!.values.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...fc.weight.values.map(Math.abs))).toBeGreaterThan(bound * 0.99);
    expect(fc.numParameters()).toBe(64 * 200 + 200);
    expect(String(fc)).toBe("Linear(in_features=64, out_features=200, bias=true)");
  });
  it("backward passes the gradient check (input, weight, bias), also without bias and with leading dims", () => {
    for (const [fc, shape] of [
      [new Linear(4, 3, { rng: rng(3) }), [5, 4]],
      [new Linear(4, 2, { rng: rng(4), bias: false }), [2, 3, 4]],
    ] as const) {
      const r = checkModule(fc, randn(shape as number[], { rng: rng(5) }));
      expect(r.results.map((q) => q.name)).toEqual(fc.bias ? ["input", "weight", "bias"] : ["input", "weight"]);
      expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
  it("backward with { inputGrad: false } skips dx but accumulates the same parameter gradients", () => {
    const a = new Linear(6, 4, { rng: rng(8) }), b = new Linear(6, 4, { rng: rng(8) });
    const x = randn([3, 6], { rng: rng(9) }), g = randn([3, 4], { rng: rng(10) });
    a.forward(x); const dx = a.backward(g);
    b.forward(x); const none = b.backward(g, { inputGrad: false });
    expect(Array.from(b.weight.gradValues)).toEqual(Array.from(a.weight.gradValues));
    expect(Array.from(b.bias!.gradValues)).toEqual(Array.from(a.bias!.gradValues));
    expect(none.shape).toEqual(dx.shape);
    expect(none.data.every((v) => v === 0)).toBe(true);
  });
  it("accumulates gradients across backward calls until zeroGrad", () => {
    const fc = new Linear(2, 1, { rng: rng(6) });
    const x = tensor([[1, 2]]), g = tensor([[1]]);
    fc.forward(x); fc.backward(g); fc.forward(x); fc.backward(g);
    expect(Array.from(fc.weight.gradValues)).toEqual([2, 4]);
    fc.zeroGrad();
    expect(Array.from(fc.weight.gradValues)).toEqual([0, 0]);
  });
  it("zeroGrad defers its fill: a backward right after it overwrites the gradient; a read first sees zeros; both give the same bits", () => {
    const x = randn([6, 300], { rng: rng(7) }), g = randn([6, 200], { rng: rng(8) });
    const a = new Linear(300, 200, { rng: rng(9) }), b = new Linear(300, 200, { rng: rng(9) });
    for (const m of [a, b]) { m.forward(x); m.backward(g); m.zeroGrad(); }
    expect(Array.from(b.weight.gradValues).every((v) => v === 0)).toBe(true); // b's fill happens on this read
    for (const m of [a, b]) { m.forward(x); m.backward(g); }
    const ga = a.weight.gradValues as Float32Array, gb = b.weight.gradValues as Float32Array;
    expect(Buffer.from(ga.buffer, ga.byteOffset, ga.byteLength).equals(Buffer.from(gb.buffer, gb.byteOffset, gb.byteLength))).toBe(true);
    a.forward(x); a.backward(g); // accumulates after the overwrite
    expect(allClose(a.weight.gradValues, Array.from(gb, (v) => 2 * v), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    a.zeroGrad();
    expect(a.weight.gradIsZero).toBe(true);
    expect(Array.from(a.weight.grad.data as Float32Array).every((v) => v === 0)).toBe(true);
  });
  it("explains bad input", () => {
    const fc = new Linear(3, 2, { rng: rng(0) });
    expect(() => fc.forward(zeros([4, 5]))).toThrow("Linear.forward: expected input of shape [..., 3], got [4, 5]");
    expect(() => fc.forward(zeros([4, 3], { dtype: "float64" }))).toThrow(/Linear.forward: input is float64 but the parameters are float32/);
    expect(() => fc.backward(zeros([4, 2]))).toThrow(/Linear.backward: call forward before backward/);
    fc.forward(zeros([4, 3]));
    expect(() => fc.backward(zeros([4, 3]))).toThrow("Linear.backward: dout has shape [4, 3] but the last forward produced [4, 2]");
    expect(() => new Linear(3, 2, {} as never)).toThrow(/Linear: pass the generator/);
    expect(() => new Linear(0, 2, { rng: rng(0) })).toThrow(/Linear: inFeatures must be a positive integer, got 0/);
  });
});
