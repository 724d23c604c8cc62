// The deeprob-ts package tarball that goes into the Gradescope bundle, so that setup.sh can
// `npm install -g` exactly the tool the instructor ran `assign` with. Packed from the running
// package's own folder (a checkout or a global install: both have package.json and dist/), or
// copied from a tarball the instructor names. Either way the tarball is checked before use.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** One member of a tar archive. */
export interface TarMember { path: string; data: Buffer }

function field(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const nul = s.indexOf(0);
  return s.subarray(0, nul < 0 ? len : nul).toString("utf8");
}

/**
 * The regular files of a gzipped tar (ustar, with pax `path` records, as npm writes them).
 * @example tarMembers(fs.readFileSync("deeprob-ts-0.1.0.tgz"))[0].path // => "package/package.json"
 */
export function tarMembers(tgz: Buffer): TarMember[] {
  const tar = zlib.gunzipSync(tgz);
  const out: TarMember[] = [];
  let paxPath: string | null = null;
  for (let at = 0; at + 512 <= tar.length;) {
    const h = tar.subarray(at, at + 512);
    if (h.every((x) => x === 0)) break;
    const size = parseInt(field(h, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(h[156] || 48);
    const data = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString("utf8"));
      paxPath = m ? m[1] : null;
      continue;
    }
    const prefix = field(h, 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    paxPath = null;
    if (type === "0" || type === "\0") out.push({ path: name, data: Buffer.from(data) });
  }
  return out;
}

/** What `checkTarball` found. */
export interface TarballInfo { version: string; files: string[] }

/**
 * Checks that `file` is a usable deeprob-ts package: package.json named deeprob-ts and the
 * compiled CLI, launcher and library. Throws an Error naming the file and what is missing.
 * @example checkTarball("bundle/deeprob-ts-0.1.0.tgz").version // => "0.1.0"
 */
export function checkTarball(file: string): TarballInfo {
  let members: TarMember[];
  try { members = tarMembers(fs.readFileSync(file)); } catch (e) { throw new Error(`${file}: not a readable .tgz (${(e as Error).message})`); }
  const pkg = members.find((m) => m.path === "package/package.json");
  let meta: { name?: string; version?: string } = {};
  try { meta = pkg ? JSON.parse(pkg.data.toString("utf8")) : {}; } catch { /* reported below */ }
  if (meta.name !== "deeprob-ts" || typeof meta.version !== "string") throw new Error(`${file}: not a deeprob-ts package (package/package.json names ${JSON.stringify(meta.name ?? null)})`);
  const files = members.map((m) => m.path.replace(/^package\//, ""));
  const need = ["dist/kernel-ext/cli.js", "dist/kernel-ext/launcher.js", "dist/kernel-ext/grading/runtime.js", "dist/lib/index.js"];
  const missing = need.filter((f) => !files.includes(f));
  if (missing.length) throw new Error(`${file}: the package lacks ${missing.join(", ")}; it was packed without a build (run \`npm run build\`, then \`npm pack\`)`);
  return { version: meta.version, files };
}

/** The npm command: the one running us (npm scripts set npm_execpath), else npm on PATH. */
function npmCommand(env: NodeJS.ProcessEnv): [string, string[]] {
  const cli = env.npm_execpath;
  if (cli && /npm-cli\.js$/.test(cli) && fs.existsSync(cli)) return [process.execPath, [cli]];
  const beside = path.join(path.dirname(process.execPath), "npm");
  return [fs.existsSync(beside) ? beside : "npm", []];
}

/**
 * Puts a deeprob-ts tarball into `dest` as deeprob-ts-<version>.tgz, replacing older ones:
 * a copy of `given` when set, else `npm pack` of the package folder `root`. Scripts are not
 * run (no prepack build): the tarball holds the dist/ that is running this command.
 * @example putTarball("release/autograder", { root: packageRoot() }).file // => "release/autograder/deeprob-ts-0.1.0.tgz"
 */
export function putTarball(dest: string, opts: { root: string; given?: string; env?: NodeJS.ProcessEnv }): TarballInfo & { file: string } {
  const removeOld = () => {
    for (const f of fs.readdirSync(dest)) if (/^deeprob-ts-.*\.tgz$/.test(f)) fs.rmSync(path.join(dest, f));
  };
  if (opts.given !== undefined) {
    if (!fs.existsSync(opts.given)) throw new Error(`--package ${opts.given}: no such file`);
    const info = checkTarball(opts.given);
    const bytes = fs.readFileSync(opts.given); // read first: it may be one of the old tarballs in dest
    removeOld();
    const file = path.join(dest, `deeprob-ts-${info.version}.tgz`);
    fs.writeFileSync(file, bytes);
    return { ...info, file };
  }
  const built = path.join(opts.root, "dist", "kernel-ext", "cli.js");
  if (!fs.existsSync(built)) throw new Error(`${opts.root} has no dist/ (${built} is missing): run \`npm run build\` there, or pass --package <deeprob-ts-*.tgz>`);
  removeOld();
  const [cmd, pre] = npmCommand(opts.env ?? process.env);
  const r = spawnSync(cmd, [...pre, "pack", "--ignore-scripts", "--json", "--pack-destination", path.resolve(dest)], {
    cwd: opts.root, encoding: "utf8", timeout: 300_000, env: { ...(opts.env ?? process.env), npm_config_dry_run: "false" },
  });
  const fix = `make one with \`npm pack\` in the deeprob-ts folder and pass it as --package <deeprob-ts-*.tgz>`;
  if (r.error) throw new Error(`cannot run npm to pack ${opts.root} (${(r.error as NodeJS.ErrnoException).code === "ENOENT" ? "npm is not installed or not on PATH" : r.error.message}); ${fix}`);
  let name: string | undefined;
  try { name = (JSON.parse(r.stdout) as { filename: string }[])[0].filename; } catch { /* reported below */ }
  if (r.status !== 0 || !name) throw new Error(`\`npm pack\` in ${opts.root} failed (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-3).join(" ")}; ${fix}`);
  // npm names a scoped or renamed package differently; setup.sh looks for deeprob-ts-*.tgz.
  const packed = path.join(dest, path.basename(name));
  const info = checkTarball(packed);
  const file = path.join(dest, `deeprob-ts-${info.version}.tgz`);
  if (packed !== file) fs.renameSync(packed, file);
  return { ...info, file };
}
