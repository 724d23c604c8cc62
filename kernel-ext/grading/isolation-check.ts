// Before grading with "user" isolation (the kernel runs as nobody), checks, as nobody and
// through the same setpriv wrapper the kernel gets, that nobody can reach every file the kernel
// needs: the node binary, the launcher, the grading runtime, the library and tslab. Without this
// check a private checkout (a 0700 home or temp folder) makes every kernel die at start and
// every question score 0 with no hint of why.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { NOBODY, unprivilegedArgv } from "./isolation.js";

/** A file the kernel must use, and how. */
export interface Needed { path: string; exec?: boolean; /** A folder the kernel only passes through (needs search, not read). */ dir?: boolean }

/** The first thing the isolated user cannot reach. */
export interface AccessProblem {
  /** The file the kernel needs. */
  needed: string;
  /** The path that blocks it: that file or a folder on its way. */
  blocked: string;
  /** What is missing on `blocked`: "search" (x on a folder), "read" or "execute". */
  missing: "search" | "read" | "execute";
  /** `blocked`'s permission bits as the grader sees them, e.g. "0700" (null when unknown). */
  mode: string | null;
}

// Run as the isolated user: /bin/sh, so the check works even when node itself is unreachable.
// Arguments: pairs of (path, "r" read, "x" read and execute, or "d" search a folder).
// Prints "BLOCKED <missing> <path>\n<needed>" for the first failure, nothing when all pass.
const WALK = `
while [ "$#" -ge 2 ]; do
  p=$1; k=$2; shift 2
  d=""
  rest=\${p#/}
  while [ -n "$rest" ]; do
    c=\${rest%%/*}; d="$d/$c"
    case $rest in */*) rest=\${rest#*/} ;; *) rest="" ;; esac
    if [ -n "$rest" ]; then
      [ -x "$d" ] || { printf 'BLOCKED search %s\\n%s' "$d" "$p"; exit 0; }
    fi
  done
  if [ "$k" = d ]; then [ -x "$p" ] || { printf 'BLOCKED search %s\\n%s' "$p" "$p"; exit 0; }; continue; fi
  [ -r "$p" ] || { printf 'BLOCKED read %s\\n%s' "$p" "$p"; exit 0; }
  if [ "$k" = x ]; then [ -x "$p" ] || { printf 'BLOCKED execute %s\\n%s' "$p" "$p"; exit 0; }; fi
done
`;

function modeOf(p: string): string | null {
  try { return "0" + (fs.statSync(p).mode & 0o7777).toString(8).padStart(3, "0"); } catch { return null; }
}

/**
 * The first of `needed` (and of their real paths, through symlinks) that the user `wrap`
 * switches to cannot reach, or null when all are reachable.
 * @example kernelUserProblem([{ path: "/root/repo/dist/kernel-ext/launcher.js" }]) // => { needed: "/root/repo/...", blocked: "/root", missing: "search", mode: "0700" }
 */
export function kernelUserProblem(needed: readonly Needed[], wrap: (argv: string[]) => string[] = unprivilegedArgv): AccessProblem | null {
  const args: string[] = [];
  for (const n of needed) {
    const abs = path.resolve(n.path);
    const kind = n.dir ? "d" : n.exec ? "x" : "r";
    // The real path first: a blocked folder behind a symlink is then named as itself.
    try { const real = fs.realpathSync(abs); if (real !== abs) args.push(real, kind); } catch { /* missing: the walk reports it */ }
    args.push(abs, kind);
  }
  const argv = wrap(["/bin/sh", "-c", WALK, "sh", ...args]);
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", timeout: 30_000 });
  if (r.error || r.status !== 0) throw new Error(`cannot check file access as the grading user (${r.error?.message ?? `${argv[0]} exited ${r.status}: ${r.stderr.trim()}`})`);
  const m = /^BLOCKED (search|read|execute) ([^\n]*)\n([\s\S]*)$/.exec(r.stdout);
  if (!m) return null;
  return { needed: m[3], blocked: m[2], missing: m[1] as AccessProblem["missing"], mode: modeOf(m[2]) };
}

/**
 * The user-facing explanation of a problem, with the fixes (real option names).
 * @example accessMessage({ needed: "/r/x.js", blocked: "/r", missing: "search", mode: "0700" }, "/r") // => "grade: isolation \"user\" runs the kernels as nobody (uid 65534), who cannot search the folder /r (mode 0700) ..."
 */
export function accessMessage(p: AccessProblem, packageRoot: string): string {
  const what = p.missing === "search" ? `search the folder ${p.blocked}` : `${p.missing} ${p.blocked}`;
  const chmod = p.missing === "search" ? `chmod o+x ${p.blocked}` : p.missing === "execute" ? `chmod o+rx ${p.blocked}` : `chmod o+r ${p.blocked}`;
  const needed = p.needed === p.blocked ? "" : `, on the way to ${p.needed}`;
  return `grade: isolation "user" runs the kernels as nobody (uid ${NOBODY}), who cannot ${what}${p.mode ? ` (mode ${p.mode})` : ""}${needed}; ` +
    `every kernel would fail to start and every question would score 0. Fix one of: ` +
    `\`${chmod}\` (and \`chmod -R o+rX ${packageRoot}\` if its files are private too); ` +
    `install deeprob-ts where everyone can read it (\`npm install -g <deeprob-ts-*.tgz>\`, as the Gradescope setup.sh does); ` +
    `or run with --isolation namespaces (where user namespaces work) or, for trusted submissions only, --isolation none.`;
}

/**
 * Loads `modules` with node as the isolated user (what the kernel does first) and returns the
 * access problem behind an EACCES, or null when they load. Catches a private file deep in
 * node_modules that the path list of `kernelUserProblem` does not name.
 * @example requireProblem(["/usr/lib/node_modules/deeprob-ts/dist/kernel-ext/grading/runtime.js"]) // => null
 */
export function requireProblem(modules: readonly string[], wrap: (argv: string[]) => string[] = unprivilegedArgv): AccessProblem | null {
  const script = "for (const m of JSON.parse(process.argv[1])) require(m);";
  const argv = wrap([process.execPath, "-e", script, JSON.stringify(modules)]);
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", timeout: 120_000, cwd: "/" });
  if (r.status === 0) return null;
  const m = /EACCES: permission denied, \w+ '([^']+)'/.exec(r.stderr ?? "");
  if (!m) return null; // another failure: not about access; the kernel reports it itself
  return kernelUserProblem([{ path: m[1] }], wrap) ?? { needed: m[1], blocked: m[1], missing: "read", mode: modeOf(m[1]) };
}
