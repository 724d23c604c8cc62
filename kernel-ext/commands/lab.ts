// `deeprob-ts lab [dir]`: serves the notebooks on 127.0.0.1 with JupyterLab when installed, else
// Debian's classic Notebook 6, after making sure our kernelspec is installed. We choose the port
// and the token ourselves, so the printed URL is exact, and we own shutdown: the server runs in
// its own process group, Ctrl-C reaches it once (as SIGINT, which both servers answer by
// shutting their kernels down), a second Ctrl-C sends SIGTERM, and 10 s later SIGKILL.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Command } from "commander";
import { chooseServer, defaultPython, launcherPath, missingJupyter, packageRoot, probeJupyter, type ServerKind } from "../jupyter-env.js";
import { installKernelSpec, kernelsDir, kernelSpec, DISPLAY_NAME } from "../kernelspec.js";
import { CommandError, EXIT } from "./command-error.js";

export interface LabOptions { port?: string; browser: boolean; python?: string }

/**
 * The server's command line (after the interpreter) for a kind of server.
 * @example serverArgs("notebook", { dir: "/nb", port: 8888, token: "t", browser: false })
 * // => ["-m", "notebook", "--ip=127.0.0.1", "--port=8888", "--NotebookApp.port_retries=0", ...]
 */
export function serverArgs(kind: ServerKind, o: { dir: string; port: number; token: string; browser: boolean; root?: boolean }): string[] {
  const app = kind === "jupyterlab" ? "ServerApp" : "NotebookApp";
  const root = kind === "jupyterlab" ? `--ServerApp.root_dir=${o.dir}` : `--NotebookApp.notebook_dir=${o.dir}`;
  return ["-m", kind, "--ip=127.0.0.1", `--port=${o.port}`, `--${app}.port_retries=0`, `--${app}.token=${o.token}`, root,
    `--${app}.open_browser=${o.browser ? "True" : "False"}`,
    // Jupyter refuses to run as root (containers, CI) unless told; it still listens on 127.0.0.1 only.
    ...(o.root ? [`--${app}.allow_root=True`] : [])];
}

/**
 * The URL a user opens: JupyterLab's /lab or Notebook's /tree, with the token.
 * @example serverUrl("notebook", 8888, "abc") // => "http://127.0.0.1:8888/tree?token=abc"
 */
export function serverUrl(kind: ServerKind, port: number, token: string): string {
  return `http://127.0.0.1:${port}/${kind === "jupyterlab" ? "lab" : "tree"}?token=${token}`;
}

/**
 * Parses --port: an integer in 1..65535.
 * @example parsePort("8888") // => 8888
 */
