// Keeps the hidden tests off the student kernel's disk: where the machine allows unprivileged
// user namespaces (util-linux `unshare`), the kernel starts in its own user, mount and PID
// namespaces with an empty read-only tmpfs over the autograder folder, and cannot see the
// grader's processes (no /proc/<pid>/root or /mem way around the mask). Run as root without
// namespaces (Gradescope's Docker), the kernel runs as `nobody` (setpriv) and the bundle stays
// root-only. Elsewhere grading still works, and the command says the tests were readable.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const UNSHARE = ["--user", "--map-root-user", "--mount", "--pid", "--fork", "--mount-proc", "--kill-child"];

let probed: boolean | null = null;

/**
 * True when `unshare` can create the namespaces and mount a tmpfs here (probed once).
 * @example isolationAvailable() // => true on Debian 12 as root or with user namespaces enabled
 */
export function isolationAvailable(): boolean {
  if (probed === null) {
    const r = spawnSync("unshare", [...UNSHARE, "/bin/sh", "-c", "mount -t tmpfs -o size=4k none /mnt 2>/dev/null || mount -t tmpfs -o size=4k none /tmp"], { stdio: "ignore", timeout: 10_000 });
    probed = r.status === 0;
  }
  return probed;
}

/**
 * Wraps a kernel argv so it runs with each of `hide` (folders) masked by an empty tmpfs.
 * The node process is not PID 1 of the namespace (sh is), so SIGINT keeps its normal meaning.
 * @example isolatedArgv(["/usr/bin/node", "launcher.js", "{connection_file}"], ["/ag"])[0] // => "unshare"
 */
export function isolatedArgv(argv: readonly string[], hide: readonly string[]): string[] {
  const dirs = hide.filter((d) => fs.existsSync(d)).map((d) => fs.realpathSync(d));
  const script = 'set -e; n=$1; shift; i=0; while [ "$i" -lt "$n" ]; do mount -t tmpfs -o size=4k,mode=0500,ro none "$1"; shift; i=$((i+1)); done; "$@"';
  return ["unshare", ...UNSHARE, "/bin/sh", "-c", script, "sh", String(dirs.length), ...dirs, ...argv];
}

/** How the student's kernel is kept from the hidden tests. */
export type Isolation = "namespaces" | "user" | "none";

/** The uid/gid the "user" isolation runs the kernel as (nobody/nogroup). */
export const NOBODY = 65534;

/**
 * Picks the isolation: DEEPROB_GRADE_ISOLATION when set, else namespaces when available, else
 * an unprivileged user when we are root, else none.
 * @example chooseIsolation({ DEEPROB_GRADE_ISOLATION: "none" }) // => "none"
 */
export function chooseIsolation(env: NodeJS.ProcessEnv = process.env, uid: number = process.getuid?.() ?? -1): Isolation {
  const forced = env.DEEPROB_GRADE_ISOLATION;
  if (forced === "namespaces" || forced === "user" || forced === "none") return forced;
  if (isolationAvailable()) return "namespaces";
  return uid === 0 ? "user" : "none";
}

/**
 * A kernel argv that drops to nobody (the grader must make the kernel's files reachable).
 * @example unprivilegedArgv(["/usr/bin/node", "l.js"])[0] // => "setpriv"
 */
export function unprivilegedArgv(argv: readonly string[]): string[] {
  return ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", ...argv];
}
