// Execute a notebook with our kernel through Debian's nbconvert, and convert it to HTML.
import fs from "node:fs";
import path from "node:path";
import { runProcess } from "../fixtures/env";

const JUPYTER = "/usr/bin/jupyter";

/** `jupyter nbconvert --to notebook --execute`; returns the executed notebook's path. */
export async function executeNotebook(file: string, env: NodeJS.ProcessEnv): Promise<string> {
  const out = file.replace(/\.ipynb$/, ".out.ipynb");
  const r = await runProcess(JUPYTER, ["nbconvert", "--to", "notebook", "--execute", file, "--output", path.basename(out)], { cwd: path.dirname(file), env, timeoutMs: 170_000 });
  if (r.code !== 0 || !fs.existsSync(out)) throw new Error(`nbconvert --execute failed (${r.code}):\n${r.stderr}`);
  return out;
}

/** `jupyter nbconvert --to html`; returns the HTML file's path. */
export async function toHtml(file: string, env: NodeJS.ProcessEnv): Promise<string> {
  const out = file.replace(/\.ipynb$/, ".html");
  const r = await runProcess(JUPYTER, ["nbconvert", "--to", "html", file, "--output", path.basename(out)], { cwd: path.dirname(file), env, timeoutMs: 120_000 });
  if (r.code !== 0 || !fs.existsSync(out)) throw new Error(`nbconvert --to html failed (${r.code}):\n${r.stderr}`);
  return out;
}

export interface NbOutput { output_type: string; data?: Record<string, unknown> }

export const joinText = (v: unknown): string => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** Outputs that are figures (they carry the Plotly MIME type). */
export function figureOutputs(nb: { cells: { outputs?: NbOutput[] }[] }): NbOutput[] {
  return nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && "application/vnd.plotly.v1+json" in o.data);
}

export const hasCarrier = (o: NbOutput): boolean => joinText(o.data?.["text/html"]).includes("data-plotly-lib=");
