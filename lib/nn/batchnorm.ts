// Batch normalization (Ioffe & Szegedy 2015) with PyTorch's conventions: normalize each channel
// (dim 1) with the batch mean and the *biased* batch variance in training; update running
// statistics with momentum 0.1 using the *unbiased* variance; use the running statistics in
// eval. eps = 1e-5. momentum null is PyTorch's cumulative moving average (factor
// 1/numBatchesTracked: the running statistics are the plain average over all batches seen).
// Statistics are accumulated in float64.
//
// The math lives once, in the function forms (torch.nn.functional.batch_norm):
// `batchNorm(x, state, opts)` returns the output; `batchNormForward` also returns the cache that
// `batchNormBackward` takes (CS231n's batchnorm_forward/backward). The classes pass themselves
// as the state (their running statistics are PyTorch's buffers) and keep the cache.
import { ones, Tensor, zeros } from "../tensor/index.js";
import { alloc, checkBackward, checkSameDType, floatData, Module, Parameter, requireMode, wrap, type FloatArray, type FloatDType, type ForwardOptions } from "./module.js";

/** Running statistics, as PyTorch's buffers running_mean / running_var / num_batches_tracked. */
export interface BatchNormState {
  /** Mean per channel, shape [C]: written in place by training calls, read by eval calls. */
  runningMean: Tensor;
  /** Unbiased variance per channel, shape [C]: written in place by training calls, read by eval calls. */
  runningVar: Tensor;
  /** Training calls so far; each one adds 1 (momentum null averages over them). */
  numBatchesTracked: number;
}

/** Options of the function forms. */
export interface BatchNormFunctionOptions {
  /** Required: true normalizes with batch statistics and updates the state; false uses the state. */
  training: boolean;
  /** running = (1 - m)·running + m·batch (default 0.1); null: m = 1/numBatchesTracked (cumulative average). */
  momentum?: number | null;
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Scale γ and shift β per channel, shape [C] (default: none, i.e. γ = 1, β = 0). */
  weight?: Tensor | null;
  bias?: Tensor | null;
}

/** What a batch-norm forward saved for its backward: x̂ = (x - mean)·invstd, invstd = 1/sqrt(var + eps) per channel, the weight used. */
export interface BatchNormCache {
  readonly xhat: Float64Array;
  readonly invstd: Float64Array;
  readonly gamma: Float64Array | null;
  readonly hasBias: boolean;
  readonly training: boolean;
  readonly shape: readonly number[];
  readonly dtype: FloatDType;
}

/** dL/dx, and dL/dweight, dL/dbias when the forward had a weight / bias. */
export interface BatchNormGradients { dx: Tensor; dweight: Tensor | null; dbias: Tensor | null }

const shapeStr = (s: readonly number[]): string => `[${s.join(", ")}]`;

function checkMomentum(op: string, m: unknown): number | null {
  if (m === undefined) return 0.1;
  if (m === null || (typeof m === "number" && m >= 0 && m <= 1)) return m;
  throw new RangeError(`${op}: momentum must be a number in [0, 1], or null for the cumulative average, got ${String(m)}`);
}

function checkEps(op: string, eps: unknown): number {
  if (eps === undefined) return 1e-5;
  if (typeof eps === "number" && eps >= 0 && Number.isFinite(eps)) return eps;
  throw new RangeError(`${op}: eps must be a finite number >= 0, got ${String(eps)}`);
}

/** Throws unless t is a float Tensor of shape [c] and x's dtype. */
function checkPerChannel(op: string, name: string, t: unknown, c: number, x: Tensor): Tensor {
  if (!(t instanceof Tensor)) throw new TypeError(`${op}: ${name} must be a Tensor of shape [${c}], got ${t === null ? "null" : typeof t}`);
  if (t.ndim !== 1 || t.shape[0] !== c) throw new RangeError(`${op}: ${name} must have shape [${c}] (one value per channel of input ${shapeStr(x.shape)}), got ${shapeStr(t.shape)}`);
  if (t.dtype !== x.dtype) throw new TypeError(`${op}: ${name} is ${t.dtype} but the input is ${x.dtype}; use one dtype (e.g. x.astype("${t.dtype}"))`);
  return t;
}

