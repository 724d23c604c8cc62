import { describe, expect, it } from "vitest";
import { compareInits, layerHistograms } from "../../../../lib/display/charts.js";
import { fitTitle } from "../../../../lib/display/subplot-titles.js";
import { rng } from "../../../../lib/random/index.js";

// Conservative DejaVu Sans advance per character in em: above the widest glyphs these titles use
// (digits 0.636, "μ" 0.636, "σ" 0.62) and above any real title's mean; ascent 1 em, descent 0.25.
const CHAR_EM = 0.7;

interface Box { cls: string; text: string; x0: number; x1: number; y0: number; y1: number }

/** Bounding boxes of the static SVG's texts of the given classes, from x, anchor and font size. */
function textBoxes(svg: string, classes: readonly string[]): Box[] {
  const out: Box[] = [];
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const a = Object.fromEntries([...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((g) => [g[1], g[2]]));
    if (!classes.includes(a.class)) continue;
    const text = m[2].replace(/&(amp|lt|gt|quot|#39);/g, "_"), size = Number(a["font-size"]), x = Number(a.x), y = Number(a.y);
    const w = [...text].length * size * CHAR_EM;
    const x0 = a["text-anchor"] === "middle" ? x - w / 2 : a["text-anchor"] === "end" ? x - w : x;
    out.push({ cls: a.class, text, x0, x1: x0 + w, y0: y - size, y1: y + 0.25 * size });
  }
  return out;
}

function overlaps(boxes: Box[]): string[] {
  const bad: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    // Titles against everything; tick labels among themselves are the tick layout's business.
    const title = (x: Box) => x.cls === "annotation" || x.cls === "gtitle";
    if (!title(a) && !title(b)) continue;
    if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) bad.push(`"${a.text}" x "${b.text}"`);
  }
  return bad;
}

/** tanh activations of a random 512-wide network, layer by layer (the lecture's loop, smaller). */
function tanhLayers(n: number, scale: number, seed = 0): Float64Array[] {
  const g = rng(seed);
  const out: Float64Array[] = [];
  let x = Float64Array.from({ length: 2000 }, () => g.normal());
  for (let l = 0; l < n; l++) {
    x = x.map((v) => Math.tanh(scale * v + 0.001 * g.normal()));
    out.push(x);
  }
  return out;
}

describe("subplot titles never overlap", () => {
  for (const n of [1, 2, 3, 6, 8]) {
    it(`layerHistograms with ${n} layers: titles, figure title and tick labels are disjoint and inside the figure`, () => {
      const fig = layerHistograms(tanhLayers(n, 0.9), { title: "tanh + Xavier", range: [-1, 1] });
      const svg = fig.toSvg();
      const boxes = textBoxes(svg, ["annotation", "gtitle", "xtick", "ytick"]);
      expect(boxes.filter((b) => b.text.startsWith("μ="))).toHaveLength(n);
      expect(overlaps(boxes)).toEqual([]);
      const W = fig.resolved().layout.width!;
      for (const b of textBoxes(svg, ["annotation", "gtitle"])) {
        expect(b.x0).toBeGreaterThanOrEqual(0);
        expect(b.x1).toBeLessThanOrEqual(W);
        expect(b.y0).toBeGreaterThanOrEqual(0);
      }
    });
  }

  it("the lecture's 6-layer x 5-scheme comparison (long scheme names) has no overlapping text", () => {
    const names = ["0.01 tanh", "Xavier tanh", "Kaiming ReLU", "MSRA", "MSRA, last layer zero"];
    const fig = compareInits(names.map((name, i) => ({ name, layers: tanhLayers(6, 0.5 + 0.2 * i, i) })), { range: [-1, 1.5] });
    const boxes = textBoxes(fig.toSvg(), ["annotation", "gtitle", "xtick", "ytick"]);
    expect(boxes.filter((b) => b.text.startsWith("σ="))).toHaveLength(30);
    expect(overlaps(boxes)).toEqual([]);
  });

  it("the old long stats line would have been caught (the check can fail)", () => {
    const svg = `<svg><text class="annotation" x="100" y="50" text-anchor="middle" font-size="13">mean=0.00124 std=0.628</text>`
      + `<text class="annotation" x="245" y="50" text-anchor="middle" font-size="13">mean=0.00226 std=0.294</text></svg>`;
    expect(overlaps(textBoxes(svg, ["annotation"]))).toHaveLength(1);
  });

  it("plotly.js gets the same fitted lines and sizes as the SVG, and room above them", () => {
    const fig = layerHistograms(tanhLayers(8, 0.9), { title: "t" });
    const ann = fig.toPlotly().layout.annotations as { text: string; font: { size: number }; yanchor: string }[];
    expect(ann).toHaveLength(8);
    expect(ann[0].text).toMatch(/^Layer 1<br>μ=[-\d.e]+ σ=[\d.e-]+$/);
    expect(ann.every((a) => a.yanchor === "bottom" && a.font.size >= 10)).toBe(true);
    const svgLines = textBoxes(fig.toSvg(), ["annotation"]).map((b) => b.text);
    expect(svgLines).toEqual(ann.flatMap((a) => a.text.split("<br>")));
    expect((fig.toPlotly().layout.margin as { t: number }).t).toBeGreaterThanOrEqual(44 + 2 * 13);
  });
});

describe("fitTitle", () => {
  it("keeps a title that fits at 13 px, wraps before shrinking below 10 px", () => {
    expect(fitTitle("Layer 1<br>μ=0.00124 σ=0.628", 245)).toEqual({ lines: ["Layer 1", "μ=0.00124 σ=0.628"], size: 13 });
    // 109 px: one line would need 7 px, so wrap once ("Layer 1" kept whole); 11 px is the largest two-line size.
    expect(fitTitle("Xavier: Layer 1 σ=0.628", 109)).toEqual({ lines: ["Xavier: Layer 1", "σ=0.628"], size: 11 });
    // Capped by the figure's common size; too many wraps at 10 px keep the fewest lines.
    expect(fitTitle("Layer 1<br>μ=0.00124 σ=0.628", 245, 11).size).toBe(11);
    // A single word wider than the cell at 10 px shrinks instead (never overlaps).
    const f = fitTitle("supercalifragilistic", 100);
    expect(f.lines).toEqual(["supercalifragilistic"]);
    expect(f.size).toBe(7.5);
    expect(f.size * 0.65 * 20).toBeLessThanOrEqual(100);
  });
});
