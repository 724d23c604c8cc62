// Dropout in both of the lecture's forms. With keep probability p:
// - "inverted" (the default, PyTorch's nn.Dropout): training y = x·mask/p, test y = x.
// - "vanilla" (the lecture's first version): training y = x·mask, test y = x·p
//   ("At test time, drop nothing and multiply by dropout probability").
// The rate is a named option, `{ keep }` or `{ drop }` (see rate.ts), never a bare number.
import type { Tensor } from "../tensor/index.js";
import { alloc, checkBackward, floatData, Module, requireMode, requireRng, wrap, type ForwardOptions } from "./module.js";
import { bernoulliMask, keepProbability, type Rate } from "./rate.js";

export type DropoutVariant = "inverted" | "vanilla";

/**
 * Dropout layer.
 * @example
 * new Dropout({ drop: 0.5 })                      // torch.nn.Dropout(p=0.5)
 * new Dropout({ keep: 0.5, variant: "vanilla" })  // the lecture's first form: scale by p at test
 * d.forward(h, { training: true, rng: rng(0) }); d.forward(h, { training: false })
 */
export class Dropout extends Module {
  /** Probability of keeping a unit (the lecture's p). */
  readonly keep: number;
  readonly variant: DropoutVariant;
  /** The last training mask (1 = kept, 0 = dropped), for inspection. */
  mask: Float64Array | null = null;
  private scale = 1;
  private shape: readonly number[] | null = null;

  constructor(opts: Rate & { variant?: DropoutVariant }) {
    super();
    this.keep = keepProbability("Dropout", opts);
    this.variant = opts.variant ?? "inverted";
    if (this.variant !== "inverted" && this.variant !== "vanilla") throw new RangeError(`Dropout: variant must be "inverted" or "vanilla", got "${String(this.variant)}"`);
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    const op = "Dropout.forward";
    const training = requireMode(op, opts);
    const d = floatData(x, op), y = alloc(d, d.length);
    this.shape = x.shape;
    if (!training) {
      this.mask = null;
      this.scale = this.variant === "vanilla" ? this.keep : 1;
      for (let i = 0; i < d.length; i++) y[i] = d[i] * this.scale;
      return wrap(y, x.shape);
    }
    const g = requireRng(op, opts);
    const mask = bernoulliMask(new Float64Array(d.length), this.keep, g);
    // keep = 0 drops everything; PyTorch returns zeros rather than dividing by 0.
    this.scale = this.variant === "inverted" && this.keep > 0 ? 1 / this.keep : 1;
    for (let i = 0; i < d.length; i++) y[i] = mask[i] === 0 ? 0 : d[i] * this.scale;
    this.mask = mask;
    return wrap(y, x.shape);
  }

  backward(dout: Tensor): Tensor {
    checkBackward("Dropout.backward", this.shape, dout);
    const g = floatData(dout, "Dropout.backward"), dx = alloc(g, g.length), m = this.mask;
    for (let i = 0; i < g.length; i++) dx[i] = m && m[i] === 0 ? 0 : g[i] * this.scale;
    return wrap(dx, this.shape!);
  }

  protected override describe(): string { return `keep=${this.keep}, drop=${+(1 - this.keep).toFixed(12)}, variant=${this.variant}`; }
}
