import { describe, expect, it } from "vitest";
import { randn, tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { mseLoss, softmax, softmaxCrossEntropy, svmLoss } from "../../../../lib/nn/losses.js";
import { gradCheck } from "../../../../lib/nn/gradcheck.js";
import { ACTIVATION_RTOL, allClose, FLOAT64_ATOL_SUMS, GRADCHECK_REL_ERROR } from "../../tolerance.js";

const close = (a: number, b: number) => allClose([a], [b], ACTIVATION_RTOL, 0);

describe("softmaxCrossEntropy (torch.nn.functional.cross_entropy semantics)", () => {
  it("matches -log softmax at the target, averaged", () => {
    const s = [[2, 1, 0.1], [0.5, 2.5, -1]];
    const r = softmaxCrossEntropy(tensor(s, { dtype: "float64" }), [0, 1]);
    const ce = (row: number[], y: number) => -(row[y] - Math.log(row.reduce((a, v) => a + Math.exp(v), 0)));
    expect(close(r.loss, (ce(s[0], 0) + ce(s[1], 1)) / 2)).toBe(true);
    // PyTorch 1.13: F.cross_entropy(torch.tensor([[2, 1, .1], [.5, 2.5, -1]]).double(), torch.tensor([0, 1]))
    expect(close(r.loss, 0.2851041117000609)).toBe(true);
  });
  it("is stable for huge logits", () => {
    const r = softmaxCrossEntropy(tensor([[1000, 0]], { dtype: "float64" }), [1]);
    expect(r.loss).toBe(1000);
    expect(Array.from(r.grad.data)).toEqual([1, -1]);
  });
  it("label smoothing puts 1-(K-1)eps/K on the target and eps/K elsewhere (PyTorch's value)", () => {
    const s = tensor([[2, 1, 0.1]], { dtype: "float64" });
    const eps = 0.1, K = 3;
    const lse = Math.log(Math.exp(2) + Math.exp(1) + Math.exp(0.1));
    const logp = [2 - lse, 1 - lse, 0.1 - lse];
    const want = -((1 - ((K - 1) * eps) / K) * logp[0] + (eps / K) * (logp[1] + logp[2]));
    expect(close(softmaxCrossEntropy(s, [0], { labelSmoothing: eps }).loss, want)).toBe(true);
    // PyTorch 1.13: F.cross_entropy(torch.tensor([[2., 1., .1]]).double(), torch.tensor([0]), label_smoothing=0.1)
    expect(close(softmaxCrossEntropy(s, [0], { labelSmoothing: eps }).loss, 0.5136966829445002)).toBe(true);
  });
  it("accepts soft targets (probabilities), smoothed as PyTorch does", () => {
    const s = tensor([[0.2, -1, 3]], { dtype: "float64" });
    const q = tensor([[0.4, 0.6, 0]], { dtype: "float64" });
    const lse = Math.log(Math.exp(0.2) + Math.exp(-1) + Math.exp(3));
    expect(close(softmaxCrossEntropy(s, q).loss, -(0.4 * (0.2 - lse) + 0.6 * (-1 - lse)))).toBe(true);
    const qs = [0.4 * 0.8 + 0.2 / 3, 0.6 * 0.8 + 0.2 / 3, 0.2 / 3];
    const want = -(qs[0] * (0.2 - lse) + qs[1] * (-1 - lse) + qs[2] * (3 - lse));
    expect(close(softmaxCrossEntropy(s, q, { labelSmoothing: 0.2 }).loss, want)).toBe(true);
    expect(close(want, 3.34548451098331)).toBe(true); // PyTorch 1.13, same call
  });
  it("gradient passes the gradient check (hard, smoothed, soft, sum)", () => {
    const x = randn([4, 5], { rng: rng(1), dtype: "float64" });
    const q = softmax(randn([4, 5], { rng: rng(2), dtype: "float64" }));
    const cases = [
      (t: ReturnType<typeof tensor>) => softmaxCrossEntropy(t, [0, 3, 4, 1]),
      (t: ReturnType<typeof tensor>) => softmaxCrossEntropy(t, [0, 3, 4, 1], { labelSmoothing: 0.3 }),
      (t: ReturnType<typeof tensor>) => softmaxCrossEntropy(t, q),
      (t: ReturnType<typeof tensor>) => softmaxCrossEntropy(t, [2, 2, 2, 2], { reduction: "sum" }),
    ];
    for (const f of cases) {
      const r = gradCheck((v) => f(tensor(v, { shape: [4, 5] })).loss, (v) => f(tensor(v, { shape: [4, 5] })).grad.data, x.data);
      expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
  it("explains bad targets", () => {
    const s = tensor([[1, 2]]);
    expect(() => softmaxCrossEntropy(s, [2])).toThrow("softmaxCrossEntropy: target 0 is 2; class indices must be integers in [0, 1]");
    expect(() => softmaxCrossEntropy(s, [0, 1])).toThrow("softmaxCrossEntropy: 1 score rows but 2 targets");
    expect(() => softmaxCrossEntropy(tensor([1, 2]), [0])).toThrow(/expected scores of shape \[N, C\], got \[2\]/);
    expect(() => softmaxCrossEntropy(s, [0], { labelSmoothing: 1.5 })).toThrow(/labelSmoothing must be in \[0, 1\], got 1.5/);
  });
});

describe("svmLoss (the lecture's multiclass hinge loss)", () => {
  it("reproduces the CS231n example: cat 2.9, car 0, frog 12.9; mean 5.27", () => {
    const s = tensor([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]], { dtype: "float64" });
    const r = svmLoss(s, [0, 1, 2]);
    expect(allClose(r.losses, [2.9, 0, 12.9], ACTIVATION_RTOL, FLOAT64_ATOL_SUMS)).toBe(true);
    expect(close(r.loss, 15.8 / 3)).toBe(true);
  });
  it("gradient passes the gradient check away from the hinge", () => {
    const x = randn([3, 4], { rng: rng(3), dtype: "float64" });
    const f = (v: ArrayLike<number>) => svmLoss(tensor(v as Float64Array, { shape: [3, 4] }), [1, 0, 3]);
    const r = gradCheck((v) => f(v).loss, (v) => f(v).grad.data, x.data);
    expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
  });
});

describe("mseLoss", () => {
  it("is the mean of squared differences with gradient 2(p-t)/n", () => {
    const r = mseLoss(tensor([1, 2, 3], { dtype: "float64" }), [1, 4, 0]);
    expect(r.loss).toBe((0 + 4 + 9) / 3);
    expect(Array.from(r.grad.data)).toEqual([0, -4 / 3, 2]);
  });
});
