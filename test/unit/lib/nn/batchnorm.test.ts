import { describe, expect, it } from "vitest";
import { ones, randn, Tensor, tensor, zeros } from "../../../../lib/tensor/index.js";
import "../../../../lib/ops/index.js"; // installs x.add / x.mul on Tensor
import { rng } from "../../../../lib/random/index.js";
import { BatchNorm1d, BatchNorm2d, batchNorm, batchNormBackward, batchNormForward, batchNormState } from "../../../../lib/nn/batchnorm.js";
import { gradCheck } from "../../../../lib/nn/gradcheck.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { allClose, BN_MOMENT_ATOL, FLOAT64_ATOL, FLOAT64_ATOL_SUMS, FLOAT64_RTOL, GRADCHECK_REL_ERROR, FLOAT32_RTOL, FLOAT32_ATOL } from "../../tolerance.js";

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

// Function forms (torch.nn.functional.batch_norm): the classes call them with themselves as the
// state, so both must agree to the byte; running statistics are closed forms of the batches.
const bytesOf = (t: Tensor | Float32Array | Float64Array): number[] => {
  const a = t instanceof Tensor ? t.toTypedArray() : t;
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
};
const f64 = { dtype: "float64" } as const;
/** Per-channel mean and unbiased variance of an [N, C, *] batch, in a plain float64 loop. */
function channelStats(x: Tensor): { mean: number[]; varU: number[] } {
  const [n, c] = x.shape, inner = x.size / (n * c), d = x.toTypedArray(), mean: number[] = [], varU: number[] = [];
  for (let ch = 0; ch < c; ch++) {
    const v: number[] = [];
    for (let i = 0; i < n; i++) for (let k = 0; k < inner; k++) v.push(d[(i * c + ch) * inner + k]);
    const m = v.reduce((s, a) => s + a, 0) / v.length;
    mean.push(m); varU.push(v.reduce((s, a) => s + (a - m) ** 2, 0) / (v.length - 1));
  }
  return { mean, varU };
}
// Batches of different sizes and scales, so an average weighted by batch size would differ.
const batches = (shapes: number[][]) => shapes.map((s, i) => randn(s, { rng: rng(30 + i), dtype: "float64" }).mul(1 + i).add(i - 2));

