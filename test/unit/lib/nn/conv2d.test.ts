import { describe, expect, it } from "vitest";
import { randn, zeros } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { Conv2d } from "../../../../lib/nn/conv2d.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL, FLOAT32_UNIT_ROUNDOFF, FLOAT64_RTOL, FLOAT64_ATOL, GRADCHECK_REL_ERROR, matmulErrorBound } from "../../tolerance.js";
import { l2Penalty } from "../../../../lib/nn/regularizers.js";
import { Sequential } from "../../../../lib/nn/sequential.js";
import { ReLU } from "../../../../lib/nn/activation-layers.js";
import { MaxPool2d } from "../../../../lib/nn/pool.js";
import { Flatten } from "../../../../lib/nn/flatten.js";
import { Linear } from "../../../../lib/nn/linear.js";
import { gemm, residentStats, setResidentBudget, swapAxes } from "../../../../lib/kernels/index.js";
import { runtime } from "../../../../lib/kernels/runtime.js";
import { sameBits } from "../kernels/bits.js";

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

// The float32 training path of Conv2d (im2col in wasm, bias as the product's ones row, dW summed
// image by image through axpy, col2im in wasm) against float64 direct loops, and the
// input-gradient skip of the first layer.
interface Case { n: number; c: number; h: number; w: number; o: number; kh: number; kw: number; s: [number, number]; p: [number, number] }
const CASES: Case[] = [
  { n: 3, c: 3, h: 9, w: 7, o: 5, kh: 3, kw: 3, s: [2, 2], p: [1, 1] },
  { n: 2, c: 4, h: 11, w: 13, o: 6, kh: 3, kw: 2, s: [2, 1], p: [1, 0] },
  { n: 2, c: 32, h: 8, w: 8, o: 8, kh: 3, kw: 3, s: [1, 1], p: [1, 1] }, // K = 288: two GEMM K-blocks
];
const name = (q: Case) => `N${q.n} C${q.c} ${q.h}x${q.w} O${q.o} k${q.kh}x${q.kw} s${q.s} p${q.p}`;

/** Float64 direct loops: y, and for a given dY: dx, dW, db; plus |W|·|x| sums for the error bounds. */
function reference(q: Case, x: ArrayLike<number>, W: ArrayLike<number>, b: ArrayLike<number>, dy: ArrayLike<number>) {
  const oh = Math.floor((q.h + 2 * q.p[0] - q.kh) / q.s[0]) + 1, ow = Math.floor((q.w + 2 * q.p[1] - q.kw) / q.s[1]) + 1;
  const y = new Float64Array(q.n * q.o * oh * ow), yAbs = new Float64Array(y.length);
  const dx = new Float64Array(q.n * q.c * q.h * q.w), dxAbs = new Float64Array(dx.length);
  const dW = new Float64Array(q.o * q.c * q.kh * q.kw), dWAbs = new Float64Array(dW.length), db = new Float64Array(q.o), dbAbs = new Float64Array(q.o);
  for (let n = 0; n < q.n; n++) for (let o = 0; o < q.o; o++) for (let yy = 0; yy < oh; yy++) for (let xx = 0; xx < ow; xx++) {
    const yi = ((n * q.o + o) * oh + yy) * ow + xx, g = dy[yi];
    let acc = b[o], abs = Math.abs(b[o]);
    db[o] += g; dbAbs[o] += Math.abs(g);
    for (let c = 0; c < q.c; c++) for (let i = 0; i < q.kh; i++) for (let j = 0; j < q.kw; j++) {
      const iy = yy * q.s[0] + i - q.p[0], ix = xx * q.s[1] + j - q.p[1];
      if (iy < 0 || iy >= q.h || ix < 0 || ix >= q.w) continue;
      const xi = ((n * q.c + c) * q.h + iy) * q.w + ix, wi = ((o * q.c + c) * q.kh + i) * q.kw + j;
      acc += x[xi] * W[wi]; abs += Math.abs(x[xi] * W[wi]);
      dx[xi] += g * W[wi]; dxAbs[xi] += Math.abs(g * W[wi]);
      dW[wi] += g * x[xi]; dWAbs[wi] += Math.abs(g * x[xi]);
    }
    y[yi] = acc; yAbs[yi] = abs;
  }
  return { y, yAbs, dx, dxAbs, dW, dWAbs, db, dbAbs, oh, ow };
}

