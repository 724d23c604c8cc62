// `deeprob-ts report` end to end: the real kernel executes a notebook, Debian's nbconvert
// exports it, headless Chromium (networking off) opens the HTML and draws every Plotly figure,
// and the PDF printed by Chromium has non-blank pages with images (pdftoppm decodes them).
// Math is typeset at export: the HTML, copied alone to another folder, shows every formula as
// SVG with no MathJax anywhere. Each report is built once and reused by the assertions.
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

// Markdown with every delimiter Jupyter typesets (\\( and \\[ are doubled in markdown source, as
// JupyterLab reads them), an escaped dollar, and one formula with a TeX error.
const MATH_MARKDOWN = [
  "# Report fixture\n\n$\\sigma(x) = 1/(1+e^{-x})$ and $\\tanh(x)$; a price: \\$5.\n\n$$\\frac{\\partial L}{\\partial w} = \\sigma'(x)\\,x$$\n\n" +
    "Inline \\\\(a < b\\\\) and display \\\\[ y = Wx + b \\\\]\n\n\\begin{align} \\mu &= \\frac{1}{N}\\sum_i x_i \\\\ \\sigma^2 &= \\frac{1}{N}\\sum_i (x_i-\\mu)^2 \\end{align}",
  "A broken formula, $\\frac{1}$, is shown as red source; the page goes on: $x_2$.",
];

/**
 * Formulas in markdown, counted from the notebook source by their delimiters (a reference
 * independent of MathJax): $$…$$, \begin{env}…\end{env}, \\(…\\), \\[…\\], then $…$ not escaped.
 */
function countFormulas(markdown: string[]): number {
  const display = /\$\$[\s\S]+?\$\$|\\begin\{([a-z*]+)\}[\s\S]+?\\end\{\1\}|\\\\\([\s\S]+?\\\\\)|\\\\\[[\s\S]+?\\\\\]/g;
  let n = 0;
  for (const md of markdown) {
    const rest = md.replace(display, () => { n++; return " "; });
    n += (rest.replace(/\\\$/g, "").match(/\$[^$]+\$/g) ?? []).length;
  }
  return n;
}

