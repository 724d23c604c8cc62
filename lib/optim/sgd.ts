// SGD with momentum, dampening, Nesterov and weight decay in PyTorch's formulation
// (torch.optim.SGD): g = grad + wd·w; buf = μ·buf + (1 - dampening)·g (buf = g on the first
// step); Nesterov: g = g + μ·buf, else g = buf; w -= lr·g. Note PyTorch's momentum differs from
// the Sutskever form v = μv - lr·g only in where lr is applied (same path for a constant lr).
import type { FloatArray, Parameter } from "../nn/index.js";
import { axpy } from "../kernels/index.js";
import { checkRange, Optimizer } from "./optimizer.js";

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent (torch.optim.SGD semantics and defaults).
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 * opt.zeroGrad(); model.backward(loss.grad); opt.step();
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private started = new Set<Parameter>();

  constructor(params: readonly Parameter[], opts: SGDOptions) {
    super(params, opts?.lr);
    this.momentum = checkRange("SGD", "momentum", opts.momentum ?? 0, 0, Infinity);
    this.dampening = opts.dampening ?? 0;
    this.weightDecay = checkRange("SGD", "weightDecay", opts.weightDecay ?? 0, 0, Infinity);
    this.nesterov = opts.nesterov ?? false;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) throw new RangeError("SGD: Nesterov momentum requires momentum > 0 and dampening = 0 (as PyTorch)");
  }

  protected update(p: Parameter, w: FloatArray, g: FloatArray): void {
    const lr = this.lr, wd = this.weightDecay, mu = this.momentum;
    if (mu === 0) {
      // Plain SGD is w += (-lr)·g: one axpy pass (float64 per element, rounded once, as this loop).
      if (wd === 0) axpy(w.length, -lr, g, 0, w, 0);
      else for (let i = 0; i < w.length; i++) w[i] -= lr * (g[i] + wd * w[i]);
      return;
    }
    const [buf] = this.buffers(p, 1), first = !this.started.has(p), damp = 1 - this.dampening;
    this.started.add(p);
    for (let i = 0; i < w.length; i++) {
      const d = g[i] + wd * w[i];
      const b = first ? d : mu * buf[i] + damp * d;
      buf[i] = b;
      w[i] -= lr * (this.nesterov ? d + mu * b : b);
    }
  }
}
