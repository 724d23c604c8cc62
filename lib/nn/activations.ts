// Every activation on the lecture's slides as a pair of float64 scalar functions: the forward
// value and its derivative, side by side (STYLE rule 1). Layers (activation-layers.ts) map them
// over arrays; plots take them as { name, f, df }.
//
// Conventions, all chosen to match PyTorch (torch.nn.functional) where PyTorch has the function:
// - Subgradients at kinks are PyTorch's: ReLU'(0) = 0, LeakyReLU'(0) = slope, ELU'(0) = alpha,
//   step'(x) = 0 everywhere (PyTorch has no gradient for heaviside; 0 is its a.e. derivative).
// - NaN in gives NaN out, for values and derivatives (PyTorch's ReLU backward passes the upstream
//   gradient through at NaN; a NaN derivative makes the poisoned input visible instead).
// - ±Infinity gives the mathematical limit. Where PyTorch's formula evaluates inf/inf or inf*0 to
//   NaN (softsign(±inf), silu(-inf), mish(-inf), gelu(-inf)) we return the limit and say so.
// - Formulas are the numerically stable forms: no exp overflow, no 1 - 1 cancellation.
import { erfc } from "./erf.js";

/** An activation: its name, the function and its derivative, both float64 scalar maps. */
export interface Activation {
  readonly name: string;
  /** y = f(x). */
  readonly f: (x: number) => number;
  /** dy/dx at x (PyTorch's subgradient at kinks). */
  readonly df: (x: number) => number;
}

/** Stable logistic function: never evaluates exp of a positive number. */
function sig(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Stable softplus ln(1 + e^x) = max(x, 0) + log1p(e^-|x|). */
function sp(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * Sigmoid σ(x) = 1 / (1 + e^-x); σ' = σ(1 - σ).
 * @example
 * sigmoid.f(0) // 0.5
 */
export const sigmoid: Activation = {
  name: "sigmoid",
  f: sig,
  df: (x) => { const s = sig(x); return s * (1 - s); },
};

/**
 * Hyperbolic tangent; tanh' = 1 - tanh².
 * @example
 * tanh.df(0) // 1
 */
export const tanh: Activation = {
  name: "tanh",
  f: Math.tanh,
  df: (x) => { const t = Math.tanh(x); return 1 - t * t; },
};

/**
 * The slide's step function: 0 for x < n, 1 for x >= n (threshold n, default 0). Derivative 0
 * (it is 0 almost everywhere; a step cannot be trained by gradient descent, which is the point).
 * @example
 * step().f(0) // 1
 * step(2).f(1) // 0
 */
export function step(n = 0): Activation {
  return {
    name: n === 0 ? "step" : `step(n=${n})`,
    f: (x) => (Number.isNaN(x) ? NaN : x >= n ? 1 : 0),
    df: (x) => (Number.isNaN(x) ? NaN : 0),
  };
}

/**
 * Softplus ln(1 + e^(βx)) / β, linear where βx > threshold, as torch.nn.Softplus(beta=1,
 * threshold=20); derivative σ(βx), 1 above the threshold.
 * @example
 * softplus().f(0) // 0.6931471805599453 (ln 2)
 */
export function softplus(opts: { beta?: number; threshold?: number } = {}): Activation {
  const beta = opts.beta ?? 1, threshold = opts.threshold ?? 20;
  return {
    name: beta === 1 && threshold === 20 ? "softplus" : `softplus(beta=${beta}, threshold=${threshold})`,
    f: (x) => (x * beta > threshold ? x : sp(x * beta) / beta),
    df: (x) => (Number.isNaN(x) ? NaN : x * beta > threshold ? 1 : sig(x * beta)),
  };
}

/**
 * ReLU max(0, x). Subgradient at 0 is 0, as PyTorch.
 * @example
 * relu.f(-2) // 0
 * relu.df(0) // 0
 */
export const relu: Activation = {
  name: "relu",
  f: (x) => (x <= 0 ? 0 : x),
  df: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : 0),
};

/**
 * Softsign x / (1 + |x|); derivative 1 / (1 + |x|)². softsign(±inf) = ±1 (PyTorch gives NaN).
 * @example
 * softsign.f(1) // 0.5
 */
export const softsign: Activation = {
  name: "softsign",
  f: (x) => (x === Infinity ? 1 : x === -Infinity ? -1 : x / (1 + Math.abs(x))),
  df: (x) => { const d = 1 + Math.abs(x); return 1 / (d * d); },
};

/**
 * ELU: x for x > 0, α(e^x - 1) otherwise (α = 1 by default, as the slide and PyTorch).
 * Derivative 1 for x > 0, αe^x otherwise (so α at 0, as PyTorch).
 * @example
 * elu().f(-1) // -0.6321205588285577
 */
export function elu(alpha = 1): Activation {
  return {
    name: alpha === 1 ? "elu" : `elu(alpha=${alpha})`,
    f: (x) => (x > 0 ? x : alpha * Math.expm1(x)),
    df: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : alpha * Math.exp(x)),
  };
}

