// A real jupyter_server for kernel benchmarks (K1): temp Jupyter home with our kernelspec
// (built from dist/), a random token, 127.0.0.1 only; `stop()` shuts kernels down, stops the
// server and kills anything left. Plain ESM, because the bench runs without a TS loader.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Live descendants of `pid` from /proc, so nothing the server started can outlive the bench. */
function descendants(pid) {
  const parent = new Map();
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch { /* gone */ }
  }
  const out = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    for (const [c, pp] of parent) if (pp === p) { out.push(c); todo.push(c); }
  }
  return out;
}

/**
 * Starts the server; resolves to { kernels (a KernelManager), stop() }. `ctx` is the bench
 * context (for ctx.root, ctx.python, ctx.require).
 */
export async function startJupyter(ctx) {
  const launcher = path.join(ctx.root, "dist", "kernel-ext", "launcher.js");
  if (!fs.existsSync(launcher)) throw new Error(`K1: ${launcher} is missing; run \`npm run build\` first`);
  const { installKernelSpec, kernelSpec, KERNEL_NAME } = ctx.dist("kernel-ext/kernelspec.js");
  const { KernelManager, ServerConnection } = ctx.require("@jupyterlab/services");
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-bench-jupyter-"));
  const data = path.join(home, "data");
  const version = JSON.parse(fs.readFileSync(path.join(ctx.root, "package.json"), "utf8")).version;
  installKernelSpec(path.join(data, "kernels", KERNEL_NAME), kernelSpec({ nodePath: process.execPath, launcherPath: launcher, version }));
  const port = await freePort();
  const token = crypto.randomBytes(24).toString("hex");
  const env = { ...process.env, JUPYTER_DATA_DIR: data, JUPYTER_PATH: data, JUPYTER_CONFIG_DIR: path.join(home, "config"), JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
    // jupyter_core 5 also searches ~/.local/share/jupyter (Python's user base): keep a user's own kernelspec out.
    PYTHONUSERBASE: path.join(home, "userbase") };
  const proc = spawn(ctx.python, ["-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0",
    `--ServerApp.token=${token}`, `--ServerApp.root_dir=${home}`, "--ServerApp.allow_root=True"], { cwd: home, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  proc.stdout.on("data", (d) => (log = (log + d).slice(-4000)));
  proc.stderr.on("data", (d) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const settings = ServerConnection.makeSettings({ baseUrl: url + "/", wsUrl: `ws://127.0.0.1:${port}/`, token, appendToken: true });
  const kernels = new KernelManager({ serverSettings: settings });
  // @jupyterlab/services logs every websocket and status change with console.debug, which
  // would interleave with the table (and break --json's one-record-per-line stdout).
  const debug = console.debug;
  console.debug = () => {};
  let stopping;
  const stop = () => (stopping ??= (async () => {
    const tracked = new Set(descendants(proc.pid));
    try { await Promise.race([kernels.shutdownAll(), sleep(10_000)]); } catch { /* server gone */ }
    for (const p of descendants(proc.pid)) tracked.add(p);
    kernels.dispose();
    proc.kill("SIGTERM");
    for (let i = 0; i < 100 && proc.exitCode === null && proc.signalCode === null; i++) await sleep(100);
    for (const p of [...tracked, proc.pid]) { try { process.kill(p, "SIGKILL"); } catch { /* exited */ } }
    fs.rmSync(home, { recursive: true, force: true });
    console.debug = debug;
  })());
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) { await stop(); throw new Error(`K1: jupyter_server exited (${proc.exitCode}):\n${log}`); }
    try {
      const res = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (res.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`K1: jupyter_server did not answer in 60 s:\n${log}`); }
    await sleep(100);
  }
  return { kernels, kernelName: KERNEL_NAME, stop };
}

/** Resolves once `kernel` has answered kernel_info and reported status idle. */
export async function untilIdle(kernel) {
  await kernel.info;
  if (kernel.status === "idle") return;
  await new Promise((resolve) => {
    const on = (_k, status) => { if (status === "idle") { kernel.statusChanged.disconnect(on); resolve(); } };
    kernel.statusChanged.connect(on);
  });
}

/** Executes `code`; resolves when the reply has arrived, rejects with the kernel's error. */
export async function execute(kernel, code) {
  const future = kernel.requestExecute({ code, stop_on_error: true });
  const errors = [];
  future.onIOPub = (msg) => { if (msg.header.msg_type === "error") errors.push(`${msg.content.ename}: ${msg.content.evalue}`); };
  const reply = await future.done;
  if (reply.content.status !== "ok") throw new Error(`K1: cell ${JSON.stringify(code)} failed: ${errors.join("; ") || reply.content.ename + ": " + reply.content.evalue}`);
  return reply;
}
