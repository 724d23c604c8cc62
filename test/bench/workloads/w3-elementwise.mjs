// W3: 10M-element float32 activations and their backward maps, Gelem/s. Operands are tensors
// made by the library (storage resident in wasm memory, as in a notebook); kernels write into a
// preallocated output (their out-parameter API), and "relu (tensor op, new output)" is
// dr.relu(x) allocating its result as torch.relu does (the heap reuses freed blocks, so no
// first-touch page faults once warm). "relu (fresh JS output)" shows what a new 40 MB JS array
// costs instead (page faults dominate it on this machine).
export const id = "W3";
export const title = "10M-element activations and backward maps";

export async function run(ctx) {
  const dr = ctx.dist("lib/index.js");
  const K = ctx.dist("lib/kernels/index.js");
  await K.threadsReady();
  const n = 10_000_000, g = dr.rng(1);
  const xt = dr.randn([n], { rng: g }), x = xt.data, dy = dr.randn([n], { rng: g }).data;
  const y = dr.zeros([n]).data, o = dr.zeros([n]).data;
  K.unary("sigmoid", n, x, 0, 1, y, 0, 1);
  const opt = { warmup: 2, minReps: 5, maxReps: 15, budgetMs: 3000 };
  const torch2 = (min) => ({ ratio_vs_best_peer: min, peer: "torch-2T" });
  const cases = [
    ["relu", () => K.unary("relu", n, x, 0, 1, o, 0, 1), { min_rate: 1.5 }],
    // Informational: the relu target is the kernel rate above (first row).
    ["relu (tensor op, new output)", () => dr.relu(xt), undefined, "relu"],
    ["relu (fresh JS output)", () => K.unary("relu", n, x, 0, 1, new Float32Array(n), 0, 1), undefined, "relu"],
    ["sigmoid", () => K.unary("sigmoid", n, x, 0, 1, o, 0, 1)],
    ["tanh", () => K.unary("tanh", n, x, 0, 1, o, 0, 1), torch2(1)],
    ["gelu (erf-exact)", () => K.unary("gelu", n, x, 0, 1, o, 0, 1), torch2(1), { numpy: /^gelu/, torch: "gelu (erf-exact)" }],
    ["relu backward", () => K.binary("reluBackward", n, x, 0, 1, dy, 0, 1, o, 0, 1)],
    ["sigmoid backward", () => K.binary("sigmoidBackward", n, y, 0, 1, dy, 0, 1, o, 0, 1)],
    ["copy (memory floor)", () => o.set(x)],
  ];
  for (const [name, fn, target, peerCase] of cases) {
    const r = await ctx.measure(fn, opt);
    ctx.emit(name, r, ctx.rates.gelem_s(n, r), { target, peerCase });
  }
}
