// Finds the shipped data folder (notebooks/data) relative to this package, never process.cwd():
// a notebook's kernel runs in the notebook's own folder, a test in the repository root, and the
// compiled library sits in dist/lib/data while the sources sit in lib/data.
import * as fs from "node:fs";
import * as path from "node:path";

let cached: string | undefined;

/**
 * The absolute path of the package's `notebooks/data` folder.
 * @example fs.existsSync(path.join(dataDir(), "images", "chelsea.png")) // true
 */
export function dataDir(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, "utf8")).name === "deeprob-ts") {
          cached = path.join(dir, "notebooks", "data");
          return cached;
        }
      } catch {
        // an unreadable package.json on the way up is not ours; keep climbing
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`dataDir: cannot find the deeprob-ts package root above ${__dirname}; the shipped data lives in <package>/notebooks/data`);
}

/** Absolute path of a shipped file, with a clear error if it is missing. */
export function shippedFile(...parts: string[]): string {
  const p = path.join(dataDir(), ...parts);
  if (!fs.existsSync(p)) throw new Error(`deeprob-ts: the shipped file ${p} is missing; restore notebooks/data from git`);
  return p;
}
