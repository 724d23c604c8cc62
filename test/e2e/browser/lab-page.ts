// Builds the JupyterLab rendering page: lab-entry.ts bundled by esbuild into a temp folder
// next to an index.html that loads it, with JupyterLab's own output-area CSS (its
// `~@jupyterlab/...` webpack-style imports resolved by a small plugin).
import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

/** Resolve webpack's `~package/file` CSS imports to node_modules, as JupyterLab's build does. */
const tildeImports: Plugin = {
  name: "tilde-imports",
  setup(b) {
    b.onResolve({ filter: /^~/ }, (args) => ({ path: require.resolve(args.path.slice(1), { paths: [args.resolveDir] }) }));
  },
};

/** Writes index.html + lab.js into `dir`; returns the page's path. */
export async function buildLabPage(dir: string): Promise<string> {
  await build({
    entryPoints: [path.join(__dirname, "lab-entry.ts")],
    bundle: true,
    outfile: path.join(dir, "lab.js"),
    format: "iife",
    platform: "browser",
    loader: { ".svg": "text", ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".eot": "dataurl", ".png": "dataurl", ".gif": "dataurl" },
    plugins: [tildeImports],
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const page = path.join(dir, "index.html");
  fs.writeFileSync(page, '<!doctype html><html><head><meta charset="utf-8"><title>lab outputs</title><link rel="stylesheet" href="lab.css"></head><body><script src="lab.js"></script></body></html>');
  return page;
}
