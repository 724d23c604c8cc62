import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { getNumThreads, setNumThreads, threadsReady } from "../../../../lib/kernels/index.js";
import { runtime } from "../../../../lib/kernels/runtime.js";

const KERNELS = fileURLToPath(new URL("../../../../lib/kernels/index.ts", import.meta.url));

describe("the worker thread", () => {
  it("becomes ready, and the module it runs is the one this thread runs", async () => {
    expect(await threadsReady()).toBe(true);
    expect(runtime()).not.toBeNull();
    expect(getNumThreads()).toBe(2);
  });

  it("setNumThreads accepts 1 or 2 only, with a message naming it", () => {
    expect(() => setNumThreads(4)).toThrow(/setNumThreads: expected 1 or 2 \(this library uses at most two threads\), got 4/);
    setNumThreads(2);
  });

  it("never keeps the process alive: a script that used two threads exits by itself", () => {
    // Bundle the TS sources into one CommonJS file and run it in a fresh Node process.
    const dir = mkdtempSync(join(tmpdir(), "deeprob-pool-"));
    try {
      buildSync({ entryPoints: [KERNELS], bundle: true, platform: "node", format: "cjs", outfile: join(dir, "kernels.cjs"), logLevel: "silent" });
      writeFileSync(join(dir, "main.cjs"), `
        const K = require("./kernels.cjs");
        K.threadsReady().then((ok) => {
          const n = 512, a = new Float32Array(n * n).fill(1), c = new Float32Array(n * n);
          const v = (d) => ({ data: d, offset: 0, rowStride: n, colStride: 1 });
          K.gemm(n, n, n, v(a), v(a), v(c));
          console.log(JSON.stringify({ ok, c0: c[0] }));
        });`);
      const r = spawnSync(process.execPath, [join(dir, "main.cjs")], { cwd: dir, encoding: "utf8", timeout: 120_000 });
      expect(r.signal).toBeNull(); // not killed by the timeout: it exited on its own
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout.trim())).toEqual({ ok: true, c0: 512 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
