// Jupyter's own conformance suite (jupyter_kernel_test, Debian python3-jupyter-kernel-test)
// against our kernel: every test must pass and none may skip, since every sample is configured.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { installKernelSpec, kernelSpec, KERNEL_NAME } from "../../kernel-ext/kernelspec";
import { isAlive, LAUNCHER, REPO_ROOT } from "./helpers/jupyter";

/** Live processes whose command line mentions `needle` (our kernels, by their runtime dir). */
function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(needle) && isAlive(Number(entry))) out.push(Number(entry));
    } catch { /* exited */ }
  }
  return out;
}

test("jupyter_kernel_test: all conformance tests pass, none skipped", async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-conformance-"));
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  installKernelSpec(path.join(home, "data", "kernels", KERNEL_NAME),
    kernelSpec({ nodePath: process.execPath, launcherPath: LAUNCHER, version: pkg.version }));
  const runtime = path.join(home, "runtime");
  let output = "";
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const proc = spawn("/usr/bin/python3", ["-m", "unittest", "-v", "kernel_conformance"], {
        cwd: __dirname,
        env: { ...process.env, JUPYTER_PATH: path.join(home, "data"), JUPYTER_DATA_DIR: path.join(home, "data"),
          JUPYTER_RUNTIME_DIR: runtime, JUPYTER_CONFIG_DIR: path.join(home, "config"), PYTHONDONTWRITEBYTECODE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      proc.stdout.on("data", (d: Buffer) => { output += d.toString(); });
      proc.stderr.on("data", (d: Buffer) => { output += d.toString(); });
      proc.on("error", reject);
      proc.on("exit", resolve);
    });
    process.stdout.write(output);
    const ran = /Ran (\d+) tests?/.exec(output);
    expect(ran, output).not.toBeNull();
    expect(Number(ran![1])).toBe(12); // every test jupyter_kernel_test 0.4.5 defines
    expect(output, output).not.toMatch(/\.\.\. (skipped|FAIL|ERROR)/);
    expect(output).toMatch(/\nOK\s*$/);
    expect(code, output).toBe(0);
  } finally {
    // jupyter_client shut the kernel down; nothing started from this runtime dir may remain.
    const left = processesMentioning(runtime);
    for (const p of left) { try { process.kill(p, "SIGKILL"); } catch { /* gone */ } }
    fs.rmSync(home, { recursive: true, force: true });
    expect(left).toEqual([]);
  }
});