export function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw new CommandError(`lab: --port expects a port number 1-65535, got "${text}"`, EXIT.badInput);
  return n;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** The first free port from 8888 (Jupyter's default) upwards. */
async function pickPort(): Promise<number> {
  for (let p = 8888; p < 8988; p++) if (await portIsFree(p)) return p;
  throw new CommandError("lab: no free port in 8888-8987; pass one with --port", EXIT.environment);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(child: ChildProcess, port: number, token: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new CommandError(`lab: the Jupyter server exited (${child.exitCode ?? child.signalCode}) before it was ready; its log is above`, EXIT.failed);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new CommandError("lab: the Jupyter server did not answer within 90 s", EXIT.failed);
}

/** Ensures our kernelspec is installed where Jupyter looks first for this user. */
function ensureKernelSpec(): string {
  const launcher = launcherPath();
  if (!fs.existsSync(launcher)) throw new CommandError(`lab: ${launcher} is missing; run \`npm run build\` (or \`npm run setup\`) first`, EXIT.environment);
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string };
  const dir = kernelsDir({});
  let r: ReturnType<typeof installKernelSpec>;
  try {
    r = installKernelSpec(dir, kernelSpec({ nodePath: process.execPath, launcherPath: launcher, version: pkg.version }));
  } catch (e) {
    throw new CommandError(`lab: cannot install the kernelspec in ${dir}: ${(e as Error).message}. Set JUPYTER_DATA_DIR to a writable folder, or run \`deeprob-ts install --prefix <folder>\` and add <folder>/share/jupyter to JUPYTER_PATH.`, EXIT.environment);
  }
  return r.status === "unchanged" ? `kernel "${DISPLAY_NAME}" is installed in ${r.dir}`
    : r.status === "installed" ? `installed kernel "${DISPLAY_NAME}" in ${r.dir}`
    : `replaced the kernelspec in ${r.dir} (${r.reason})`;
}

/**
 * Starts the server, prints its URL, and resolves with the exit code once it has shut down.
 * @example await serveLab("notebooks", { browser: false }) // prints http://127.0.0.1:8888/tree?token=...; 0 after Ctrl-C
 */
export async function serveLab(dirArg: string | undefined, opts: LabOptions): Promise<number> {
  const dir = path.resolve(dirArg ?? path.join(packageRoot(), "notebooks"));
  if (!fs.existsSync(dir)) throw new CommandError(`lab: ${dir}: no such folder`, EXIT.badInput);
  if (!fs.statSync(dir).isDirectory()) throw new CommandError(`lab: ${dir} is a file; give the folder that holds the notebooks`, EXIT.badInput);
  const port = opts.port !== undefined ? parsePort(opts.port) : await pickPort();
  if (opts.port !== undefined && !(await portIsFree(port))) throw new CommandError(`lab: port ${port} is already in use; choose another with --port`, EXIT.environment);

  const python = opts.python ?? defaultPython();
  const probe = probeJupyter(python);
  const kind = chooseServer(probe);
  if (kind === null) throw new CommandError(missingJupyter(probe, ["notebook"], "lab") ?? "lab: no Jupyter server found", EXIT.environment);
  process.stdout.write(`lab: ${ensureKernelSpec()}\n`);
  if (probe.kernelSpec && probe.kernelSpec.resourceDir !== kernelsDir({}) && fs.existsSync(probe.kernelSpec.resourceDir)) {
    process.stdout.write(`lab: note: Jupyter finds another deeprob-ts kernelspec first, in ${probe.kernelSpec.resourceDir}\n`);
  }

  const token = crypto.randomBytes(24).toString("hex");
  // stdin is not a terminal, so Notebook 6 treats SIGINT as "stop now" instead of asking y/n.
  const child = spawn(python, serverArgs(kind, { dir, port, token, browser: opts.browser, root: process.getuid?.() === 0 }), {
    cwd: dir, stdio: ["ignore", "inherit", "inherit"], detached: true,
  });
  let signals = 0;
  const stop = () => {
    signals += 1;
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (signals === 1) process.stdout.write("\nlab: shutting down the server and its kernels (Ctrl-C again to force)\n");
    try {
      process.kill(-child.pid!, signals === 1 ? "SIGINT" : "SIGTERM");
    } catch { /* already gone */ }
    if (signals === 1) setTimeout(() => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } }, 10_000).unref();
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, stop);
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  try {
    await waitReady(child, port, token);
    const name = kind === "jupyterlab" ? `JupyterLab ${probe.modules.jupyterlab}` : `Jupyter Notebook ${probe.modules.notebook}`;
    process.stdout.write(`lab: serving ${dir} with ${name}\n    ${serverUrl(kind, port, token)}\nlab: press Ctrl-C to stop\n`);
    const code = await exited;
    // After our own Ctrl-C a clean exit is success, whatever code Python chose for the interrupt.
    return signals > 0 ? EXIT.ok : code;
  } catch (e) {
    const interrupted = signals > 0;
    stop();
    await exited;
    if (interrupted) return EXIT.interrupted;
    throw e;
  } finally {
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.off(s, stop);
  }
}

/**
 * Registers `lab` on the program.
 * @example register(new Command("deeprob-ts")) // adds `deeprob-ts lab [dir]`
 */
export function register(program: Command): void {
  program
    .command("lab")
    .description("serve notebooks in JupyterLab (or Jupyter Notebook) with the deeprob-ts kernel installed")
    .argument("[dir]", "folder to serve (default: the package's notebooks/)")
    .option("-p, --port <port>", "port on 127.0.0.1 (default: first free from 8888)")
    .option("--no-browser", "do not open a web browser")
    .addHelpText("after", `
Prints the URL with its login token. Ctrl-C shuts the server and its kernels down.
Exit codes: 0 ok, 1 the server failed, 2 bad input, 3 Jupyter missing or port busy.
Python: DEEPROB_PYTHON, else /usr/bin/python3 (Debian's jupyter-notebook).`)
    .action(async (dir: string | undefined, opts: LabOptions) => {
      process.exitCode = await serveLab(dir, opts);
    });
}
