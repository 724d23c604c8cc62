// Fully-connected layer y = x Wᵀ + b with PyTorch's layout (W is [out, in]) and PyTorch's
// default initialization, so parameter counts, shapes and init bounds match nn.Linear.
import type { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { gemm } from "../kernels/index.js";
import { alloc, type BackwardOptions, checkBackward, checkSameDType, floatData, Module, Parameter, wrap, type FloatArray, type FloatDType } from "./module.js";

export interface LinearOptions {
  /** Generator for the default init (kaiming_uniform_(a=√5) weight, U(±1/√in) bias). */
  rng: Generator;
  /** Learn an additive bias (default true). */
  bias?: boolean;
  dtype?: FloatDType;
}

/**
 * Linear (fully-connected) layer: input [..., inFeatures] -> [..., outFeatures].
 * @example
 * const fc = new Linear(3072, 512, { rng: rng(0) });
 * fc.forward(randn([128, 3072], { rng: rng(1) })).shape // [128, 512]
 */
export class Linear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  private x: FloatArray | null = null;
  private xShape: readonly number[] | null = null;
  private outShape: readonly number[] | null = null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, opts: LinearOptions) {
    super();
    for (const [k, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Linear: ${k} must be a positive integer, got ${v}`);
    }
    if (!opts?.rng) throw new TypeError("Linear: pass the generator for the default initialization: new Linear(in, out, { rng: rng(0) })");
    ({ weight: this.weight, bias: this.bias } = this.defaultWeightAndBias([outFeatures, inFeatures], opts));
  }

  forward(x: Tensor): Tensor {
    const op = "Linear.forward";
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new RangeError(`${op}: expected input of shape [..., ${this.inFeatures}], got [${x.shape.join(", ")}]`);
    }
    checkSameDType(op, x, this.weight.data.dtype);
    const xd = floatData(x, op);
    const n = x.size / this.inFeatures, i = this.inFeatures, o = this.outFeatures;
    const y = alloc(xd, n * o, false); // the product overwrites it
    gemm(n, o, i, { data: xd, offset: 0, rowStride: i, colStride: 1 },
      { data: this.weight.values, offset: 0, rowStride: 1, colStride: i },
      { data: y, offset: 0, rowStride: o, colStride: 1 });
    // Bias after the product (beta = 0 lets the GEMM store its result with one copy).
    if (this.bias) { const b = this.bias.values; for (let r = 0; r < n; r++) for (let c = 0, q = r * o; c < o; c++) y[q + c] += b[c]; }
    this.x = xd; this.xShape = x.shape;
    this.outShape = [...x.shape.slice(0, -1), o];
    return wrap(y, this.outShape);
  }

  backward(dout: Tensor, opts?: BackwardOptions): Tensor {
    const op = "Linear.backward";
    checkBackward(op, this.outShape, dout);
    checkSameDType(op, dout, this.weight.data.dtype);
    const g = floatData(dout, op), x = this.x!, i = this.inFeatures, o = this.outFeatures, n = g.length / o;
    // dW += doutᵀ x ([o, n] · [n, i]); db += column sums; dx = dout W ([n, o] · [o, i]).
    const overwrite = this.weight.gradIsZero, dW = overwrite ? this.weight.gradForOverwrite() : this.weight.gradValues;
    gemm(o, i, n, { data: g, offset: 0, rowStride: 1, colStride: o }, { data: x, offset: 0, rowStride: i, colStride: 1 },
      { data: dW, offset: 0, rowStride: i, colStride: 1 }, { beta: overwrite ? 0 : 1 });
    this.weight.gradIsZero = false;
    if (this.bias) {
      const db = this.bias.gradValues;
      for (let r = 0; r < n; r++) for (let c = 0; c < o; c++) db[c] += g[r * o + c];
      this.bias.gradIsZero = false;
    }
    const dx = alloc(g, n * i);
    if (opts?.inputGrad === false) return wrap(dx, this.xShape!);
    gemm(n, i, o, { data: g, offset: 0, rowStride: o, colStride: 1 }, { data: this.weight.values, offset: 0, rowStride: i, colStride: 1 },
      { data: dx, offset: 0, rowStride: i, colStride: 1 });
    return wrap(dx, this.xShape!);
  }

  protected override describe(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
