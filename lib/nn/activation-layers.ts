// The lecture's activations as layers: forward maps f over the input and caches it; backward
// multiplies the upstream gradient by f'(x) (activations.ts holds both formulas).
import type { Tensor } from "../tensor/index.js";
import { ones } from "../tensor/index.js";
import * as A from "./activations.js";
import { reluBackwardNaN, unary } from "../kernels/index.js";
import { alloc, checkBackward, checkSameDType, floatData, Module, Parameter, wrap, type FloatArray } from "./module.js";

/**
 * Applies an elementwise activation to a tensor (float32 or float64 in, same dtype out).
 * @example applyActivation(relu, tensor([-1, 2])).toArray() // [0, 2]
 */
export function applyActivation(act: A.Activation, x: Tensor): Tensor {
  const d = floatData(x, act.name), y = alloc(d, d.length), f = act.f;
  for (let i = 0; i < d.length; i++) y[i] = f(d[i]);
  return wrap(y, x.shape);
}

/**
 * dL/dx = dL/dy · f'(x), the backward of `applyActivation`.
 * @example activationBackward(relu, tensor([-1, 2]), tensor([5, 5])).toArray() // [0, 5]
 */
export function activationBackward(act: A.Activation, x: Tensor, dout: Tensor): Tensor {
  const d = floatData(x, `${act.name} backward`), g = floatData(dout, `${act.name} backward`);
  if (d.length !== g.length) throw new RangeError(`${act.name} backward: x has ${d.length} elements but dout has ${g.length}`);
  const dx = alloc(d, d.length), df = act.df;
  for (let i = 0; i < d.length; i++) dx[i] = g[i] * df(d[i]);
  return wrap(dx, x.shape);
}

/** A layer applying one elementwise activation (any of activations.ts). @example new ActivationLayer(leakyRelu(0.2)).forward(x) */
export class ActivationLayer extends Module {
  protected x: FloatArray | null = null;
  protected shape: readonly number[] | null = null;
  constructor(readonly activation: A.Activation) { super(); }

  forward(x: Tensor): Tensor {
    const d = floatData(x, `${this.constructor.name}.forward`);
    this.x = d; this.shape = x.shape;
    const y = alloc(d, d.length, false); // map writes every element
    this.map(d, y);
    return wrap(y, x.shape);
  }

  backward(dout: Tensor): Tensor {
    const op = `${this.constructor.name}.backward`;
    checkBackward(op, this.shape, dout);
    checkSameDType(op, dout, this.x instanceof Float64Array ? "float64" : "float32");
    const g = floatData(dout, op), dx = alloc(g, g.length, false); // grad writes every element
    this.grad(this.x!, g, dx);
    return wrap(dx, this.shape!);
  }

  protected map(x: FloatArray, y: FloatArray): void {
    const f = this.activation.f;
    for (let i = 0; i < x.length; i++) y[i] = f(x[i]);
  }

  protected grad(x: FloatArray, g: FloatArray, dx: FloatArray): void {
    const df = this.activation.df;
    for (let i = 0; i < x.length; i++) dx[i] = g[i] * df(x[i]);
  }
}

/** ReLU max(0, x); gradient 0 at x <= 0 (PyTorch's subgradient at 0). @example new ReLU().forward(x) */
export class ReLU extends ActivationLayer {
  constructor() { super(A.relu); }
  // Hot loops of every MLP/CNN. float32 goes through the kernels (WebAssembly SIMD: max(x, 0)
  // keeps NaN and maps -0 to +0, as the loops below). A branch on the sign mispredicts half the
  // time on random data (5x slower, measured), so the float64 loop multiplies by the 0/1 mask
  // and accumulates v·0, which is NaN only if some input is NaN or infinite; only then the
  // exact (branchy) loop reruns.
  protected override map(x: FloatArray, y: FloatArray): void {
    if (x instanceof Float32Array) { unary("relu", x.length, x, 0, 1, y, 0, 1); return; }
    let bad = 0;
    for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v * +(v > 0) + 0; bad += v * 0; } // + 0 turns -x·0 = -0 into 0
    if (bad !== bad) for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v > 0 ? v : v !== v ? v : 0; }
  }
  // NaN in x gives NaN in dx (kernels/relu-backward.ts), as the forward propagates it.
  protected override grad(x: FloatArray, g: FloatArray, dx: FloatArray): void { reluBackwardNaN(x, g, dx); }
}

/** Sigmoid 1/(1+e^-x). @example new Sigmoid().forward(x) */
export class Sigmoid extends ActivationLayer { constructor() { super(A.sigmoid); } }
/** tanh. @example new Tanh().forward(x) */
export class Tanh extends ActivationLayer { constructor() { super(A.tanh); } }
/** Softsign x/(1+|x|). @example new Softsign().forward(x) */
export class Softsign extends ActivationLayer { constructor() { super(A.softsign); } }
/** log σ(x). @example new LogSigmoid().forward(x) */
export class LogSigmoid extends ActivationLayer { constructor() { super(A.logSigmoid); } }
/** SiLU / swish x·σ(x). @example new SiLU().forward(x) */
export class SiLU extends ActivationLayer { constructor() { super(A.silu); } }
/** The slide's sinc sin(x)/x (not torch.sinc's normalized one). @example new Sinc().forward(x) */
export class Sinc extends ActivationLayer { constructor() { super(A.sinc); } }
/** Mish x·tanh(softplus(x)). @example new Mish().forward(x) */
export class Mish extends ActivationLayer { constructor() { super(A.mish); } }
/** SELU with the slide's α and λ. @example new SELU().forward(x) */
export class SELU extends ActivationLayer { constructor() { super(A.selu); } }