describe("batchNorm / batchNormForward / batchNormBackward (function forms)", () => {
  it("function and class give identical bytes: outputs, running statistics, counts and gradients", () => {
    for (const momentum of [0.1, null, 0.3]) {
      const bn = new BatchNorm2d(3, { momentum }), state = batchNormState(3);
      const w = bn.weight!.values, b = bn.bias!.values;
      w.set([1.5, -0.5, 2]); b.set([0.1, 0, -0.3]);
      const affine = { weight: bn.weight!.data.clone(), bias: bn.bias!.data.clone() };
      for (const [i, training] of [true, true, false, true, false].entries()) {
        const x = randn([4, 3, 2, 5], { rng: rng(40 + i) }).mul(2).add(1), dout = randn([4, 3, 2, 5], { rng: rng(50 + i) });
        const yc = bn.forward(x, { training });
        const { out, cache } = batchNormForward(x, state, { training, momentum, ...affine });
        const what = `momentum=${momentum} call ${i} training=${training}`;
        expect(bytesOf(out), what).toEqual(bytesOf(yc));
        expect(bytesOf(state.runningMean), what).toEqual(bytesOf(bn.runningMean));
        expect(bytesOf(state.runningVar), what).toEqual(bytesOf(bn.runningVar));
        expect(state.numBatchesTracked, what).toBe(bn.numBatchesTracked);
        bn.zeroGrad();
        const dxc = bn.backward(dout), g = batchNormBackward(dout, cache);
        expect(bytesOf(g.dx), what).toEqual(bytesOf(dxc));
        expect(bytesOf(g.dweight!), what).toEqual(bytesOf(bn.weight!.grad));
        expect(bytesOf(g.dbias!), what).toEqual(bytesOf(bn.bias!.grad));
      }
      expect(state.numBatchesTracked).toBe(3);
    }
  });
  it("momentum null: running mean = mean of the batch means, running var = mean of the unbiased batch variances", () => {
    const xs = batches([[5, 3], [2, 3], [9, 3], [4, 3]]);
    const bn = new BatchNorm1d(3, { momentum: null }).to("float64"), state = batchNormState(3, f64);
    xs.forEach((x, k) => {
      bn.forward(x, { training: true });
      batchNorm(x, state, { training: true, momentum: null });
      const seen = xs.slice(0, k + 1).map(channelStats);
      const avg = (key: "mean" | "varU") => [0, 1, 2].map((c) => seen.reduce((s, st) => s + st[key][c], 0) / seen.length);
      for (const s of [bn, state]) {
        expect(allClose(s.runningMean.data, avg("mean"), FLOAT64_RTOL, FLOAT64_ATOL), `mean after ${k + 1}`).toBe(true);
        expect(allClose(s.runningVar.data, avg("varU"), FLOAT64_RTOL, FLOAT64_ATOL), `var after ${k + 1}`).toBe(true);
        expect(s.numBatchesTracked).toBe(k + 1);
      }
    });
    // The first batch replaces the initial (0, 1) statistics completely (factor 1/1).
    const one = batchNormState(3, f64);
    batchNorm(xs[1], one, { training: true, momentum: null });
    expect(allClose(one.runningVar.data, channelStats(xs[1]).varU, FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
  });
  it("momentum null on [N, C, H, W]: statistics over N, H and W", () => {
    const xs = batches([[2, 2, 3, 3], [3, 2, 2, 4]]), state = batchNormState(2, f64);
    for (const x of xs) batchNorm(x, state, { training: true, momentum: null });
    const st = xs.map(channelStats);
    expect(allClose(state.runningMean.data, [0, 1].map((c) => (st[0].mean[c] + st[1].mean[c]) / 2), FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    expect(allClose(state.runningVar.data, [0, 1].map((c) => (st[0].varU[c] + st[1].varU[c]) / 2), FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
  });
  it("momentum 0.1 (default) and 0.25 follow the float64 recurrence running = (1-m)·running + m·batch", () => {
    const xs = batches([[6, 2], [3, 2], [8, 2], [5, 2], [7, 2]]);
    for (const m of [undefined, 0.25]) {
      const mm = m ?? 0.1, state = batchNormState(2, f64), bn = new BatchNorm1d(2, { momentum: m }).to("float64");
      const rm = [0, 0], rv = [1, 1];
      for (const x of xs) {
        batchNorm(x, state, { training: true, momentum: m });
        bn.forward(x, { training: true });
        const st = channelStats(x);
        for (let c = 0; c < 2; c++) { rm[c] = (1 - mm) * rm[c] + mm * st.mean[c]; rv[c] = (1 - mm) * rv[c] + mm * st.varU[c]; }
      }
      for (const s of [state, bn]) {
        expect(allClose(s.runningMean.data, rm, FLOAT64_RTOL, FLOAT64_ATOL), `momentum ${mm}`).toBe(true);
        expect(allClose(s.runningVar.data, rv, FLOAT64_RTOL, FLOAT64_ATOL), `momentum ${mm}`).toBe(true);
        expect(s.numBatchesTracked).toBe(5); // counted whatever the momentum, as PyTorch
      }
    }
  });
  it("eval normalizes with the state and leaves it untouched; training without a state uses batch statistics only", () => {
    const state = batchNormState(1, f64);
    state.runningMean.data[0] = 2; state.runningVar.data[0] = 4; state.numBatchesTracked = 7;
    const y = batchNorm(tensor([[4], [0]], f64), state, { training: false, weight: tensor([3], f64), bias: tensor([1], f64) });
    const s = 1 / Math.sqrt(4 + 1e-5);
    expect(allClose(y.data, [3 * 2 * s + 1, 3 * -2 * s + 1], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    expect([state.runningMean.data[0], state.runningVar.data[0], state.numBatchesTracked]).toEqual([2, 4, 7]);
    const x = batches([[4, 2]])[0], with_ = batchNormState(2, f64);
    expect(bytesOf(batchNorm(x, null, { training: true }))).toEqual(bytesOf(batchNorm(x, with_, { training: true })));
    expect(() => batchNorm(x, null, { training: false })).toThrow("batchNorm: eval mode normalizes with the running statistics; pass a state (batchNormState(2)) or use { training: true }");
  });
  it("updates the state in place, through a strided view too", () => {
    const store = zeros([2, 3], f64), state = { runningMean: store.slice(0, ":"), runningVar: ones([3], f64), numBatchesTracked: 0 };
    const col = zeros([3, 2], f64), viewState = { runningMean: col.slice(":", 1), runningVar: ones([3], f64), numBatchesTracked: 0 };
    const x = batches([[5, 3]])[0], before = state.runningMean;
    batchNorm(x, state, { training: true, momentum: null });
    batchNorm(x, viewState, { training: true, momentum: null });
    const { mean } = channelStats(x);
    expect(state.runningMean).toBe(before);
    expect(allClose(store.slice(0, ":").toTypedArray(), mean, FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    expect(allClose(col.slice(":", 1).toTypedArray(), mean, FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    expect(Array.from(col.slice(":", 0).toTypedArray())).toEqual([0, 0, 0]); // the other column untouched
  });
  it("backward passes the gradient check for x, weight and bias, in training and eval, [N, C] and [N, C, H, W]", () => {
    for (const [shape, training, affine] of [[[5, 3], true, true], [[2, 3, 2, 3], true, true], [[4, 3], false, true], [[2, 3, 3, 2], false, true], [[4, 3], true, false]] as const) {
      const x = randn(shape as unknown as number[], { rng: rng(2), dtype: "float64" }), dout = randn(shape as unknown as number[], { rng: rng(3), dtype: "float64" });
      const state = batchNormState(3, f64);
      state.runningMean.data.set([0.5, -1, 2]); state.runningVar.data.set([0.7, 2, 1.3]);
      const p = { weight: tensor([1.5, -0.5, 2], f64), bias: tensor([0.1, 0, -0.3], f64) };
      const opts = (q: Partial<typeof p> = {}) => ({ training, ...(affine ? { ...p, ...q } : {}) });
      // A fresh copy of the state per evaluation: every call sees the same statistics.
      const fresh = () => ({ runningMean: state.runningMean.clone(), runningVar: state.runningVar.clone(), numBatchesTracked: 0 });
      const dot = (y: Tensor) => { let s = 0; for (let i = 0; i < y.size; i++) s += y.data[i] * dout.data[i]; return s; };
      const g = batchNormBackward(dout, batchNormForward(x, fresh(), opts()).cache);
      const what = `${shape} training=${training} affine=${affine}`;
      expect(gradCheck((v: Tensor) => dot(batchNorm(v, fresh(), opts())), () => g.dx, x).maxRelError, `dx ${what}`).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
      if (!affine) { expect([g.dweight, g.dbias]).toEqual([null, null]); continue; }
      expect(gradCheck((w: Tensor) => dot(batchNorm(x, fresh(), opts({ weight: w }))), () => g.dweight!, p.weight).maxRelError, `dweight ${what}`).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
      expect(gradCheck((b: Tensor) => dot(batchNorm(x, fresh(), opts({ bias: b }))), () => g.dbias!, p.bias).maxRelError, `dbias ${what}`).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
  it("errors name the function, the expected and the given shapes and values", () => {
    const x = zeros([4, 3]), st = batchNormState(3);
    expect(() => batchNorm(x, { ...st, runningMean: zeros([4]) }, { training: true })).toThrow("batchNorm: state.runningMean must have shape [3] (one value per channel of input [4, 3]), got [4]");
    expect(() => batchNorm(x, { ...st, runningVar: zeros([3, 1]) }, { training: false })).toThrow("batchNorm: state.runningVar must have shape [3] (one value per channel of input [4, 3]), got [3, 1]");
    expect(() => batchNorm(x, { ...st, runningVar: undefined as never }, { training: false })).toThrow("batchNorm: state.runningVar must be a Tensor of shape [3], got undefined");
    expect(() => batchNorm(x, batchNormState(3, f64), { training: true })).toThrow('batchNorm: state.runningMean is float64 but the input is float32; use one dtype (e.g. x.astype("float64"))');
    expect(() => batchNorm(x, { ...st, numBatchesTracked: -1 }, { training: true })).toThrow("batchNorm: state.numBatchesTracked must be an integer >= 0, got -1");
    expect(() => batchNorm(x, st, { training: true, weight: ones([2]) })).toThrow("batchNorm: weight must have shape [3] (one value per channel of input [4, 3]), got [2]");
    expect(() => batchNorm(x, st, { training: true, bias: ones([3, 3]) })).toThrow("batchNorm: bias must have shape [3] (one value per channel of input [4, 3]), got [3, 3]");
    expect(() => batchNorm(zeros([1, 3]), st, { training: true })).toThrow("batchNorm: training needs more than 1 value per channel to compute a variance; got input [1, 3] (a batch of one). Use a larger batch or { training: false }");
    expect(() => batchNormForward(zeros([1, 3, 1]), st, { training: true })).toThrow(/batchNormForward: training needs more than 1 value per channel/);
    expect(st.numBatchesTracked).toBe(0); // a refused call changes nothing
    expect(batchNorm(zeros([1, 3]), st, { training: false }).shape).toEqual([1, 3]);
    expect(() => batchNorm(zeros([3]), st, { training: true })).toThrow("batchNorm: expected input of shape [N, C] or [N, C, *], got [3]");
    expect(() => batchNorm(x, st, { training: true, momentum: 1.5 })).toThrow("batchNorm: momentum must be a number in [0, 1], or null for the cumulative average, got 1.5");
    expect(() => batchNorm(x, st, { training: true, eps: -1 })).toThrow("batchNorm: eps must be a finite number >= 0, got -1");
    expect(() => batchNorm(x, st, {} as never)).toThrow("batchNorm: pass the mode explicitly: batchNorm(x, state, { training: true }) or batchNorm(x, state, { training: false })");
    expect(() => batchNormState(0)).toThrow("batchNormState: numFeatures must be a positive integer, got 0");
    const { cache } = batchNormForward(x.add(tensor([[0], [1], [2], [3]])), st, { training: true });
    expect(() => batchNormBackward(zeros([4, 2]), cache)).toThrow("batchNormBackward: dout has shape [4, 2] but the last forward produced [4, 3]");
    expect(() => batchNormBackward(zeros([4, 3]), {} as never)).toThrow("batchNormBackward: expected the cache returned by batchNormForward(x, state, opts)");
    expect(() => new BatchNorm1d(3, { momentum: -0.1 })).toThrow("BatchNorm1d: momentum must be a number in [0, 1], or null for the cumulative average, got -0.1");
    expect(String(new BatchNorm1d(3, { momentum: null }))).toBe("BatchNorm1d(3, eps=1e-05, momentum=null, affine=true)");
  });
  it("numBatchesTracked is a stateDict buffer: momentum null resumes the same average after loadStateDict", () => {
    const xs = batches([[4, 2], [6, 2], [3, 2]]);
    const a = new BatchNorm1d(2, { momentum: null }).to("float64"), b = new BatchNorm1d(2, { momentum: null }).to("float64");
    a.forward(xs[0], { training: true }); a.forward(xs[1], { training: true });
    b.loadStateDict(a.stateDict());
    expect(b.numBatchesTracked).toBe(2);
    a.forward(xs[2], { training: true }); b.forward(xs[2], { training: true });
    expect(bytesOf(b.runningMean)).toEqual(bytesOf(a.runningMean));
    expect(b.numBatchesTracked).toBe(3);
    expect(b.to("float32").namedBuffers().map(([n, t]) => [n, t.dtype])).toEqual([["runningMean", "float32"], ["runningVar", "float32"], ["numBatchesTracked", "int32"]]);
  });
});
