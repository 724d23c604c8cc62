// Builds the JupyterLab rendering page: lab-entry.ts bundled by esbuild into a temp folder
// next to an index.html that loads it (CSS is left out: it only styles, never renders).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** Writes index.html + lab.js into `dir`; returns the page's path. */
export async function buildLabPage(dir: string): Promise<string> {
  await build({
    entryPoints: [path.join(__dirname, "lab-entry.ts")],
    bundle: true,
    outfile: path.join(dir, "lab.js"),
    format: "iife",
    platform: "browser",
    loader: { ".css": "empty", ".svg": "text" },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const page = path.join(dir, "index.html");
  fs.writeFileSync(page, '<!doctype html><html><head><meta charset="utf-8"><title>lab outputs</title></head><body><script src="lab.js"></script></body></html>');
  return page;
}
