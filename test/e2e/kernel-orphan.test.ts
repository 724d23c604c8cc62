// A Jupyter server that dies without shutting its kernels down (SIGKILL, a crashed terminal)
// must not leave our kernel running: it notices its parent is gone and exits.
import fs from "node:fs";
import { expect, test } from "vitest";
import { descendants, execute, isAlive, startJupyter, startKernel } from "./helpers/jupyter";

test("the kernel exits when the server that started it is killed", async () => {
  const server = await startJupyter();
  let kernelPids: number[] = [];
  try {
    const { kernel } = await startKernel(server);
    await execute(kernel, `1`);
    kernelPids = descendants(server.proc.pid!).filter((p) => {
      try { return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("launcher.js"); } catch { return false; }
    });
    expect(kernelPids).toHaveLength(1);
    server.proc.kill("SIGKILL");
    // Wait (bounded) for the kernel's parent poller; this is a liveness check, not a timing one.
    for (let i = 0; i < 200 && kernelPids.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(kernelPids.filter(isAlive)).toEqual([]);
  } finally {
    for (const p of kernelPids.filter(isAlive)) process.kill(p, "SIGKILL");
    await server.stop();
  }
});
