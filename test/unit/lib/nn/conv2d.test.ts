import { describe, expect, it } from "vitest";
import { randn, zeros } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { Conv2d } from "../../../../lib/nn/conv2d.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL, FLOAT64_RTOL, FLOAT64_ATOL, GRADCHECK_REL_ERROR } from "../../tolerance.js";
import { l2Penalty } from "../../../../lib/nn/regularizers.js";

/** Direct 7-loop cross-correlation in float64. */
function convRef(x: ArrayLike<number>, [N, C, H, W]: number[], w: ArrayLike<number>, b: ArrayLike<number>, O: number, k: number, s: number, p: number) {
  const oh = Math.floor((H + 2 * p - k) / s) + 1, ow = Math.floor((W + 2 * p - k) / s) + 1, out: number[] = [];
  for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) for (let y = 0; y < oh; y++) for (let xx = 0; xx < ow; xx++) {
    let acc = b[o];
    for (let c = 0; c < C; c++) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      const iy = y * s + i - p, ix = xx * s + j - p;
      if (iy >= 0 && iy < H && ix >= 0 && ix < W) acc += x[((n * C + c) * H + iy) * W + ix] * w[((o * C + c) * k + i) * k + j];
    }
    out.push(acc);
  }
  return { out, shape: [N, O, oh, ow] };
}

describe("Conv2d", () => {
  it.each([[1, 0], [1, 1], [2, 1], [2, 0], [3, 2]])("matches a direct loop (stride %i, padding %i)", (s, p) => {
    const conv = new Conv2d(3, 4, 3, { rng: rng(1), stride: s, padding: p, dtype: "float64" });
    const x = randn([2, 3, 7, 6], { rng: rng(2), dtype: "float64" });
    const y = conv.forward(x);
    const ref = convRef(x.data, [2, 3, 7, 6], conv.weight.values, conv.bias!.values, 4, 3, s, p);
    expect(y.shape).toEqual(ref.shape);
    expect(allClose(y.data, ref.out, FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
  });
  it("backward passes the gradient check (input, weight, bias) with stride and padding", () => {
    const r = checkModule(new Conv2d(2, 3, [3, 2], { rng: rng(3), stride: [2, 1], padding: [1, 0] }), randn([2, 2, 5, 4], { rng: rng(4) }));
    expect(r.results.map((q) => q.name)).toEqual(["input", "weight", "bias"]);
    expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
  });
  it("accumulates weight gradients across backward calls; a gradient written after zeroGrad is kept", () => {
    const conv = new Conv2d(2, 3, 3, { rng: rng(5), padding: 1 }), x = randn([2, 2, 5, 5], { rng: rng(6) });
    const y = conv.forward(x);
    conv.backward(y);
    const once = Array.from(conv.weight.gradValues);
    conv.backward(y);
    expect(allClose(conv.weight.gradValues, once.map((v) => 2 * v), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    conv.zeroGrad();
    expect(conv.weight.gradIsZero).toBe(true);
    l2Penalty(conv.weight, 0.5); // adds w to the gradient and clears gradIsZero
    conv.backward(y);
    expect(allClose(conv.weight.gradValues, once.map((v, i) => v + conv.weight.values[i]), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
  });
  it("has PyTorch's shapes, init bound 1/sqrt(C*k*k) and repr", () => {
    const conv = new Conv2d(3, 32, 3, { rng: rng(0), padding: 1 });
    expect(conv.forward(zeros([2, 3, 32, 32])).shape).toEqual([2, 32, 32, 32]);
    expect(conv.weight.shape).toEqual([32, 3, 3, 3]);
    expect(Math.max(...conv.weight.values.map(Math.abs))).toBeLessThanOrEqual(Math.fround(1 / Math.sqrt(27)));
    expect(String(conv)).toBe("Conv2d(3, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))");
  });
  it("explains bad input", () => {
    const conv = new Conv2d(3, 8, 5, { rng: rng(0) });
    expect(() => conv.forward(zeros([2, 4, 8, 8]))).toThrow("Conv2d.forward: expected input of shape [N, 3, H, W], got [2, 4, 8, 8]");
    expect(() => conv.forward(zeros([2, 3, 4, 4]))).toThrow("Conv2d.forward: kernel 5x5 with padding 0,0 does not fit input 4x4");
    expect(() => new Conv2d(3, 8, 0, { rng: rng(0) })).toThrow(/Conv2d: kernelSize must be an integer >= 1/);
  });
});
