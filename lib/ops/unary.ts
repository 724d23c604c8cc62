// Unary elementwise ops. exp, log, sqrt, tanh and sigmoid of integers give float32, as PyTorch.
import { allocate, contiguousStrides, floatResult, Tensor, type DType } from "../tensor/index.js";
import { asTensor, type TensorLike } from "./convert.js";
import { forEachRowN, needsRelayout } from "./iterate.js";
import { unaryStrided, type UnaryName } from "./kernels.js";

/**
 * Runs a unary kernel over any view of `x` into a new contiguous tensor of dtype `out`.
 * @example unaryInto("tanh", x, "float64")
 */
export function unaryInto(op: UnaryName, x: Tensor, out: DType): Tensor {
  if (needsRelayout(x.shape, x.strides)) x = x.contiguous();
  const res = new Tensor(allocate(out, x.size, op, false), x.shape);
  forEachRowN(x.shape, [contiguousStrides(x.shape), x.strides], [0, x.offset], (o, n, s) =>
    unaryStrided(op, n, x.data, o[1], s[1], res.data, o[0], s[0]));
  return res;
}

function keep(op: UnaryName, x: TensorLike): Tensor {
  const t = asTensor(x, op);
  return unaryInto(op, t, t.dtype);
}

function float(op: UnaryName, x: TensorLike): Tensor {
  const t = asTensor(x, op);
  return unaryInto(op, t, floatResult(t.dtype));
}

/** -x. @example neg(tensor([1, -2])).toArray() // [-1, 2] */
export function neg(x: TensorLike): Tensor { return keep("neg", x); }
/** |x|. @example abs(tensor([-1.5])).toArray() // [1.5] */
export function abs(x: TensorLike): Tensor { return keep("abs", x); }
/** -1, 0 or 1 (NaN stays NaN). @example sign(tensor([-3, 0, 2])).toArray() // [-1, 0, 1] */
export function sign(x: TensorLike): Tensor { return keep("sign", x); }
/** x * x. @example square(tensor([3])).toArray() // [9] */
export function square(x: TensorLike): Tensor { return keep("square", x); }
/** max(x, 0); NaN propagates, as torch.relu. @example relu(tensor([-1, 2])).toArray() // [0, 2] */
export function relu(x: TensorLike): Tensor { return keep("relu", x); }
/** e^x. @example exp(tensor([0])).toArray() // [1] */
export function exp(x: TensorLike): Tensor { return float("exp", x); }
/** Natural logarithm (log(0) = -Infinity, log(-1) = NaN). @example log(tensor([1])).toArray() // [0] */
export function log(x: TensorLike): Tensor { return float("log", x); }
/** Square root (NaN for negatives). @example sqrt(tensor([4])).toArray() // [2] */
export function sqrt(x: TensorLike): Tensor { return float("sqrt", x); }
/** Hyperbolic tangent. @example tanh(tensor([0])).toArray() // [0] */
export function tanh(x: TensorLike): Tensor { return float("tanh", x); }
/** 1 / (1 + e^-x), computed without overflow for large |x|. @example sigmoid(tensor([0])).toArray() // [0.5] */
export function sigmoid(x: TensorLike): Tensor { return float("sigmoid", x); }

/** 1 / x (integers give float32). @example reciprocal(tensor([4])).toArray() // [0.25] */
export function reciprocal(x: TensorLike): Tensor { return float("reciprocal", x); }
/** Largest integer <= x. @example floor(tensor([-1.5, 1.5])).toArray() // [-2, 1] */
export function floor(x: TensorLike): Tensor { return keep("floor", x); }
/** Smallest integer >= x. @example ceil(tensor([-1.5, 1.5])).toArray() // [-1, 2] */
export function ceil(x: TensorLike): Tensor { return keep("ceil", x); }
/** Nearest integer, halves to even (as np.round): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2. @example round(tensor([0.5, 1.5, 2.5])).toArray() // [0, 2, 2] */
export function round(x: TensorLike): Tensor { return keep("round", x); }
/** Sine (radians). @example sin(tensor([0])).toArray() // [0] */
export function sin(x: TensorLike): Tensor { return float("sin", x); }
/** Cosine (radians). @example cos(tensor([0])).toArray() // [1] */
export function cos(x: TensorLike): Tensor { return float("cos", x); }
/** log(1 + x), accurate for tiny x. @example log1p(tensor([0])).toArray() // [0] */
export function log1p(x: TensorLike): Tensor { return float("log1p", x); }
/** e^x - 1, accurate for tiny x. @example expm1(tensor([0])).toArray() // [0] */
export function expm1(x: TensorLike): Tensor { return float("expm1", x); }
/** 1 where x is NaN (uint8 mask). @example isnan(tensor([NaN, 1])).toArray() // [1, 0] */
export function isnan(x: TensorLike): Tensor { const t = asTensor(x, "isnan"); return unaryInto("isnan", t, "uint8"); }
/** 1 where x is ±Infinity (uint8 mask). @example isinf(tensor([Infinity, 1])).toArray() // [1, 0] */
export function isinf(x: TensorLike): Tensor { const t = asTensor(x, "isinf"); return unaryInto("isinf", t, "uint8"); }
/** 1 where x is neither NaN nor ±Infinity (uint8 mask). @example isfinite(tensor([NaN, 1])).toArray() // [0, 1] */
export function isfinite(x: TensorLike): Tensor { const t = asTensor(x, "isfinite"); return unaryInto("isfinite", t, "uint8"); }

/**
 * Limits values to [min, max] (either may be omitted with null); NaN stays NaN, as np.clip.
 * @example clip(tensor([-2, 0.5, 3]), 0, 1).toArray() // [0, 0.5, 1]
 */
export function clip(x: TensorLike, min: number | null | undefined, max?: number | null): Tensor {
  const t = asTensor(x, "clip");
  if (min == null && max == null) throw new RangeError(`clip: give at least one of min and max`);
  if ((min != null && typeof min !== "number") || (max != null && typeof max !== "number")) {
    throw new TypeError(`clip: min and max must be numbers or null; got ${String(min)} and ${String(max)}`);
  }
  const lo = min ?? -Infinity, hi = max ?? Infinity;
  const res = new Tensor(allocate(t.dtype, t.size, "clip"), t.shape);
  const xd = t.data, od = res.data;
  forEachRowN(t.shape, [contiguousStrides(t.shape), t.strides], [0, t.offset], (o, n, s) => {
    let oo = o[0], ox = o[1];
    for (let i = 0; i < n; i++, oo += s[0], ox += s[1]) od[oo] = Math.min(Math.max(xd[ox], lo), hi);
  });
  return res;
}
