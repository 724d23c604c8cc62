import { describe, expect, it } from "vitest";
import { randn, tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import * as L from "../../../../lib/nn/activation-layers.js";
import * as A from "../../../../lib/nn/activations.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { GRADCHECK_FLOOR, GRADCHECK_REL_ERROR, GRADCHECK_STEP } from "../../tolerance.js";

const LAYERS: [string, () => L.ActivationLayer | L.PReLU][] = [
  ["ReLU", () => new L.ReLU()], ["Sigmoid", () => new L.Sigmoid()], ["Tanh", () => new L.Tanh()],
  ["Softplus", () => new L.Softplus()], ["Softsign", () => new L.Softsign()], ["ELU", () => new L.ELU()],
  ["LogSigmoid", () => new L.LogSigmoid()], ["SiLU", () => new L.SiLU()], ["Sinc", () => new L.Sinc()],
  ["LeakyReLU 0.1", () => new L.LeakyReLU({ negativeSlope: 0.1 })], ["Mish", () => new L.Mish()], ["SELU", () => new L.SELU()],
  ["GELU", () => new L.GELU()], ["GELU tanh", () => new L.GELU({ approximate: "tanh" })],
  ["GELU sigmoid", () => new L.GELU({ approximate: "sigmoid" })], ["PReLU", () => new L.PReLU()],
  ["PReLU per channel", () => new L.PReLU({ numParameters: 3 })],
];

describe("activation layers", () => {
  it.each(LAYERS)("%s backward passes the gradient check", (_, make) => {
    // Inputs away from the kinks at 0 (central differences straddling a kink are meaningless).
    const x = randn([2, 3, 4], { rng: rng(11) });
    for (let i = 0; i < x.size; i++) if (Math.abs(x.data[i]) < 0.05) x.data[i] = 0.3;
    const r = checkModule(make(), x, { h: GRADCHECK_STEP, floor: GRADCHECK_FLOOR });
    expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
  });
  it("map the scalar definitions over tensors", () => {
    const x = tensor([-2, -0.5, 0, 0.5, 2], { dtype: "float64" });
    const y = new L.GELU().to("float64").forward(x);
    expect(Array.from(y.data)).toEqual([-2, -0.5, 0, 0.5, 2].map(A.gelu.f));
    expect(Array.from(L.applyActivation(A.relu, x).data)).toEqual([0, 0, 0, 0.5, 2]);
    expect(Array.from(L.activationBackward(A.relu, x, tensor([1, 1, 1, 1, 1], { dtype: "float64" })).data)).toEqual([0, 0, 0, 1, 1]);
  });
  it("ReLU on large float32 tensors (the WebAssembly kernels) keeps the same rules as the float64 loop, bit for bit", () => {
    const n = 100_003, x = randn([n], { rng: rng(20) }), g = randn([n], { rng: rng(21) });
    const xd = x.data as Float32Array, gd = g.data as Float32Array;
    xd.set([NaN, -0, 0, Infinity, -Infinity, 1e-40, -1e-40], 5); gd.set([-0, 3], 8);
    const r = new L.ReLU(), r64 = new L.ReLU();
    const y = r.forward(x), dx = r.backward(g);
    const y64 = r64.forward(x.astype("float64")), dx64 = r64.backward(g.astype("float64"));
    expect(Buffer.from((y.data as Float32Array).buffer, (y.data as Float32Array).byteOffset, 4 * n).equals(Buffer.from(Float32Array.from(y64.data as Float64Array).buffer))).toBe(true);
    expect(Buffer.from((dx.data as Float32Array).buffer, (dx.data as Float32Array).byteOffset, 4 * n).equals(Buffer.from(Float32Array.from(dx64.data as Float64Array).buffer))).toBe(true);
    expect(Number.isNaN((dx.data as Float32Array)[5])).toBe(true);
  });
  it("ReLU's fast path keeps NaN and uses gradient 0 at 0", () => {
    const r = new L.ReLU();
    expect(Array.from(r.forward(tensor([NaN, -1, 0, 3])).data)).toEqual([NaN, 0, 0, 3]);
    expect(Array.from(r.backward(tensor([5, 5, 5, 5])).data)).toEqual([NaN, 0, 0, 5]);
    // Branchless mask path on finite data: no -0 from -x·0, infinities as PyTorch.
    expect(Array.from(r.forward(tensor([-2, -0, 0, 2])).data)).toEqual([0, 0, 0, 2]);
    expect(Array.from(r.backward(tensor([1, 1, 1, 1])).data)).toEqual([0, 0, 0, 1]);
    expect(Array.from(r.forward(tensor([-Infinity, Infinity, -1])).data)).toEqual([0, Infinity, 0]);
    expect(Array.from(r.backward(tensor([Infinity, 2, Infinity])).data)).toEqual([0, 2, 0]);
  });
  it("PReLU starts at 0.25 and learns a slope per channel", () => {
    const p = new L.PReLU({ numParameters: 2 });
    expect(Array.from(p.weight.values)).toEqual([0.25, 0.25]);
    const y = p.forward(tensor([[[-4, 4], [-8, 1]]]));
    expect(Array.from(y.data)).toEqual([-1, 4, -2, 1]);
    p.backward(tensor([[[1, 1], [1, 1]]]));
    expect(Array.from(p.weight.gradValues)).toEqual([-4, -8]);
    expect(() => p.forward(tensor([[1, 2, 3]]))).toThrow(/PReLU: 2 parameters need input \[N, 2, \.\.\.\], got \[1, 3\]/);
  });
  it("LeakyReLU needs its slope spelled out (the lecture's 0.1 vs PyTorch's 0.01)", () => {
    expect(() => new L.LeakyReLU({} as never)).toThrow(/pass \{ negativeSlope \} explicitly: the lecture uses 0.1, PyTorch's default is 0.01/);
    expect(Array.from(new L.LeakyReLU({ negativeSlope: 0.01 }).forward(tensor([-1])).data)).toEqual([Math.fround(-0.01)]);
    expect(() => new L.GELU({ approximate: "erf" as never })).toThrow(/GELU: approximate must be "none", "tanh" or "sigmoid", got "erf"/);
  });
});
