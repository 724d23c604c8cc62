// `deeprob-ts report` end to end: the real kernel executes a notebook, Debian's nbconvert
// exports it, headless Chromium (networking off) opens the HTML and draws every Plotly figure,
// and the PDF printed by Chromium has non-blank pages with images (pdftoppm decodes them).
// Each report is built once and reused by the assertions.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jupyterHome, runCli, type Finished, type JupyterHome } from "./fixtures/env";

const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const TIMEOUT_MS = 10 * 60_000;

/** Occurrences of `marker` in `text` (counted, so that a failure does not print a 5 MB page). */
const count = (text: string, marker: string): number => text.split(marker).length - 1;

/** A notebook with two figures and one cell per removal tag; the markers must (not) appear. */
function fixtureNotebook(): object {
  const code = (source: string, tags: string[] = []) => ({ cell_type: "code", metadata: { tags }, source, outputs: [], execution_count: null });
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "deeprob-ts", display_name: "TypeScript (deeprob-ts)", language: "typescript" } },
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# Report fixture\n\n$\\sigma(x) = 1/(1+e^{-x})$" },
      code('import * as dr from "deeprob-ts";'),
      code('dr.plot.linePlot([{ y: [3, 2, 1.5], name: "loss" }], { title: "first figure" })'),
      code('// MARKER_HIDDEN_SOURCE\ndr.plot.linePlot([{ y: [1, 2, 4], name: "acc" }], { title: "second figure" })', ["remove-input"]),
      code('console.log("MARKER_REMOVED_CELL")', ["remove-cell"]),
      code('console.log("MARKER_REMOVED_OUTPUT")', ["remove-output"]),
      code('// MARKER_SOURCE_ONLY\nconsole.log("MARKER_KEPT_OUTPUT")'),
    ],
  };
}

let home: JupyterHome;
let work: string;
let html: Finished, pdf: Finished, noInput: Finished;

beforeAll(async () => {
  home = jupyterHome({ kernel: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-report-test-"));
  fs.writeFileSync(path.join(work, "fixture.ipynb"), JSON.stringify(fixtureNotebook()));
  html = await runCli(["report", "fixture.ipynb", "--to", "html", "--out", "html"], { env: home.env, cwd: work, timeoutMs: TIMEOUT_MS });
  pdf = await runCli(["report", "fixture.ipynb", "--to", "pdf", "--out", "pdf"], { env: home.env, cwd: work, timeoutMs: TIMEOUT_MS });
  noInput = await runCli(["report", "fixture.ipynb", "--to", "html", "--no-input", "--out", "bare"], { env: home.env, cwd: work, timeoutMs: TIMEOUT_MS });
}, 3 * TIMEOUT_MS);

afterAll(() => {
  home?.cleanup();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("deeprob-ts report --to html", () => {
  it("writes one self-contained HTML file: no script or stylesheet from the network", () => {
    expect(html.code, html.stderr).toBe(0);
    const text = fs.readFileSync(path.join(work, "html", "fixture.html"), "utf8");
    const remote = [...text.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(https?:[^"]*)"/g)].map((m) => m[1]);
    expect(remote).toEqual([]);
  });

  it("honours the remove-input, remove-cell and remove-output tags", () => {
    const text = fs.readFileSync(path.join(work, "html", "fixture.html"), "utf8");
    expect(count(text, "MARKER_HIDDEN_SOURCE")).toBe(0);
    expect(count(text, "MARKER_REMOVED_CELL")).toBe(0);
    expect(count(text, "MARKER_REMOVED_OUTPUT")).toBe(1); // its source stays, its output goes
    expect(count(text, "MARKER_KEPT_OUTPUT")).toBe(2); // source and output
    expect(count(text, "MARKER_SOURCE_ONLY")).toBe(1);
  });

  it("--no-input drops every code cell's source but keeps outputs", () => {
    expect(noInput.code, noInput.stderr).toBe(0);
    const text = fs.readFileSync(path.join(work, "bare", "fixture.html"), "utf8");
    expect(count(text, "MARKER_SOURCE_ONLY")).toBe(0);
    expect(count(text, "MARKER_KEPT_OUTPUT")).toBe(1); // the output only
  });

  it("draws every figure in headless Chromium with networking off", async () => {
    const profile = fs.mkdtempSync(path.join(work, "profile-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_FLAGS, offline: true });
    try {
      const page = await context.newPage();
      const requested: string[] = [];
      await page.route(/^https?:/, (route) => { requested.push(route.request().url()); return route.abort(); });
      await page.goto(`file://${path.join(work, "html", "fixture.html")}`, { waitUntil: "load" });
      await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot svg.main-svg").length > 0, undefined, { timeout: 60_000 });
      const roots = await page.evaluate(() => [...document.querySelectorAll(".js-plotly-plot")].filter((d) => d.querySelector("svg.main-svg")).length);
      expect(roots).toBe(2);
      expect(requested).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("deeprob-ts report --to pdf", () => {
  it("prints pages that pdftoppm renders non-blank, with the figures as images", () => {
    expect(pdf.code, pdf.stderr).toBe(0);
    const file = path.join(work, "pdf", "fixture.pdf");
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    const images = spawnSync("pdfimages", ["-list", file], { encoding: "utf8" });
    expect(images.status, images.stderr).toBe(0);
    expect(images.stdout.trim().split("\n").slice(2).length).toBeGreaterThanOrEqual(2); // both figures, as PNG
    const prefix = path.join(work, "pdf", "page");
    const r = spawnSync("pdftoppm", ["-r", "40", "-png", file, prefix], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const pages = fs.readdirSync(path.join(work, "pdf")).filter((f) => f.startsWith("page") && f.endsWith(".png"));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const p of pages) {
      const png = PNG.sync.read(fs.readFileSync(path.join(work, "pdf", p)));
      let ink = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) ink++;
      // Not blank: the last page may hold only a line or two of text.
      expect(ink / (png.width * png.height), p).toBeGreaterThan(0.001);
    }
  });
});