/** A notebook with math, two figures and one cell per removal tag; the markers must (not) appear. */
function fixtureNotebook(): object {
  const code = (source: string, tags: string[] = []) => ({ cell_type: "code", metadata: { tags }, source, outputs: [], execution_count: null });
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "deeprob-ts", display_name: "TypeScript (deeprob-ts)", language: "typescript" } },
    cells: [
      ...MATH_MARKDOWN.map((source) => ({ cell_type: "markdown", metadata: {}, source })),
      code('console.log("MARKER_DOLLARS $5 and $6 $\\\\sigma$")'),
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

  it("carries its math typeset: no MathJax, no file:// or /usr/share/javascript reference", () => {
    const text = fs.readFileSync(path.join(work, "html", "fixture.html"), "utf8");
    expect(count(text, "MathJax.js")).toBe(0);
    expect(count(text, "text/x-mathjax-config")).toBe(0); // (plotly.js itself mentions MathJax.Hub, for TeX in figure titles)
    expect(count(text, "/usr/share/javascript")).toBe(0);
    // No attribute or CSS url() points at a local file (plotly.js mentions "file://" in its code, as a string).
    const local = [...text.matchAll(/(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)file:[^"')\s>]*/gi)].map((m) => m[0]);
    expect(local).toEqual([]);
    expect(count(text, "<mjx-container")).toBe(countFormulas(MATH_MARKDOWN));
  });

  it("warns on stderr about the formula with a TeX error and still writes the report", () => {
    expect(html.code, html.stderr).toBe(0);
    expect(html.stderr).toContain('report: warning: fixture.ipynb: TeX error in "\\frac{1}": Missing argument for \\frac (shown as red source in the report)');
    expect(count(html.stderr, "TeX error")).toBe(1);
  });

  it("copied alone to another folder, draws every figure and every formula in headless Chromium with networking off", async () => {
    // Another folder with nothing beside the report: what a student downloads or a course site serves.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-report-copy-"));
    const copy = path.join(elsewhere, "fixture.html");
    fs.copyFileSync(path.join(work, "html", "fixture.html"), copy);
    const profile = fs.mkdtempSync(path.join(work, "profile-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_FLAGS, offline: true });
    try {
      const page = await context.newPage();
      const requested: string[] = [];
      page.on("request", (r) => { if (r.url() !== `file://${copy}` && !r.url().startsWith("data:")) requested.push(r.url()); });
      await page.route(/^https?:/, (route) => route.abort());
      await page.goto(`file://${copy}`, { waitUntil: "load" });
      await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot svg.main-svg").length > 0, undefined, { timeout: 60_000 });
      const roots = await page.evaluate(() => [...document.querySelectorAll(".js-plotly-plot")].filter((d) => d.querySelector("svg.main-svg")).length);
      expect(roots).toBe(2);

      const math = await page.evaluate(() => [...document.querySelectorAll("mjx-container")].map((c) => {
        const svg = c.querySelector(":scope > svg")!;
        // A glyph whose <use> points at a missing id has an empty box: each formula must draw ink.
        const ink = [...svg.querySelectorAll("use, text")].reduce((w, g) => w + (g as SVGGraphicsElement).getBBox().width, 0);
        return { width: svg.getBoundingClientRect().width, ink, inMarkdown: !!c.closest(".jp-MarkdownCell") };
      }));
      expect(math.length).toBe(countFormulas(MATH_MARKDOWN));
      for (const m of math) {
        expect(m.width).toBeGreaterThan(0);
        expect(m.ink).toBeGreaterThan(0);
        expect(m.inMarkdown).toBe(true);
      }
      const error = await page.evaluate(() => {
        const g = document.querySelector('mjx-container g[data-mml-node="merror"] > g');
        return g ? getComputedStyle(g).fill : null;
      });
      expect(error).toBe("rgb(255, 0, 0)"); // the broken formula, drawn as red source
      // Kept for the README: what the markdown cells look like offline.
      const box = await page.evaluate(() => {
        const r = [...document.querySelectorAll(".jp-MarkdownCell")].map((c) => c.getBoundingClientRect());
        return { x: 0, y: Math.min(...r.map((b) => b.top)), width: Math.max(...r.map((b) => b.right)), height: Math.max(...r.map((b) => b.bottom)) - Math.min(...r.map((b) => b.top)) };
      });
      await page.screenshot({ path: path.join(__dirname, "screenshots", "report-math-offline.png"), clip: box });

      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain("MARKER_DOLLARS $5 and $6 $\\sigma$"); // the code output, untouched
      expect(text).toContain("a price: $5.");
      // Outside the code cell that prints TeX on purpose, no raw TeX is left for a reader to see.
      const prose = text.split("\n").filter((line) => !line.includes("MARKER_DOLLARS")).join("\n");
      for (const raw of ["$\\", "$$", "\\begin", "\\sigma", "\\(", "\\["]) expect(prose, raw).not.toContain(raw);
      expect(requested).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("deeprob-ts report --to pdf", () => {
  it("prints the math typeset: no raw TeX in the PDF's text except the broken formula's red source", () => {
    expect(pdf.code, pdf.stderr).toBe(0);
    const r = spawnSync("pdftotext", [path.join(work, "pdf", "fixture.pdf"), "-"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("MARKER_DOLLARS $5 and $6 $\\sigma$"); // the code output prints as it is
    expect(r.stdout).toContain("\\frac{1}"); // the broken formula, shown as its source (so text does come through)
    const prose = r.stdout.split("\n").filter((line) => !line.includes("MARKER_DOLLARS")).join("\n");
    for (const raw of ["$\\", "$$", "\\begin", "\\sigma", "\\partial", "\\(", "\\["]) expect(prose, raw).not.toContain(raw);
  });

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
