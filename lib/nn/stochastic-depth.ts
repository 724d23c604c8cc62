// Stochastic depth (Huang et al. 2016), torchvision.ops.StochasticDepth semantics: in training,
// zero the whole residual branch for a sample ("row") or for the batch ("batch") and scale the
// survivors by 1/keep; in eval, identity. Put it on a residual branch: y = x + sd(F(x)).
import type { Tensor } from "../tensor/index.js";
import { alloc, checkBackward, floatData, Module, requireMode, requireRng, wrap, type ForwardOptions } from "./module.js";
import { keepProbability, type Rate } from "./rate.js";

/**
 * Stochastic depth on [N, ...]. torchvision's p is the drop probability: `{ drop: p }`.
 * @example new StochasticDepth({ drop: 0.2, mode: "row" })
 */
export class StochasticDepth extends Module {
  readonly keep: number;
  readonly mode: "row" | "batch";
  /** The last per-sample multipliers (0 or 1/keep). */
  noise: Float64Array | null = null;
  private shape: readonly number[] | null = null;

  constructor(opts: Rate & { mode: "row" | "batch" }) {
    super();
    this.keep = keepProbability("StochasticDepth", opts);
    if (opts.mode !== "row" && opts.mode !== "batch") throw new RangeError(`StochasticDepth: mode must be "row" or "batch", got "${String(opts.mode)}"`);
    this.mode = opts.mode;
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    const op = "StochasticDepth.forward";
    const training = requireMode(op, opts);
    const d = floatData(x, op), y = alloc(d, d.length), n = x.shape[0] ?? 1, per = d.length / n;
    this.shape = x.shape;
    if (!training || this.keep === 1) { this.noise = null; y.set(d); return wrap(y, x.shape); }
    const g = requireRng(op, opts), noise = new Float64Array(n), s = this.keep > 0 ? 1 / this.keep : 0;
    if (this.mode === "batch") noise.fill(g.random() < this.keep ? s : 0);
    else for (let i = 0; i < n; i++) noise[i] = g.random() < this.keep ? s : 0;
    for (let i = 0; i < n; i++) for (let k = 0; k < per; k++) y[i * per + k] = noise[i] === 0 ? 0 : d[i * per + k] * noise[i];
    this.noise = noise;
    return wrap(y, x.shape);
  }

  backward(dout: Tensor): Tensor {
    checkBackward("StochasticDepth.backward", this.shape, dout);
    const g = floatData(dout, "StochasticDepth.backward"), dx = alloc(g, g.length);
    if (!this.noise) { dx.set(g); return wrap(dx, this.shape!); }
    const n = this.noise.length, per = g.length / n;
    for (let i = 0; i < n; i++) for (let k = 0; k < per; k++) dx[i * per + k] = this.noise[i] === 0 ? 0 : g[i * per + k] * this.noise[i];
    return wrap(dx, this.shape!);
  }

  protected override describe(): string { return `drop=${+(1 - this.keep).toFixed(12)}, mode=${this.mode}`; }
}
