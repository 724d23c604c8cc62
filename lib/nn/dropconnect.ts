// DropConnect (Wan et al. 2013): in training, drop random *connections* (weights) of a linear
// layer instead of units; at test, use all of them. As with inverted dropout the kept weights
// are scaled by 1/keep in training so test-time outputs match in expectation.
import type { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { gemm } from "../kernels/index.js";
import { alloc, checkBackward, checkSameDType, floatData, Module, Parameter, requireMode, requireRng, wrap, type FloatArray, type ForwardOptions } from "./module.js";
import { bernoulliMask, keepProbability, type Rate } from "./rate.js";

/**
 * A Linear layer [N, in] -> [N, out] whose weights are dropped at random in training.
 * @example
 * const fc = new DropConnectLinear(512, 10, { rng: rng(0), drop: 0.5 });
 * fc.forward(h, { training: true, rng: rng(1) })
 */
export class DropConnectLinear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter;
  readonly keep: number;
  /** The last training weight mask (1 kept, 0 dropped). */
  mask: Float64Array | null = null;
  private x: FloatArray | null = null;
  private w: FloatArray | null = null;
  private n = 0;

  constructor(readonly inFeatures: number, readonly outFeatures: number, opts: Rate & { rng: Generator }) {
    super();
    if (!opts?.rng) throw new TypeError("DropConnectLinear: pass the generator for the initialization: { rng: rng(0), drop: 0.5 }");
    this.keep = keepProbability("DropConnectLinear", opts);
    const { weight, bias } = this.defaultWeightAndBias([outFeatures, inFeatures], { rng: opts.rng });
    this.weight = weight;
    this.bias = bias!;
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    const op = "DropConnectLinear.forward";
    const training = requireMode(op, opts);
    if (x.ndim !== 2 || x.shape[1] !== this.inFeatures) throw new RangeError(`${op}: expected input of shape [N, ${this.inFeatures}], got [${x.shape.join(", ")}]`);
    checkSameDType(op, x, this.weight.data.dtype);
    const d = floatData(x, op), W = this.weight.values, n = x.shape[0], i = this.inFeatures, o = this.outFeatures;
    let w: FloatArray = W;
    this.mask = null;
    if (training) {
      const m = bernoulliMask(new Float64Array(W.length), this.keep, requireRng(op, opts));
      const s = this.keep > 0 ? 1 / this.keep : 0;
      w = alloc(W, W.length);
      for (let k = 0; k < W.length; k++) w[k] = W[k] * m[k] * s;
      this.mask = m;
    }
    const y = alloc(d, n * o), b = this.bias.values;
    gemm(n, o, i, { data: d, offset: 0, rowStride: i, colStride: 1 }, { data: w, offset: 0, rowStride: 1, colStride: i },
      { data: y, offset: 0, rowStride: o, colStride: 1 });
    for (let r = 0; r < n; r++) for (let c = 0, q = r * o; c < o; c++) y[q + c] += b[c];
    this.x = d; this.w = w; this.n = n;
    return wrap(y, [n, o]);
  }

  backward(dout: Tensor): Tensor {
    const op = "DropConnectLinear.backward";
    checkBackward(op, this.x ? [this.n, this.outFeatures] : null, dout);
    const g = floatData(dout, op), n = this.n, i = this.inFeatures, o = this.outFeatures;
    const dwEff = alloc(g, o * i);
    gemm(o, i, n, { data: g, offset: 0, rowStride: 1, colStride: o }, { data: this.x!, offset: 0, rowStride: i, colStride: 1 },
      { data: dwEff, offset: 0, rowStride: i, colStride: 1 });
    // dL/dW = dL/dW_eff · mask / keep (chain rule through W_eff = W·mask/keep).
    const dW = this.weight.gradValues, m = this.mask, s = this.keep > 0 ? 1 / this.keep : 0;
    for (let k = 0; k < dW.length; k++) dW[k] += m ? dwEff[k] * m[k] * s : dwEff[k];
    const db = this.bias.gradValues;
    for (let r = 0; r < n; r++) for (let c = 0; c < o; c++) db[c] += g[r * o + c];
    this.weight.gradIsZero = this.bias.gradIsZero = false;
    const dx = alloc(g, n * i);
    gemm(n, i, o, { data: g, offset: 0, rowStride: o, colStride: 1 }, { data: this.w!, offset: 0, rowStride: i, colStride: 1 },
      { data: dx, offset: 0, rowStride: i, colStride: 1 });
    return wrap(dx, [n, i]);
  }

  protected override describe(): string { return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, keep=${this.keep}`; }
}
