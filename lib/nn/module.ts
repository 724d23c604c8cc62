// Modules with explicit forward and backward, as students write them in the homework: forward
// caches what backward needs; backward takes dL/dout, accumulates parameter gradients (+=, as
// PyTorch's .grad) and returns dL/dinput. Mode and randomness are arguments of forward
// (STYLE rule 8): `model.forward(x, { training: true, rng })`; nothing is ambient.
import { inspect } from "node:util";
import { allocate, Tensor, zeros } from "../tensor/index.js";
import { defaultLinearInit_ } from "../init/index.js";
import type { Generator } from "../random/index.js";

/** Float storage a module computes in: float32 by default, float64 for gradient checks. */
export type FloatArray = Float32Array | Float64Array;
export type FloatDType = "float32" | "float64";

/** Per-call options of forward: the mode and the generator are always explicit. */
export interface ForwardOptions {
  /** Training mode (dropout drops, batch norm uses batch statistics). Required by modules whose behaviour depends on it. */
  readonly training?: boolean;
  /** Generator for stochastic modules in training mode (dropout, stochastic depth, fractional pooling). */
  readonly rng?: Generator;
}

/** Per-call options of backward. */
export interface BackwardOptions {
  /**
   * Compute dL/dinput (default true). The training loop passes false for the whole model: the
   * first layer then skips its input-gradient GEMM (a third of an MLP's backward FLOPs), as
   * PyTorch skips gradients of inputs that do not require them. The returned tensor is then zeros.
   */
  readonly inputGrad?: boolean;
}

/**
 * A learnable tensor and its accumulated gradient (same shape and dtype).
 * @example const w = new Parameter("weight", zeros([10, 64])); w.gradValues.length // 640
 */
export class Parameter {
  /** The values; optimizers update `data.data` in place. */
  data: Tensor;
  private gradTensor: Tensor;
  /** zeroGrad ran and the storage is not cleared yet (cleared on first read, or overwritten by a backward). */
  private zeroPending = false;
  /**
   * True while the gradient is known to be all zeros (after construction or zeroGrad), so a
   * backward may write its GEMM result instead of accumulating into it (PyTorch's
   * zero_grad(set_to_none=True) gets the same saving). Anything that adds to `grad` clears it;
   * if you write into `gradValues` yourself, set it to false.
   */
  gradIsZero = true;
  constructor(readonly name: string, data: Tensor) {
    if (data.dtype !== "float32" && data.dtype !== "float64") throw new TypeError(`Parameter ${name}: expected float32 or float64 values, got ${data.dtype}`);
    this.data = data.contiguous();
    // Through lib/tensor's allocate, so a large float32 gradient lives in wasm memory where the
    // GEMM writes it and the optimizer's kernels update from it in place.
    this.gradTensor = new Tensor(alloc(data.dtype as FloatDType, data.size), data.shape);
  }
  /** dL/d(values), accumulated by backward until zeroGrad(). Reading it after zeroGrad gives zeros. */
  get grad(): Tensor {
    if (this.zeroPending) { (this.gradTensor.data as FloatArray).fill(0); this.zeroPending = false; }
    return this.gradTensor;
  }
  set grad(t: Tensor) { this.gradTensor = t; this.zeroPending = false; }
  get shape(): readonly number[] { return this.data.shape; }
  /** The values as a contiguous typed array (shared, not a copy). */
  get values(): FloatArray { return this.data.data as FloatArray; }
  /** The gradient as a contiguous typed array (shared, not a copy). */
  get gradValues(): FloatArray { return this.grad.data as FloatArray; }
  /**
   * The gradient's storage for a backward that is about to overwrite ALL of it because
   * gradIsZero is true (a GEMM with beta = 0): skips the fill zeroGrad deferred. Clears gradIsZero.
   * @example const dW = p.gradIsZero ? p.gradForOverwrite() : p.gradValues;
   */
  gradForOverwrite(): FloatArray {
    this.zeroPending = false;
    this.gradIsZero = false;
    return this.gradTensor.data as FloatArray;
  }
  /** Converts values and gradient to `dtype` (new storage). */
  to(dtype: FloatDType): void {
    if (this.data.dtype === dtype) return;
    this.data = this.data.astype(dtype);
    this.grad = this.grad.astype(dtype);
  }
  /**
   * Zeroes the gradient. The fill is deferred (as PyTorch's set_to_none saves it): the next read
   * of `grad`/`gradValues` sees zeros, and a backward that overwrites the whole gradient skips
   * it. A reference to the gradient's storage taken before zeroGrad keeps the old values until then.
   */
  zeroGrad(): void { this.zeroPending = true; this.gradIsZero = true; }
  toString(): string { return `Parameter ${this.name} [${this.shape.join(", ")}] ${this.data.dtype}`; }
  /** Notebook text: the summary, not the storage and gradient arrays. */
  [inspect.custom](): string { return this.toString(); }
}

