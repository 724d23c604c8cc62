// The training loop: seeded shuffling and batching, train/eval switching, loss and accuracy,
// per-step and per-epoch callbacks (display hooks live progress into them), early stopping,
// learning-rate schedules, and a History. `fit` yields to the event loop after each epoch and
// at most every 100 ms within one, so progress displays update while it runs; `fitSync` is the
// same loop without yielding.
import { Tensor as TensorClass, type Tensor } from "../tensor/index.js";
import type { Generator as Rng } from "../random/index.js";
import { softmaxCrossEntropy, type LossResult, type Module } from "../nn/index.js";
import type { LRScheduler, Optimizer } from "../optim/index.js";
import { batchIndices, labelArray, takeRows } from "./batches.js";
import { History, type EpochRecord, type Metric } from "./history.js";

/** A loss function: scores and integer labels in, loss and dL/dscores out. */
export type LossFn = (scores: Tensor, labels: Int32Array) => LossResult;

/** What onStep receives after every optimizer step. */
export interface StepInfo {
  readonly epoch: number;
  /** Batch index within the epoch (0-based). */
  readonly batch: number;
  readonly batches: number;
  /** Optimizer steps so far. */
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly lr: number;
}

export interface EarlyStopping {
  /** Metric to watch (default "valLoss" with validation data, else "loss"). */
  monitor?: Metric;
  /** Epochs without improvement before stopping. */
  patience: number;
  /** Minimum change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Put back the parameters of the best epoch when stopping (default true). */
  restoreBest?: boolean;
}

export interface FitOptions {
  x: Tensor;
  y: Tensor | ArrayLike<number>;
  validation?: { x: Tensor; y: Tensor | ArrayLike<number> };
  optimizer: Optimizer;
  epochs: number;
  batchSize: number;
  /** Shuffles the data and drives stochastic layers (dropout, stochastic depth). */
  rng: Rng;
  /** Default: softmax cross-entropy. */
  loss?: LossFn;
  /** Adds a penalty to the loss and its gradient to .grad after backward, e.g. `() => l2Penalty(weights, 1e-4)`. */
  regularize?: () => number;
  scheduler?: LRScheduler;
  earlyStopping?: EarlyStopping;
  /** Called after every step; return "stop" to end training. */
  onStep?: (info: StepInfo) => void | "stop";
  /** Called after every epoch; return "stop" to end training. */
  onEpoch?: (record: EpochRecord, history: History) => void | "stop";
  /** Shuffle every epoch (default true). */
  shuffle?: boolean;
  /** Batch size for evaluation (default 1024). */
  evalBatchSize?: number;
}

/** Fraction of rows whose arg-max score equals the label. @example accuracy(tensor([[0.1, 2], [3, 1]]), [1, 1]) // 0.5 */
export function accuracy(scores: Tensor, labels: ArrayLike<number>): number {
  if (scores.ndim !== 2 || scores.shape[0] !== labels.length) throw new RangeError(`accuracy: expected scores [${labels.length}, C], got [${scores.shape.join(", ")}]`);
  return correct(scores, labels) / Math.max(1, labels.length);
}

function correct(scores: Tensor, labels: ArrayLike<number>): number {
  const s = scores.contiguous(), d = s.data, c = scores.shape[1];
  let k = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (d[s.offset + i * c + j] > d[s.offset + i * c + best]) best = j;
    if (best === labels[i]) k++;
  }
  return k;
}

/**
 * Scores of `model` on x in eval mode, computed in batches and concatenated along dim 0.
 * @example const logits = predict(model, xTest); // [N, C]
 */
export function predict(model: Module, x: Tensor, batchSize = 1024): Tensor {
  const parts = batchIndices(x.shape[0], batchSize, { shuffle: false }).map((idx) => model.forward(takeRows(x, idx), { training: false }).contiguous());
  if (parts.length === 0) throw new RangeError("predict: x has no rows");
  const row = parts[0].size / parts[0].shape[0], first = parts[0].data;
  const out = new (first.constructor as new (n: number) => typeof first)(x.shape[0] * row);
  let off = 0;
  for (const p of parts) { out.set(p.data.subarray(p.offset, p.offset + p.size), off); off += p.size; }
  return new TensorClass(out, [x.shape[0], ...parts[0].shape.slice(1)]);
}

/**
 * Mean loss and accuracy of `model` on (x, y) in eval mode.
 * @example evaluate(model, xTest, yTest) // { loss: 0.12, accuracy: 0.97 }
 */
