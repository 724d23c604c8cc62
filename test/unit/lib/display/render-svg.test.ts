import { describe, expect, it } from "vitest";
import { colorAt } from "../../../../lib/display/colors.js";
import { Figure } from "../../../../lib/display/figure.js";
import { decodePng } from "../../../../lib/display/png.js";
import { SVG_PX_ATOL } from "../../tolerance.js";
import { marks, texts } from "./svg-helpers.js";

function pixel(png: Buffer, x: number, y: number): number[] {
  const img = decodePng(png);
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return Array.from(img.data.subarray(i, i + 3));
}

describe("static SVG renderer", () => {
  it("draws one rect per bar with heights proportional to the values, from zero", () => {
    const svg = new Figure([{ type: "bar", x: ["a", "b", "c"], y: [1, 2, 4] }]).toSvg();
    const bars = marks(svg, "rect", "bar");
    expect(bars).toHaveLength(3);
    const h = bars.map((b) => Number(b.height));
    expect(Math.abs(h[1] - 2 * h[0])).toBeLessThanOrEqual(SVG_PX_ATOL * 2);
    expect(Math.abs(h[2] - 4 * h[0])).toBeLessThanOrEqual(SVG_PX_ATOL * 4);
    const bottoms = bars.map((b) => Number(b.y) + Number(b.height));
    expect(Math.abs(bottoms[0] - bottoms[2])).toBeLessThanOrEqual(SVG_PX_ATOL);
    expect(texts(svg, "xtick")).toEqual(["a", "b", "c"]);
  });

  it("draws lines as one path per trace, broken at NaN, and markers as circles", () => {
    const svg = new Figure([
      { type: "scatter", x: [0, 1, 2, 3], y: [1, NaN, 3, 4], name: "gap" },
      { type: "scatter", x: [0, 1, 2], y: [0, 1, 0], mode: "markers", name: "pts" },
    ]).toSvg();
    const lines = marks(svg, "path", "trace-line");
    expect(lines).toHaveLength(1);
    expect(lines[0].d.match(/M/g)).toHaveLength(2);
    expect(lines[0].d.match(/L/g)).toHaveLength(1);
    expect(marks(svg, "circle", "point")).toHaveLength(3);
    expect(texts(svg, "legendtext")).toEqual(["gap", "pts"]);
  });

  it("labels axes with nice ticks, titles and the figure title", () => {
    const svg = new Figure([{ type: "scatter", x: [0, 10], y: [0, 1] }], { title: "T & <b>", xaxis: { title: "epoch" }, yaxis: { title: "loss" } }).toSvg();
    expect(texts(svg, "xtick")).toEqual(["0", "2", "4", "6", "8", "10"]);
    expect(texts(svg, "ytick")).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    expect(texts(svg, "xtitle")).toEqual(["epoch"]);
    expect(texts(svg, "ytitle")).toEqual(["loss"]);
    expect(texts(svg, "gtitle")).toEqual(["T & <b>"]);
    expect(svg).toContain(">T &amp; &lt;b&gt;</text>");
  });

  it("places subplots in their own clipped boxes", () => {
    const fig = Figure.subplots(2, 2);
    for (let k = 1; k <= 4; k++) fig.add({ type: "scatter", y: [0, k] }, k);
    const svg = fig.toSvg();
    expect(svg.match(/<g class="subplot">/g)).toHaveLength(4);
    expect(new Set([...svg.matchAll(/clip-path="url\(#(clip\d)\)"/g)].map((m) => m[1])).size).toBe(4);
    const paths = marks(svg, "path", "trace-line").map((p) => p.d);
    const starts = paths.map((d) => d.match(/^M([\d.]+) ([\d.]+)/)!.slice(1).map(Number));
    expect(starts[0][0]).toBeLessThan(starts[1][0]); // subplot 2 is to the right of 1
    expect(starts[0][1]).toBeLessThan(starts[2][1]); // subplot 3 is below 1
  });

  it("colours heatmap cells by the colorscale and draws a colorbar", () => {
    const svg = new Figure([{ type: "heatmap", z: [[0, 1, 2], [3, 4, 5], [6, 7, 8]] }]).toSvg();
    const cells = marks(svg, "rect", "hm-cell");
    expect(cells).toHaveLength(9);
    expect(cells[0].fill).toBe(colorAt("Viridis", 0));
    expect(cells[8].fill).toBe("rgb(253,231,37)");
    expect(cells[4].fill).toBe(colorAt("Viridis", 0.5));
    expect(marks(svg, "rect", "colorbar")).toHaveLength(1);
  });

  it("uses log ticks on log axes and skips non-positive values", () => {
    const svg = new Figure([{ type: "scatter", x: [1, 2, 3, 4], y: [1000, 100, 0, 1] }], { yaxis: { type: "log" } }).toSvg();
    expect(texts(svg, "ytick")).toEqual(["1", "10", "100", "1000"]);
    expect(marks(svg, "path", "trace-line")[0].d.match(/M/g)).toHaveLength(2);
  });

  it("rasterises with the DejaVu font: bar colour at the bar, text pixels in the title, white paper", () => {
    const fig = new Figure([{ type: "bar", x: ["only"], y: [1], marker: { color: "#d62728" } }], { title: "Title" });
    const png = fig.toPng();
    const bar = marks(fig.toSvg(), "rect", "bar")[0];
    expect(pixel(png, Number(bar.x) + Number(bar.width) / 2, Number(bar.y) + Number(bar.height) / 2)).toEqual([214, 39, 40]);
    expect(pixel(png, 2, 2)).toEqual([255, 255, 255]);
    const img = decodePng(png);
    let dark = 0;
    for (let y = 10; y < 40; y++) for (let x = 250; x < 390; x++) if (img.data[(y * img.width + x) * 4] < 150) dark++;
    expect(dark).toBeGreaterThan(30); // the 17 px title glyphs
  });

  it("rasterises heatmap cells to their exact colours", () => {
    const fig = new Figure([{ type: "heatmap", z: [[0, 1], [2, 3]], showscale: false }]);
    const cells = marks(fig.toSvg(), "rect", "hm-cell");
    const png = fig.toPng();
    for (const c of cells) {
      const rgb = c.fill.match(/\d+/g)!.map(Number);
      expect(pixel(png, Number(c.x) + Number(c.width) / 2, Number(c.y) + Number(c.height) / 2)).toEqual(rgb);
    }
  });
});
