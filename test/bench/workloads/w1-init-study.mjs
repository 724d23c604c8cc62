// W1: the lecture's weight-initialization study (Training Neural Networks I): dims [4096] * 7,
// x = randn(16, 4096), six layers x = act(x @ (randn(Din, Dout) * scale)), per-layer mean/std,
// five variants. Through the Tensor API, as a notebook would write it. Case names follow
// peers.py so ratios against NumPy / PyTorch print in the same run.
export const id = "W1";
export const title = "weight-init study: 6 layers of 16x4096 @ 4096x4096 + tanh/relu";

const DIMS = 4096, LAYERS = 6, BATCH = 16;
const VARIANTS = [
  ["tanh", "0.01", () => 0.01], ["tanh", "0.05", () => 0.05], ["tanh", "xavier", (d) => 1 / Math.sqrt(d)],
  ["relu", "xavier", (d) => 1 / Math.sqrt(d)], ["relu", "kaiming", (d) => Math.sqrt(2 / d)],
];

export async function run(ctx) {
  const dr = ctx.dist("lib/index.js");
  const kernels = ctx.dist("lib/kernels/index.js");
  await kernels.threadsReady();
  const g = dr.rng(0);
  const opt = { warmup: 1, minReps: 3, maxReps: 7, budgetMs: 8000 };

  const study = (act, scale) => {
    let x = dr.randn([BATCH, DIMS], { rng: g });
    const stats = [];
    for (let l = 0; l < LAYERS; l++) {
      const W = dr.randn([DIMS, DIMS], { rng: g }).mul_(scale(DIMS));
      x = dr.matmul(x, W);
      x = act === "tanh" ? dr.tanh(x) : dr.relu(x);
      stats.push([x.mean().item(), x.std().item()]);
    }
    return stats;
  };

  const allStats = {};
  for (const [act, nm, f] of VARIANTS) {
    allStats[`${act}-${nm}`] = study(act, f).map(([m, s]) => [Number(m.toPrecision(4)), Number(s.toPrecision(4))]);
    ctx.log(`${act}-${nm} per-layer [mean, std]: ${JSON.stringify(allStats[`${act}-${nm}`])}`);
  }

  const e2e = await ctx.measure(() => study("tanh", VARIANTS[2][2]), opt);
  ctx.emit("end-to-end tanh-xavier", e2e, undefined, {
    peerCase: { numpy: /^end-to-end tanh-xavier/, torch: "end-to-end tanh-xavier" },
    target: { ratio_vs_best_peer: 2 }, layer_stats: allStats,
  });

  const randn = await ctx.measure(() => {
    dr.randn([BATCH, DIMS], { rng: g });
    for (let l = 0; l < LAYERS; l++) dr.randn([DIMS, DIMS], { rng: g });
  }, opt);
  ctx.emit("randn 100.7M float32", randn, undefined, {
    peerCase: { numpy: "randn 100.7M float32 Generator", torch: "randn 100.7M torch.randn" },
    target: { ratio_vs_best_peer: 2, peer: "torch-2T" },
  });

  const W = dr.randn([DIMS, DIMS], { rng: g }), x = dr.randn([BATCH, DIMS], { rng: g });
  const mm = await ctx.measure(() => { for (let l = 0; l < LAYERS; l++) dr.matmul(x, W); }, opt);
  ctx.emit("6 matmuls 16x4096@4096x4096", mm, ctx.rates.gflops(LAYERS * 2 * BATCH * DIMS * DIMS, mm));
}
