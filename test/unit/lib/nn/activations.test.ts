import { describe, expect, it } from "vitest";
import * as A from "../../../../lib/nn/activations.js";
import { gradCheck } from "../../../../lib/nn/gradcheck.js";
import { erf } from "../../../../lib/nn/erf.js";
import { ACTIVATION_RTOL, allClose, GRADCHECK_FLOOR, GRADCHECK_REL_ERROR, GRADCHECK_STEP } from "../../tolerance.js";

const FINITE = [0, 1e-3, -1e-3, 1, -1, 10, -10];
const sigm = (x: number) => 1 / (1 + Math.exp(-x));
const spl = (x: number) => Math.log1p(Math.exp(x));

// The slides' formulas in float64, with log1p/expm1 where the literal form would cancel near 0.
// GELU's 1 + erf and 1 + tanh cancel at -10; that point is checked against mpmath below.
const NAIVE: [A.Activation, (x: number) => number][] = [
  [A.sigmoid, sigm],
  [A.tanh, (x) => (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x))],
  [A.step(), (x) => (x < 0 ? 0 : 1)],
  [A.softplus(), spl],
  [A.relu, (x) => Math.max(0, x)],
  [A.softsign, (x) => x / (1 + Math.abs(x))],
  [A.elu(), (x) => (x >= 0 ? x : Math.expm1(x))],
  [A.logSigmoid, (x) => -Math.log1p(Math.exp(-x))],
  [A.silu, (x) => x / (1 + Math.exp(-x))],
  [A.sinc, (x) => (x === 0 ? 1 : Math.sin(x) / x)],
  [A.leakyRelu01, (x) => Math.max(0.1 * x, x)],
  [A.leakyReluTorch, (x) => Math.max(0.01 * x, x)],
  [A.mish, (x) => x * Math.tanh(spl(x))],
  [A.selu, (x) => 1.0507009873554804934193349852946 * (x > 0 ? x : 1.6732632423543772848170429916717 * Math.expm1(x))],
  [A.gelu, (x) => (x / 2) * (1 + erf(x / Math.SQRT2))],
  [A.geluSigmoid, (x) => x * sigm(1.702 * x)],
  [A.geluTanh, (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)))],
];

// PyTorch 1.13 float64 outputs at 100, -100, +inf, -inf (torch.nn.functional); where PyTorch
// returns NaN at an infinity (inf/inf, inf*0) we return the limit instead (marked "limit").
const EDGES: Record<string, [number, number, number, number]> = {
  sigmoid: [1, 3.7200759760208356e-44, 1, 0],
  tanh: [1, -1, 1, -1],
  step: [1, 0, 1, 0],
  softplus: [100, 3.720075976020836e-44, Infinity, 0],
  relu: [100, 0, Infinity, 0],
  softsign: [0.9900990099009901, -0.9900990099009901, 1, -1], // limit
  elu: [100, -1, Infinity, -1],
  logsigmoid: [-3.720075976020836e-44, -100, 0, -Infinity],
  silu: [100, -3.720075976020836e-42, Infinity, 0], // -inf: limit
  sinc: [Math.sin(100) / 100, Math.sin(100) / 100, 0, 0], // limit
  "leaky_relu(0.1)": [100, -10, Infinity, -Infinity],
  "leaky_relu(0.01)": [100, -1, Infinity, -Infinity],
  mish: [100, -3.7200759760208363e-42, Infinity, 0], // -inf: limit
  selu: [105.07009873554804, -1.7580993408473766, Infinity, -1.7580993408473766],
  gelu: [100, -0, Infinity, 0], // -100: true value underflows; -inf: limit
  gelu_sigmoid: [100, -100 * sigm(-170.2), Infinity, 0],
  gelu_tanh: [100, -0, Infinity, 0],
};