/**
 * log σ(x) = -softplus(-x), stable for large |x|; derivative σ(-x) = 1 - σ(x).
 * @example
 * logSigmoid.f(0) // -0.6931471805599453
 */
export const logSigmoid: Activation = {
  name: "logsigmoid",
  f: (x) => -sp(-x),
  df: (x) => sig(-x),
};

/**
 * SiLU / swish x·σ(x) = x / (1 + e^-x); derivative σ(x)(1 + x(1 - σ(x))).
 * silu(-inf) = 0 and silu'(±inf) = 1, 0 (limits; PyTorch gives NaN).
 * @example
 * silu.f(1) // 0.7310585786300049
 */
export const silu: Activation = {
  name: "silu",
  f: (x) => (x === -Infinity ? 0 : x * sig(x)),
  df: (x) => {
    if (x === Infinity) return 1;
    if (x === -Infinity) return 0;
    const s = sig(x);
    return s * (1 + x * (1 - s));
  },
};

/**
 * sinc(x) = sin(x)/x with sinc(0) = 1, the slide's unnormalized sinc. NOTE: torch.sinc is the
 * normalized sin(πx)/(πx); this is not it. Near 0 the Taylor series avoids 0/0 and cancellation.
 * sinc(±inf) = 0 (the limit).
 * @example
 * sinc.f(0) // 1
 * sinc.f(Math.PI) // ~3.9e-17 (sin(π) in float64 is not exactly 0)
 */
export const sinc: Activation = {
  name: "sinc",
  f: (x) => {
    if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : 0;
    if (Math.abs(x) < 1e-4) { const x2 = x * x; return 1 - x2 / 6 + (x2 * x2) / 120; }
    return Math.sin(x) / x;
  },
  df: (x) => {
    if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : 0;
    if (Math.abs(x) < 1e-4) return -x / 3 + (x * x * x) / 30;
    return (x * Math.cos(x) - Math.sin(x)) / (x * x);
  },
};

/**
 * Leaky ReLU max(slope·x, x) for slope < 1. The slope is required: the lecture uses 0.1,
 * PyTorch's torch.nn.LeakyReLU defaults to 0.01 (see `leakyRelu01` and `leakyReluTorch`).
 * Derivative 1 for x > 0, slope otherwise (slope at 0, as PyTorch).
 * @example
 * leakyRelu(0.1).f(-2) // -0.2
 */
export function leakyRelu(slope: number): Activation {
  return {
    name: `leaky_relu(${slope})`,
    f: (x) => (x > 0 ? x : x * slope),
    df: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : slope),
  };
}

/** The lecture's leaky ReLU, slope 0.1. @example leakyRelu01.f(-1) // -0.1 */
export const leakyRelu01 = leakyRelu(0.1);
/** PyTorch's default leaky ReLU, negative_slope 0.01. @example leakyReluTorch.f(-1) // -0.01 */
export const leakyReluTorch = leakyRelu(0.01);

