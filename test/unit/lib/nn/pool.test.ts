import { describe, expect, it } from "vitest";
import { randn, tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { AvgPool2d, GlobalAvgPool2d, MaxPool2d } from "../../../../lib/nn/pool.js";
import { FractionalMaxPool2d, fractionalStarts } from "../../../../lib/nn/fractional-max-pool.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { GRADCHECK_REL_ERROR } from "../../tolerance.js";

const X = tensor([[[[1, 2, 5, 0], [3, 4, 1, 1], [0, 0, 9, 8], [7, 6, 8, 9]]]]);

describe("pooling", () => {
  it("MaxPool2d(2) takes window maxima; the gradient goes to the (first) maximum", () => {
    const p = new MaxPool2d(2);
    expect(p.forward(X).toArray()).toEqual([[[[4, 5], [7, 9]]]]);
    expect(p.backward(tensor([[[[1, 2], [3, 4]]]])).toArray()).toEqual([[[[0, 0, 2, 0], [0, 1, 0, 0], [0, 0, 4, 0], [3, 0, 0, 0]]]]);
  });
  it("MaxPool2d(2)'s fast path matches a reference loop on odd sizes", () => {
    const x = randn([2, 3, 7, 9], { rng: rng(4) }), y = new MaxPool2d(2).forward(x), ref: number[] = [];
    for (let p = 0; p < 6; p++) for (let oy = 0; oy < 3; oy++) for (let ox = 0; ox < 4; ox++) {
      let m = -Infinity;
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) m = Math.max(m, x.data[p * 63 + (2 * oy + i) * 9 + 2 * ox + j]);
      ref.push(m);
    }
    expect(y.shape).toEqual([2, 3, 3, 4]);
    expect(Array.from(y.data)).toEqual(ref);
  });
  it("MaxPool2d pads with -inf and propagates NaN", () => {
    expect(new MaxPool2d(2, { stride: 1, padding: 1 }).forward(tensor([[[[-1, -2]]]])).toArray()).toEqual([[[[-1, -1, -2], [-1, -1, -2]]]]);
    expect(new MaxPool2d(2).forward(tensor([[[[1, NaN], [3, 4]]]])).toArray()).toEqual([[[[NaN]]]]);
  });
  it("AvgPool2d averages, counting zero padding (count_include_pad)", () => {
    expect(new AvgPool2d(2).forward(X).toArray()).toEqual([[[[2.5, 1.75], [3.25, 8.5]]]]);
    expect(new AvgPool2d(2, { stride: 2, padding: 1 }).forward(tensor([[[[4, 8], [12, 16]]]])).toArray()).toEqual([[[[1, 2], [3, 4]]]]);
  });
  it("GlobalAvgPool2d averages each channel to [N, C]", () => {
    expect(new GlobalAvgPool2d().forward(X).toArray()).toEqual([[4]]);
  });
  it("every pool's backward passes the gradient check", () => {
    const x = randn([2, 3, 6, 5], { rng: rng(1) });
    for (const m of [new MaxPool2d(2), new MaxPool2d(3, { stride: 2, padding: 1 }), new AvgPool2d(2, { stride: 1 }), new AvgPool2d(3, { stride: 2, padding: 1 }), new GlobalAvgPool2d()]) {
      expect(checkModule(m, x).maxRelError, String(m)).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
    const f = checkModule(new FractionalMaxPool2d(2, { outputSize: 4 }), randn([2, 2, 7, 7], { rng: rng(2) }), { forward: { rng: rng(3) } });
    expect(f.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
  });
});

describe("FractionalMaxPool2d", () => {
  it("uses PyTorch's interval sequence: starts from floor((i+u)a) - floor(ua), last window at the border", () => {
    expect(Array.from(fractionalStarts(0, 10, 5, 2))).toEqual([0, 2, 4, 6, 8]);
    expect(Array.from(fractionalStarts(0.5, 10, 4, 2))).toEqual([0, 3, 5, 8]); // a = 8/3
    expect(Array.from(fractionalStarts(0.99, 7, 1, 2))).toEqual([5]);
  });
  it("covers the input with windows of the kernel size whose steps are 1 or 2 for ratio 1/sqrt(2)", () => {
    const g = rng(5);
    for (let t = 0; t < 200; t++) {
      const s = fractionalStarts(g.random(), 32, 22, 2);
      expect(s[0]).toBe(0);
      expect(s[21]).toBe(30);
      for (let i = 1; i < 22; i++) expect([1, 2]).toContain(s[i] - s[i - 1]);
    }
  });
  it("output size from ratio; different generators give different regions; same seed, same output", () => {
    // 8 planes: one plane's two draws can map to the same windows, eight planes' sixteen hardly.
    const x = randn([1, 8, 16, 16], { rng: rng(1) }), p = new FractionalMaxPool2d(2, { outputRatio: 0.7 });
    const a = p.forward(x, { rng: rng(7) }), b = p.forward(x, { rng: rng(7) }), c = p.forward(x, { rng: rng(8) });
    expect(a.shape).toEqual([1, 8, 11, 11]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
    expect(() => p.forward(x)).toThrow(/FractionalMaxPool2d.forward: .*pass the generator/);
    // Eval without a generator: fixed regions (u = 0.5), the same every call.
    const e1 = p.forward(x, { training: false }), e2 = p.forward(x, { training: false });
    expect(Array.from(e1.data)).toEqual(Array.from(e2.data));
    expect(e1.shape).toEqual([1, 8, 11, 11]);
  });
});
