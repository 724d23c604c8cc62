// The optimizer base: a list of parameters, a learning rate a schedule may change, zeroGrad,
// and per-parameter state (momentum buffers, Adam moments) kept in the parameter's dtype, as PyTorch.
import { Parameter, type FloatArray } from "../nn/index.js";

/**
 * Base of SGD, Adam, AdamW: subclasses implement update(p, w, g).
 * @example opt.zeroGrad(); model.backward(loss.grad); opt.step();
 */
export abstract class Optimizer {
  readonly params: readonly Parameter[];
  /** Current learning rate (schedules set it). */
  lr: number;
  /** The learning rate given at construction (schedules scale it). */
  readonly initialLr: number;
  /** Number of step() calls so far. */
  stepCount = 0;
  protected readonly state = new Map<Parameter, FloatArray[]>();

  constructor(params: readonly Parameter[], lr: number) {
    const name = this.constructor.name;
    if (!Array.isArray(params) || params.length === 0) throw new TypeError(`${name}: expected a non-empty list of parameters (model.parameters()), got ${Array.isArray(params) ? "an empty list" : typeof params}`);
    params.forEach((p, i) => { if (!(p instanceof Parameter)) throw new TypeError(`${name}: parameter ${i} is not a Parameter (pass model.parameters())`); });
    if (!(typeof lr === "number" && lr >= 0 && Number.isFinite(lr))) throw new RangeError(`${name}: lr must be a finite number >= 0, got ${lr}`);
    this.params = params.slice();
    this.lr = lr;
    this.initialLr = lr;
  }

  /** Sets every parameter's gradient to zero (call before each backward). */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /** One update of every parameter from its .grad. */
  step(): void {
    this.stepCount++;
    for (const p of this.params) this.update(p, p.values, p.gradValues);
  }

  protected abstract update(p: Parameter, w: FloatArray, g: FloatArray): void;

  /** The state buffers of p (created zero-filled on first use, in p's dtype). */
  protected buffers(p: Parameter, count: number): FloatArray[] {
    let s = this.state.get(p);
    if (!s || s[0].length !== p.values.length || s[0].constructor !== p.values.constructor) {
      s = Array.from({ length: count }, () => (p.values instanceof Float64Array ? new Float64Array(p.values.length) : new Float32Array(p.values.length)));
      this.state.set(p, s);
    }
    return s;
  }
}

/** Throws unless v is a number in [lo, hi). @example checkRange("SGD", "momentum", 0.9, 0, Infinity) // 0.9 */
export function checkRange(op: string, name: string, v: number, lo: number, hi: number): number {
  if (!(typeof v === "number" && v >= lo && v < hi)) throw new RangeError(`${op}: ${name} must be in [${lo}, ${hi}), got ${v}`);
  return v;
}
