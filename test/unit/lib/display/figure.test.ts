import { afterEach, describe, expect, it } from "vitest";
import { Figure } from "../../../../lib/display/figure.js";
import { decodePng } from "../../../../lib/display/png.js";
import { CHANNEL_KEY } from "../../../../lib/display/session.js";

const DISPLAY = Symbol.for("Jupyter.display");
const LIB_MARK = "data-plotly-lib=";
const g = globalThis as Record<symbol, unknown>;

describe("Figure bundle", () => {
  afterEach(() => { delete g[CHANNEL_KEY]; });

  it("has every form: plotly JSON, html, png, svg and text", () => {
    const fig = new Figure([{ type: "scatter", x: new Float32Array([0, 1, 2]), y: [0, 1, 4], name: "sq" }], { title: "Squares", width: 500, height: 300 });
    const b = fig.toBundle({ library: "reference" });
    expect(Object.keys(b).sort()).toEqual(["application/vnd.plotly.v1+json", "image/png", "image/svg+xml", "text/html", "text/plain"]);
    expect(b["text/plain"]).toBe('Figure "Squares": 1 trace (scatter), 500x300');
    const json = b["application/vnd.plotly.v1+json"] as { data: Record<string, unknown>[]; layout: Record<string, unknown> };
    expect(json.data[0]).toMatchObject({ type: "scatter", x: [0, 1, 2], y: [0, 1, 4], mode: "lines", line: { color: "#1f77b4" } });
    expect(json.layout).toMatchObject({ title: { text: "Squares" }, width: 500, height: 300 });
    expect(Array.isArray(json.data[0].x)).toBe(true); // typed arrays become JSON arrays
    const png = decodePng(Buffer.from(b["image/png"] as string, "base64"));
    expect([png.width, png.height]).toEqual([500, 300]);
    expect(b["image/svg+xml"]).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="500" height="300"/);
    expect(b["text/html"]).toMatch(/<img class="drfig-static" src="data:image\/(png|svg\+xml);base64,/);
  });

  it("sends histograms as the bars it drew, with explicit styles plotly.js would otherwise default", () => {
    const json = new Figure([{ type: "histogram", x: [0, 0, 1, 2, 2, 2], nbinsx: 3 }]).toPlotly();
    expect(json.data[0]).toMatchObject({ type: "bar", y: [2, 1, 3] });
    expect(json.layout).toMatchObject({ bargap: 0, xaxis: { ticks: "outside", showline: true }, legend: { xanchor: "left" } });
    expect(json.layout).not.toHaveProperty("grid");
  });

  it("embeds plotly.js once per session: the session flag decides, and flips", () => {
    const session = {};
    const fig = new Figure([{ type: "bar", x: [1], y: [1] }]);
    expect(fig.toBundle({ session })["text/html"]).toContain(LIB_MARK);
    expect(session).toMatchObject({ plotlyLibrarySent: true });
    const other = new Figure([{ type: "bar", x: [2], y: [1] }]);
    expect(other.toBundle({ session })["text/html"]).not.toContain(LIB_MARK);
    expect(other.toBundle({ session })["text/html"]).not.toContain(LIB_MARK);
  });

  it("carries the library again when the carrier figure is shown again (its cell re-run replaces the output)", () => {
    const session = {};
    const first = new Figure([{ type: "bar", x: [1], y: [1] }]);
    first.toBundle({ session });
    new Figure([{ type: "bar", x: [2], y: [2] }]).toBundle({ session });
    expect(first.toBundle({ session })["text/html"]).toContain(LIB_MARK);
  });

  it("outside a kernel every figure is self-contained", () => {
    const fig = new Figure([{ type: "bar", x: [1], y: [1] }]);
    expect((fig as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]()["text/html"]).toContain(LIB_MARK);
    expect((fig as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]()["text/html"]).toContain(LIB_MARK);
  });

  it("inside a kernel the flag lives on the display channel: first figure embeds, later ones reference", () => {
    g[CHANNEL_KEY] = { latest: {}, formatters: new Map() };
    const fig = new Figure([{ type: "bar", x: [1], y: [1] }]);
    const show = () => (fig as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]()["text/html"];
    const other = new Figure([{ type: "bar", x: [2], y: [1] }]);
    const showOther = () => (other as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]()["text/html"];
    expect(show()).toContain(LIB_MARK);
    expect(showOther()).not.toContain(LIB_MARK);
    expect((g[CHANNEL_KEY] as { session: unknown }).session).toMatchObject({ plotlyLibrarySent: true });
  });

  it("rejects bad traces and subplots with clear messages", () => {
    expect(() => new Figure([{ type: "pie" } as never])).toThrow('Figure: trace 0 must have type scatter, bar, histogram, heatmap or image, got "pie"');
    expect(() => new Figure([{ type: "scatter", x: [1, 2], y: [1] }])).toThrow("Figure: scatter trace 0 has 2 x values but 1 y values");
    expect(() => new Figure([{ type: "heatmap", z: [1, 2] as never }])).toThrow("Figure: heatmap trace 0 needs z as rows of numbers (number[][]), got an array");
    expect(() => new Figure([{ type: "scatter", y: 3 as never }])).toThrow("Figure: scatter trace 0 needs y as an array of numbers, got number");
    expect(() => new Figure([{ type: "image", source: "x.png", width: 1, height: 1 }])).toThrow("needs source as a data:image/... URI (see imageTrace)");
    expect(() => Figure.subplots(1, 2).add({ type: "scatter", y: [1] }, 3)).toThrow("Figure.add: subplot 3 does not exist; the grid is 1x2 (1..2)");
    expect(() => new Figure().add({ type: "scatter", y: [1] }, 1)).toThrow("the grid is not set (use Figure.subplots)");
    expect(() => Figure.subplots(0, 2)).toThrow("subplots: expected positive integer rows and columns, got 0 x 2");
  });
});
