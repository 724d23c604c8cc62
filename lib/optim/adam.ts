// Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019) as torch.optim implements them:
// m = β1·m + (1-β1)·g, v = β2·v + (1-β2)·g², w -= (lr / (1-β1^t)) · m / (√v / √(1-β2^t) + eps).
// Adam's weightDecay is L2 (added to g); AdamW's is decoupled: w *= 1 - lr·wd before the step.
import type { FloatArray, Parameter } from "../nn/index.js";
import { checkRange, Optimizer } from "./optimizer.js";

export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Default 1e-8. */
  eps?: number;
  /** Adam default 0 (L2 on the gradient); AdamW default 0.01 (decoupled). */
  weightDecay?: number;
}

/**
 * Adam (torch.optim.Adam defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0).
 * @example const opt = new Adam(model.parameters(), { lr: 1e-3 })
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  protected readonly decoupled: boolean = false;

  constructor(params: readonly Parameter[], opts: AdamOptions = {}, defaultWeightDecay = 0) {
    super(params, opts.lr ?? 1e-3);
    const name = new.target.name;
    const [b1, b2] = opts.betas ?? [0.9, 0.999];
    this.beta1 = checkRange(name, "betas[0]", b1, 0, 1);
    this.beta2 = checkRange(name, "betas[1]", b2, 0, 1);
    this.eps = checkRange(name, "eps", opts.eps ?? 1e-8, 0, Infinity);
    this.weightDecay = checkRange(name, "weightDecay", opts.weightDecay ?? defaultWeightDecay, 0, Infinity);
  }

  protected update(p: Parameter, w: FloatArray, g: FloatArray): void {
    const [m, v] = this.buffers(p, 2), t = this.stepCount, b1 = this.beta1, b2 = this.beta2;
    const bc1 = 1 - b1 ** t, sbc2 = Math.sqrt(1 - b2 ** t), stepSize = this.lr / bc1, wd = this.weightDecay;
    const decay = this.decoupled ? 1 - this.lr * wd : 1, l2 = this.decoupled ? 0 : wd;
    for (let i = 0; i < w.length; i++) {
      if (decay !== 1) w[i] *= decay;
      const gi = g[i] + l2 * w[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      w[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / sbc2 + this.eps);
    }
  }
}

/**
 * AdamW: Adam with decoupled weight decay (torch.optim.AdamW, weight_decay default 0.01).
 * @example const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.05 })
 */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;
  constructor(params: readonly Parameter[], opts: AdamOptions = {}) {
    super(params, opts, 0.01);
  }
}
