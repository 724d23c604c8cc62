// The kernelspec: what Jupyter reads to start our kernel (kernel.json) and where it lives.
// `kernelSpec` and `kernelsDir` are pure; `installKernelSpec` is the only part that writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const KERNEL_NAME = "deeprob-ts";
export const DISPLAY_NAME = "TypeScript (deeprob-ts)";

/** The contents of kernel.json (Jupyter's kernelspec format, "argv" etc.). */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal" | "message";
  env?: Record<string, string>;
  metadata: Record<string, unknown>;
}

/**
 * The kernelspec that starts `launcherPath` with the node binary `nodePath` (both absolute, so
 * the kernel starts whatever `PATH` Jupyter was started with).
 * @example
 * kernelSpec({ nodePath: "/usr/bin/node", launcherPath: "/repo/dist/kernel-ext/launcher.js", version: "0.1.0" }).argv
 * // => ["/usr/bin/node", "/repo/dist/kernel-ext/launcher.js", "{connection_file}"]
 */
export function kernelSpec(opts: { nodePath: string; launcherPath: string; version: string }): KernelSpec {
  for (const [name, p] of [["nodePath", opts.nodePath], ["launcherPath", opts.launcherPath]] as const) {
    if (!path.isAbsolute(p)) throw new Error(`kernelSpec: ${name} must be an absolute path, got ${JSON.stringify(p)}`);
  }
  return {
    argv: [opts.nodePath, opts.launcherPath, "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    // SIGINT is what stops a busy `while (true) {}` (vm breakOnSigint); a message cannot.
    interrupt_mode: "signal",
    metadata: { "deeprob-ts": { version: opts.version, launcher: opts.launcherPath } },
  };
}

/** Where to install: `--dir D` exactly, `--prefix P` as P/share/jupyter/kernels, else per user. */
export interface InstallTarget { user?: boolean; prefix?: string; dir?: string }

/**
 * The kernels folder for a target, following jupyter_client's rules (JUPYTER_DATA_DIR, then
 * XDG_DATA_HOME/jupyter, then ~/.local/share/jupyter on Linux).
 * @example
 * kernelsDir({ prefix: "/opt/env" }, {}, "/home/u") // => "/opt/env/share/jupyter/kernels/deeprob-ts"
 */
export function kernelsDir(target: InstallTarget, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const given = [target.dir !== undefined, target.prefix !== undefined, target.user === true].filter(Boolean).length;
  if (given > 1) throw new Error("install: choose at most one of --user, --prefix and --dir");
  if (target.dir !== undefined) return path.resolve(target.dir);
  if (target.prefix !== undefined) return path.join(path.resolve(target.prefix), "share", "jupyter", "kernels", KERNEL_NAME);
  const dataDir = env.JUPYTER_DATA_DIR
    ? path.resolve(env.JUPYTER_DATA_DIR)
    : path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "jupyter");
  return path.join(dataDir, "kernels", KERNEL_NAME);
}

/** Why an existing kernel.json must be replaced, or null when it is already what we would write. */
export function staleReason(existing: string | null, wanted: KernelSpec, exists: (p: string) => boolean): string | null {
  if (existing === null) return "new";
  let old: Partial<KernelSpec>;
  try { old = JSON.parse(existing) as Partial<KernelSpec>; } catch { return "the old kernel.json was not valid JSON"; }
  const argv = Array.isArray(old.argv) ? old.argv : [];
  const missing = argv.slice(0, 2).find((p) => typeof p === "string" && path.isAbsolute(p) && !exists(p));
  if (missing !== undefined) return `the old kernelspec pointed to a missing path: ${missing}`;
  if (JSON.stringify(old) === JSON.stringify(wanted)) return null;
  return "the old kernelspec differed";
}

// A small logo: Jupyter shows logo-svg.svg in the launcher when present.
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" rx="10" fill="#3178c6"/>
<text x="32" y="42" font-family="DejaVu Sans, Arial, sans-serif" font-size="26" font-weight="bold" fill="#fff" text-anchor="middle">dr</text>
</svg>
`;

/** logo-32x32.png and logo-64x64.png (Notebook 6 shows them), rendered from the SVG; best effort. */
function writePngLogos(dir: string): void {
  try {
    const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
    for (const size of [32, 64]) {
      const png = new Resvg(LOGO_SVG, { fitTo: { mode: "width", value: size }, font: { loadSystemFonts: true } }).render().asPng();
      fs.writeFileSync(path.join(dir, `logo-${size}x${size}.png`), png);
    }
  } catch {
    // No renderer on this machine: Jupyter falls back to the SVG logo or a generic one.
  }
}

export interface InstallResult { dir: string; status: "installed" | "replaced" | "unchanged"; reason: string | null }

/**
 * Writes kernel.json (and a logo) into `dir`, idempotently: an identical spec is left alone,
 * a stale one (different, invalid, or pointing at a missing node/launcher) is replaced.
 * @example
 * installKernelSpec("/tmp/k/deeprob-ts", spec).status // => "installed", then "unchanged"
 */
export function installKernelSpec(dir: string, spec: KernelSpec): InstallResult {
  const file = path.join(dir, "kernel.json");
  let existing: string | null = null;
  try { existing = fs.readFileSync(file, "utf8"); } catch { existing = null; }
  const reason = staleReason(existing, spec, (p) => fs.existsSync(p));
  const logo = path.join(dir, "logo-svg.svg");
  if (reason === null && fs.existsSync(logo)) return { dir, status: "unchanged", reason: null };
  fs.mkdirSync(dir, { recursive: true });
  // Write then rename, so a Jupyter reading the folder never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(spec, null, 2) + "\n");
  fs.renameSync(tmp, file);
  fs.writeFileSync(logo, LOGO_SVG);
  writePngLogos(dir);
  if (existing === null) return { dir, status: "installed", reason: null };
  return { dir, status: "replaced", reason: reason ?? "the logo was missing" };
}

/** The spec for this installed package: this node binary and dist/kernel-ext/launcher.js. */
export function defaultKernelSpec(): KernelSpec {
  // This file compiles to dist/kernel-ext/kernelspec.js, next to launcher.js.
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  return kernelSpec({ nodePath: process.execPath, launcherPath: path.join(__dirname, "launcher.js"), version: pkg.version });
}
