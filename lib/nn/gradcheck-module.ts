// Gradient check of a whole module: its backward (input gradient and every parameter gradient)
// against float64 central differences of L = Σ forward(x) · dout for a fixed upstream dout.
import { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { compareGradients, numericGradient, type GradCheckOptions, type GradCheckResult } from "./gradcheck.js";
import type { ForwardOptions, Module } from "./module.js";

/** Result of checkModule: one GradCheckResult per checked tensor, and the overall verdict. */
export interface ModuleGradCheck {
  readonly results: readonly GradCheckResult[];
  readonly maxRelError: number;
  readonly passed: boolean;
}

export interface CheckModuleOptions extends GradCheckOptions {
  /** Forward options (e.g. { training: true, rng }); a generator is replayed from the same state on every evaluation so random masks stay fixed. */
  forward?: ForwardOptions;
  /** Generator for the upstream gradient dout (default: a fixed deterministic pattern). */
  rng?: Generator;
  /** Also check the input gradient (default true). */
  checkInput?: boolean;
}

/**
 * Checks `module.backward` by central differences in float64. The module is converted to
 * float64 in place (as PyTorch's gradcheck needs double precision) and the input copied to float64.
 * @example
 * const r = checkModule(new Linear(4, 3, { rng: rng(0) }), randn([2, 4], { rng: rng(1) }));
 * r.passed // true; r.results.map((x) => x.name) // ["input", "weight", "bias"]
 */
export function checkModule(module: Module, x: Tensor, opts: CheckModuleOptions = {}): ModuleGradCheck {
  module.to("float64");
  const xs = Float64Array.from(x.toTypedArray());
  const shape = x.shape;
  const fwdOpts = opts.forward;
  const state = fwdOpts?.rng?.getState();
  const run = (input: Float64Array): Tensor => {
    if (fwdOpts?.rng && state) fwdOpts.rng.setState(state);
    return module.forward(new Tensor(input, shape), fwdOpts);
  };
  const y0 = run(xs.slice());
  const dout = new Float64Array(y0.size);
  if (opts.rng) opts.rng.fillNormal(dout);
  else for (let i = 0; i < dout.length; i++) dout[i] = Math.cos(0.7 * i + 0.3);
  const loss = (input: Float64Array): number => {
    const y = run(input).toTypedArray();
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i] * dout[i];
    return s;
  };
  module.zeroGrad();
  run(xs.slice());
  const dx = module.backward(new Tensor(dout.slice(), y0.shape)).toTypedArray();
  const h = opts.h ?? 1e-6;
  const results: GradCheckResult[] = [];
  if (opts.checkInput !== false) {
    results.push(compareGradients(dx, numericGradient(loss, xs.slice(), h), { ...opts, name: "input", shape }));
  }
  for (const [name, p] of module.namedParameters()) {
    const analytic = Float64Array.from(p.gradValues);
    const values = p.values as Float64Array;
    const original = Float64Array.from(values);
    const numeric = numericGradient((v) => { values.set(v); return loss(xs.slice()); }, original.slice(), h);
    values.set(original);
    results.push(compareGradients(analytic, numeric, { ...opts, name, shape: p.shape }));
  }
  const maxRelError = results.reduce((m, r) => Math.max(m, r.maxRelError), 0);
  return { results, maxRelError, passed: results.every((r) => r.passed) };
}
