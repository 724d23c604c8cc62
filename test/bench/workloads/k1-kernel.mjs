// K1: what a student waits for. Kernel start to first idle, a trivial cell's round trip and
// the first `import * as dr from "deeprob-ts"`, all through a real jupyter_server and the
// websocket client JupyterLab itself uses (@jupyterlab/services), so every hop is counted.
import { execute, startJupyter, untilIdle } from "../harness/jupyter.mjs";

export const id = "K1";
export const title = "kernel latency through jupyter_server";

export async function run(ctx) {
  const server = await startJupyter(ctx);
  const start = async () => {
    const kernel = await server.kernels.startNew({ name: server.kernelName });
    await untilIdle(kernel);
    return kernel;
  };
  const stopKernel = async (kernel) => {
    await kernel.shutdown();
    kernel.dispose();
  };
  try {
    const startup = await ctx.measure(start, { warmup: 0, minReps: 3, maxReps: 5, budgetMs: 20_000, teardown: stopKernel });
    ctx.emit("kernel start to first idle", startup, undefined, { target: { max_ms: 3000 } });

    const kernel = await start();
    try {
      const cell = await ctx.measure(() => execute(kernel, "1 + 1"), { warmup: 3, minReps: 10, maxReps: 40, budgetMs: 3000 });
      ctx.emit("trivial cell round trip (1 + 1)", cell, undefined, { target: { max_ms: 100 } });
    } finally {
      await stopKernel(kernel);
    }

    // Each repetition needs a fresh kernel (the import is cached after the first); starting it
    // is untimed setup.
    const imp = await ctx.measure((k) => execute(k, 'import * as dr from "deeprob-ts";\ndr;'),
      { warmup: 0, minReps: 3, maxReps: 5, budgetMs: 10_000, setup: start, teardown: (_r, k) => stopKernel(k) });
    ctx.emit('first import * as dr from "deeprob-ts" (cell round trip)', imp, undefined, { target: { max_ms: 300 } });
  } finally {
    await server.stop();
  }
}