/** The one implementation of the forward; `op` names the caller in errors. Validates everything before it mutates the state. */
function normalize(op: string, x: Tensor, state: BatchNormState | null, opts: BatchNormFunctionOptions): { out: Tensor; cache: BatchNormCache } {
  if (typeof opts?.training !== "boolean") throw new TypeError(`${op}: pass the mode explicitly: ${op}(x, state, { training: true }) or ${op}(x, state, { training: false })`);
  const training = opts.training;
  const momentum = checkMomentum(op, opts.momentum), eps = checkEps(op, opts.eps);
  const d = floatData(x, op);
  if (x.ndim < 2) throw new RangeError(`${op}: expected input of shape [N, C] or [N, C, *], got ${shapeStr(x.shape)}`);
  const n = x.shape[0], c = x.shape[1], inner = x.shape.slice(2).reduce((a, b) => a * b, 1), count = n * inner;
  if (state !== null) {
    if (typeof state !== "object") throw new TypeError(`${op}: state must be { runningMean, runningVar, numBatchesTracked } (see batchNormState(C)) or null, got ${typeof state}`);
    checkPerChannel(op, "state.runningMean", state.runningMean, c, x);
    checkPerChannel(op, "state.runningVar", state.runningVar, c, x);
    const nb = state.numBatchesTracked;
    if (!Number.isInteger(nb) || nb < 0) throw new RangeError(`${op}: state.numBatchesTracked must be an integer >= 0, got ${String(nb)}`);
  } else if (!training) {
    throw new TypeError(`${op}: eval mode normalizes with the running statistics; pass a state (batchNormState(${c})) or use { training: true }`);
  }
  const w = opts.weight ?? null, b = opts.bias ?? null;
  const gamma = w === null ? null : Float64Array.from(floatData(checkPerChannel(op, "weight", w, c, x), op));
  const beta = b === null ? null : floatData(checkPerChannel(op, "bias", b, c, x), op);
  if (training && count < 2) {
    throw new RangeError(`${op}: training needs more than 1 value per channel to compute a variance; got input ${shapeStr(x.shape)}${n === 1 ? " (a batch of one)" : ""}. Use a larger batch or { training: false }`);
  }
  let factor = 0;
  if (training && state) {
    state.numBatchesTracked += 1; // before the factor, as PyTorch: the first batch gets weight 1
    factor = momentum === null ? 1 / state.numBatchesTracked : momentum;
  }
  const rm = state?.runningMean, rv = state?.runningVar;
  // Running statistics are updated through their strides, so a view is written in place too.
  const rmD = rm?.data as FloatArray, rvD = rv?.data as FloatArray;
  const y = alloc(d, d.length), xhat = new Float64Array(d.length), invstd = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    const im = rm ? rm.offset + ch * rm.strides[0] : 0, iv = rv ? rv.offset + ch * rv.strides[0] : 0;
    let mean: number, variance: number;
    if (training) {
      let s = 0;
      for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) s += d[o + k];
      mean = s / count;
      let s2 = 0;
      for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) { const t = d[o + k] - mean; s2 += t * t; }
      variance = s2 / count; // biased, for normalization (as PyTorch)
      if (rm) {
        rmD[im] = (1 - factor) * rmD[im] + factor * mean;
        rvD[iv] = (1 - factor) * rvD[iv] + factor * (s2 / (count - 1)); // unbiased
      }
    } else { mean = rmD[im]; variance = rvD[iv]; }
    const is = 1 / Math.sqrt(variance + eps);
    invstd[ch] = is;
    const g = gamma ? gamma[ch] : 1, bt = beta ? beta[ch] : 0;
    for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) {
      const h = (d[o + k] - mean) * is;
      xhat[o + k] = h;
      y[o + k] = g * h + bt;
    }
  }
  return { out: wrap(y, x.shape), cache: { xhat, invstd, gamma, hasBias: beta !== null, training, shape: x.shape, dtype: x.dtype as FloatDType } };
}

