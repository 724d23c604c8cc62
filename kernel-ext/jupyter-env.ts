// Finding Debian's Jupyter for the `lab` and `run` commands. One probe runs the chosen Python
// once and reports module versions and how Jupyter resolves our kernelspec; everything that
// turns the probe into a decision or a message is pure, so it is unit-tested without Jupyter.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { KERNEL_NAME } from "./kernelspec.js";

/**
 * The interpreter that has Jupyter: `DEEPROB_PYTHON` when set, else Debian's `/usr/bin/python3`
 * (the `python3` on PATH may be another interpreter without Jupyter, e.g. pyenv's).
 * @example defaultPython({}) // => "/usr/bin/python3"
 */
export function defaultPython(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEEPROB_PYTHON || "/usr/bin/python3";
}

/** Python modules the commands may use; a version string, or null when not importable. */
export const MODULES = ["jupyter_core", "jupyter_client", "jupyter_server", "notebook", "jupyterlab", "nbformat", "nbclient", "nbconvert"] as const;
export type Module = (typeof MODULES)[number];

/** How Jupyter (jupyter_client's KernelSpecManager) resolves our kernel name. */
export interface ResolvedKernelSpec {
  resourceDir: string;
  argv: string[];
  metadata: Record<string, unknown>;
}

export interface JupyterProbe {
  python: string;
  /** Why the interpreter could not run at all (missing file, crash), else null. */
  failure: string | null;
  modules: Record<Module, string | null>;
  /** Our kernelspec as Jupyter sees it (null: not found or jupyter_client missing). */
  kernelSpec: ResolvedKernelSpec | null;
}

// Prints one JSON line; every import is optional, so a half-installed Jupyter still reports.
const PROBE = `
import importlib, json, sys
mods = {}
for m in ${JSON.stringify(MODULES)}:
    try:
        mod = importlib.import_module(m)
        mods[m] = str(getattr(mod, "__version__", "unknown"))
    except Exception:
        mods[m] = None
spec = None
try:
    from jupyter_client.kernelspec import KernelSpecManager
    ks = KernelSpecManager().get_kernel_spec(sys.argv[1])
    spec = {"resourceDir": ks.resource_dir, "argv": ks.argv, "metadata": ks.metadata or {}}
except Exception:
    pass
print(json.dumps({"modules": mods, "kernelSpec": spec}))
`;

/**
 * Runs `python` once to see which Jupyter modules it imports and where our kernelspec is.
 * @example probeJupyter().modules.notebook // => "6.4.12" on Debian 12
 */
export function probeJupyter(python: string = defaultPython(), env: NodeJS.ProcessEnv = process.env): JupyterProbe {
  const none = Object.fromEntries(MODULES.map((m) => [m, null])) as Record<Module, string | null>;
  const r = spawnSync(python, ["-c", PROBE, KERNEL_NAME], { encoding: "utf8", env, timeout: 60_000 });
  if (r.error) {
    const why = (r.error as NodeJS.ErrnoException).code === "ENOENT" ? `${python} does not exist` : r.error.message;
    return { python, failure: why, modules: none, kernelSpec: null };
  }
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    const parsed = JSON.parse(line) as { modules: Record<Module, string | null>; kernelSpec: ResolvedKernelSpec | null };
    return { python, failure: null, modules: { ...none, ...parsed.modules }, kernelSpec: parsed.kernelSpec };
  } catch {
    return { python, failure: `${python} failed (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-2).join(" ")}`, modules: none, kernelSpec: null };
  }
}

/** What to run when Jupyter is missing: the Debian packages behind each module. */
export const DEBIAN_PACKAGES: Record<Module, string> = {
  jupyter_core: "python3-jupyter-core",
  jupyter_client: "jupyter-client",
  jupyter_server: "python3-jupyter-server",
  notebook: "jupyter-notebook",
  jupyterlab: "jupyter-notebook",
  nbformat: "python3-nbformat",
  nbclient: "python3-nbclient",
  nbconvert: "jupyter-nbconvert",
};