export function evaluate(model: Module, x: Tensor, y: Tensor | ArrayLike<number>, opts: { loss?: LossFn; batchSize?: number } = {}): { loss: number; accuracy: number } {
  const labels = labelArray("evaluate", y), loss = opts.loss ?? ((s, l) => softmaxCrossEntropy(s, l));
  if (labels.length !== x.shape[0]) throw new RangeError(`evaluate: ${x.shape[0]} samples but ${labels.length} labels`);
  let total = 0, right = 0;
  for (const idx of batchIndices(x.shape[0], opts.batchSize ?? 1024, { shuffle: false })) {
    const s = model.forward(takeRows(x, idx), { training: false }), yb = Int32Array.from(idx, (i) => labels[i]);
    total += loss(s, yb).loss * idx.length;
    right += correct(s, yb);
  }
  const n = Math.max(1, labels.length);
  return { loss: total / n, accuracy: right / n };
}

function* loop(model: Module, o: FitOptions): Generator<void, History, void> {
  const labels = labelArray("fit", o.y);
  if (labels.length !== o.x.shape[0]) throw new RangeError(`fit: ${o.x.shape[0]} samples but ${labels.length} labels`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`fit: epochs must be a positive integer, got ${o.epochs}`);
  if (!o.rng) throw new TypeError("fit: pass the generator: fit(model, { ..., rng: rng(0) })");
  if (!o.optimizer) throw new TypeError("fit: pass an optimizer: fit(model, { ..., optimizer: new SGD(model.parameters(), { lr: 0.1 }) })");
  const loss = o.loss ?? ((s: Tensor, l: Int32Array) => softmaxCrossEntropy(s, l));
  const history = new History();
  const es = o.earlyStopping;
  const monitor: Metric = es?.monitor ?? (o.validation ? "valLoss" : "loss");
  const maximize = monitor === "accuracy" || monitor === "valAccuracy";
  let best = maximize ? -Infinity : Infinity, bestEpoch = 0, bestState: Record<string, Tensor> | null = null, wait = 0;
  let lastYield = Date.now();
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const t0 = Date.now(), lr = o.optimizer.lr;
    const batches = batchIndices(labels.length, o.batchSize, { rng: o.rng, shuffle: o.shuffle ?? true });
    let lossSum = 0, right = 0, seen = 0, stop = false;
    for (let b = 0; b < batches.length; b++) {
      const idx = batches[b], xb = takeRows(o.x, idx), yb = Int32Array.from(idx, (i) => labels[i]);
      o.optimizer.zeroGrad();
      const scores = model.forward(xb, { training: true, rng: o.rng });
      const r = loss(scores, yb);
      model.backward(r.grad, { inputGrad: false });
      const penalty = o.regularize ? o.regularize() : 0;
      o.optimizer.step();
      const c = correct(scores, yb);
      lossSum += (r.loss + penalty) * idx.length; right += c; seen += idx.length;
      if (o.onStep?.({ epoch, batch: b, batches: batches.length, step: o.optimizer.stepCount, loss: r.loss + penalty, accuracy: c / idx.length, lr }) === "stop") { stop = true; break; }
      // Let the event loop run (display updates reach the browser) at most every 100 ms.
      if (Date.now() - lastYield > 100) { yield; lastYield = Date.now(); }
    }
    const val = o.validation ? evaluate(model, o.validation.x, o.validation.y, { loss, batchSize: o.evalBatchSize }) : undefined;
    const rec: EpochRecord = {
      epoch, loss: lossSum / Math.max(1, seen), accuracy: right / Math.max(1, seen),
      ...(val ? { valLoss: val.loss, valAccuracy: val.accuracy } : {}),
      lr, steps: o.optimizer.stepCount, seconds: (Date.now() - t0) / 1000,
    };
    history.push(rec);
    o.scheduler?.step();
    if (o.onEpoch?.(rec, history) === "stop" || stop) { history.stopReason = "callback"; break; }
    if (es) {
      const v = rec[monitor];
      if (v === undefined) throw new RangeError(`fit: earlyStopping monitors "${monitor}" but it is not computed (validation data missing?)`);
      const improved = maximize ? v > best + (es.minDelta ?? 0) : v < best - (es.minDelta ?? 0);
      if (improved) {
        best = v; bestEpoch = epoch; wait = 0;
        if (es.restoreBest !== false) bestState = model.stateDict(); // parameters and running statistics
      } else if (++wait >= es.patience) {
        history.stopReason = "earlyStopping";
        break;
      }
    }
    yield;
    lastYield = Date.now();
  }
  if (es && es.restoreBest !== false && bestState && bestEpoch !== history.last?.epoch) {
    model.loadStateDict(bestState);
    history.restoredEpoch = bestEpoch;
  }
  return history;
}

/**
 * Trains `model` and returns its History; awaits between epochs so live progress renders.
 * @example
 * const history = await fit(model, { x, y, validation: { x: xv, y: yv }, optimizer, epochs: 20, batchSize: 64, rng: rng(0) });
 */
export async function fit(model: Module, opts: FitOptions): Promise<History> {
  const it = loop(model, opts);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** `fit` without yielding to the event loop (scripts, tests). @example const h = fitSync(model, opts) */
export function fitSync(model: Module, opts: FitOptions): History {
  const it = loop(model, opts);
  for (;;) { const r = it.next(); if (r.done) return r.value; }
}