/** Step function: 1 for x >= threshold, else 0 (the slide's n, default 0). @example new Step({ threshold: 0 }) */
export class Step extends ActivationLayer {
  constructor(opts: { threshold?: number } = {}) { super(A.step(opts.threshold ?? 0)); }
}

/** Softplus with PyTorch's beta (1) and threshold (20). @example new Softplus() */
export class Softplus extends ActivationLayer {
  constructor(opts: { beta?: number; threshold?: number } = {}) { super(A.softplus(opts)); }
}

/** ELU with alpha (default 1, as the slide and PyTorch). @example new ELU({ alpha: 1 }) */
export class ELU extends ActivationLayer {
  constructor(opts: { alpha?: number } = {}) { super(A.elu(opts.alpha ?? 1)); }
}

/**
 * Leaky ReLU max(slope·x, x). The slope is required so nobody confuses the lecture's 0.1 with
 * PyTorch's default 0.01: `new LeakyReLU({ negativeSlope: 0.1 })`.
 * @example new LeakyReLU({ negativeSlope: 0.01 }) // torch.nn.LeakyReLU()
 */
export class LeakyReLU extends ActivationLayer {
  constructor(opts: { negativeSlope: number }) {
    if (typeof opts?.negativeSlope !== "number" || !Number.isFinite(opts.negativeSlope)) {
      throw new TypeError("LeakyReLU: pass { negativeSlope } explicitly: the lecture uses 0.1, PyTorch's default is 0.01");
    }
    super(A.leakyRelu(opts.negativeSlope));
  }
}

/** Which GELU: "none" = exact erf (PyTorch's default), "tanh" = PyTorch's approximation, "sigmoid" = the slide's x·σ(1.702x). */
export type GeluApproximation = "none" | "tanh" | "sigmoid";

/** GELU, exact by default as torch.nn.GELU(). @example new GELU({ approximate: "tanh" }) */
export class GELU extends ActivationLayer {
  constructor(opts: { approximate?: GeluApproximation } = {}) {
    const a = opts.approximate ?? "none";
    if (a !== "none" && a !== "tanh" && a !== "sigmoid") throw new RangeError(`GELU: approximate must be "none", "tanh" or "sigmoid", got "${String(a)}"`);
    super(a === "none" ? A.gelu : a === "tanh" ? A.geluTanh : A.geluSigmoid);
  }
}

/**
 * PReLU max(a·x, x) with a learned slope a per channel (dim 1) or one shared slope, initialized
 * to 0.25 (PyTorch's nn.PReLU(num_parameters=1, init=0.25)).
 * @example new PReLU({ numParameters: 16 }) // one slope per channel of [N, 16, H, W]
 */
export class PReLU extends Module {
  readonly weight: Parameter;
  private x: FloatArray | null = null;
  private shape: readonly number[] | null = null;

  constructor(opts: { numParameters?: number; init?: number; dtype?: "float32" | "float64" } = {}) {
    super();
    const n = opts.numParameters ?? 1;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`PReLU: numParameters must be a positive integer, got ${n}`);
    const w = ones([n], { dtype: opts.dtype ?? "float32" });
    (w.data as FloatArray).fill(opts.init ?? 0.25);
    this.weight = new Parameter("weight", w);
    this.params.push(this.weight);
  }

  /** Channel of flat index i for input shape [N, C, ...]; inner = product of dims after C. */
  private layout(shape: readonly number[]): { c: number; inner: number } {
    const n = this.weight.data.size;
    if (n === 1) return { c: 1, inner: 1 };
    if (shape.length < 2 || shape[1] !== n) throw new RangeError(`PReLU: ${n} parameters need input [N, ${n}, ...], got [${shape.join(", ")}]`);
    return { c: n, inner: shape.slice(2).reduce((a, b) => a * b, 1) };
  }

  forward(x: Tensor): Tensor {
    checkSameDType("PReLU.forward", x, this.weight.data.dtype);
    const d = floatData(x, "PReLU.forward"), y = alloc(d, d.length), w = this.weight.values;
    const { c, inner } = this.layout(x.shape);
    for (let i = 0; i < d.length; i++) { const v = d[i]; y[i] = v > 0 ? v : w[c === 1 ? 0 : Math.floor(i / inner) % c] * v; }
    this.x = d; this.shape = x.shape;
    return wrap(y, x.shape);
  }

  backward(dout: Tensor): Tensor {
    checkBackward("PReLU.backward", this.shape, dout);
    const g = floatData(dout, "PReLU.backward"), x = this.x!, w = this.weight.values, dw = this.weight.gradValues;
    const { c, inner } = this.layout(this.shape!);
    const dx = alloc(g, g.length), acc = new Float64Array(w.length); // float64 sum over the batch
    for (let i = 0; i < g.length; i++) {
      const k = c === 1 ? 0 : Math.floor(i / inner) % c, v = x[i];
      if (v > 0) dx[i] = g[i];
      else { dx[i] = g[i] * w[k]; acc[k] += g[i] * v; }
    }
    for (let k = 0; k < w.length; k++) dw[k] += acc[k];
    this.weight.gradIsZero = false;
    return wrap(dx, this.shape!);
  }

  protected override describe(): string { return `num_parameters=${this.weight.data.size}`; }
}
