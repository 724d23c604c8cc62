// A residual block y = x + F(x) (optionally followed by an activation, as ResNet's
// relu(x + F(x))), with optional stochastic depth on the branch, and the lecture's residual
// initialization: Kaiming for the branch's first layers, zeros for its last, so that
// Var(F(x) + x) = Var(x) at the start of training.
import type { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { kaimingNormal_, zeros_ } from "../init/index.js";
import { checkBackward, Module, type ForwardOptions } from "./module.js";
import type { StochasticDepth } from "./stochastic-depth.js";

/**
 * y = post(x + drop(branch(x))), shapes of x and branch(x) equal.
 * @example
 * const block = new Residual(new Sequential(conv1, bn1, new ReLU(), conv2, bn2), { post: new ReLU() });
 */
export class Residual extends Module {
  readonly branch: Module;
  readonly stochasticDepth: StochasticDepth | null;
  readonly post: Module | null;
  private shape: readonly number[] | null = null;

  constructor(branch: Module, opts: { stochasticDepth?: StochasticDepth; post?: Module } = {}) {
    super();
    if (!(branch instanceof Module)) throw new TypeError("Residual: the branch must be a Module (e.g. a Sequential)");
    this.branch = branch;
    this.stochasticDepth = opts.stochasticDepth ?? null;
    this.post = opts.post ?? null;
  }

  override children(): readonly Module[] {
    return [this.branch, ...(this.stochasticDepth ? [this.stochasticDepth] : []), ...(this.post ? [this.post] : [])];
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    let f = this.branch.forward(x, opts);
    if (f.shape.length !== x.shape.length || f.shape.some((d, i) => d !== x.shape[i])) {
      throw new RangeError(`Residual.forward: the branch maps [${x.shape.join(", ")}] to [${f.shape.join(", ")}]; x + F(x) needs equal shapes`);
    }
    if (this.stochasticDepth) f = this.stochasticDepth.forward(f, opts);
    // A new tensor: the branch's output may be a view of something it cached (or of x).
    const xc = x.contiguous(), fc = f.contiguous(), sum = fc === f ? f.clone() : fc;
    const xd = xc.data, sd = sum.data;
    for (let i = 0; i < sd.length; i++) sd[i] += xd[xc.offset + i];
    this.shape = x.shape;
    return this.post ? this.post.forward(sum, opts) : sum;
  }

  backward(dout: Tensor): Tensor {
    let g = this.post ? this.post.backward(dout) : dout;
    checkBackward("Residual.backward", this.shape, g);
    const skip = g.contiguous();
    if (this.stochasticDepth) g = this.stochasticDepth.backward(g);
    const dx = this.branch.backward(g).contiguous();
    const out = dx.clone(), od = out.data, sd = skip.data;
    for (let i = 0; i < od.length; i++) od[i] += sd[skip.offset + i];
    return out;
  }
}

/**
 * The lecture's residual initialization: every weight of the branch with >= 2 dims gets Kaiming
 * normal (ReLU gain, fan_in) except the last one, which is zeroed; biases are zeroed. The block
 * then starts as the identity (plus `post`).
 * @example residualInit_(block, { rng: rng(0) })
 */
export function residualInit_(block: Residual, opts: { rng: Generator }): Residual {
  const named = block.branch.namedParameters();
  const weights = named.filter(([, p]) => p.data.ndim >= 2);
  if (weights.length === 0) throw new RangeError("residualInit_: the branch has no weight matrices or kernels to initialize");
  weights.forEach(([, p], i) => {
    if (i === weights.length - 1) zeros_(p.data);
    else kaimingNormal_(p.data, { rng: opts.rng, nonlinearity: "relu" });
  });
  for (const [name, p] of named) if (p.data.ndim === 1 && name.endsWith("bias")) zeros_(p.data);
  return block;
}
