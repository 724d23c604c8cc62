// `import ... from "deeprob-ts"` from a notebook in any folder: the name resolves to this
// package's compiled dist/, both for the type checker (compiler `paths`) and for Node's
// `require` (a Module._resolveFilename hook). One module instance results, the kernel's own.
import Module from "node:module";
import path from "node:path";

export const PACKAGE_NAME = "deeprob-ts";
/** The package root: this file compiles to <root>/dist/kernel-ext/resolve.js. */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");
/** The entry `deeprob-ts` resolves to (package.json "main"). */
export const PACKAGE_ENTRY = path.join(PACKAGE_ROOT, "dist", "kernel-ext", "index.js");

/**
 * Compiler `paths` for the cell type checker (absolute, so no baseUrl is needed).
 * @example
 * packagePaths("/repo") // => { "deeprob-ts": ["/repo/dist/kernel-ext/index"], "deeprob-ts/*": ["/repo/*"] }
 */
export function packagePaths(root: string = PACKAGE_ROOT): Record<string, string[]> {
  return {
    [PACKAGE_NAME]: [path.join(root, "dist", "kernel-ext", "index")],
    [`${PACKAGE_NAME}/*`]: [path.join(root, "*")],
  };
}

/**
 * Maps a request to a file under `root` when it names this package, else null.
 * @example
 * mapRequest("deeprob-ts", "/repo") // => "/repo/dist/kernel-ext/index.js"
 * mapRequest("deeprob-ts/dist/lib/index.js", "/repo") // => "/repo/dist/lib/index.js"
 */
export function mapRequest(request: string, root: string = PACKAGE_ROOT): string | null {
  if (request === PACKAGE_NAME) return path.join(root, "dist", "kernel-ext", "index.js");
  if (request.startsWith(PACKAGE_NAME + "/")) return path.join(root, request.slice(PACKAGE_NAME.length + 1));
  return null;
}

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
let installed = false;

/** Makes Node's `require("deeprob-ts")` resolve to this package from any folder. Idempotent. */
export function installRuntimeResolution(): void {
  if (installed) return;
  installed = true;
  const M = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = M._resolveFilename;
  M._resolveFilename = function (request, parent, isMain, options) {
    const mapped = mapRequest(request);
    return original.call(this, mapped ?? request, parent, isMain, options);
  };
}