/** Every element within the float32 product error bound for sums of `terms` products. */
function withinBound(got: ArrayLike<number>, ref: Float64Array, abs: Float64Array, terms: number): boolean {
  for (let i = 0; i < ref.length; i++) {
    if (!(Math.abs(got[i] - ref[i]) <= matmulErrorBound(terms, abs[i], ref[i], FLOAT32_UNIT_ROUNDOFF))) return false;
  }
  return true;
}

describe("Conv2d float32 training path", () => {
  it("runs on the WebAssembly kernels here", () => { expect(runtime()).not.toBeNull(); });

  it.each(CASES.map((q) => [name(q), q]))("%s: forward, dx, dW, db equal float64 direct loops within the float32 product bound", (_, q) => {
    const conv = new Conv2d(q.c, q.o, [q.kh, q.kw], { rng: rng(1), stride: q.s, padding: q.p });
    const x = randn([q.n, q.c, q.h, q.w], { rng: rng(2) });
    const y = conv.forward(x);
    const dy = randn(y.shape as number[], { rng: rng(3) });
    const r = reference(q, x.data as Float32Array, conv.weight.values, conv.bias!.values, dy.data as Float32Array);
    expect(y.shape).toEqual([q.n, q.o, r.oh, r.ow]);
    const K = q.c * q.kh * q.kw;
    expect(withinBound(y.data as Float32Array, r.y, r.yAbs, K + 1)).toBe(true);
    const dx = conv.backward(dy);
    expect(withinBound(dx.data as Float32Array, r.dx, r.dxAbs, q.o * q.kh * q.kw)).toBe(true);
    expect(withinBound(conv.weight.gradValues, r.dW, r.dWAbs, q.n * r.oh * r.ow)).toBe(true);
    expect(withinBound(conv.bias!.gradValues, r.db, r.dbAbs, q.n * r.oh * r.ow)).toBe(true);
  });

  it("the bias row is the product's last term: for K + 1 <= 256 the output equals product-then-bias bit for bit", () => {
    const q = CASES[0], conv = new Conv2d(q.c, q.o, 3, { rng: rng(4), stride: 2, padding: 1 }), noBias = new Conv2d(q.c, q.o, 3, { rng: rng(4), stride: 2, padding: 1, bias: false });
    noBias.weight.values.set(conv.weight.values);
    const x = randn([q.n, q.c, q.h, q.w], { rng: rng(5) });
    const y = conv.forward(x).data as Float32Array, plain = noBias.forward(x).data as Float32Array, hw = y.length / (q.n * q.o);
    const expected = Float32Array.from(plain, (v, i) => v + conv.bias!.values[Math.floor(i / hw) % q.o]);
    expect(sameBits(y, expected)).toBe(true);
  });

  it("gives the same bits with every array in JS memory (resident budget 0: one forward product + swap instead of per-image views)", () => {
    const run = () => {
      const conv = new Conv2d(8, 16, 3, { rng: rng(20), padding: 1, stride: 2 }), x = randn([5, 8, 20, 20], { rng: rng(21) });
      const y = conv.forward(x), dx = conv.backward(randn(y.shape as number[], { rng: rng(22) }));
      return [y.data, dx.data, conv.weight.gradValues, conv.bias!.gradValues].map((a) => Float32Array.from(a as Float32Array));
    };
    const resident = run(), budget = residentStats().budget;
    setResidentBudget(0);
    try {
      const plain = run();
      plain.forEach((a, i) => expect(sameBits(a, resident[i])).toBe(true));
    } finally { setResidentBudget(budget); }
  });
  it("dW is one product dYt · colsᵀ over the batch (beta = 0 after zeroGrad, beta = 1 across backward calls), bit for bit", () => {
    const conv = new Conv2d(3, 4, 3, { rng: rng(6), padding: 1 }), x = randn([3, 3, 6, 6], { rng: rng(7) });
    const y = conv.forward(x), dy = randn(y.shape as number[], { rng: rng(8) });
    conv.backward(dy);
    const hw = 36, NH = 3 * hw, dyt = new Float32Array(4 * NH), cols = (conv as unknown as { cols: Float32Array }).cols;
    swapAxes(3, 4, hw, dy.data as Float32Array, 0, dyt, 0);
    const expected = new Float32Array(4 * 27), product = () => gemm(4, 27, NH, { data: dyt, offset: 0, rowStride: NH, colStride: 1 },
      { data: cols, offset: 0, rowStride: 1, colStride: NH }, { data: expected, offset: 0, rowStride: 27, colStride: 1 }, { beta: 1 });
    product();
    expect(sameBits(conv.weight.gradValues, expected)).toBe(true);
    conv.backward(dy);
    product();
    expect(sameBits(conv.weight.gradValues, expected)).toBe(true);
  });
});

