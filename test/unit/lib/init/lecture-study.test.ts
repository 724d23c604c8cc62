// The lecture's weight-initialization study (dims [D]*7, six layers x = act(x W)), with our
// initializers, reproducing the slides' conclusions on a smaller D (512) so it runs in a unit test.
import { describe, expect, it } from "vitest";
import { randn, zeros, type Tensor } from "../../../../lib/tensor/index.js";
import { matmul } from "../../../../lib/ops/index.js";
import { rng } from "../../../../lib/random/index.js";
import { kaimingNormal_, lecunNormal_, smallNormal_ } from "../../../../lib/init/index.js";

const D = 512, LAYERS = 6;

function stds(init: (w: Tensor) => void, act: (v: number) => number): number[] {
  const g = rng(0);
  let x = randn([16, D], { rng: g });
  const out: number[] = [];
  for (let l = 0; l < LAYERS; l++) {
    const w = zeros([D, D]);
    init(w);
    x = matmul(x, w);
    const d = x.data;
    for (let i = 0; i < d.length; i++) d[i] = act(d[i]);
    let s = 0, s2 = 0;
    for (const v of d) { s += v; s2 += v * v; }
    out.push(Math.sqrt(s2 / d.length - (s / d.length) ** 2));
  }
  return out;
}

const relu = (v: number) => (v > 0 ? v : 0);

describe("the lecture's activation statistics", () => {
  it("std 0.01 with tanh: activations vanish layer by layer (std shrinks ~0.01·sqrt(D) = 0.23x per layer)", () => {
    const s = stds((w) => smallNormal_(w, { rng: rng(1) }), Math.tanh);
    for (let l = 1; l < LAYERS; l++) expect(s[l]).toBeLessThan(s[l - 1] * 0.5);
    expect(s[LAYERS - 1]).toBeLessThan(1e-3);
  });
  it("Xavier std = 1/sqrt(Din) with tanh: activations keep their order of magnitude", () => {
    const s = stds((w) => lecunNormal_(w, { rng: rng(2) }), Math.tanh);
    // tanh's slope < 1 away from 0 shrinks the std slowly (0.63 -> ~0.3 on the slides), not 1000x.
    expect(s[LAYERS - 1] / s[0]).toBeGreaterThan(0.3);
  });
  it("Xavier with ReLU collapses (variance halves per layer); Kaiming sqrt(2/Din) is 'just right'", () => {
    const xav = stds((w) => lecunNormal_(w, { rng: rng(3) }), relu);
    const kai = stds((w) => kaimingNormal_(w, { rng: rng(3), nonlinearity: "relu" }), relu);
    // Expected ratio after 5 more layers: (1/sqrt 2)^5 = 0.18 for Xavier, 1 for Kaiming.
    expect(xav[LAYERS - 1] / xav[0]).toBeLessThan(0.3);
    expect(kai[LAYERS - 1] / kai[0]).toBeGreaterThan(0.6);
    expect(kai[LAYERS - 1] / kai[0]).toBeLessThan(1.6);
  });
});