describe("activations: forward against closed forms", () => {
  it.each(NAIVE.map(([a, ref]) => [a.name, a, ref] as const))("%s at 0, ±1e-3, ±1, ±10", (_, a, ref) => {
    const xs = a.name.startsWith("gelu") ? FINITE.filter((x) => x !== -10) : FINITE;
    expect(allClose(xs.map(a.f), xs.map(ref), ACTIVATION_RTOL, 0)).toBe(true);
  });
  it.each(NAIVE.map(([a]) => [a.name, a] as const))("%s at ±100, ±Infinity and NaN", (name, a) => {
    const want = EDGES[name];
    expect(want).toBeDefined();
    expect(allClose([100, -100, Infinity, -Infinity].map(a.f), want, ACTIVATION_RTOL, 0)).toBe(true);
    expect(a.f(NaN)).toBeNaN();
    expect(a.df(NaN)).toBeNaN();
  });
  it("keeps digits in the negative tail where 1 + erf would cancel", () => {
    // mpmath at 50 digits: gelu(-10) = -10 Φ(-10); the tanh form's x/2 (1 + tanh u).
    expect(allClose([A.gelu.f(-10)], [-7.6198530241605261e-23], ACTIVATION_RTOL, 0)).toBe(true);
    expect(allClose([A.geluTanh.f(-10)], [-1.204092348209806e-37], ACTIVATION_RTOL, 0)).toBe(true);
  });
  it("matches PyTorch float64 values at ±1", () => {
    const torch: [A.Activation, number, number][] = [
      [A.gelu, 0.841344746068543, -0.15865525393145702],
      [A.geluTanh, 0.8411919906082768, -0.1588080093917233],
      [A.mish, 0.8650983882673103, -0.30340146137410895],
      [A.selu, 1.0507009873554805, -1.1113307378125625],
      [A.logSigmoid, -0.31326168751822286, -1.3132616875182228],
    ];
    for (const [a, p, m] of torch) expect(allClose([a.f(1), a.f(-1)], [p, m], ACTIVATION_RTOL, 0)).toBe(true);
  });
  it("uses the slide's SELU constants and the step threshold n", () => {
    expect(A.SELU_ALPHA).toBe(1.6732632423543772);
    expect(A.SELU_SCALE).toBe(1.0507009873554805);
    expect([A.step(2).f(1.999), A.step(2).f(2)]).toEqual([0, 1]);
  });
});

describe("activations: derivatives", () => {
  // Points away from kinks (0 for relu-like, the threshold for softplus).
  const POINTS = [-10, -3, -1, -0.5, -1e-3, 1e-3, 0.5, 1, 3, 10];
  it.each(NAIVE.map(([a]) => [a.name, a] as const))("%s backward passes the gradient check", (_, a) => {
    for (const x of POINTS) {
      const r = gradCheck((v) => a.f(v[0]), (v) => [a.df(v[0])], [x], { h: GRADCHECK_STEP, floor: GRADCHECK_FLOOR });
      expect(r.maxRelError, `${a.name} at ${x}`).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
  it("uses PyTorch's subgradients at the kinks", () => {
    expect(A.relu.df(0)).toBe(0);
    expect(A.leakyRelu01.df(0)).toBe(0.1);
    expect(A.leakyReluTorch.df(0)).toBe(0.01);
    expect(A.elu().df(0)).toBe(1);
    expect(A.elu(0.5).df(0)).toBe(0.5);
    expect(A.selu.df(0)).toBe(1.7580993408473766);
    expect(A.step().df(0)).toBe(0);
    expect(A.sinc.df(0)).toBe(0);
  });
  it("matches PyTorch's derivative values at 0 and ±1", () => {
    expect(allClose([A.gelu.df(1), A.gelu.df(-1)], [1.0833154705876864, -0.08331547058768635], ACTIVATION_RTOL, 0)).toBe(true);
    expect(allClose([A.geluTanh.df(1), A.geluTanh.df(-1)], [1.0829640838457826, -0.08296408384578258], ACTIVATION_RTOL, 0)).toBe(true);
    expect(allClose([A.mish.df(0), A.mish.df(1)], [0.6, 1.0490362200997922], ACTIVATION_RTOL, 0)).toBe(true);
    expect(allClose([A.silu.df(1), A.softsign.df(1)], [0.9276705118714869, 0.25], ACTIVATION_RTOL, 0)).toBe(true);
  });
  it("softplus switches to the identity above beta*x > threshold", () => {
    const s = A.softplus({ beta: 2, threshold: 10 });
    expect(s.f(6)).toBe(6);
    expect(s.df(6)).toBe(1);
    expect(allClose([s.f(1)], [Math.log1p(Math.exp(2)) / 2], ACTIVATION_RTOL, 0)).toBe(true);
  });
});
