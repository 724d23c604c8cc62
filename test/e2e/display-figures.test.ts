// Figures in a notebook executed by nbconvert with our kernel: plotly.js travels once for 20
// figures, and the HTML report opened from disk with no network draws every figure; reordered
// cells still draw; with the library's cell cleared every figure falls back to its image.
// The same outputs through JupyterLab's own output area and renderers: trusted draws the
// interactive charts, untrusted (sanitised, no scripts) shows the static images.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jupyterHome, type JupyterHome } from "./fixtures/env";
import { figureStates, openBrowser, waitForFigures } from "./browser/chromium";
import { buildLabPage } from "./browser/lab-page";
import { executeNotebook, figureOutputs, hasCarrier, joinText, toHtml, type NbOutput } from "./browser/nbconvert";
import { TWENTY_FIGURES, writeNotebook } from "./browser/notebooks";

const LIB_BYTES = fs.statSync(require.resolve("plotly.js-dist-min/plotly.min.js")).size;
const SCREENSHOTS = path.join(__dirname, "screenshots");

let home: JupyterHome;
let dir: string;
let executed: string;
let nb: { cells: { outputs?: NbOutput[] }[] };

beforeAll(async () => {
  home = jupyterHome({ kernel: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-display-"));
  executed = await executeNotebook(writeNotebook(path.join(dir, "figures.ipynb"), TWENTY_FIGURES), home.env);
  nb = JSON.parse(fs.readFileSync(executed, "utf8"));
}, 180_000);

afterAll(() => {
  home?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A variant of the executed notebook written next to it, converted to HTML. */
async function variantHtml(name: string, edit: (n: typeof nb) => void): Promise<string> {
  const copy = JSON.parse(JSON.stringify(nb));
  edit(copy);
  const file = path.join(dir, `${name}.ipynb`);
  fs.writeFileSync(file, JSON.stringify(copy));
  return toHtml(file, home.env);
}

describe("figures executed by nbconvert", () => {
  it("carry every MIME form, and plotly.js exactly once for 20 figures", () => {
    const figs = figureOutputs(nb);
    expect(figs).toHaveLength(20);
    for (const f of figs) expect(Object.keys(f.data!).sort()).toEqual(["application/vnd.plotly.v1+json", "image/png", "image/svg+xml", "text/html", "text/plain"]);
    expect(figs.filter(hasCarrier)).toHaveLength(1);
    expect(hasCarrier(figs[0])).toBe(true);
    const size = fs.statSync(executed).size;
    expect(size).toBeLessThan(1.5 * LIB_BYTES);
    console.log(`20-figure notebook: ${size} bytes; plotly.min.js ${LIB_BYTES} bytes (${(size / LIB_BYTES).toFixed(2)}x)`);
  });

  it("draw every figure in the HTML report opened from disk with networking off", async () => {
    const html = await toHtml(executed, home.env);
    const b = await openBrowser();
    try {
      await b.page.goto("file://" + html);
      await waitForFigures(b.page);
      const states = await figureStates(b.page);
      expect(states).toHaveLength(20);
      for (const s of states) { expect(s.mainSvg).toBeGreaterThanOrEqual(1); expect(s.staticVisible).toBe(false); }
      expect(b.errors).toEqual([]);
      expect(b.blocked).toEqual([]);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await b.page.locator("div.deeprob-figure").nth(3).screenshot({ path: path.join(SCREENSHOTS, "nbconvert-offline.png") });
    } finally {
      await b.close();
    }
  });

  it("draw when the figure carrying plotly.js comes after the others (cells reordered)", async () => {
    const html = await variantHtml("reordered", (n) => { n.cells.push(n.cells.splice(1, 1)[0]); });
    const b = await openBrowser();
    try {
      await b.page.goto("file://" + html);
      await waitForFigures(b.page);
      const states = await figureStates(b.page);
      expect(states.map((s) => s.mainSvg >= 1)).toEqual(new Array(20).fill(true));
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it("show their static images, never blank, when the cell that carried plotly.js was cleared", async () => {
    const html = await variantHtml("cleared", (n) => { n.cells[1].outputs = []; });
    const b = await openBrowser();
    try {
      await b.page.goto("file://" + html);
      await b.page.waitForTimeout(2_000); // loaders poll for a carrier that never comes
      const states = await figureStates(b.page);
      expect(states).toHaveLength(19);
      for (const s of states) { expect(s.mainSvg).toBe(0); expect(s.staticVisible).toBe(true); expect(s.staticLoaded).toBe(true); }
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});

describe("a carrier that appears after the loaders gave up", () => {
  it("draws the waiting figures when it arrives (cells attached late, e.g. JupyterLab windowing)", async () => {
    const html = (o: NbOutput) => joinText(o.data?.["text/html"]);
    const figs = figureOutputs(nb);
    const page = path.join(dir, "late.html");
    fs.writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"></head><body>${html(figs[1])}${html(figs[2])}</body></html>`);
    const b = await openBrowser();
    try {
      await b.page.goto("file://" + page);
      await b.page.waitForTimeout(16_500); // past the loaders' ~15 s of polling
      expect((await figureStates(b.page)).map((s) => [s.mainSvg, s.staticVisible])).toEqual([[0, true], [0, true]]);
      // Attach the carrier's output the way an html renderer does: innerHTML, then re-created scripts.
      await b.page.evaluate((h) => {
        const host = document.createElement("div");
        host.innerHTML = h;
        document.body.appendChild(host);
        for (const old of Array.from(host.querySelectorAll("script"))) {
          const s = document.createElement("script");
          for (const a of Array.from(old.attributes)) s.setAttribute(a.name, a.value);
          s.textContent = old.textContent;
          old.replaceWith(s);
        }
      }, html(figs[0]));
      await waitForFigures(b.page, 20_000, 3);
      expect((await figureStates(b.page)).map((s) => s.mainSvg >= 1)).toEqual([true, true, true]);
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});

describe("the same outputs in JupyterLab's renderers (no Plotly extension)", () => {
  let page: string;
  beforeAll(async () => { page = await buildLabPage(fs.mkdtempSync(path.join(dir, "lab-"))); });

  // As jupyter_server's contents API serves them: nbformat's multiline lists joined back into
  // strings (nbformat.reads rejoins lines before the frontend sees the notebook).
  const outputs = () => nb.cells.flatMap((c) => c.outputs ?? []).map((o) => ({
    ...o, data: Object.fromEntries(Object.entries(o.data ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("") : v])),
  }));

  it("trusted: the html renderer runs the loaders and every figure draws interactively", async () => {
    const b = await openBrowser();
    try {
      await b.page.goto("file://" + page);
      const chosen = await b.page.evaluate((o) => window.renderOutputs(o, true), outputs() as unknown[]);
      expect(chosen.filter((m) => m === "text/html")).toHaveLength(20);
      await waitForFigures(b.page);
      const states = await figureStates(b.page);
      expect(states).toHaveLength(20);
      for (const s of states) { expect(s.mainSvg).toBeGreaterThanOrEqual(1); expect(s.staticVisible).toBe(false); }
      expect(b.errors).toEqual([]);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await b.page.locator("div.deeprob-figure").nth(4).screenshot({ path: path.join(SCREENSHOTS, "jupyterlab-trusted.png") });
    } finally {
      await b.close();
    }
  });

  it("untrusted: scripts are sanitised away and every figure shows its static image, none blank", async () => {
    const b = await openBrowser();
    try {
      await b.page.goto("file://" + page);
      const chosen = await b.page.evaluate((o) => window.renderOutputs(o, false), outputs() as unknown[]);
      expect(chosen.filter((m) => m === "text/html")).toHaveLength(20);
      await b.page.waitForFunction(() => Array.from(document.querySelectorAll("img.drfig-static")).every((i) => (i as HTMLImageElement).complete));
      const states = await figureStates(b.page);
      expect(states).toHaveLength(20);
      for (const s of states) { expect(s.mainSvg).toBe(0); expect(s.staticVisible).toBe(true); expect(s.staticLoaded).toBe(true); }
      expect(await b.page.locator("script").count()).toBe(1); // only the page's own bundle
      expect(b.errors).toEqual([]);
      await b.page.locator("div.deeprob-figure").nth(4).screenshot({ path: path.join(SCREENSHOTS, "jupyterlab-untrusted.png") });
    } finally {
      await b.close();
    }
  });
});