/**
 * Mish x·tanh(softplus(x)) (PyTorch's softplus, threshold 20); derivative
 * tanh(sp) + x·σ(x)·(1 - tanh²(sp)). mish(-inf) = 0 (PyTorch gives NaN).
 * @example
 * mish.f(1) // 0.8650983882673103
 */
export const mish: Activation = {
  name: "mish",
  f: (x) => (x === -Infinity ? 0 : x * Math.tanh(x > 20 ? x : sp(x))),
  df: (x) => {
    if (x === Infinity) return 1;
    if (x === -Infinity) return 0;
    const t = Math.tanh(x > 20 ? x : sp(x));
    return t + x * sig(x) * (1 - t * t);
  },
};

/** SELU's α and λ, exactly as on the slide (Klambauer et al. 2017) and in PyTorch. @example SELU_ALPHA // 1.6732632423543772 */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * SELU λx for x > 0, λα(e^x - 1) otherwise; derivative λ, or λαe^x (λα at 0, as PyTorch).
 * @example
 * selu.f(1) // 1.0507009873554805
 */
export const selu: Activation = {
  name: "selu",
  f: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  df: (x) => (Number.isNaN(x) ? NaN : x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x)),
};

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2π)

/**
 * Exact GELU x·Φ(x) = (x/2)(1 + erf(x/√2)), PyTorch's default (approximate="none"); derivative
 * Φ(x) + x·φ(x). Computed as (x/2)·erfc(-x/√2) so the negative tail keeps its digits
 * (PyTorch's 1 + erf rounds gelu(-10) to -0; the true value is -7.62e-23).
 * @example
 * gelu.f(1) // 0.8413447460685429
 */
export const gelu: Activation = {
  name: "gelu",
  f: (x) => (x === -Infinity ? 0 : x === Infinity ? Infinity : 0.5 * x * erfc(-x * SQRT1_2)),
  df: (x) => {
    if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : x > 0 ? 1 : 0;
    return 0.5 * erfc(-x * SQRT1_2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  },
};

/** The slide's sigmoid approximation of GELU, x·σ(1.702x). @example geluSigmoid.f(0) // 0 */
export const geluSigmoid: Activation = {
  name: "gelu_sigmoid",
  f: (x) => (x === -Infinity ? 0 : x * sig(1.702 * x)),
  df: (x) => {
    if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : x > 0 ? 1 : 0;
    const s = sig(1.702 * x);
    return s + 1.702 * x * s * (1 - s);
  },
};

const K_BETA = Math.sqrt(2 / Math.PI);
const K_KAPPA = 0.044715;

/**
 * GELU's tanh approximation (PyTorch approximate="tanh"): (x/2)(1 + tanh(√(2/π)(x + 0.044715x³))),
 * evaluated as x·σ(2u) (the same number; 1 + tanh u = 2σ(2u) avoids cancellation for x < 0).
 * @example
 * geluTanh.f(1) // 0.8411919906082768
 */
export const geluTanh: Activation = {
  name: "gelu_tanh",
  f: (x) => {
    if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : x > 0 ? Infinity : 0;
    return x * sig(2 * K_BETA * (x + K_KAPPA * x * x * x));
  },
  df: (x) => {
    if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : x > 0 ? 1 : 0;
    const s = sig(2 * K_BETA * (x + K_KAPPA * x * x * x)); // (1 + tanh u) / 2
    // d/dx [x·(1+tanh u)/2] = (1+tanh u)/2 + (x/2)(1 - tanh²u)·u'; 1 - tanh²u = 4s(1 - s).
    return s + 2 * x * s * (1 - s) * K_BETA * (1 + 3 * K_KAPPA * x * x);
  },
};

/** All the lecture's activations with their default parameters, for galleries and loops. @example ACTIVATIONS.map((a) => a.name) // ["sigmoid", "tanh", ...] */
export const ACTIVATIONS: readonly Activation[] = [
  sigmoid, tanh, step(), softplus(), relu, softsign, elu(), logSigmoid, silu, sinc,
  leakyRelu01, leakyReluTorch, mish, selu, gelu, geluSigmoid, geluTanh,
];
