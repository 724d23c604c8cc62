// Batch normalization (Ioffe & Szegedy 2015) with PyTorch's conventions: normalize each channel
// (dim 1) with the batch mean and the *biased* batch variance in training; update running
// statistics with momentum 0.1 using the *unbiased* variance; use the running statistics in
// eval. eps = 1e-5. Statistics are accumulated in float64.
import { ones, zeros, type Tensor } from "../tensor/index.js";
import { alloc, checkBackward, checkSameDType, floatData, Module, Parameter, requireMode, wrap, type FloatArray, type FloatDType, type ForwardOptions } from "./module.js";

export interface BatchNormOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Running-statistics update rate (default 0.1): running = (1 - m)·running + m·batch. */
  momentum?: number;
  /** Learn a per-channel scale γ and shift β (default true). */
  affine?: boolean;
  dtype?: FloatDType;
}

/** The shared machinery of BatchNorm1d and BatchNorm2d; `ranks` are the accepted input ranks. @example bn instanceof BatchNorm // for BatchNorm1d and BatchNorm2d */
export abstract class BatchNorm extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  /** Running mean per channel (a buffer: updated in training, used in eval). */
  runningMean: Tensor;
  /** Running (unbiased) variance per channel. */
  runningVar: Tensor;
  readonly eps: number;
  readonly momentum: number;
  private cache: { xhat: Float64Array; invstd: Float64Array; training: boolean; shape: readonly number[] } | null = null;

  constructor(readonly numFeatures: number, private readonly ranks: readonly number[], opts: BatchNormOptions = {}) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new RangeError(`${this.constructor.name}: numFeatures must be a positive integer, got ${numFeatures}`);
    const dtype = opts.dtype ?? "float32";
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum ?? 0.1;
    if (opts.affine === false) { this.weight = null; this.bias = null; } else {
      this.weight = new Parameter("weight", ones([numFeatures], { dtype }));
      this.bias = new Parameter("bias", zeros([numFeatures], { dtype }));
      this.params.push(this.weight, this.bias);
    }
    this.runningMean = zeros([numFeatures], { dtype });
    this.runningVar = ones([numFeatures], { dtype });
  }

  protected override ownBuffers(): [string, Tensor][] {
    return [["runningMean", this.runningMean], ["runningVar", this.runningVar]];
  }

  protected override convertBuffers(dtype: FloatDType): void {
    this.runningMean = this.runningMean.to(dtype);
    this.runningVar = this.runningVar.to(dtype);
  }

  private geometry(x: Tensor): { n: number; c: number; inner: number } {
    const op = `${this.constructor.name}.forward`;
    if (!this.ranks.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      const want = this.ranks.map((r) => `[N, ${this.numFeatures}${r === 3 ? ", L" : r === 4 ? ", H, W" : ""}]`).join(" or ");
      throw new RangeError(`${op}: expected input of shape ${want}, got [${x.shape.join(", ")}]`);
    }
    return { n: x.shape[0], c: x.shape[1], inner: x.shape.slice(2).reduce((a, b) => a * b, 1) };
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    const op = `${this.constructor.name}.forward`;
    const training = requireMode(op, opts);
    const { n, c, inner } = this.geometry(x);
    checkSameDType(op, x, this.runningMean.dtype);
    const d = floatData(x, op), count = n * inner;
    if (training && count < 2) {
      throw new RangeError(`${op}: training needs more than 1 value per channel to compute a variance; got input [${x.shape.join(", ")}] (a batch of one). Use a larger batch or { training: false }`);
    }
    const rm = this.runningMean.data as FloatArray, rv = this.runningVar.data as FloatArray;
    const y = alloc(d, d.length), xhat = new Float64Array(d.length), invstd = new Float64Array(c);
    const g = this.weight?.values, b = this.bias?.values;
    for (let ch = 0; ch < c; ch++) {
      let mean: number, variance: number;
      if (training) {
        let s = 0;
        for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) s += d[o + k];
        mean = s / count;
        let s2 = 0;
        for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) { const t = d[o + k] - mean; s2 += t * t; }
        variance = s2 / count; // biased, for normalization (as PyTorch)
        rm[ch] = (1 - this.momentum) * rm[ch] + this.momentum * mean;
        rv[ch] = (1 - this.momentum) * rv[ch] + this.momentum * (s2 / (count - 1)); // unbiased
      } else { mean = rm[ch]; variance = rv[ch]; }
      const is = 1 / Math.sqrt(variance + this.eps);
      invstd[ch] = is;
      const gamma = g ? g[ch] : 1, beta = b ? b[ch] : 0;
      for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) {
        const h = (d[o + k] - mean) * is;
        xhat[o + k] = h;
        y[o + k] = gamma * h + beta;
      }
    }
    this.cache = { xhat, invstd, training, shape: x.shape };
    return wrap(y, x.shape);
  }

  backward(dout: Tensor): Tensor {
    const op = `${this.constructor.name}.backward`;
    checkBackward(op, this.cache?.shape ?? null, dout);
    const { xhat, invstd, training, shape } = this.cache!;
    const n = shape[0], c = shape[1], inner = xhat.length / (n * c), count = n * inner;
    const go = floatData(dout, op), dx = alloc(go, go.length);
    const g = this.weight?.values;
    for (let ch = 0; ch < c; ch++) {
      let sg = 0, sgx = 0;
      for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) { sg += go[o + k]; sgx += go[o + k] * xhat[o + k]; }
      if (this.weight) { this.weight.gradValues[ch] += sgx; this.bias!.gradValues[ch] += sg; this.weight.gradIsZero = this.bias!.gradIsZero = false; }
      const gamma = g ? g[ch] : 1, is = invstd[ch];
      for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) {
        // Training: the batch statistics depend on x, giving the two correction terms.
        dx[o + k] = training
          ? (gamma * is / count) * (count * go[o + k] - sg - xhat[o + k] * sgx)
          : gamma * is * go[o + k];
      }
    }
    return wrap(dx, shape);
  }

  protected override describe(): string {
    // eps as Python prints it (1e-05), so the repr reads like PyTorch's.
    const eps = this.eps !== 0 && Math.abs(this.eps) < 1e-4 ? this.eps.toExponential().replace(/e([+-])(\d)$/, "e$10$2") : String(this.eps);
    return `${this.numFeatures}, eps=${eps}, momentum=${this.momentum}, affine=${this.weight !== null}`;
  }
}

/**
 * Batch norm over [N, C] or [N, C, L] (torch.nn.BatchNorm1d).
 * @example
 * const bn = new BatchNorm1d(100);
 * bn.forward(x, { training: true }); bn.forward(x, { training: false }) // running stats
 */
export class BatchNorm1d extends BatchNorm {
  constructor(numFeatures: number, opts: BatchNormOptions = {}) { super(numFeatures, [2, 3], opts); }
}

/**
 * Batch norm over [N, C, H, W], statistics per channel over N, H and W (torch.nn.BatchNorm2d).
 * @example new BatchNorm2d(32).forward(x, { training: true })
 */
export class BatchNorm2d extends BatchNorm {
  constructor(numFeatures: number, opts: BatchNormOptions = {}) { super(numFeatures, [4], opts); }
}
