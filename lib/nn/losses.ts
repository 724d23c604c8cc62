// Losses as in PyTorch / CS231n: each returns the scalar loss (float64) and dL/dscores, the
// gradient that starts backward. Scores are [N, C]; targets are class indices (length N) or,
// for cross-entropy, class probabilities [N, C] (soft labels, as PyTorch >= 1.10).
import { Tensor } from "../tensor/index.js";
import { alloc, floatData, wrap } from "./module.js";

/** A loss value, per-sample losses and the gradient with respect to the scores. */
export interface LossResult {
  /** Reduced loss (mean over the batch by default). */
  readonly loss: number;
  /** Each sample's loss before reduction. */
  readonly losses: Float64Array;
  /** dL/dscores, same shape and dtype as the scores. */
  readonly grad: Tensor;
}

export type Reduction = "mean" | "sum";
export type Targets = Tensor | ArrayLike<number>;

function scores2d(op: string, scores: Tensor): { n: number; c: number; s: Float32Array | Float64Array } {
  if (scores.ndim !== 2) throw new RangeError(`${op}: expected scores of shape [N, C], got [${scores.shape.join(", ")}]`);
  return { n: scores.shape[0], c: scores.shape[1], s: floatData(scores, op) };
}

function classIndices(op: string, targets: Targets, n: number, c: number): Int32Array {
  const t = targets instanceof Tensor ? targets.toTypedArray() : targets;
  if (targets instanceof Tensor && targets.ndim !== 1) throw new RangeError(`${op}: expected ${n} class indices (shape [${n}]) or probabilities [${n}, ${c}], got targets of shape [${targets.shape.join(", ")}]`);
  if (t.length !== n) throw new RangeError(`${op}: ${n} score rows but ${t.length} targets`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const y = t[i];
    if (!Number.isInteger(y) || y < 0 || y >= c) throw new RangeError(`${op}: target ${i} is ${y}; class indices must be integers in [0, ${c - 1}]`);
    out[i] = y;
  }
  return out;
}

function reduce(op: string, reduction: Reduction | undefined): Reduction {
  const r = reduction ?? "mean";
  if (r !== "mean" && r !== "sum") throw new RangeError(`${op}: reduction must be "mean" or "sum", got "${String(r)}"`);
  return r;
}

function finish(losses: Float64Array, grad: Float32Array | Float64Array, shape: readonly number[], r: Reduction): LossResult {
  let total = 0;
  for (const l of losses) total += l;
  if (r === "mean" && losses.length > 0) {
    total /= losses.length;
    for (let i = 0; i < grad.length; i++) grad[i] /= losses.length;
  }
  return { loss: total, losses, grad: wrap(grad, shape) };
}

/**
 * Softmax cross-entropy, torch.nn.functional.cross_entropy semantics: log-softmax computed
 * stably in float64; targets as class indices or probabilities; `labelSmoothing` ε mixes the
 * target with the uniform distribution: q = (1 - ε)·target + ε/C, i.e. 1 - (C-1)ε/C on the
 * correct class and ε/C elsewhere (the lecture's formula). Gradient: (softmax - q) / N.
 * @example
 * softmaxCrossEntropy(tensor([[2, 1, 0.1]]), [0]).loss // 0.41703
 * softmaxCrossEntropy(logits, labels, { labelSmoothing: 0.1 })
 */
