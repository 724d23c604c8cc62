// `deeprob-ts lab` end to end: the compiled CLI starts Debian's Notebook server in an isolated
// Jupyter home, installs our kernelspec there, prints a URL that answers 200 with its token,
// starts our kernel on request, and on SIGINT stops the server and the kernel (nothing left).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { descendants, freePort, isAlive, LAUNCHER } from "./helpers/jupyter";
import { CLI, jupyterHome, runCli, type JupyterHome } from "./fixtures/env";

let home: JupyterHome;
let root: string;
beforeAll(() => {
  home = jupyterHome();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-lab-root-"));
  fs.copyFileSync(path.join(__dirname, "fixtures", "smoke.ipynb"), path.join(root, "smoke.ipynb"));
});
afterAll(() => {
  home?.cleanup();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("deeprob-ts lab", () => {
  it("serves the folder on 127.0.0.1, prints a working tokenized URL, and shuts down with its kernels on SIGINT", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, "lab", root, "--port", String(port), "--no-browser"], { env: home.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const tracked = new Set<number>();
    try {
      const deadline = Date.now() + 90_000;
      while (!/press Ctrl-C to stop/.test(stdout)) {
        if (child.exitCode !== null) throw new Error(`lab exited early (${child.exitCode}):\n${stdout}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`lab printed no URL within 90 s:\n${stdout}\n${stderr}`);
        await sleep(100);
      }
      expect(stdout).toContain(`installed kernel "TypeScript (deeprob-ts)" in ${home.kernelDir}`);
      const spec = JSON.parse(fs.readFileSync(path.join(home.kernelDir, "kernel.json"), "utf8")) as { argv: string[] };
      expect(spec.argv.slice(0, 2)).toEqual([process.execPath, LAUNCHER]);
      expect(stdout).toContain(`serving ${root} with Jupyter Notebook 6.`);
      const url = /(http:\/\/127\.0\.0\.1:(\d+)\/tree\?token=([0-9a-f]{48}))/.exec(stdout);
      expect(url, stdout).not.toBeNull();
      expect(Number(url![2])).toBe(port);
      const token = url![3];

      const page = await fetch(url![1]);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<title>Home Page - Select or create a notebook</title>");
      const listing = await fetch(`http://127.0.0.1:${port}/api/contents?token=${token}`);
      expect(((await listing.json()) as { content: Array<{ name: string }> }).content.map((c) => c.name)).toEqual(["smoke.ipynb"]);
      // The token is what lets a browser in: without it the tree redirects to the login page.
      const anonymous = await fetch(`http://127.0.0.1:${port}/tree`, { redirect: "manual" });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toContain("/login");

      // A kernel of ours, started through the server as the browser would.
      const started = await fetch(`http://127.0.0.1:${port}/api/kernels?token=${token}`, { method: "POST", body: JSON.stringify({ name: "deeprob-ts" }) });
      expect(started.status).toBe(201);
      expect(((await started.json()) as { name: string }).name).toBe("deeprob-ts");
      for (let i = 0; i < 50 && ![...descendants(child.pid!)].some((p) => fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("launcher.js")); i++) await sleep(100);
      for (const p of descendants(child.pid!)) tracked.add(p);
      const cmdlines = [...tracked].map((p) => { try { return fs.readFileSync(`/proc/${p}/cmdline`, "utf8"); } catch { return ""; } });
      expect(cmdlines.some((c) => c.includes("-m\0notebook"))).toBe(true);
      expect(cmdlines.some((c) => c.includes(LAUNCHER))).toBe(true);

      child.kill("SIGINT");
      const end = await Promise.race([exited(child), sleep(30_000).then(() => null)]);
      expect(end, `lab did not exit within 30 s of SIGINT:\n${stdout}\n${stderr}`).toEqual({ code: 0, signal: null });
      expect(stdout).toContain("shutting down the server and its kernels");
      let alive: number[] = [];
      for (let i = 0; i < 30; i++) {
        alive = [...tracked].filter(isAlive);
        if (alive.length === 0) break;
        await sleep(100);
      }
      expect(alive).toEqual([]);
      await expect(fetch(`http://127.0.0.1:${port}/api/status`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      for (const p of [...tracked, ...(child.pid ? descendants(child.pid) : [])]) { try { process.kill(p, "SIGKILL"); } catch { /* gone */ } }
    }
  });

  it("a missing folder: exit 2, names it", async () => {
    const r = await runCli(["lab", path.join(root, "nope"), "--no-browser"], { env: home.env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`lab: ${path.join(root, "nope")}: no such folder`);
  });

  it("a busy port: exit 3, says to choose another", async () => {
    const srv = net.createServer();
    await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const r = await runCli(["lab", root, "--port", String(port), "--no-browser"], { env: home.env });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`lab: port ${port} is already in use; choose another with --port`);
    } finally {
      srv.close();
    }
  });

  it("a kernelspec folder that cannot be written: exit 3, names the folder and what to do, starts nothing", async () => {
    const blocker = path.join(home.dir, "a-file");
    fs.writeFileSync(blocker, "not a folder");
    const r = await runCli(["lab", root, "--no-browser"], { env: { ...home.env, JUPYTER_DATA_DIR: path.join(blocker, "data") } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`lab: cannot install the kernelspec in ${path.join(blocker, "data", "kernels", "deeprob-ts")}: ENOTDIR`);
    expect(r.stderr).toContain("deeprob-ts install --prefix <folder>");
    expect(r.stdout).not.toContain("serving");
  });

  it("Jupyter missing: exit 3, says what to install", async () => {
    const r = await runCli(["lab", root, "--no-browser"], { env: { ...home.env, DEEPROB_PYTHON: "/nonexistent/python3" } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain("lab: cannot run Python: /nonexistent/python3 does not exist. Run `npm run setup`");
    expect(r.stderr).toContain("apt-get install jupyter-notebook");
  });
});
