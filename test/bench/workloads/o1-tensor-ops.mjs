// O1: the Tensor API's own cost on top of the kernels (lib/ops): broadcasting, strided views,
// reductions over an axis, masks. Each case allocates its output, as a notebook cell does.
// "tanh (kernel only)" is the same map straight into a preallocated array: the gap to
// "tanh (ops)" is allocation plus dispatch. No peers run these cases.
export const id = "O1";
export const title = "Tensor ops: broadcast, views, axis reductions, masks (4M float32)";

export async function run(ctx) {
  const dr = ctx.dist("lib/index.js");
  const K = ctx.dist("lib/kernels/index.js");
  if (K.threadsReady) await K.threadsReady();
  const g = dr.rng(0);
  const R = 1000, C = 4000, n = R * C;
  const x = dr.randn([R, C], { rng: g }), b = dr.randn([C], { rng: g }), col = dr.randn([R, 1], { rng: g });
  const out = new Float32Array(n);
  const opt = { warmup: 1, minReps: 3, maxReps: 9, budgetMs: 2500 };
  const cases = [
    ["tanh (kernel only)", () => K.unary("tanh", n, x.data, 0, 1, out, 0, 1)],
    ["tanh (ops)", () => dr.tanh(x)],
    ["mul scalar", () => dr.mul(x, 0.01)],
    ["add row bias [R,C]+[C]", () => dr.add(x, b)],
    ["add column [R,C]+[R,1]", () => dr.add(x, col)],
    ["add transposed view", () => dr.add(x, x.T.contiguous().T)],
    ["sub_ in place", () => x.sub_(b)],
    ["mean axis 0", () => dr.mean(x, 0)],
    ["std axis 0", () => dr.std(x, 0)],
    ["sum axis 1", () => dr.sum(x, 1)],
    ["max axis 0", () => dr.max(x, 0)],
    ["argmax axis 1", () => dr.argmax(x, 1)],
    ["T.contiguous()", () => x.T.contiguous()],
    ["gt mask", () => x.gt(0)],
    ["where(x > 0, x, 0)", () => dr.where(x.gt(0), x, 0)],
  ];
  for (const [name, fn] of cases) {
    const r = await ctx.measure(fn, opt);
    ctx.emit(name, r, ctx.rates.gelem_s(n, r));
  }
}
