import { describe, expect, it } from "vitest";
import { activationGallery, compareInits, heatmap, layerHistograms, linePlot } from "../../../../lib/display/charts.js";
import { stats } from "../../../../lib/display/stats.js";
import { allClose, FLOAT64_ATOL, FLOAT64_RTOL } from "../../tolerance.js";
import { marks, texts } from "./svg-helpers.js";

const relu = { name: "ReLU", f: (x: number) => Math.max(0, x), df: (x: number) => (x > 0 ? 1 : 0) };
const tanh = { name: "tanh", f: Math.tanh, df: (x: number) => 1 - Math.tanh(x) ** 2 };

describe("lecture figures", () => {
  it("activation gallery: one subplot per function, f solid and f' dashed, legend once", () => {
    const fig = activationGallery([relu, tanh], { range: [-2, 2], points: 5 });
    expect(fig.data).toHaveLength(4);
    expect(fig.data[0]).toMatchObject({ x: [-2, -1, 0, 1, 2], y: [0, 0, 0, 1, 2], xaxis: "x", showlegend: true });
    expect(fig.data[1]).toMatchObject({ y: [0, 0, 0, 1, 1], line: { dash: "dash" } });
    expect(fig.data[2]).toMatchObject({ xaxis: "x2", showlegend: false });
    const svg = fig.toSvg();
    expect(texts(svg, "legendtext")).toEqual(["f(x)", "f'(x)"]);
    expect(texts(svg, "annotation")).toEqual(["ReLU", "tanh"]);
    expect(marks(svg, "path", "trace-line")).toHaveLength(4);
    expect(() => activationGallery([])).toThrow("activationGallery: expected at least one {name, f, df}, got none");
  });

  it("layer histograms: one histogram per layer titled with its mean and std", () => {
    const layers = [[-1, 0, 1, 2], new Float64Array([0.5, 0.5, 1.5, 1.5])];
    const fig = layerHistograms(layers, { bins: 4 });
    const svg = fig.toSvg();
    expect(texts(svg, "annotation")).toEqual(["Layer 1", "μ=0.5 σ=1.12", "Layer 2", "μ=1 σ=0.5"]);
    const bars = marks(svg, "rect", "bar");
    expect(bars.length).toBe(4 + 2); // empty bins draw nothing
    const json = fig.toPlotly();
    expect(json.data[0].y).toEqual([1, 1, 1, 1]);
    expect(() => layerHistograms([{ values: "x" } as never])).toThrow("layers: layer 0 must be an array of numbers or {name, values}");
  });

  it("compares init schemes in a grid with a shared range", () => {
    const fig = compareInits([{ name: "small", layers: [[0, 0.01], [0, 0.001]] }, { name: "xavier", layers: [[-0.5, 0.5], [-0.4, 0.6]] }], { range: [-1, 1], bins: 10 });
    expect(fig.layout.grid).toEqual({ rows: 2, columns: 2 });
    expect(fig.data.map((t) => t.xaxis)).toEqual(["x", "x2", "x3", "x4"]);
    expect(texts(fig.toSvg(), "annotation").slice(0, 5)).toEqual(["small", "Layer 1", "σ=0.005", "Layer 2", "σ=5e-4"]);
  });

  it("line plots and matrix heatmaps", () => {
    const lp = linePlot([[3, 2, 1], { x: [1, 2], y: [5, 6], name: "b" }], { logY: true, xTitle: "epoch" });
    expect(lp.layout.yaxis?.type).toBe("log");
    expect(lp.data[0]).toMatchObject({ type: "scatter", y: [3, 2, 1] });
    const hm = heatmap([[1, -2], [0.5, 1]], { symmetric: true, colorscale: "RdBu" });
    expect(hm.data[0]).toMatchObject({ zmin: -2, zmax: 2 });
    expect(hm.layout.yaxis?.autorange).toBe("reversed");
    const cells = marks(hm.toSvg(), "rect", "hm-cell");
    expect(Number(cells[0].y)).toBeLessThan(Number(cells[2].y)); // row 0 on top
  });

  it("stats are float64 mean and population std", () => {
    const s = stats([1, 2, 3, NaN]);
    expect(s.finite).toBe(3);
    expect(allClose([s.mean, s.std], [2, Math.sqrt(2 / 3)], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
  });
});