describe("the first layer's input gradient", () => {
  const model = () => {
    const g = rng(10);
    return new Sequential(new Conv2d(3, 4, 3, { rng: g, padding: 1 }), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 4 * 4, 5, { rng: g }));
  };
  it("is skipped with { inputGrad: false } (zeros returned) while every parameter gradient is the same, bit for bit", () => {
    const x = randn([4, 3, 8, 8], { rng: rng(11) }), a = model(), b = model();
    const dy = randn([4, 5], { rng: rng(12) });
    a.forward(x); const dxa = a.backward(dy);
    b.forward(x); const dxb = b.backward(dy, { inputGrad: false });
    expect(dxb.shape).toEqual([4, 3, 8, 8]);
    expect(Array.from(dxb.data as Float32Array).every((v) => Object.is(v, 0))).toBe(true);
    expect(Array.from(dxa.data as Float32Array).some((v) => v !== 0)).toBe(true);
    a.parameters().forEach((p, i) => expect(sameBits(p.gradValues, b.parameters()[i].gradValues)).toBe(true));
  });
  it("is computed in runs of images when the columns of the batch exceed the 16 MiB scratch (3 + 2 images here)", () => {
    const q: Case = { n: 5, c: 32, h: 64, w: 64, o: 2, kh: 3, kw: 3, s: [1, 1], p: [1, 1] }; // 288 x 4096 floats = 4.7 MB per image
    const conv = new Conv2d(32, 2, 3, { rng: rng(16), padding: 1 }), x = randn([5, 32, 64, 64], { rng: rng(17) });
    const y = conv.forward(x), dy = randn(y.shape as number[], { rng: rng(18) });
    const dx = conv.backward(dy);
    const r = reference(q, x.data as Float32Array, conv.weight.values, conv.bias!.values, dy.data as Float32Array);
    expect(withinBound(dx.data as Float32Array, r.dx, r.dxAbs, 2 * 9)).toBe(true);
  });
  it("is computed when required (the default) and equals the float64 direct loop", () => {
    const q: Case = { n: 2, c: 3, h: 8, w: 8, o: 4, kh: 3, kw: 3, s: [1, 1], p: [1, 1] };
    const conv = new Conv2d(3, 4, 3, { rng: rng(13), padding: 1 }), x = randn([2, 3, 8, 8], { rng: rng(14) });
    const y = conv.forward(x), dy = randn(y.shape as number[], { rng: rng(15) });
    const dx = conv.backward(dy, { inputGrad: true });
    const r = reference(q, x.data as Float32Array, conv.weight.values, conv.bias!.values, dy.data as Float32Array);
    expect(withinBound(dx.data as Float32Array, r.dx, r.dxAbs, 4 * 9)).toBe(true);
  });
});