/**
 * Null when `probe` has every module in `needs`; else a message naming what is missing and
 * the commands that install it.
 * @example
 * missingJupyter(probe, ["nbclient"], "run")
 * // => "run: Jupyter's nbclient is not importable by /usr/bin/python3. Run `npm run setup` ..."
 */
export function missingJupyter(probe: JupyterProbe, needs: readonly Module[], command: string): string | null {
  const missing = needs.filter((m) => probe.modules[m] === null);
  if (probe.failure === null && missing.length === 0) return null;
  const what = probe.failure !== null ? `cannot run Python: ${probe.failure}` : `Jupyter's ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not importable by ${probe.python}`;
  const debs = [...new Set(["jupyter-notebook", "jupyter-nbconvert", "jupyter-client", "python3-nbclient", ...missing.map((m) => DEBIAN_PACKAGES[m])])];
  return `${command}: ${what}. Run \`npm run setup\` (from the deeprob-ts folder), or \`sudo apt-get install ${debs.join(" ")}\`` +
    " (or set DEEPROB_PYTHON to an interpreter that has Jupyter).";
}

/** The server `lab` starts: JupyterLab when importable, else the classic Notebook 6. */
export type ServerKind = "jupyterlab" | "notebook";

/**
 * JupyterLab if present, else Notebook, else null (nothing to serve with).
 * @example chooseServer({ ...probe, modules: { ...probe.modules, jupyterlab: null, notebook: "6.4.12" } }) // => "notebook"
 */
export function chooseServer(probe: JupyterProbe): ServerKind | null {
  if (probe.failure !== null) return null;
  if (probe.modules.jupyterlab !== null && probe.modules.jupyter_server !== null) return "jupyterlab";
  if (probe.modules.notebook !== null) return "notebook";
  return null;
}

/**
 * Why the kernelspec Jupyter resolves cannot start our kernel, or null when it can. A spec
 * whose node binary or launcher is gone (a moved or deleted checkout) is "old".
 * @example
 * kernelSpecProblem(null, () => true) // => "the deeprob-ts kernelspec is not installed. Run `deeprob-ts install` ..."
 */
export function kernelSpecProblem(spec: ResolvedKernelSpec | null, exists: (p: string) => boolean = fs.existsSync): string | null {
  const fix = "Run `deeprob-ts install` (or `npm run setup`) to install the kernel for this checkout.";
  if (spec === null) return `the ${KERNEL_NAME} kernelspec is not installed. ${fix}`;
  const missing = spec.argv.slice(0, 2).find((p) => p.startsWith("/") && !exists(p));
  if (missing !== undefined) return `the ${KERNEL_NAME} kernelspec in ${spec.resourceDir} is old: it points to ${missing}, which does not exist. ${fix}`;
  return null;
}

/**
 * A warning (not an error) when the resolved kernelspec starts another checkout's launcher:
 * it works, but runs different code than this command.
 * @example kernelSpecMismatch(spec, "/repo/dist/kernel-ext/launcher.js") // => null when argv[1] is that path
 */
export function kernelSpecMismatch(spec: ResolvedKernelSpec, launcher: string): string | null {
  if (spec.argv[1] === launcher) return null;
  return `note: the ${KERNEL_NAME} kernelspec in ${spec.resourceDir} starts ${spec.argv[1] ?? "(nothing)"}, not this checkout's ${launcher}; run \`deeprob-ts install\` to use this one.`;
}

/**
 * This package's folder (the one whose package.json is named deeprob-ts), found upwards from
 * `start`, so paths work both from dist/kernel-ext (installed) and from kernel-ext (tests).
 * @example packageRoot() // => "/work/main"
 */
export function packageRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "deeprob-ts") return dir;
    } catch { /* no package.json here */ }
    if (path.dirname(dir) === dir) throw new Error(`deeprob-ts: cannot find the package folder above ${start}`);
  }
}

/**
 * The compiled launcher a correct kernelspec starts: <package>/dist/kernel-ext/launcher.js.
 * @example launcherPath() // => "/work/main/dist/kernel-ext/launcher.js"
 */
export function launcherPath(): string {
  return path.join(packageRoot(), "dist", "kernel-ext", "launcher.js");
}
