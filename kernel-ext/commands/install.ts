// `deeprob-ts install [--user | --prefix P | --dir D]`: writes the kernelspec (kernel.json that
// starts this checkout's dist/kernel-ext/launcher.js with this node), idempotently, and says
// where. Works without Jupyter (it only writes files) but then says what to install.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { defaultPython, missingJupyter, packageRoot, probeJupyter } from "../jupyter-env.js";
import { installKernelSpec, kernelsDir, kernelSpec, DISPLAY_NAME, type InstallResult, type InstallTarget } from "../kernelspec.js";
import { CommandError, EXIT } from "./command-error.js";

export interface InstallOptions extends InstallTarget { python?: string; check?: boolean }

/**
 * The lines `install` prints for a result.
 * @example
 * installMessage({ dir: "/k/deeprob-ts", status: "unchanged", reason: null })
 * // => ['Kernel "TypeScript (deeprob-ts)" is already installed in /k/deeprob-ts (unchanged).']
 */
export function installMessage(r: InstallResult): string[] {
  const name = `Kernel "${DISPLAY_NAME}"`;
  switch (r.status) {
    case "installed": return [`${name} installed in ${r.dir}`];
    case "unchanged": return [`${name} is already installed in ${r.dir} (unchanged).`];
    case "replaced": return [`${name} installed in ${r.dir}, replacing the old kernelspec: ${r.reason}.`];
  }
}

/**
 * How Jupyter will find a kernelspec installed with --prefix or --dir (the default needs nothing).
 * @example
 * searchHint({ dir: "/srv/jp/kernels/deeprob-ts" }, "/srv/jp/kernels/deeprob-ts")
 * // => "Jupyter finds it when /srv/jp is on JUPYTER_PATH."
 */
export function searchHint(opts: InstallTarget, dir: string): string | null {
  if (opts.prefix !== undefined) {
    return `Jupyter finds it when it runs from the prefix ${path.resolve(opts.prefix)}, or when ${path.join(path.resolve(opts.prefix), "share", "jupyter")} is on JUPYTER_PATH.`;
  }
  if (opts.dir === undefined) return null;
  if (path.basename(path.dirname(dir)) === "kernels") return `Jupyter finds it when ${path.dirname(path.dirname(dir))} is on JUPYTER_PATH.`;
  return `Jupyter looks for kernels in <dir>/kernels/<name> of each JUPYTER_PATH entry; register this folder with \`jupyter kernelspec install ${dir} --user --name deeprob-ts\`.`;
}

/** Installs for `opts` and returns the lines to print (messages about Jupyter included). */
export function install(opts: InstallOptions): string[] {
  let dir: string;
  try {
    dir = kernelsDir(opts);
  } catch (e) {
    throw new CommandError((e as Error).message, EXIT.badInput);
  }
  const root = packageRoot();
  const launcher = path.join(root, "dist", "kernel-ext", "launcher.js");
  if (!fs.existsSync(launcher)) {
    throw new CommandError(`install: ${launcher} does not exist; run \`npm run build\` in ${root} first`, EXIT.environment);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  let r: InstallResult;
  try {
    r = installKernelSpec(dir, kernelSpec({ nodePath: process.execPath, launcherPath: launcher, version: pkg.version }));
  } catch (e) {
    throw new CommandError(`install: cannot write ${dir}: ${(e as Error).message}`, EXIT.environment);
  }
  const lines = installMessage(r);
  const hint = searchHint(opts, dir);
  if (hint) lines.push(hint);
  if (opts.check !== false) {
    const missing = missingJupyter(probeJupyter(opts.python ?? defaultPython()), ["jupyter_client", "jupyter_server"], "install");
    if (missing) lines.push(`The kernel is installed, but it needs Jupyter to run. ${missing.replace(/^install: /, "")}`);
  }
  return lines;
}

export function register(program: Command): void {
  program
    .command("install")
    .description(`install the "${DISPLAY_NAME}" Jupyter kernel (default: per user, ~/.local/share/jupyter/kernels/deeprob-ts)`)
    .option("--user", "install for the current user (the default)")
    .option("--prefix <dir>", "install into <dir>/share/jupyter/kernels/deeprob-ts (e.g. a virtualenv)")
    .option("--dir <dir>", "install into exactly <dir>")
    .option("--python <path>", "the Python whose Jupyter is checked", defaultPython())
    .option("--no-check", "do not check that Jupyter is installed")
    .action((opts: InstallOptions) => {
      for (const line of install(opts)) process.stdout.write(line + "\n");
    });
}
