// Learning-rate schedules as closed forms of the epoch (what torch.optim.lr_scheduler's
// StepLR and CosineAnnealingLR compute when stepped once per epoch), plus scheduler objects
// that set an optimizer's lr. The pure functions are what a plot of the schedule calls.
import type { Optimizer } from "./optimizer.js";

/**
 * Step decay: lr = base · γ^floor(epoch / stepSize) (StepLR, γ default 0.1).
 * @example stepLr(0.1, 30, { stepSize: 30 }) // 0.01
 */
export function stepLr(base: number, epoch: number, opts: { stepSize: number; gamma?: number }): number {
  if (!(Number.isInteger(opts?.stepSize) && opts.stepSize >= 1)) throw new RangeError(`stepLr: stepSize must be a positive integer, got ${opts?.stepSize}`);
  return base * (opts.gamma ?? 0.1) ** Math.floor(epoch / opts.stepSize);
}

/**
 * Cosine annealing: lr = η_min + (base - η_min)(1 + cos(π·epoch / T_max)) / 2
 * (CosineAnnealingLR's closed form, η_min default 0).
 * @example cosineLr(0.1, 50, { tMax: 100 }) // 0.05
 */
export function cosineLr(base: number, epoch: number, opts: { tMax: number; etaMin?: number }): number {
  if (!(opts?.tMax > 0)) throw new RangeError(`cosineLr: tMax must be > 0, got ${opts?.tMax}`);
  const etaMin = opts.etaMin ?? 0;
  return etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * epoch) / opts.tMax))) / 2;
}

/** A schedule bound to an optimizer: call step() once per epoch, after the epoch's updates. @example for (...) { trainOneEpoch(); sched.step(); } */
export abstract class LRScheduler {
  /** Epochs completed. */
  epoch = 0;
  constructor(readonly optimizer: Optimizer) {
    if (!optimizer || typeof optimizer.step !== "function") throw new TypeError(`${new.target.name}: expected an optimizer (new SGD(...), new Adam(...))`);
  }
  /** The schedule's lr at `epoch`. */
  abstract lrAt(epoch: number): number;
  /** Advances one epoch and sets optimizer.lr. */
  step(): number {
    this.epoch++;
    this.optimizer.lr = this.lrAt(this.epoch);
    return this.optimizer.lr;
  }
}

/** @example const sched = new StepLR(opt, { stepSize: 30, gamma: 0.1 }); sched.step() // each epoch */
export class StepLR extends LRScheduler {
  constructor(optimizer: Optimizer, readonly opts: { stepSize: number; gamma?: number }) {
    super(optimizer);
    stepLr(1, 0, opts);
  }
  lrAt(epoch: number): number { return stepLr(this.optimizer.initialLr, epoch, this.opts); }
}

/** @example const sched = new CosineAnnealingLR(opt, { tMax: epochs }) */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: Optimizer, readonly opts: { tMax: number; etaMin?: number }) {
    super(optimizer);
    cosineLr(1, 0, opts);
  }
  lrAt(epoch: number): number { return cosineLr(this.optimizer.initialLr, epoch, this.opts); }
}