/** The one implementation of the backward: dx, and the per-channel sums Σdout·xhat (dγ) and Σdout (dβ) in float64. */
function gradients(op: string, dout: Tensor, cache: BatchNormCache): { dx: Tensor; dgamma: Float64Array; dbeta: Float64Array } {
  checkBackward(op, cache.shape, dout);
  const { xhat, invstd, gamma, training, shape } = cache;
  const n = shape[0], c = shape[1], inner = xhat.length / (n * c || 1), count = n * inner;
  const go = floatData(dout, op), dx = alloc(go, go.length);
  const dgamma = new Float64Array(c), dbeta = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    let sg = 0, sgx = 0;
    for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) { sg += go[o + k]; sgx += go[o + k] * xhat[o + k]; }
    dgamma[ch] = sgx; dbeta[ch] = sg;
    const g = gamma ? gamma[ch] : 1, is = invstd[ch];
    for (let i = 0; i < n; i++) for (let k = 0, o = (i * c + ch) * inner; k < inner; k++) {
      // Training: the batch statistics depend on x, giving the two correction terms.
      dx[o + k] = training
        ? (g * is / count) * (count * go[o + k] - sg - xhat[o + k] * sgx)
        : g * is * go[o + k];
    }
  }
  return { dx: wrap(dx, shape), dgamma, dbeta };
}

/**
 * Fresh running statistics for `numFeatures` channels: mean 0, variance 1, no batches (PyTorch's initial buffers).
 * @example const state = batchNormState(3); // { runningMean: [0, 0, 0], runningVar: [1, 1, 1], numBatchesTracked: 0 }
 */
export function batchNormState(numFeatures: number, opts: { dtype?: FloatDType } = {}): BatchNormState {
  if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new RangeError(`batchNormState: numFeatures must be a positive integer, got ${numFeatures}`);
  const dtype = opts.dtype ?? "float32";
  return { runningMean: zeros([numFeatures], { dtype }), runningVar: ones([numFeatures], { dtype }), numBatchesTracked: 0 };
}

/**
 * Batch norm as a function, with its cache for `batchNormBackward` (explicit gradients, as the
 * modules). In training, `state` (if not null) is updated in place and numBatchesTracked grows by 1.
 * @example
 * const { out, cache } = batchNormForward(x, state, { training: true, weight: gamma, bias: beta });
 * const { dx, dweight, dbias } = batchNormBackward(dout, cache);
 */
export function batchNormForward(x: Tensor, state: BatchNormState | null, opts: BatchNormFunctionOptions): { out: Tensor; cache: BatchNormCache } {
  return normalize("batchNormForward", x, state, opts);
}

/**
 * Gradients of batch norm from dL/dy and the forward's cache (dweight/dbias are null when the forward had no weight/bias).
 * @example const { dx, dweight, dbias } = batchNormBackward(dout, cache) // dbias = Σ dout over N and the spatial axes
 */
export function batchNormBackward(dout: Tensor, cache: BatchNormCache): BatchNormGradients {
  const op = "batchNormBackward";
  if (!cache || !(cache.xhat instanceof Float64Array)) throw new TypeError(`${op}: expected the cache returned by batchNormForward(x, state, opts)`);
  const { dx, dgamma, dbeta } = gradients(op, dout, cache);
  const c = cache.invstd.length, as = (v: Float64Array): Tensor => { const t = alloc(cache.dtype, c); t.set(v); return wrap(t, [c]); };
  return { dx, dweight: cache.gamma ? as(dgamma) : null, dbias: cache.hasBias ? as(dbeta) : null };
}

/**
 * Batch norm as a function (torch.nn.functional.batch_norm) over [N, C] or [N, C, *]. Training
 * uses the batch statistics and updates `state` IN PLACE (runningMean, runningVar,
 * numBatchesTracked); eval normalizes with the state. `state` may be null in training only.
 * @example
 * const state = batchNormState(3);
 * batchNorm(x, state, { training: true });   // F.batch_norm(x, rm, rv, training=True); state updated
 * batchNorm(x, state, { training: false });  // uses state.runningMean / runningVar
 * batchNorm(x, state, { training: true, momentum: null }); // cumulative average over batches
 */
