// Classic Notebook 6 (Debian's only Jupyter UI) highlights cells as TypeScript from our
// kernel_info: its CodeMirror must find a mode for language_info.codemirror_mode, loaded from
// the files it ships, with no 404 for a mode that does not exist.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openBrowser, type Browser } from "./browser/chromium";
import { startClassic, type ClassicServer } from "./browser/classic";
import { writeNotebook } from "./browser/notebooks";
import { jupyterHome, type JupyterHome } from "./fixtures/env";

let home: JupyterHome;
let dir: string;
let server: ClassicServer;
let b: Browser;

beforeAll(async () => {
  home = jupyterHome({ kernel: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-highlight-"));
  writeNotebook(path.join(dir, "h.ipynb"), [`const rate: number = 0.1;\nfunction step(x: number): number { return x - rate; }`]);
  server = await startClassic(dir, home.env);
  b = await openBrowser({ allowOrigin: server.url });
  await b.page.goto(`${server.url}/notebooks/h.ipynb?token=${server.token}`);
  await b.page.waitForFunction(() => {
    const J = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean; info_reply?: unknown } } } }).Jupyter;
    return !!J?.notebook?.kernel?.is_connected() && !!J.notebook.kernel.info_reply;
  }, undefined, { timeout: 120_000 });
}, 180_000);

afterAll(async () => {
  await b?.close();
  const survivors = await server?.stop();
  home?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(survivors ?? []).toEqual([]);
});

test("cells get TypeScript highlighting: keywords and types are styled, no mode file 404s", async () => {
  // The mode loads asynchronously after kernel_info; wait for the styled tokens.
  await b.page.waitForFunction(() => document.querySelectorAll(".CodeMirror .cm-keyword").length >= 3, undefined, { timeout: 30_000 });
  const keywords = await b.page.$$eval(".CodeMirror .cm-keyword", (els) => els.map((e) => e.textContent));
  expect(keywords).toEqual(expect.arrayContaining(["const", "function", "return"]));
  // `number` is a type only in TypeScript mode (plain JavaScript leaves it unstyled).
  const types = await b.page.$$eval(".CodeMirror .cm-type", (els) => els.map((e) => e.textContent));
  expect(types).toContain("number");
  expect(b.failed.filter((u) => /codemirror\/mode\//.test(u))).toEqual([]);
  const mode = await b.page.evaluate(() => (window as unknown as { Jupyter: { notebook: { get_cell(i: number): { code_mirror: { getOption(o: string): unknown } } } } })
    .Jupyter.notebook.get_cell(0).code_mirror.getOption("mode"));
  expect(JSON.stringify(mode)).toMatch(/typescript/);
});
