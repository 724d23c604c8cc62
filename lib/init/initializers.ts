// torch.nn.init's initializers, in place on a tensor, each random one taking the generator
// explicitly (STYLE rule 6). Formulas are PyTorch's, so a student's std/bound numbers match
// what torch.nn.init computes for the same shape (the random bytes differ: different generator).
import type { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { calculateGain, type Nonlinearity } from "./gain.js";
import { calculateFan, calculateFans, type FanMode } from "./fan.js";
import { fillInPlace } from "./fill.js";

/** Options of every random initializer: the generator is required. */
export interface RandomInit { rng: Generator }

function needRng(op: string, opts: { rng?: Generator } | undefined): Generator {
  const g = opts?.rng;
  if (!g || typeof (g as Generator).fillNormal !== "function") {
    throw new TypeError(`${op}: pass the random generator explicitly, e.g. ${op}(w, { rng: rng(0) })`);
  }
  return g;
}

/** Fills with `value` (torch.nn.init.constant_). @example constant_(zeros([2]), 0.01).toArray() // [0.01, 0.01] */
export function constant_(t: Tensor, value: number): Tensor {
  return fillInPlace(t, "constant_", (b) => b.fill(value));
}

/** Fills with zeros (torch.nn.init.zeros_). @example zeros_(ones([2])).toArray() // [0, 0] */
export function zeros_(t: Tensor): Tensor { return constant_(t, 0); }

/** Fills with ones (torch.nn.init.ones_). @example ones_(zeros([2])).toArray() // [1, 1] */
export function ones_(t: Tensor): Tensor { return constant_(t, 1); }

/**
 * U(low, high) (torch.nn.init.uniform_, defaults a=0, b=1).
 * @example uniform_(w, { rng: rng(0), low: -0.1, high: 0.1 })
 */
export function uniform_(t: Tensor, opts: RandomInit & { low?: number; high?: number }): Tensor {
  const g = needRng("uniform_", opts);
  return fillInPlace(t, "uniform_", (b) => g.fillUniform(b, opts.low ?? 0, opts.high ?? 1));
}

/**
 * N(mean, std²) (torch.nn.init.normal_, defaults mean 0, std 1).
 * @example normal_(w, { rng: rng(0), std: 0.02 })
 */
export function normal_(t: Tensor, opts: RandomInit & { mean?: number; std?: number }): Tensor {
  const g = needRng("normal_", opts);
  return fillInPlace(t, "normal_", (b) => g.fillNormal(b, opts.mean ?? 0, opts.std ?? 1));
}

/**
 * The lecture's first idea, `W = 0.01 * np.random.randn(Din, Dout)`: N(0, 0.01²).
 * Fine for small networks; activations vanish in deep ones (the slide's point).
 * @example smallNormal_(w, { rng: rng(0) }) // std 0.01
 */
export function smallNormal_(t: Tensor, opts: RandomInit & { std?: number }): Tensor {
  const g = needRng("smallNormal_", opts);
  return fillInPlace(t, "smallNormal_", (b) => g.fillNormal(b, 0, opts.std ?? 0.01));
}

/**
 * Glorot/Xavier uniform: U(-a, a), a = gain·√(6 / (fan_in + fan_out)) (torch.nn.init.xavier_uniform_).
 * @example xavierUniform_(zeros([512, 3072]), { rng: rng(0) }) // bound 0.04031
 */
export function xavierUniform_(t: Tensor, opts: RandomInit & { gain?: number }): Tensor {
  const g = needRng("xavierUniform_", opts);
  const { fanIn, fanOut } = calculateFans(t.shape);
  const a = (opts.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return fillInPlace(t, "xavierUniform_", (b) => g.fillUniform(b, -a, a));
}

/**
 * Glorot/Xavier normal: N(0, std²), std = gain·√(2 / (fan_in + fan_out)) (torch.nn.init.xavier_normal_).
 * The lecture's "std = 1/sqrt(Din)" is the fan_in-only variant: lecunNormal_.
 * @example xavierNormal_(zeros([4096, 4096]), { rng: rng(0) }) // std 1/64
 */
export function xavierNormal_(t: Tensor, opts: RandomInit & { gain?: number }): Tensor {
  const g = needRng("xavierNormal_", opts);
  const { fanIn, fanOut } = calculateFans(t.shape);
  const std = (opts.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut));
  return fillInPlace(t, "xavierNormal_", (b) => g.fillNormal(b, 0, std));
}

/**
 * The lecture's "Xavier" initialization `W = np.random.randn(Din, Dout) / np.sqrt(Din)`:
 * N(0, 1/fan_in), known elsewhere as LeCun normal (Keras/JAX `lecun_normal`). PyTorch's
 * xavier_normal_ averages the fans instead; for square layers (the slide's 4096 x 4096) the two agree.
 * @example lecunNormal_(zeros([4096, 4096]), { rng: rng(0) }) // std 1/64
 */
export function lecunNormal_(t: Tensor, opts: RandomInit): Tensor {
  const g = needRng("lecunNormal_", opts);
  const std = 1 / Math.sqrt(calculateFans(t.shape).fanIn);
  return fillInPlace(t, "lecunNormal_", (b) => g.fillNormal(b, 0, std));
}

/** Options of Kaiming (He / MSRA) initialization, PyTorch's names and defaults. */
export interface KaimingOptions extends RandomInit {
  /** Negative slope of the leaky ReLU that follows (only used with "leaky_relu"; default 0). */
  a?: number;
  /** "fanIn" (default) preserves forward variance, "fanOut" backward. */
  mode?: FanMode;
  /** Default "leaky_relu", as PyTorch (with a = 0 that is exactly ReLU's √2). */
  nonlinearity?: Nonlinearity;
}

/** The standard deviation Kaiming initialization uses: gain / √fan. @example kaimingStd([512, 3072]) // sqrt(2/3072) */
export function kaimingStd(shape: readonly number[], opts: Omit<KaimingOptions, "rng"> = {}): number {
  const fan = calculateFan(shape, opts.mode ?? "fanIn");
  const gain = calculateGain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0);
  return gain / Math.sqrt(fan);
}

