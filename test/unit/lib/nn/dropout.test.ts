import { describe, expect, it } from "vitest";
import { full, ones, randn, tensor, type Tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { Dropout, dropout, dropoutBackward, dropoutForward } from "../../../../lib/nn/dropout.js";
import { gradCheck } from "../../../../lib/nn/gradcheck.js";
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

// Function forms (torch.nn.functional.dropout): the Dropout class calls them, so both must
// agree to the byte; their backward takes the cache their forward returned.
const bytesOf = (t: Tensor): number[] => { const a = t.toTypedArray(); return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); };
// Values a copy could lose: -0, NaN, infinities, a subnormal.
const edgy = (dtype: "float32" | "float64") => tensor([1.5, -0, NaN, Infinity, -Infinity, 1e-40, -3.25, 7], { dtype });

describe("dropout / dropoutForward / dropoutBackward (function forms)", () => {
  it("function and class give identical bytes for the same input and seed: outputs, masks and gradients", () => {
    for (const dtype of ["float32", "float64"] as const) for (const rate of [{ keep: 0.7 }, { drop: 0.4 }] as const) for (const variant of ["inverted", "vanilla"] as const) for (const training of [true, false]) {
      const x = randn([6, 7], { rng: rng(11), dtype }), dout = randn([6, 7], { rng: rng(12), dtype });
      const layer = new Dropout({ ...rate, variant });
      const yc = layer.forward(x, { training, rng: rng(13) }), dxc = layer.backward(dout);
      const { out, cache } = dropoutForward(x, { ...rate, variant, training, rng: rng(13) });
      const what = `${dtype} ${JSON.stringify(rate)} ${variant} training=${training}`;
      expect(bytesOf(out), what).toEqual(bytesOf(yc));
      expect(bytesOf(dropout(x, { ...rate, variant, training, rng: rng(13) })), what).toEqual(bytesOf(yc));
      expect(cache.mask === null ? null : Array.from(cache.mask), what).toEqual(layer.mask === null ? null : Array.from(layer.mask));
      expect(bytesOf(dropoutBackward(dout, cache)), what).toEqual(bytesOf(dxc));
    }
  });
  it("keep = 1 (drop = 0) in training is the identity, to the byte, in both variants", () => {
    for (const dtype of ["float32", "float64"] as const) for (const variant of ["inverted", "vanilla"] as const) for (const rate of [{ keep: 1 }, { drop: 0 }] as const) {
      const x = edgy(dtype);
      expect(bytesOf(dropout(x, { ...rate, variant, training: true, rng: rng(1) })), `${dtype} ${variant}`).toEqual(bytesOf(x));
    }
  });
  it("eval: inverted is always the identity; vanilla multiplies by keep; no generator needed", () => {
    for (const keep of [0, 0.25, 0.5, 1]) {
      const x = edgy("float32");
      const y = dropout(x, { keep, training: false });
      expect(bytesOf(y), `keep=${keep}`).toEqual(bytesOf(x));
      expect(y).not.toBe(x); // a new tensor: writing into the output never changes the input
      const v = dropout(x, { keep, variant: "vanilla", training: false });
      expect(Array.from(v.data), `vanilla keep=${keep}`).toEqual(Array.from(x.data, (a) => Math.fround(a * keep)));
    }
  });
  it("E[output] = x (inverted) and keep·x (vanilla) within sampling error; keep = 0 gives zeros", () => {
    const x = ones([N]), keep = 0.7;
    // Mean of N Bernoulli(keep) draws: standard error sqrt(keep(1-keep)/N); inverted scales it by 1/keep.
    const se = Math.sqrt(keep * (1 - keep) / N);
    const inv = Array.from(dropout(x, { drop: 1 - keep, training: true, rng: rng(21) }).data).reduce((s, v) => s + v, 0) / N;
    const van = Array.from(dropout(x, { keep, variant: "vanilla", training: true, rng: rng(22) }).data).reduce((s, v) => s + v, 0) / N;
    expect(Math.abs(inv - 1)).toBeLessThan(SAMPLING_SIGMAS * se / keep);
    expect(Math.abs(van - keep)).toBeLessThan(SAMPLING_SIGMAS * se);
    expect(Array.from(dropout(tensor([3, -2]), { keep: 0, training: true, rng: rng(0) }).data)).toEqual([0, 0]);
  });
  it("backward passes the gradient check with a fixed mask (same generator state), both variants and modes", () => {
    const x = randn([4, 5], { rng: rng(4), dtype: "float64" }), dout = randn([4, 5], { rng: rng(6), dtype: "float64" });
    for (const variant of ["inverted", "vanilla"] as const) for (const training of [true, false]) {
      const opts = () => ({ keep: 0.6, variant, training, rng: rng(5) });
      const f = (v: Tensor): number => { const y = dropout(v, opts()).data; let s = 0; for (let i = 0; i < y.length; i++) s += y[i] * dout.data[i]; return s; };
      const r = gradCheck(f, (v) => dropoutBackward(dout, dropoutForward(v, opts()).cache), x);
      expect(r.maxRelError, `${variant} training=${training}`).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
  it("errors name the function, what it expected and what it got", () => {
    const x = ones([2, 2]), g = rng(0);
    expect(() => dropout(x, { keep: 1.5, training: true, rng: g })).toThrow("dropout: keep must be a probability in [0, 1], got 1.5");
    expect(() => dropout(x, { drop: -0.1, training: true, rng: g })).toThrow("dropout: drop must be a probability in [0, 1], got -0.1");
    expect(() => dropout(x, { keep: NaN, training: false })).toThrow("dropout: keep must be a probability in [0, 1], got NaN");
    expect(() => dropout(x, { p: 0.5, training: true, rng: g } as never)).toThrow(/dropout: pass exactly one of \{ keep \} .* or \{ drop \} .*; got \{ p: 0.5 \}, which is ambiguous/);
    expect(() => dropout(x, { drop: 0.5, training: true })).toThrow("dropout: training mode draws a random mask; pass the generator: dropout(x, { drop: 0.5, training: true, rng: rng(0) })");
    expect(() => dropout(x, { drop: 0.5 } as never)).toThrow(/dropout: pass the mode explicitly/);
    expect(() => dropoutForward(x, { drop: 0.5, training: "yes" } as never)).toThrow(/dropoutForward: pass the mode explicitly/);
    expect(() => dropout(x, { drop: 0.5, training: false, variant: "scaled" as never })).toThrow('dropout: variant must be "inverted" or "vanilla", got "scaled"');
    expect(() => dropout(tensor([1, 2], { dtype: "int32" }), { drop: 0.5, training: false })).toThrow("dropout: expected a float32 or float64 tensor, got int32");
    const { cache } = dropoutForward(x, { drop: 0.5, training: true, rng: g });
    expect(() => dropoutBackward(ones([3]), cache)).toThrow("dropoutBackward: dout has shape [3] but the last forward produced [2, 2]");
    expect(() => dropoutBackward(ones([2, 2]), undefined as never)).toThrow("dropoutBackward: expected the cache returned by dropoutForward(x, opts)");
    expect(() => new Dropout({ drop: 0.5 }).backward(ones([2]))).toThrow("Dropout.backward: call forward before backward");
  });
});
