// W2: float32 matmul GFLOPS (lib/kernels gemm on preallocated row-major operands, as peers.py
// times torch.mm(A, B, out=C)), plus the MLP layer shape 128x3072 @ 3072x512. Operands are the
// storage of tensors the library made (resident in wasm memory, as in a notebook).
export const id = "W2";
export const title = "float32 matmul GFLOPS";

export async function run(ctx) {
  const dr = ctx.dist("lib/index.js");
  const K = ctx.dist("lib/kernels/index.js");
  await K.threadsReady();
  const g = dr.rng(1);
  const shapes = [[256, 256, 256], [512, 512, 512], [1024, 1024, 1024], [2048, 2048, 2048], [16, 4096, 4096], [128, 3072, 512]];
  const targets = { "1024x1024@1024x1024": { min_rate: 50 }, "16x4096@4096x4096": { min_rate: 40 } };
  for (const [m, k, n] of shapes) {
    const a = dr.randn([m, k], { rng: g }).data, b = dr.randn([k, n], { rng: g }).data, c = dr.zeros([m, n]).data;
    const A = { data: a, offset: 0, rowStride: k, colStride: 1 }, B = { data: b, offset: 0, rowStride: n, colStride: 1 };
    const C = { data: c, offset: 0, rowStride: n, colStride: 1 };
    const r = await ctx.measure(() => K.gemm(m, n, k, A, B, C), { warmup: 2, minReps: 5, maxReps: 25, budgetMs: 3000 });
    const name = `${m}x${k}@${k}x${n}`;
    ctx.emit(name, r, ctx.rates.gflops(2 * m * n * k, r), { target: targets[name] });
  }
}
