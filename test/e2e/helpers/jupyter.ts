// Shared end-to-end helper: a real jupyter_server on 127.0.0.1 with our kernelspec installed
// (built from dist/), driven through @jupyterlab/services. Everything it starts, it stops:
// `stop()` shuts kernels down, stops the server, and reports any process that outlived it.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { KernelManager, ServerConnection, SessionManager, type Kernel, type Session } from "@jupyterlab/services";
import { installKernelSpec, kernelSpec, KERNEL_NAME, type KernelSpec } from "../../../kernel-ext/kernelspec";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const LAUNCHER = path.join(REPO_ROOT, "dist", "kernel-ext", "launcher.js");
const PYTHON = "/usr/bin/python3";

export interface StartOptions {
  /** The server's root_dir (notebook paths are relative to it). Default: a fresh temp folder. */
  rootDir?: string;
  /** Extra kernelspecs to install next to ours, by kernel name. */
  kernelSpecs?: Record<string, KernelSpec>;
  /** Extra environment for the server (and so the kernels it starts). */
  env?: Record<string, string>;
}

export interface JupyterServer {
  url: string;
  token: string;
  rootDir: string;
  /** The temp folder holding JUPYTER_DATA_DIR etc.; removed by stop(). */
  home: string;
  settings: ServerConnection.ISettings;
  kernels: KernelManager;
  sessions: SessionManager;
  proc: ChildProcess;
  /** Server output so far (for error messages). */
  log(): string;
  /**
   * Shuts down every kernel, stops the server, kills anything left, and returns the pids that
   * were still alive after a clean shutdown (tests assert this is empty).
   */
  stop(): Promise<number[]>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the server is told --port-retries=0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** All live descendants of `pid`, from /proc (children first found, then theirs). */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 is ppid; the command name (field 2) may contain spaces, so parse after ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch { /* exited meanwhile */ }
  }
  const out: number[] = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const p = frontier.pop()!;
    for (const [child, pp] of parent) if (pp === p) { out.push(child); frontier.push(child); }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z"; // a zombie has exited
  } catch { return false; }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitExit(proc: ChildProcess, ms: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return true;
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    proc.once("exit", () => { clearTimeout(t); resolve(true); });
  });
}