export function batchNorm(x: Tensor, state: BatchNormState | null, opts: BatchNormFunctionOptions): Tensor {
  return normalize("batchNorm", x, state, opts).out;
}

export interface BatchNormOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Running-statistics update rate (default 0.1): running = (1 - m)·running + m·batch; null = cumulative average (1/numBatchesTracked). */
  momentum?: number | null;
  /** Learn a per-channel scale γ and shift β (default true). */
  affine?: boolean;
  dtype?: FloatDType;
}

/** The shared machinery of BatchNorm1d and BatchNorm2d; `ranks` are the accepted input ranks. It is its own BatchNormState. @example bn instanceof BatchNorm // for BatchNorm1d and BatchNorm2d */
export abstract class BatchNorm extends Module implements BatchNormState {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  /** Running mean per channel (a buffer: updated in training, used in eval). */
  runningMean: Tensor;
  /** Running (unbiased) variance per channel. */
  runningVar: Tensor;
  readonly eps: number;
  /** Running-statistics update rate, or null for the cumulative average. */
  readonly momentum: number | null;
  // An int32 scalar buffer (saved by stateDict, kept int32 by to(), as PyTorch's long buffer).
  private batches = zeros([], { dtype: "int32" });
  private cache: BatchNormCache | null = null;

  constructor(readonly numFeatures: number, private readonly ranks: readonly number[], opts: BatchNormOptions = {}) {
    super();
    const name = this.constructor.name;
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new RangeError(`${name}: numFeatures must be a positive integer, got ${numFeatures}`);
    const dtype = opts.dtype ?? "float32";
    this.eps = checkEps(name, opts.eps);
    this.momentum = checkMomentum(name, opts.momentum);
    if (opts.affine === false) { this.weight = null; this.bias = null; } else {
      this.weight = new Parameter("weight", ones([numFeatures], { dtype }));
      this.bias = new Parameter("bias", zeros([numFeatures], { dtype }));
      this.params.push(this.weight, this.bias);
    }
    this.runningMean = zeros([numFeatures], { dtype });
    this.runningVar = ones([numFeatures], { dtype });
  }

  /** Training batches seen (PyTorch's num_batches_tracked). */
  get numBatchesTracked(): number { return this.batches.data[0]; }
  set numBatchesTracked(v: number) { this.batches.data[0] = v; }

  protected override ownBuffers(): [string, Tensor][] {
    return [["runningMean", this.runningMean], ["runningVar", this.runningVar], ["numBatchesTracked", this.batches]];
  }

  protected override convertBuffers(dtype: FloatDType): void {
    this.runningMean = this.runningMean.to(dtype);
    this.runningVar = this.runningVar.to(dtype);
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    const op = `${this.constructor.name}.forward`;
    const training = requireMode(op, opts);
    if (!this.ranks.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      const want = this.ranks.map((r) => `[N, ${this.numFeatures}${r === 3 ? ", L" : r === 4 ? ", H, W" : ""}]`).join(" or ");
      throw new RangeError(`${op}: expected input of shape ${want}, got ${shapeStr(x.shape)}`);
    }
    checkSameDType(op, x, this.runningMean.dtype);
    const { out, cache } = normalize(op, x, this, { training, momentum: this.momentum, eps: this.eps, weight: this.weight?.data ?? null, bias: this.bias?.data ?? null });
    this.cache = cache;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const op = `${this.constructor.name}.backward`;
    checkBackward(op, this.cache?.shape ?? null, dout);
    const { dx, dgamma, dbeta } = gradients(op, dout, this.cache!);
    if (this.weight && this.bias) {
      const gw = this.weight.gradValues, gb = this.bias.gradValues;
      for (let ch = 0; ch < dgamma.length; ch++) { gw[ch] += dgamma[ch]; gb[ch] += dbeta[ch]; }
      this.weight.gradIsZero = this.bias.gradIsZero = false;
    }
    return dx;
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
 * new BatchNorm1d(100, { momentum: null }) // running stats = average over all training batches
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