/**
 * Kaiming uniform: U(-bound, bound), bound = √3 · gain / √fan (torch.nn.init.kaiming_uniform_).
 * @example kaimingUniform_(zeros([512, 3072]), { rng: rng(0) }) // bound sqrt(6/3072)
 */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions): Tensor {
  const g = needRng("kaimingUniform_", opts);
  const bound = Math.sqrt(3) * kaimingStd(t.shape, opts);
  return fillInPlace(t, "kaimingUniform_", (b) => g.fillUniform(b, -bound, bound));
}

/**
 * Kaiming normal: N(0, std²), std = gain / √fan (torch.nn.init.kaiming_normal_); the lecture's
 * "ReLU correction: std = sqrt(2 / Din)".
 * @example kaimingNormal_(zeros([4096, 4096]), { rng: rng(0), nonlinearity: "relu" }) // std sqrt(2/4096)
 */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions): Tensor {
  const g = needRng("kaimingNormal_", opts);
  const std = kaimingStd(t.shape, opts);
  return fillInPlace(t, "kaimingNormal_", (b) => g.fillNormal(b, 0, std));
}

/**
 * PyTorch's default for nn.Linear and nn.Conv2d: weight kaiming_uniform_(a=√5), which is
 * U(-1/√fan_in, 1/√fan_in); bias U(-1/√fan_in, 1/√fan_in).
 * @example defaultLinearInit_(w, b, { rng: rng(0) })
 */
export function defaultLinearInit_(weight: Tensor, bias: Tensor | null, opts: RandomInit): void {
  kaimingUniform_(weight, { rng: opts.rng, a: Math.sqrt(5) });
  if (bias) {
    const fanIn = calculateFans(weight.shape).fanIn;
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    uniform_(bias, { rng: opts.rng, low: -bound, high: bound });
  }
}