/** Starts jupyter_server with our kernelspec (dist/kernel-ext/launcher.js) and waits until it answers. */
export async function startJupyter(opts: StartOptions = {}): Promise<JupyterServer> {
  if (!fs.existsSync(LAUNCHER)) throw new Error(`startJupyter: ${LAUNCHER} is missing; run \`npm run build\` first`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-jupyter-"));
  const rootDir = opts.rootDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-root-"));
  const ownsRoot = opts.rootDir === undefined;
  const dataDir = path.join(home, "data");
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  installKernelSpec(path.join(dataDir, "kernels", KERNEL_NAME),
    kernelSpec({ nodePath: process.execPath, launcherPath: LAUNCHER, version: pkg.version }));
  for (const [name, spec] of Object.entries(opts.kernelSpecs ?? {})) {
    installKernelSpec(path.join(dataDir, "kernels", name), spec);
  }
  const port = await freePort();
  const token = crypto.randomBytes(24).toString("hex");
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    JUPYTER_DATA_DIR: dataDir,
    JUPYTER_PATH: dataDir,
    JUPYTER_CONFIG_DIR: path.join(home, "config"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
    ...opts.env,
  };
  const proc = spawn(PYTHON, [
    "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0",
    `--ServerApp.token=${token}`, `--ServerApp.root_dir=${rootDir}`, "--ServerApp.allow_root=True",
    "--ServerApp.open_browser=False",
  ], { cwd: rootDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout!.on("data", (d: Buffer) => { output += d.toString(); });
  proc.stderr!.on("data", (d: Buffer) => { output += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const settings = ServerConnection.makeSettings({ baseUrl: url + "/", wsUrl: `ws://127.0.0.1:${port}/`, token,
    appendToken: true });
  const kernels = new KernelManager({ serverSettings: settings });
  const sessions = new SessionManager({ serverSettings: settings, kernelManager: kernels });

  let stopped: Promise<number[]> | null = null;
  const stop = () => (stopped ??= (async () => {
    const tracked = new Set<number>(descendants(proc.pid!));
    try {
      await Promise.race([sessions.shutdownAll().then(() => kernels.shutdownAll()), sleep(10_000)]);
    } catch { /* the server may already be gone; the kill below still runs */ }
    for (const p of descendants(proc.pid!)) tracked.add(p);
    sessions.dispose();
    kernels.dispose();
    proc.kill("SIGTERM");
    if (!(await waitExit(proc, 10_000))) proc.kill("SIGKILL");
    await waitExit(proc, 5_000);
    // A clean shutdown leaves nothing; give the kernels' own exit a moment before judging.
    let survivors: number[] = [];
    for (let i = 0; i < 20; i++) {
      survivors = [...tracked].filter(isAlive);
      if (survivors.length === 0) break;
      await sleep(100);
    }
    for (const p of survivors) { try { process.kill(p, "SIGKILL"); } catch { /* gone */ } }
    fs.rmSync(home, { recursive: true, force: true });
    if (ownsRoot) fs.rmSync(rootDir, { recursive: true, force: true });
    return survivors;
  })());

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) {
      await stop();
      throw new Error(`startJupyter: jupyter_server exited with code ${proc.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`startJupyter: jupyter_server did not answer within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, token, rootDir, home, settings, kernels, sessions, proc, log: () => output, stop };
}

/**
 * Starts a kernel in a session whose notebook is `notebookPath` (relative to the root dir), so
 * the kernel's cwd is that notebook's folder, and waits until it answers kernel_info.
 */
export async function startKernel(server: JupyterServer, opts: { notebookPath?: string; kernelName?: string } = {}):
  Promise<{ session: Session.ISessionConnection; kernel: Kernel.IKernelConnection }> {
  const nbPath = opts.notebookPath ?? `untitled-${crypto.randomBytes(4).toString("hex")}.ipynb`;
  const session = await server.sessions.startNew({
    path: nbPath, name: path.basename(nbPath), type: "notebook", kernel: { name: opts.kernelName ?? KERNEL_NAME },
  });
  const kernel = session.kernel;
  if (!kernel) throw new Error("startKernel: the session has no kernel");
  await kernel.info;
  return { session, kernel };
}

export type AnyMessage = { header: { msg_type: string; msg_id: string }; parent_header: unknown; content: unknown };

export interface Execution {
  /** The execute_reply. */
  reply: AnyMessage;
  /** Every iopub message whose parent is this request, in arrival order. */
  iopub: AnyMessage[];
}

/**
 * Executes `code` and collects the iopub messages whose parent is this request, until both the
 * execute_reply and the idle status have arrived.
 */
export async function execute(kernel: Kernel.IKernelConnection, code: string,
  opts: { stop_on_error?: boolean; silent?: boolean; store_history?: boolean; user_expressions?: Record<string, string>; timeoutMs?: number } = {}): Promise<Execution> {
  const iopub: AnyMessage[] = [];
  const future = kernel.requestExecute({
    code, stop_on_error: opts.stop_on_error ?? false, silent: opts.silent ?? false,
    store_history: opts.store_history ?? true, allow_stdin: false, user_expressions: opts.user_expressions ?? {},
  });
  future.onIOPub = (msg) => { iopub.push(msg as unknown as AnyMessage); };
  // Generous: the first cell waits for the converter's warm-up, slow on a loaded machine.
  const timeout = opts.timeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const reply = await Promise.race([
    future.done,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`execute: no reply within ${timeout} ms for ${JSON.stringify(code)}`)), timeout);
    }),
  ]).finally(() => clearTimeout(timer));
  return { reply: reply as unknown as AnyMessage, iopub };
}

/** True when `subset` is a JSON subset of `value` (objects: every key matches; arrays: equal length, element-wise). */
export function isSubset(value: unknown, subset: unknown): boolean {
  if (subset === null || typeof subset !== "object") return Object.is(value, subset);
  if (Array.isArray(subset)) {
    return Array.isArray(value) && value.length === subset.length && subset.every((s, i) => isSubset(value[i], s));
  }
  if (value === null || typeof value !== "object") return false;
  return Object.entries(subset).every(([k, s]) => isSubset((value as Record<string, unknown>)[k], s));
}

/** The messages of `msgType` whose content contains `content` as a JSON subset (STYLE rule 13). */
export function findMessages(messages: AnyMessage[], msgType: string, content: unknown = {}): AnyMessage[] {
  return messages.filter((m) => m.header.msg_type === msgType && isSubset(m.content, content));
}

/** Concatenated text of a stream ("stdout" / "stderr") in these messages. */
export function streamText(messages: AnyMessage[], name: "stdout" | "stderr"): string {
  return findMessages(messages, "stream", { name }).map((m) => (m.content as { text: string }).text).join("");
}