/**
 * The base of every layer: forward, backward, parameters, children, dtype. A custom layer
 * implements forward (caching what backward needs) and backward (accumulating into its
 * parameters' gradients, returning dL/dx).
 * @example
 * class Scale extends Module {
 *   private k = 0;
 *   constructor(k: number) { super(); this.k = k; }
 *   forward(x: Tensor) { return mul(x, this.k); }
 *   backward(dout: Tensor) { return mul(dout, this.k); }
 * }
 */
export abstract class Module {
  /** Own parameters (children's are collected by parameters()). */
  protected readonly params: Parameter[] = [];

  /**
   * Creates and registers a weight of `weightShape` and (unless `bias` is false) a bias of
   * `weightShape[0]`, with PyTorch's default init for Linear and Conv2d (kaiming_uniform_(a=√5),
   * bias U(±1/√fan_in)): the one place Linear, Conv2d and DropConnectLinear make their parameters.
   */
  protected defaultWeightAndBias(weightShape: number[], opts: { rng: Generator; bias?: boolean; dtype?: FloatDType }): { weight: Parameter; bias: Parameter | null } {
    const dtype = opts.dtype ?? "float32";
    const w = zeros(weightShape, { dtype });
    const b = opts.bias === false ? null : zeros([weightShape[0]], { dtype });
    defaultLinearInit_(w, b, { rng: opts.rng });
    const weight = new Parameter("weight", w), bias = b ? new Parameter("bias", b) : null;
    this.params.push(weight);
    if (bias) this.params.push(bias);
    return { weight, bias };
  }

  /** y = module(x). */
  abstract forward(x: Tensor, opts?: ForwardOptions): Tensor;
  /** Given dL/dy from the last forward, accumulates parameter gradients and returns dL/dx. */
  abstract backward(dout: Tensor, opts?: BackwardOptions): Tensor;

  /** Sub-modules (Sequential's layers, a residual block's branch). */
  children(): readonly Module[] { return []; }

  /** All parameters, own first, then children's in order. */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** [qualified name, parameter] pairs, as PyTorch's named_parameters ("0.weight", "2.bias"). */
  namedParameters(prefix = ""): [string, Parameter][] {
    const out: [string, Parameter][] = this.params.map((p) => [prefix + p.name, p]);
    this.children().forEach((c, i) => out.push(...c.namedParameters(`${prefix}${i}.`)));
    return out;
  }

  /** Non-learnable state saved with the model (batch norm's running statistics). */
  protected ownBuffers(): [string, Tensor][] { return []; }

  /** [qualified name, tensor] pairs of all buffers ("1.runningMean"). */
  namedBuffers(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = this.ownBuffers().map(([n, t]) => [prefix + n, t]);
    this.children().forEach((c, i) => out.push(...c.namedBuffers(`${prefix}${i}.`)));
    return out;
  }

  /**
   * Copies of every parameter and buffer by qualified name, as PyTorch's state_dict().
   * @example const best = model.stateDict(); ...; model.loadStateDict(best)
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [n, p] of this.namedParameters()) out[n] = p.data.clone();
    for (const [n, b] of this.namedBuffers()) out[n] = b.clone();
    return out;
  }

  /**
   * Copies values from a state dict into the parameters and buffers (in place, converting
   * dtype). Missing or unexpected names and shape mismatches are errors, as PyTorch's strict load.
   * @example model.loadStateDict(saved)
   */
  loadStateDict(state: Record<string, Tensor>): void {
    const op = `${this.constructor.name}.loadStateDict`;
    const targets = new Map<string, Tensor>([...this.namedParameters().map(([n, p]) => [n, p.data] as [string, Tensor]), ...this.namedBuffers()]);
    const missing = [...targets.keys()].filter((k) => !(k in state)), unexpected = Object.keys(state).filter((k) => !targets.has(k));
    if (missing.length || unexpected.length) {
      throw new RangeError(`${op}: ${missing.length ? `missing keys: ${missing.join(", ")}` : ""}${missing.length && unexpected.length ? "; " : ""}${unexpected.length ? `unexpected keys: ${unexpected.join(", ")}` : ""}`);
    }
    for (const [k, t] of targets) {
      const src = state[k];
      if (!(src instanceof Tensor) || src.shape.length !== t.shape.length || src.shape.some((d, i) => d !== t.shape[i])) {
        throw new RangeError(`${op}: "${k}" has shape [${t.shape.join(", ")}] in the model but ${src instanceof Tensor ? `[${src.shape.join(", ")}]` : "is not a Tensor"} in the state dict`);
      }
    }
    for (const [k, t] of targets) {
      const v = state[k].toTypedArray(), d = t.data;
      for (let i = 0; i < v.length; i++) d[t.offset + i] = v[i];
    }
  }

  /** Sets every gradient to zero. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Converts parameters (and buffers) to float32 or float64, as torch's module.to(dtype). */
  to(dtype: FloatDType): this {
    if (dtype !== "float32" && dtype !== "float64") throw new TypeError(`${this.constructor.name}.to: expected "float32" or "float64", got ${String(dtype)}`);
    for (const p of this.params) p.to(dtype);
    this.convertBuffers(dtype);
    for (const c of this.children()) c.to(dtype);
    return this;
  }

