import { describe, expect, it } from "vitest";
import { full, ones, randn } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { Dropout } from "../../../../lib/nn/dropout.js";
import { keepProbability } from "../../../../lib/nn/rate.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { GRADCHECK_REL_ERROR, SAMPLING_SIGMAS } from "../../tolerance.js";

const N = 200_000;

describe("Dropout: the lecture's keep probability vs PyTorch's drop probability", () => {
  it("names the rate: { keep } is the lecture's p, { drop } is PyTorch's p", () => {
    expect(keepProbability("t", { keep: 0.8 })).toBe(0.8);
    expect(keepProbability("t", { drop: 0.25 })).toBe(0.75);
    expect(() => new Dropout(0.5 as never)).toThrow(/Dropout: pass exactly one of \{ keep \} .* or \{ drop \} .*; got the bare number 0.5, which is ambiguous/);
    expect(() => new Dropout({ keep: 0.5, drop: 0.5 } as never)).toThrow(/exactly one of/);
    expect(() => new Dropout({ drop: 1.5 })).toThrow("Dropout: drop must be a probability in [0, 1], got 1.5");
  });
  it("inverted: training keeps ~p of the units scaled by 1/p, so E[a] is unchanged; eval is the identity", () => {
    const d = new Dropout({ keep: 0.8 });
    const y = d.forward(ones([N]), { training: true, rng: rng(1) });
    let kept = 0, sum = 0, wrong = 0;
    for (const v of y.data) { if (v !== 0) { kept++; if (v !== Math.fround(1 / 0.8)) wrong++; } sum += v; }
    expect(wrong).toBe(0);
    // Binomial(N, p): sd of the kept fraction sqrt(p(1-p)/N); E[a] = 1 within its sampling error.
    const se = Math.sqrt(0.8 * 0.2 / N);
    expect(Math.abs(kept / N - 0.8)).toBeLessThan(SAMPLING_SIGMAS * se);
    expect(Math.abs(sum / N - 1)).toBeLessThan((SAMPLING_SIGMAS * se) / 0.8);
    expect(Array.from(d.forward(ones([5]), { training: false }).data)).toEqual([1, 1, 1, 1, 1]);
  });
  it("vanilla: training drops without scaling; test multiplies by p (the slide's predict())", () => {
    const d = new Dropout({ keep: 0.5, variant: "vanilla" });
    const y = d.forward(ones([N]), { training: true, rng: rng(2) });
    let kept = 0, wrong = 0;
    for (const v of y.data) { if (v !== 0) { kept++; if (v !== 1) wrong++; } }
    expect(wrong).toBe(0);
    expect(Math.abs(kept / N - 0.5)).toBeLessThan(SAMPLING_SIGMAS * Math.sqrt(0.25 / N));
    // Output at test time = expected output at training time: x * p.
    expect(Array.from(d.forward(full([3], 4), { training: false }).data)).toEqual([2, 2, 2]);
  });
  it("{ drop } reproduces torch.nn.Dropout(p): keep 1-p, scale 1/(1-p)", () => {
    const y = new Dropout({ drop: 0.2 }).forward(ones([1000]), { training: true, rng: rng(3) });
    expect(new Set(y.data)).toEqual(new Set([0, Math.fround(1.25)]));
  });
  it("is reproducible and needs the mode and the generator", () => {
    const a = new Dropout({ drop: 0.5 }).forward(ones([64]), { training: true, rng: rng(9) });
    const b = new Dropout({ drop: 0.5 }).forward(ones([64]), { training: true, rng: rng(9) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(() => new Dropout({ drop: 0.5 }).forward(ones([2]))).toThrow(/Dropout.forward: pass the mode explicitly/);
    expect(() => new Dropout({ drop: 0.5 }).forward(ones([2]), { training: true })).toThrow(/Dropout.forward: training mode draws random masks; pass the generator/);
  });
  it("backward passes the gradient check with a fixed mask, both variants and modes", () => {
    for (const variant of ["inverted", "vanilla"] as const) for (const training of [true, false]) {
      const r = checkModule(new Dropout({ keep: 0.6, variant }), randn([4, 5], { rng: rng(4) }), { forward: { training, rng: rng(5) } });
      expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
});
