// 2-D convolution (cross-correlation, as PyTorch) over NCHW input, by im2col + GEMM on the fast
// kernel: columns [C·kH·kW + 1, N·Hout·Wout] for the batch (the last row all ones),
// [W | b] [O, C·kH·kW + 1], y[b] = [W | b] · columns[:, image b] with the bias added by the
// product itself. Backward runs one product per gradient (dW, dcols) over the whole batch on
// dY swapped to [O, N·Hout·Wout]: per-image products (~10 MFLOP) finish before the second
// thread's wake-up pays off (measured 2-thread wall 32 / 27 ms per image vs 18.6 / 15.9 ms as
// one product, dW / dcols of the 32 -> 64 layer at batch 64).
// The bias row is the product's last term, so for C·kH·kW < 256 (one GEMM K-block) the bits
// equal a product followed by a bias add.
import type { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { col2im, gemm, im2col, isResident, planeSums, swapAxes, type WindowGeometry } from "../kernels/index.js";
import { alloc, type BackwardOptions, checkBackward, checkSameDType, floatData, Module, Parameter, wrap, type FloatArray, type FloatDType } from "./module.js";

type Pair = number | readonly [number, number];
/** Scratch for the input gradient's columns: 16 MiB, i.e. runs of 50+ images of a 3x3 conv's 32 -> 64 channels at 16x16. */
const DCOLS_BYTES = 16 * 2 ** 20;
const pair = (op: string, name: string, v: Pair, min: number): [number, number] => {
  const p: [number, number] = typeof v === "number" ? [v, v] : [v[0], v[1]];
  if (!p.every((k) => Number.isInteger(k) && k >= min)) throw new RangeError(`${op}: ${name} must be an integer >= ${min} or a pair of them, got ${JSON.stringify(v)}`);
  return p;
};

/** Geometry of a conv / pool window sweep over a batch of n images (the kernels' WindowGeometry plus n). */
export interface Geometry extends WindowGeometry { n: number }

/** Output geometry, with a clear error when the window does not fit. @example windowGeometry("MaxPool2d.forward", x, null, [2, 2], [2, 2], [0, 0]).oh */
export function windowGeometry(op: string, x: Tensor, c: number | null, k: [number, number], s: [number, number], p: [number, number]): Geometry {
  if (x.ndim !== 4 || (c !== null && x.shape[1] !== c)) throw new RangeError(`${op}: expected input of shape [N, ${c ?? "C"}, H, W], got [${x.shape.join(", ")}]`);
  const [n, ch, h, w] = x.shape;
  const oh = Math.floor((h + 2 * p[0] - k[0]) / s[0]) + 1, ow = Math.floor((w + 2 * p[1] - k[1]) / s[1]) + 1;
  if (oh < 1 || ow < 1) throw new RangeError(`${op}: kernel ${k[0]}x${k[1]} with padding ${p[0]},${p[1]} does not fit input ${h}x${w}`);
  return { n, c: ch, h, w, kh: k[0], kw: k[1], sh: s[0], sw: s[1], ph: p[0], pw: p[1], oh, ow };
}

export interface Conv2dOptions {
  rng: Generator;
  stride?: Pair;
  padding?: Pair;
  bias?: boolean;
  dtype?: FloatDType;
}

/**
 * Conv2d [N, Cin, H, W] -> [N, Cout, Hout, Wout], Hout = floor((H + 2·pad - k)/stride) + 1,
 * with PyTorch's default initialization (U(±1/√(Cin·k·k)) for weight and bias).
 * @example new Conv2d(3, 32, 3, { rng: rng(0), padding: 1 }).forward(zeros([64, 3, 32, 32])).shape // [64, 32, 32, 32]
 */
export class Conv2d extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  private cols: FloatArray | null = null;
  private g: Geometry | null = null;
  /** Scratch buffers reused across calls (never returned to the caller): no 20 MB allocations per step. */
  private scratch = new Map<string, FloatArray>();
  private buffer(name: string, like: FloatArray, n: number): FloatArray {
    const b = this.scratch.get(name);
    if (b && b.length === n && b.constructor === like.constructor) return b;
    const fresh = alloc(like, n, false); // every user overwrites what it reads
    this.scratch.set(name, fresh);
    return fresh;
  }

  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, opts: Conv2dOptions) {
    super();
    const op = "Conv2d";
    for (const [k, v] of [["inChannels", inChannels], ["outChannels", outChannels]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`${op}: ${k} must be a positive integer, got ${v}`);
    }
    if (!opts?.rng) throw new TypeError(`${op}: pass the generator for the default initialization: new Conv2d(cin, cout, k, { rng: rng(0) })`);
    this.kernelSize = pair(op, "kernelSize", kernelSize, 1);
    this.stride = pair(op, "stride", opts.stride ?? 1, 1);
    this.padding = pair(op, "padding", opts.padding ?? 0, 0);
    ({ weight: this.weight, bias: this.bias } = this.defaultWeightAndBias([outChannels, inChannels, ...this.kernelSize], opts));
  }

  forward(x: Tensor): Tensor {
    const op = "Conv2d.forward";
    const g = windowGeometry(op, x, this.inChannels, this.kernelSize, this.stride, this.padding);
    checkSameDType(op, x, this.weight.data.dtype);
    const d = floatData(x, op), K = g.c * g.kh * g.kw, O = this.outChannels, hw = g.oh * g.ow;
    // With a bias, the columns get a ones row and the weight a bias column: Kb = K + 1.
    const bias = this.bias?.values, Kb = bias ? K + 1 : K;
    let W = this.weight.values;
    if (bias) {
      const wb = this.buffer("weightBias", W, O * Kb);
      for (let o = 0; o < O; o++) { wb.set(W.subarray(o * K, (o + 1) * K), o * Kb); wb[o * Kb + K] = bias[o]; }
      W = wb;
    }
    // All images' columns as one [Kb, N·oH·oW] matrix (one kernel call, shared with the worker),
    // then a product per image straight into NCHW: with O <= 64 rows the GEMM reads B in place,
    // and one product over all N·oH·oW columns measured slower than per image (37.5 vs 23.5 ms
    // for the 32 -> 64 layer at batch 64), so only the backward products span the batch.
    const NH = g.n * hw, cols = this.buffer("cols", d, Kb * NH), y = alloc(d, g.n * O * hw, false);
    im2col(g, d, 0, cols, 0, bias !== undefined, g.n);
    if (cols instanceof Float32Array && g.n > 1 && !isResident(cols)) {
      // Columns in JS memory (the resident budget is spent): a per-image view would copy the
      // whole matrix each time, so one product for the batch, then CNHW -> NCHW.
      const yt = this.buffer("yt", d, O * NH);
      gemm(O, NH, Kb, { data: W, offset: 0, rowStride: Kb, colStride: 1 }, { data: cols, offset: 0, rowStride: NH, colStride: 1 },
        { data: yt, offset: 0, rowStride: NH, colStride: 1 });
      swapAxes(O, g.n, hw, yt, 0, y, 0);
    } else {
      for (let b = 0; b < g.n; b++) {
        gemm(O, hw, Kb, { data: W, offset: 0, rowStride: Kb, colStride: 1 }, { data: cols, offset: b * hw, rowStride: NH, colStride: 1 },
          { data: y, offset: b * O * hw, rowStride: hw, colStride: 1 });
      }
    }
    this.cols = cols; this.g = g;
    return wrap(y, [g.n, O, g.oh, g.ow]);
  }

  backward(dout: Tensor, opts?: BackwardOptions): Tensor {
    const op = "Conv2d.backward";
    const g = this.g;
    checkBackward(op, g ? [g.n, this.outChannels, g.oh, g.ow] : null, dout);
    const G = g!, go = floatData(dout, op), O = this.outChannels, hw = G.oh * G.ow, K = G.c * G.kh * G.kw, cols = this.cols!;
    const db = this.bias?.gradValues, NH = G.n * hw;
    // dY as one [O, N·oH·oW] matrix (NCHW -> CNHW; one image is already that), so every product
    // below is one GEMM over the batch.
    const dyt = G.n === 1 ? go : this.buffer("dyt", go, O * NH);
    if (dyt !== go) swapAxes(G.n, O, hw, go, 0, dyt, 0);
    if (db) {
      // Σ over images and pixels of dY, per channel, accumulated in float64.
      const s = new Float64Array(O);
      planeSums(O, NH, dyt, 0, s);
      for (let o = 0; o < O; o++) db[o] += s[o];
      this.bias!.gradIsZero = false;
    }
    // dW (+)= dYt (O x N·oH·oW) · colsᵀ (the first K rows); a zero gradient is overwritten (beta = 0).
    const overwrite = this.weight.gradIsZero, dW = overwrite ? this.weight.gradForOverwrite() : this.weight.gradValues;
    gemm(O, K, NH, { data: dyt, offset: 0, rowStride: NH, colStride: 1 }, { data: cols, offset: 0, rowStride: 1, colStride: NH },
      { data: dW, offset: 0, rowStride: K, colStride: 1 }, { beta: overwrite ? 0 : 1 });
    this.weight.gradIsZero = false;
    const chw = G.c * G.h * G.w, dx = alloc(go, G.n * chw, opts?.inputGrad === false); // col2im overwrites each image
    if (opts?.inputGrad === false) return wrap(dx, [G.n, G.c, G.h, G.w]);
    // dcols = Wᵀ (K x O) · dYt for a run of images (one product), folded back into dx in one call
    // (shared with the worker). Runs of at most DCOLS_BYTES bound the scratch for big batches.
    const run = Math.max(1, Math.min(G.n, Math.floor(DCOLS_BYTES / (K * hw * go.BYTES_PER_ELEMENT))));
    const dcols = this.buffer("dcols", go, run * K * hw);
    for (let b0 = 0; b0 < G.n; b0 += run) {
      const b1 = Math.min(G.n, b0 + run), cn = (b1 - b0) * hw;
      gemm(K, cn, O, { data: this.weight.values, offset: 0, rowStride: 1, colStride: K }, { data: dyt, offset: b0 * hw, rowStride: NH, colStride: 1 },
        { data: dcols, offset: 0, rowStride: cn, colStride: 1 });
      col2im(G, dcols, 0, dx, b0 * chw, b1 - b0);
    }
    return wrap(dx, [G.n, G.c, G.h, G.w]);
  }

  protected override describe(): string {
    return `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize.join(", ")}), stride=(${this.stride.join(", ")}), padding=(${this.padding.join(", ")})${this.bias ? "" : ", bias=False"}`;
  }
}

export { pair as toPair };
export type { Pair };
