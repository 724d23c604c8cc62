// Dropout in both of the lecture's forms. With keep probability p:
// - "inverted" (the default, PyTorch's nn.Dropout): training y = x·mask/p, test y = x.
// - "vanilla" (the lecture's first version): training y = x·mask, test y = x·p
//   ("At test time, drop nothing and multiply by dropout probability").
// The rate is a named option, `{ keep }` or `{ drop }` (see rate.ts), never a bare number.
//
// The math lives once, in the function forms (torch.nn.functional.dropout): `dropout` returns
// the output; `dropoutForward` also returns the cache that `dropoutBackward` takes, as
// CS231n's dropout_forward/dropout_backward. The Dropout class calls them and keeps the cache.
import type { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { alloc, checkBackward, floatData, Module, requireMode, requireRng, wrap, type ForwardOptions } from "./module.js";
import { bernoulliMask, keepProbability, type Rate } from "./rate.js";

export type DropoutVariant = "inverted" | "vanilla";

/** Options of the function forms: the rate (`{ keep }` or `{ drop }`), the mode and, in training, the generator. */
export type DropoutOptions = Rate & {
  /** Required: training drops units; eval drops nothing (identity if inverted, × keep if vanilla). */
  training: boolean;
  /** Required in training: draws the mask (same generator state, same mask). */
  rng?: Generator;
  /** "inverted" (default, PyTorch) or "vanilla" (the lecture's first form). */
  variant?: DropoutVariant;
};

/** What a dropout forward saved for its backward. */
export interface DropoutCache {
  /** The training mask (1 = kept, 0 = dropped); null in eval (nothing dropped). */
  readonly mask: Float64Array | null;
  /** The factor kept units were multiplied by: 1/keep (inverted, training), keep (vanilla, eval), else 1. */
  readonly scale: number;
  /** The input's shape, which dout must have. */
  readonly shape: readonly number[];
}

/** Throws unless `variant` is "inverted" or "vanilla"; returns it (default "inverted"). */
function checkVariant(op: string, variant: unknown): DropoutVariant {
  const v = variant ?? "inverted";
  if (v !== "inverted" && v !== "vanilla") throw new RangeError(`${op}: variant must be "inverted" or "vanilla", got "${String(v)}"`);
  return v;
}

/** The one implementation: op names the caller in errors; the rate and variant are already validated. */
function forward(op: string, x: Tensor, keep: number, variant: DropoutVariant, training: boolean, g: Generator | undefined): { out: Tensor; cache: DropoutCache } {
  const d = floatData(x, op), y = alloc(d, d.length);
  if (!training) {
    const scale = variant === "vanilla" ? keep : 1;
    for (let i = 0; i < d.length; i++) y[i] = d[i] * scale;
    return { out: wrap(y, x.shape), cache: { mask: null, scale, shape: x.shape } };
  }
  const mask = bernoulliMask(new Float64Array(d.length), keep, g!);
  // keep = 0 drops everything; PyTorch returns zeros rather than dividing by 0.
  const scale = variant === "inverted" && keep > 0 ? 1 / keep : 1;
  for (let i = 0; i < d.length; i++) y[i] = mask[i] === 0 ? 0 : d[i] * scale;
  return { out: wrap(y, x.shape), cache: { mask, scale, shape: x.shape } };
}

function backward(op: string, dout: Tensor, cache: DropoutCache): Tensor {
  checkBackward(op, cache.shape, dout);
  const g = floatData(dout, op), dx = alloc(g, g.length), m = cache.mask, s = cache.scale;
  for (let i = 0; i < g.length; i++) dx[i] = m && m[i] === 0 ? 0 : g[i] * s;
  return wrap(dx, cache.shape);
}

/** Validates the options of a function form (`op` names it in errors) and runs the forward. */
function checkedForward(op: string, x: Tensor, opts: DropoutOptions): { out: Tensor; cache: DropoutCache } {
  const o = opts as Partial<DropoutOptions> | undefined;
  if (typeof o?.training !== "boolean") {
    throw new TypeError(`${op}: pass the mode explicitly: ${op}(x, { drop: 0.5, training: true, rng: rng(0) }) or ${op}(x, { drop: 0.5, training: false })`);
  }
  const keep = keepProbability(op, opts), variant = checkVariant(op, o.variant);
  if (o.training && (!o.rng || typeof o.rng.random !== "function")) {
    throw new TypeError(`${op}: training mode draws a random mask; pass the generator: ${op}(x, { drop: 0.5, training: true, rng: rng(0) })`);
  }
  return forward(op, x, keep, variant, o.training, o.rng);
}

/**
 * Dropout as a function, with its cache for `dropoutBackward` (explicit gradients, as the
 * modules). The mode is required; so is the generator in training.
 * @example
 * const { out, cache } = dropoutForward(h, { drop: 0.5, training: true, rng: rng(0) });
 * const dh = dropoutBackward(dout, cache) // dout·mask/keep
 */
export function dropoutForward(x: Tensor, opts: DropoutOptions): { out: Tensor; cache: DropoutCache } {
  return checkedForward("dropoutForward", x, opts);
}

/**
 * dL/dx of dropout from dL/dy and the forward's cache: dout·mask·scale.
 * @example dropoutBackward(tensor([1, 1]), dropoutForward(tensor([3, 4]), { keep: 0.5, training: false }).cache) // [1, 1]
 */
export function dropoutBackward(dout: Tensor, cache: DropoutCache): Tensor {
  if (!cache || !Array.isArray(cache.shape)) throw new TypeError("dropoutBackward: expected the cache returned by dropoutForward(x, opts)");
  return backward("dropoutBackward", dout, cache);
}

/**
 * Dropout as a function (torch.nn.functional.dropout), rate named as in the Dropout class.
 * @example
 * dropout(h, { drop: 0.5, training: true, rng: rng(0) })  // F.dropout(h, p=0.5, training=True)
 * dropout(h, { keep: 0.5, variant: "vanilla", training: false })  // h·0.5, the lecture's predict()
 * dropout(h, { keep: 0.5, training: false })  // h (a copy)
 */
export function dropout(x: Tensor, opts: DropoutOptions): Tensor {
  return checkedForward("dropout", x, opts).out;
}

/**
 * Dropout layer (it calls the function forms above).
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
  private cache: DropoutCache | null = null;

  constructor(opts: Rate & { variant?: DropoutVariant }) {
    super();
    this.keep = keepProbability("Dropout", opts);
    this.variant = checkVariant("Dropout", opts.variant);
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    const op = "Dropout.forward";
    const training = requireMode(op, opts);
    const g = training ? requireRng(op, opts) : undefined;
    const { out, cache } = forward(op, x, this.keep, this.variant, training, g);
    this.cache = cache;
    this.mask = cache.mask;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const op = "Dropout.backward";
    checkBackward(op, this.cache?.shape ?? null, dout); // forward first
    return backward(op, dout, this.cache!);
  }

  protected override describe(): string { return `keep=${this.keep}, drop=${+(1 - this.keep).toFixed(12)}, variant=${this.variant}`; }
}