export function softmaxCrossEntropy(
  scores: Tensor, targets: Targets, opts: { labelSmoothing?: number; reduction?: Reduction } = {},
): LossResult {
  const op = "softmaxCrossEntropy";
  const { n, c, s } = scores2d(op, scores);
  const eps = opts.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`${op}: labelSmoothing must be in [0, 1], got ${eps}`);
  const r = reduce(op, opts.reduction);
  const soft = targets instanceof Tensor && targets.ndim === 2;
  let q: Float64Array;
  if (soft) {
    if (targets.shape[0] !== n || targets.shape[1] !== c) throw new RangeError(`${op}: probability targets must have the scores' shape [${n}, ${c}], got [${targets.shape.join(", ")}]`);
    q = Float64Array.from(targets.toTypedArray());
    for (let i = 0; i < q.length; i++) q[i] = q[i] * (1 - eps) + eps / c;
  } else {
    const y = classIndices(op, targets, n, c);
    q = new Float64Array(n * c).fill(eps / c);
    for (let i = 0; i < n; i++) q[i * c + y[i]] += 1 - eps;
  }
  const losses = new Float64Array(n), grad = alloc(s, n * c), p = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < c; j++) m = Math.max(m, s[i * c + j]);
    let z = 0;
    for (let j = 0; j < c; j++) { p[j] = Math.exp(s[i * c + j] - m); z += p[j]; }
    const lse = m + Math.log(z);
    let l = 0, qs = 0;
    for (let j = 0; j < c; j++) {
      const qj = q[i * c + j];
      if (qj !== 0) l -= qj * (s[i * c + j] - lse); // 0·log p = 0 even when p underflows
      qs += qj;
    }
    losses[i] = l;
    // d/ds_j of -Σ q log softmax(s) = Σq · p_j - q_j (Σq = 1 for proper distributions).
    for (let j = 0; j < c; j++) grad[i * c + j] = qs * (p[j] / z) - q[i * c + j];
  }
  return finish(losses, grad, scores.shape, r);
}

/**
 * The lecture's multiclass SVM (hinge) loss: L_i = Σ_{j≠y_i} max(0, s_j - s_{y_i} + margin),
 * margin 1, averaged over the batch. Gradient: +1 on each violating class, -(count) on the
 * correct class (0 at the hinge's kink, the subgradient PyTorch's multi_margin_loss uses).
 * @example svmLoss(tensor([[3.2, 5.1, -1.7]]), [0]).loss // 2.9 (the CS231n cat example)
 */
export function svmLoss(scores: Tensor, targets: Targets, opts: { margin?: number; reduction?: Reduction } = {}): LossResult {
  const op = "svmLoss";
  const { n, c, s } = scores2d(op, scores);
  const y = classIndices(op, targets, n, c), delta = opts.margin ?? 1, r = reduce(op, opts.reduction);
  const losses = new Float64Array(n), grad = alloc(s, n * c);
  for (let i = 0; i < n; i++) {
    const sy = s[i * c + y[i]];
    let l = 0, count = 0;
    for (let j = 0; j < c; j++) {
      if (j === y[i]) continue;
      const m = s[i * c + j] - sy + delta;
      if (m > 0) { l += m; grad[i * c + j] = 1; count++; }
    }
    grad[i * c + y[i]] = -count;
    losses[i] = l;
  }
  return finish(losses, grad, scores.shape, r);
}

/**
 * Mean squared error mean((pred - target)²) over all elements (torch's MSELoss, reduction
 * "mean"); gradient 2(pred - target)/numel.
 * @example mseLoss(tensor([1, 2]), tensor([1, 4])).loss // 2
 */
export function mseLoss(pred: Tensor, target: Tensor | ArrayLike<number>, opts: { reduction?: Reduction } = {}): LossResult {
  const op = "mseLoss";
  const p = floatData(pred, op), t = target instanceof Tensor ? target.toTypedArray() : target;
  if (t.length !== p.length) throw new RangeError(`${op}: prediction has ${p.length} elements (shape [${pred.shape.join(", ")}]) but target has ${t.length}`);
  const r = reduce(op, opts.reduction), grad = alloc(p, p.length), losses = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) { const d = p[i] - t[i]; losses[i] = d * d; grad[i] = 2 * d; }
  return finish(losses, grad, pred.shape, r);
}

/**
 * Softmax probabilities of [N, C] scores, computed stably (row max subtracted) in float64.
 * @example softmax(tensor([[0, 0]])).toArray() // [[0.5, 0.5]]
 */
export function softmax(scores: Tensor): Tensor {
  const { n, c, s } = scores2d("softmax", scores);
  const out = alloc(s, n * c);
  for (let i = 0; i < n; i++) {
    let m = -Infinity, z = 0;
    for (let j = 0; j < c; j++) m = Math.max(m, s[i * c + j]);
    for (let j = 0; j < c; j++) z += Math.exp(s[i * c + j] - m);
    for (let j = 0; j < c; j++) out[i * c + j] = Math.exp(s[i * c + j] - m) / z;
  }
  return wrap(out, scores.shape);
}
