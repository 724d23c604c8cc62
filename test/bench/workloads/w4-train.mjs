// W4: training steps per second, forward + backward + SGD step, the lecture's two small nets:
// MLP 3072-512-10 (ReLU, softmax cross-entropy) on batch 128, and a CNN
// conv3x3(3->32)+ReLU+maxpool2, conv3x3(32->64)+ReLU+maxpool2, fc->10 on batch 64 of 32x32x3,
// with the same cases as peers.py so ratios against NumPy / PyTorch print in the same run.
export const id = "W4";
export const title = "training steps/s (MLP 3072-512-10 b128, CNN c32-c64-fc10 b64)";

export async function run(ctx) {
  const dr = ctx.dist("lib/index.js");
  const { nn, optim } = dr;
  // Both GEMM threads from the first step (the worker starts lazily), as W2/W3 do.
  if (!(await ctx.dist("lib/kernels/index.js").threadsReady())) ctx.log("warning: no worker thread; W4 runs on one thread");
  const g = dr.rng(9);
  const reps = { warmup: 2, minReps: 5, maxReps: 25, budgetMs: 4000 };

  const X = dr.randn([128, 3072], { rng: g }), y = Int32Array.from({ length: 128 }, (_, i) => (i * 7) % 10);
  const mlp = new nn.Sequential(new nn.Linear(3072, 512, { rng: g }), new nn.ReLU(), new nn.Linear(512, 10, { rng: g }));
  const opt = new optim.SGD(mlp.parameters(), { lr: 0.01 });
  const losses = [];
  const step = () => {
    opt.zeroGrad();
    const r = nn.softmaxCrossEntropy(mlp.forward(X, { training: true }), y);
    mlp.backward(r.grad, { inputGrad: false });
    opt.step();
    losses.push(r.loss);
  };
  const r1 = await ctx.measure(step, reps);
  ctx.emit("MLP 3072-512-10 b128 step", r1, ctx.rates.steps_s(r1), { target: { min_rate: 40 }, loss_first_last: [losses[0], losses[losses.length - 1]] });

  const Xc = dr.randn([64, 3, 32, 32], { rng: g }), yc = Int32Array.from({ length: 64 }, (_, i) => (i * 3) % 10);
  const cnn = new nn.Sequential(
    new nn.Conv2d(3, 32, 3, { rng: g, padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(32, 64, 3, { rng: g, padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(4096, 10, { rng: g }));
  const optc = new optim.SGD(cnn.parameters(), { lr: 0.001 });
  const lc = [];
  const stepc = () => {
    optc.zeroGrad();
    const r = nn.softmaxCrossEntropy(cnn.forward(Xc, { training: true }), yc);
    cnn.backward(r.grad, { inputGrad: false });
    optc.step();
    lc.push(r.loss);
  };
  const r2 = await ctx.measure(stepc, reps);
  ctx.emit("CNN c32-c64-fc10 b64 step", r2, ctx.rates.steps_s(r2), { target: { min_rate: 7 }, loss_first_last: [lc[0], lc[lc.length - 1]] });
}
