// tslab's TypeScript is one 8 MB JavaScript file; V8 compiling it is a large part of kernel
// start. Like Node 22's module.enableCompileCache (not in Node 20), we load it through
// vm.Script with V8's code cache, kept per user in ~/.cache/deeprob-ts and keyed by the file's
// size, mtime and the Node version. Any problem falls back to a plain require.
import fs from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { kernelLog } from "./log";

interface Loaded { script: vm.Script; cacheFile: string; hadCache: boolean; saved?: boolean }
const loaded = new Map<string, Loaded>();

/** Where code caches live: $XDG_CACHE_HOME/deeprob-ts or ~/.cache/deeprob-ts. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "deeprob-ts");
}

/**
 * The cache file for `file` (changes whenever the file or Node changes).
 * @example
 * cacheFileFor("/nm/typescript.js", { size: 10, mtimeMs: 5 }, "/c", "v20.20.0") // => "/c/typescript.js-10-5-v20.20.0.v8"
 */
export function cacheFileFor(file: string, stat: { size: number; mtimeMs: number }, dir: string, nodeVersion: string = process.version): string {
  return path.join(dir, `${path.basename(file)}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${nodeVersion}.v8`);
}

/**
 * Requires the CommonJS module at absolute path `file` using (and later saving) a V8 code cache.
 * @example
 * const ts = requireCached(require.resolve("@tslab/typescript-for-tslab"));
 */
export function requireCached(file: string, dir: string = cacheDir()): unknown {
  const hit = require.cache[file];
  if (hit) return hit.exports;
  try {
    const src = fs.readFileSync(file, "utf8");
    const cacheFile = cacheFileFor(file, fs.statSync(file), dir);
    let cachedData: Buffer | undefined;
    try { cachedData = fs.readFileSync(cacheFile); } catch { cachedData = undefined; }
    const script = new vm.Script(Module.wrap(src), { filename: file, cachedData });
    const mod = new Module(file, module) as Module & { paths: string[] };
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
    require.cache[file] = mod;
    try {
      (script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
    } catch (e) {
      delete require.cache[file];
      throw e;
    }
    mod.loaded = true;
    loaded.set(file, { script, cacheFile, hadCache: cachedData !== undefined && !script.cachedDataRejected });
    return mod.exports;
  } catch (e) {
    kernelLog(`deeprob-ts kernel: code cache unavailable for ${file}: ${(e as Error).message}`);
    return require(file);
  }
}

/**
 * Whether `file` was loaded with a usable cache ("hit"), compiled from source ("miss"), or not
 * through requireCached at all ("none").
 * @example
 * codeCacheStatus(require.resolve("@tslab/typescript-for-tslab")) // => "hit" from the second kernel on
 */
export function codeCacheStatus(file: string): "hit" | "miss" | "none" {
  const l = loaded.get(file);
  return l === undefined ? "none" : l.hadCache ? "hit" : "miss";
}

/**
 * Writes the code caches that were missing, after warm-up so that the functions compiled
 * during it are included. Atomic (write + rename); failures only cost speed next time.
 */
export function saveCodeCaches(): void {
  for (const [file, l] of loaded) {
    if (l.hadCache || l.saved) continue;
    try {
      fs.mkdirSync(path.dirname(l.cacheFile), { recursive: true });
      const tmp = `${l.cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, l.script.createCachedData());
      fs.renameSync(tmp, l.cacheFile);
      l.saved = true;
    } catch (e) {
      kernelLog(`deeprob-ts kernel: could not save the code cache for ${file}: ${(e as Error).message}`);
    }
  }
}
