// The lecture's regularizers R(W), added to the loss as λ·R(W). Each returns λ·R and, when
// given parameters, accumulates λ·∇R into their gradients, so a training step is
// `loss += l2Penalty(weights, λ)` before the optimizer step. Pass weights only (PyTorch users
// usually exclude biases): `model.parameters().filter((p) => p.name === "weight")`.
import { Parameter } from "./module.js";

type Target = Parameter | readonly Parameter[];

function each(op: string, target: Target, lambda: number, fn: (w: Float32Array | Float64Array, g: Float32Array | Float64Array) => number): number {
  if (!(typeof lambda === "number" && lambda >= 0)) throw new RangeError(`${op}: lambda must be a number >= 0, got ${lambda}`);
  const ps = target instanceof Parameter ? [target] : target;
  let total = 0;
  for (const p of ps) {
    if (!(p instanceof Parameter)) throw new TypeError(`${op}: expected Parameters (model.parameters()), got ${typeof p}`);
    total += fn(p.values, p.gradValues);
    p.gradIsZero = false;
  }
  return total;
}

/**
 * L2 regularization (weight decay) λ·Σ W²; adds 2λW to the gradients.
 * NOTE: PyTorch's optimizer `weight_decay=wd` adds wd·W, i.e. λ = wd/2 here.
 * @example const penalty = l2Penalty(weights, 1e-4)
 */
export function l2Penalty(params: Target, lambda: number): number {
  return each("l2Penalty", params, lambda, (w, g) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) { s += w[i] * w[i]; g[i] += 2 * lambda * w[i]; }
    return lambda * s;
  });
}

/**
 * L1 regularization λ·Σ|W|; adds λ·sign(W) to the gradients (0 at W = 0, as torch.sign).
 * @example const penalty = l1Penalty(weights, 1e-4)
 */
export function l1Penalty(params: Target, lambda: number): number {
  return each("l1Penalty", params, lambda, (w, g) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) { s += Math.abs(w[i]); g[i] += lambda * Math.sign(w[i]); }
    return lambda * s;
  });
}

/**
 * Elastic net, the slide's R(W) = Σ β·W² + |W|, times λ; adds λ(2βW + sign W) to the gradients.
 * @example const penalty = elasticNetPenalty(weights, 1e-4, 0.5)
 */
export function elasticNetPenalty(params: Target, lambda: number, beta: number): number {
  if (!(typeof beta === "number" && beta >= 0)) throw new RangeError(`elasticNetPenalty: beta must be a number >= 0, got ${beta}`);
  return each("elasticNetPenalty", params, lambda, (w, g) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      s += beta * w[i] * w[i] + Math.abs(w[i]);
      g[i] += lambda * (2 * beta * w[i] + Math.sign(w[i]));
    }
    return lambda * s;
  });
}