  /** Hook for modules with non-parameter state (batch norm's running statistics). */
  protected convertBuffers(_dtype: FloatDType): void {}

  /** Number of learnable scalars. */
  numParameters(): number {
    return this.parameters().reduce((s, p) => s + p.data.size, 0);
  }

  /** A one-line description of the layer's configuration, as PyTorch's extra_repr. */
  protected describe(): string { return ""; }

  toString(): string {
    const kids = this.children();
    const head = `${this.constructor.name}(${this.describe()}`;
    if (kids.length === 0) return head + ")";
    const body = kids.map((c, i) => `  (${i}): ${c.toString().split("\n").join("\n  ")}`).join("\n");
    return `${head}\n${body}\n)`;
  }

  /** Notebook text (util.inspect): PyTorch's module repr instead of cached arrays. */
  [inspect.custom](): string { return this.toString(); }
}

/**
 * The float data of `x` as a contiguous typed array (no copy when `x` already is contiguous),
 * refusing integer tensors with a message naming the operation.
 * @example const d = floatData(x, "MyLayer.forward") // Float32Array
 */
export function floatData(x: Tensor, op: string): FloatArray {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: expected a Tensor, got ${x === null ? "null" : typeof x}`);
  if (x.dtype !== "float32" && x.dtype !== "float64") {
    throw new TypeError(`${op}: expected a float32 or float64 tensor, got ${x.dtype} (convert with x.astype("float32"))`);
  }
  return x.contiguous().data as FloatArray;
}

/** Throws unless x's dtype equals the parameters' dtype (mixing float32 and float64 is a bug). @example checkSameDType("MyLayer.forward", x, "float32") */
export function checkSameDType(op: string, x: Tensor, dtype: string): void {
  if (x.dtype !== dtype) {
    throw new TypeError(`${op}: input is ${x.dtype} but the parameters are ${dtype}; convert one of them (model.to("${x.dtype}") or x.astype("${dtype}"))`);
  }
}

/**
 * A new array of the same type, zero-filled unless `zero` is false (for outputs a kernel
 * overwrites entirely). Large float32 arrays come from lib/tensor's `allocate`, so they live in
 * wasm memory where kernels use them in place and freed blocks are reused without page faults.
 * @example alloc(new Float64Array(1), 3) // Float64Array [0, 0, 0]
 */
export function alloc(like: FloatArray | FloatDType, n: number, zero = true): FloatArray {
  const f64 = typeof like === "string" ? like === "float64" : like instanceof Float64Array;
  return f64 ? new Float64Array(n) : allocate("float32", n, "nn", zero) as Float32Array;
}

/** Wraps a contiguous array as a tensor of `shape` (no copy). @example wrap(new Float32Array(6), [2, 3]).shape // [2, 3] */
export function wrap(data: FloatArray, shape: readonly number[]): Tensor {
  return new Tensor(data, shape);
}

/** Throws when `x`'s shape differs from what the module expects. @example checkShape("MyLayer.forward", x, "[N, 4]", x.ndim === 2 && x.shape[1] === 4) */
export function checkShape(op: string, x: Tensor, expected: string, ok: boolean): void {
  if (!ok) throw new RangeError(`${op}: expected input of shape ${expected}, got [${x.shape.join(", ")}]`);
}

/** Throws when backward runs before forward or with a gradient of the wrong shape. @example checkBackward("MyLayer.backward", this.outShape, dout) */
export function checkBackward(op: string, cachedShape: readonly number[] | null, dout: Tensor): void {
  if (cachedShape === null) throw new Error(`${op}: call forward before backward (backward uses what forward cached)`);
  if (dout.shape.length !== cachedShape.length || dout.shape.some((d, i) => d !== cachedShape[i])) {
    throw new RangeError(`${op}: dout has shape [${dout.shape.join(", ")}] but the last forward produced [${cachedShape.join(", ")}]`);
  }
}

/** Throws unless opts.training is an explicit boolean (for modules whose behaviour depends on the mode). @example const training = requireMode("MyLayer.forward", opts) */
export function requireMode(op: string, opts: ForwardOptions | undefined): boolean {
  if (typeof opts?.training !== "boolean") {
    throw new TypeError(`${op}: pass the mode explicitly: forward(x, { training: true, rng }) or forward(x, { training: false })`);
  }
  return opts.training;
}

/** Throws unless a generator was passed (stochastic modules in training mode). @example const g = requireRng("MyLayer.forward", opts) */
export function requireRng(op: string, opts: ForwardOptions | undefined): Generator {
  const g = opts?.rng;
  if (!g || typeof g.random !== "function") throw new TypeError(`${op}: training mode draws random masks; pass the generator: forward(x, { training: true, rng: rng(0) })`);
  return g;
}
