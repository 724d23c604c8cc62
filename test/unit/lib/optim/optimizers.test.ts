import { describe, expect, it } from "vitest";
import { randn, tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { Parameter } from "../../../../lib/nn/module.js";
import { Adam, AdamW, SGD, type Optimizer } from "../../../../lib/optim/index.js";
import { allClose, OPTIM_RTOL } from "../../tolerance.js";

// L = 0.5 Σ a·w² + 0.1 Σ w from w = [1, -2, 3]; five steps. Expected values: PyTorch 1.13,
// float64, the same loop with torch.optim (see each case).
const A = [1, 0.5, 2];
function run(make: (p: Parameter[]) => Optimizer, steps = 5): number[] {
  const p = new Parameter("w", tensor([1, -2, 3], { dtype: "float64" }));
  const opt = make([p]);
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    const w = p.values, g = p.gradValues;
    for (let i = 0; i < 3; i++) g[i] += A[i] * w[i] + 0.1;
    opt.step();
  }
  return Array.from(p.values);
}

describe("optimizers reproduce torch.optim trajectories", () => {
  it.each([
    ["SGD(lr=0.1)", (p: Parameter[]) => new SGD(p, { lr: 0.1 }), [0.5495390000000001, -1.5928056874999998, 0.9494239999999999]],
    ["SGD(momentum=0.9)", (p: Parameter[]) => new SGD(p, { lr: 0.1, momentum: 0.9 }), [-0.132076, -0.9508806874999998, -1.8202810000000007]],
    ["SGD(nesterov, weight_decay=0.01)", (p: Parameter[]) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }), [-0.22076985574206567, -0.7466266158066882, -1.3195458967552454]],
    ["SGD(momentum=0.5, dampening=0.3)", (p: Parameter[]) => new SGD(p, { lr: 0.1, momentum: 0.5, dampening: 0.3 }), [0.42880949990000006, -1.4878770060687498, 0.37568279039999997]],
    ["Adam(lr=0.1)", (p: Parameter[]) => new Adam(p, { lr: 0.1 }), [0.5068637089650823, -1.503396714595939, 2.501744398316161]],
    ["Adam(weight_decay=0.1, betas=(0.8, 0.99))", (p: Parameter[]) => new Adam(p, { lr: 0.1, weightDecay: 0.1, betas: [0.8, 0.99] }), [0.511568710669281, -1.5059181944101545, 2.5032624578908753]],
    ["AdamW(lr=0.1) (weight_decay 0.01 by default)", (p: Parameter[]) => new AdamW(p, { lr: 0.1 }), [0.5029620806005539, -1.4944993807874496, 2.487832879026683]],
  ] as const)("%s", (_, make, want) => {
    expect(allClose(run(make), want, OPTIM_RTOL, 0)).toBe(true);
  });
  it("zeroGrad clears gradients; defaults are PyTorch's", () => {
    const p = new Parameter("w", tensor([1, 2]));
    p.gradValues.fill(3);
    const adam = new Adam([p]);
    adam.zeroGrad();
    expect(Array.from(p.gradValues)).toEqual([0, 0]);
    expect([adam.lr, adam.beta1, adam.beta2, adam.eps, adam.weightDecay]).toEqual([1e-3, 0.9, 0.999, 1e-8, 0]);
    expect(new AdamW([p]).weightDecay).toBe(0.01);
  });
  it("plain SGD on a large float32 parameter (the axpy kernel) is w - lr·g in float64 rounded once, bit for bit", () => {
    const n = 70_001, w0 = randn([n], { rng: rng(1) }), p = new Parameter("w", w0.clone());
    rng(2).fillNormal(p.gradValues as Float32Array, 0, 1);
    const g = Float32Array.from(p.gradValues), before = Float32Array.from(p.values);
    new SGD([p], { lr: 0.03 }).step();
    const expected = Float32Array.from(before, (v, i) => v - 0.03 * g[i]);
    expect(Buffer.from(Float32Array.from(p.values).buffer).equals(Buffer.from(expected.buffer))).toBe(true);
  });
  it("explains bad configuration", () => {
    const p = new Parameter("w", tensor([1]));
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow("SGD: Nesterov momentum requires momentum > 0 and dampening = 0 (as PyTorch)");
    expect(() => new SGD([], { lr: 0.1 })).toThrow(/SGD: expected a non-empty list of parameters/);
    expect(() => new SGD([p], { lr: -1 })).toThrow("SGD: lr must be a finite number >= 0, got -1");
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow("Adam: betas[1] must be in [0, 1), got 1");
    expect(() => new AdamW([p], { eps: -1 })).toThrow("AdamW: eps must be in [0, Infinity), got -1");
  });
});
