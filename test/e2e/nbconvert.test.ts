// Debian's `jupyter nbconvert --execute` with the deeprob-ts kernel, to notebook and to HTML:
// the outputs a student or grader gets from the standard tool, and a failing notebook that
// must fail loudly with the kernel's real error (not nbconvert's blank one).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, joined, jupyterHome, readCells, runProcess, snapshot, type JupyterHome, type Output } from "./fixtures/env";

const JUPYTER = "/usr/bin/jupyter";
let home: JupyterHome;
let work: string;
beforeAll(() => {
  home = jupyterHome({ kernel: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-nbconvert-"));
});
afterAll(() => {
  home?.cleanup();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const nbconvert = (args: string[], cwd: string) =>
  runProcess(JUPYTER, ["nbconvert", "--execute", "--ExecutePreprocessor.kernel_name=deeprob-ts", "--ExecutePreprocessor.timeout=120", ...args],
    { cwd, env: home.env });

/** Decodes the HTML entities nbconvert uses in text outputs. */
const unescapeHtml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("jupyter nbconvert --execute with the deeprob-ts kernel", () => {
  it("--to notebook: stream, execute_result (with execution counts) and a multi-MIME display_data bundle", async () => {
    const dir = fs.mkdtempSync(path.join(work, "nb-"));
    const input = copyFixture("smoke.ipynb", dir);
    const r = await nbconvert(["--to", "notebook", "--output", "executed", input], dir);
    expect(r.code, r.stderr).toBe(0);
    const cells = readCells(path.join(dir, "executed.ipynb"));
    const out: Array<Output & { cell: number }> = cells.flatMap((c, i) => (c.outputs ?? []).map((o) => ({ ...o, cell: i })));
    expect(out.filter((o) => o.output_type === "stream").map((o) => [o.cell, o.name, joined(o.text)])).toEqual([
      [1, "stdout", "stdout says 42\n"],
      [2, "stderr", "stderr says 43\n"],
    ]);
    // nbformat may store multiline strings as lists of lines: compare the joined text.
    const data = (o: Output) => Object.fromEntries(Object.entries(o.data ?? {}).map(([k, v]) => [k, joined(v)]));
    expect(out.filter((o) => o.output_type === "execute_result").map((o) => [o.cell, o.execution_count, data(o)])).toEqual([
      [3, 3, { "text/plain": "21" }],
      [5, 5, { "text/html": "<i>card 42</i>", "text/plain": "card 42" }],
    ]);
    expect(out.filter((o) => o.output_type === "display_data").map((o) => [o.cell, data(o)])).toEqual([
      [4, { "text/html": '<b id="smoke">bold smoke</b>', "text/plain": "plain smoke" }],
    ]);
    expect(out.filter((o) => o.output_type === "error")).toEqual([]);
    expect(cells.filter((c) => c.cell_type === "code").map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5]);
    const meta = (JSON.parse(fs.readFileSync(path.join(dir, "executed.ipynb"), "utf8")) as { metadata: { language_info: Record<string, unknown> } }).metadata;
    expect(meta.language_info).toMatchObject({ name: "typescript", file_extension: ".ts", mimetype: "text/typescript" });
  });

  it("--to html: the rich HTML is embedded as is, text outputs escaped, streams and results present", async () => {
    const dir = fs.mkdtempSync(path.join(work, "html-"));
    const input = copyFixture("smoke.ipynb", dir);
    const r = await nbconvert(["--to", "html", "--output", "report", input], dir);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
    // text/html outputs are inserted verbatim (the display bundle and the protocol result)...
    expect(html).toContain('<b id="smoke">bold smoke</b>');
    expect(html).toContain("<i>card 42</i>");
    // ...and text/plain-only outputs appear as escaped text in output areas.
    const text = unescapeHtml(html);
    expect(text).toMatch(/<pre>stdout says 42\s*<\/pre>/);
    expect(text).toMatch(/<pre>stderr says 43\s*<\/pre>/);
    expect(text).toMatch(/Out\[3\]:[\s\S]*?<pre>21<\/pre>/);
    // The richest MIME type wins: the text/plain fallback of an HTML bundle is not an output.
    expect(text).not.toMatch(/<pre>plain smoke/);
  });

  it("a failing notebook: nbconvert exits non-zero, stderr carries ename and evalue, and nothing is written", async () => {
    const dir = fs.mkdtempSync(path.join(work, "fail-"));
    const input = copyFixture("failing.ipynb", dir);
    const before = snapshot(input);
    const r = await nbconvert(["--to", "notebook", "--output", "executed", input], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("CellExecutionError");
    expect(r.stderr).toContain("RangeError: smoke failure 42");
    expect(r.stderr).toContain("throw new RangeError(`smoke failure ${n + 1}`);");
    expect(snapshot(input)).toEqual(before);
    expect(fs.existsSync(path.join(dir, "executed.ipynb"))).toBe(false);
  });

  it("a type error fails nbconvert with TSError and the line:column message", async () => {
    const dir = fs.mkdtempSync(path.join(work, "tserr-"));
    const input = copyFixture("type-error.ipynb", dir);
    const r = await nbconvert(["--to", "notebook", "--output", "executed", input], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("TSError: 2:7 - Type 'string' is not assignable to type 'number'.");
  });
});
