import { describe, expect, it } from "vitest";
import { randn, tensor, zeros } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { BatchNorm1d, BatchNorm2d } from "../../../../lib/nn/batchnorm.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { allClose, BN_MOMENT_ATOL, FLOAT64_ATOL_SUMS, GRADCHECK_REL_ERROR, FLOAT32_RTOL, FLOAT32_ATOL } from "../../tolerance.js";

describe("BatchNorm1d / BatchNorm2d (PyTorch semantics)", () => {
  it("training: biased batch variance, eps 1e-5; running stats with momentum 0.1 and unbiased variance", () => {
    const bn = new BatchNorm1d(2).to("float64");
    const x = tensor([[1, 10], [2, 20], [3, 30], [6, 60]], { dtype: "float64" });
    const y = bn.forward(x, { training: true });
    const col0 = [1, 2, 3, 6], mean = 3, varB = (4 + 1 + 0 + 9) / 4, varU = 14 / 3;
    expect(allClose([0, 1, 2, 3].map((i) => y.data[i * 2]), col0.map((v) => (v - mean) / Math.sqrt(varB + 1e-5)), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    expect(allClose(bn.runningMean.data, [0.1 * 3, 0.1 * 30], 0, FLOAT64_ATOL_SUMS)).toBe(true);
    expect(allClose(bn.runningVar.data, [0.9 + 0.1 * varU, 0.9 + 0.1 * varU * 100], 0, FLOAT64_ATOL_SUMS)).toBe(true);
  });
  it("eval uses the running statistics and does not update them", () => {
    const bn = new BatchNorm1d(1).to("float64");
    (bn.runningMean.data as Float64Array)[0] = 2;
    (bn.runningVar.data as Float64Array)[0] = 4;
    (bn.weight!.values as Float64Array)[0] = 3;
    (bn.bias!.values as Float64Array)[0] = 1;
    const y = bn.forward(tensor([[4], [0]], { dtype: "float64" }), { training: false });
    const s = 1 / Math.sqrt(4 + 1e-5);
    expect(allClose(y.data, [3 * 2 * s + 1, 3 * -2 * s + 1], 0, FLOAT64_ATOL_SUMS)).toBe(true);
    expect(Array.from(bn.runningMean.data)).toEqual([2]);
  });
  it("2d normalizes each channel over N, H, W to mean 0 / variance 1 in training", () => {
    const bn = new BatchNorm2d(3);
    const y = bn.forward(randn([4, 3, 5, 5], { rng: rng(1) }), { training: true }), d = y.data;
    for (let c = 0; c < 3; c++) {
      let s = 0, s2 = 0;
      for (let n = 0; n < 4; n++) for (let k = 0; k < 25; k++) { const v = d[(n * 3 + c) * 25 + k]; s += v; s2 += v * v; }
      expect(Math.abs(s / 100)).toBeLessThan(BN_MOMENT_ATOL);
      expect(Math.abs(s2 / 100 - 1)).toBeLessThan(BN_MOMENT_ATOL);
    }
  });
  it("backward passes the gradient check in training and in eval, 1d, 1d with length, and 2d", () => {
    for (const [bn, shape, training] of [
      [new BatchNorm1d(3), [5, 3], true], [new BatchNorm1d(2), [3, 2, 4], true], [new BatchNorm2d(2), [2, 2, 3, 3], true],
      [new BatchNorm2d(2), [2, 2, 3, 3], false], [new BatchNorm1d(3, { affine: false }), [4, 3], true],
    ] as const) {
      const x = randn(shape as number[], { rng: rng(2) });
      bn.to("float64");
      const w = bn.weight?.values; if (w) for (let i = 0; i < w.length; i++) w[i] = 1 + 0.5 * i;
      const r = checkModule(bn, x, { forward: { training } });
      expect(r.maxRelError, `${bn} ${shape} training=${training}`).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
  it("refuses a training batch of one and a missing mode", () => {
    const bn = new BatchNorm1d(4);
    expect(() => bn.forward(zeros([1, 4]), { training: true })).toThrow(/BatchNorm1d.forward: training needs more than 1 value per channel .* got input \[1, 4\] \(a batch of one\)/);
    expect(bn.forward(zeros([1, 4]), { training: false }).shape).toEqual([1, 4]);
    expect(() => bn.forward(zeros([2, 4]))).toThrow(/BatchNorm1d.forward: pass the mode explicitly/);
    expect(() => bn.forward(zeros([2, 5]), { training: true })).toThrow("BatchNorm1d.forward: expected input of shape [N, 4] or [N, 4, L], got [2, 5]");
    expect(String(bn)).toBe("BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=true)");
    expect(String(new BatchNorm2d(3, { eps: 1e-3, momentum: 0.01 }))).toBe("BatchNorm2d(3, eps=0.001, momentum=0.01, affine=true)");
  });
});
