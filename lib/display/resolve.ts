// Resolve a figure to explicit data: colours, bins, subplot domains, margins and size. Both
// renderers (plotly.js in the browser, the static SVG in Node) draw this resolved form, which is
// what keeps the interactive chart and its fallback image alike.
import { COLORWAY, colorscaleStops } from "./colors.js";
import { histogramToBar } from "./histogram.js";
import type { Axis, FigureSpec, Layout, Trace } from "./types.js";

export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 400;
export const LEGEND_WIDTH = 140;
export const COLORBAR_WIDTH = 70;

/**
 * Index suffix of an axis name: "x" -> "", "x2" -> "2".
 * @example
 * axisSuffix("x2") // "2"
 */
export function axisSuffix(name: string | undefined): string {
  return name && name.length > 1 ? name.slice(1) : "";
}

/**
 * Is this trace listed in the legend? Plotly lists named traces when there are two or more.
 * @example
 * inLegend({ type: "scatter", y: [1], name: "a" }, 2, {}) // true
 */
export function inLegend(t: Trace, named: number, layout: Layout): boolean {
  if (!t.name || t.showlegend === false || layout.showlegend === false) return false;
  return t.showlegend === true || named >= 2 || layout.showlegend === true;
}

/**
 * Explicit form of a figure: histograms become bars, every trace has a colour, heatmaps have a
 * colorscale and range, grids have axis domains, the layout has size and margins.
 * @example
 * resolveFigure({ data: [{ type: "scatter", y: [1, 2] }], layout: {} }).data[0]
 * // { type: "scatter", y: [1, 2], x: [0, 1], mode: "lines", line: { color: "#1f77b4", ... }, ... }
 */
export function resolveFigure(spec: FigureSpec): FigureSpec {
  const layout: Layout = { ...spec.layout };
  const named = spec.data.filter((t) => t.name && t.showlegend !== false).length;
  let colorIndex = 0;
  let hasColorbar = false;
  const data: Trace[] = spec.data.map((t0) => {
    const t: Trace = t0.type === "histogram" ? histogramToBar(t0) : { ...t0 };
    const color = COLORWAY[colorIndex++ % COLORWAY.length];
    t.showlegend = inLegend(t0, named, layout);
    switch (t.type) {
      case "scatter": {
        if (t.x === undefined) t.x = Array.from({ length: t.y.length }, (_, i) => i);
        t.mode = t.mode ?? "lines";
        const c = t.line?.color ?? t.marker?.color ?? color;
        t.line = { width: 2, dash: "solid", ...t.line, color: c };
        t.marker = { size: 6, ...t.marker, color: t.marker?.color ?? c };
        break;
      }
      case "bar":
        t.marker = { color: t.marker?.color ?? color };
        break;
      case "heatmap": {
        t.colorscale = colorscaleStops(t.colorscale);
        let lo = Infinity, hi = -Infinity;
        for (const row of t.z) for (let j = 0; j < row.length; j++) {
          const v = row[j];
          if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
        }
        if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
        t.zmin = t.zmin ?? lo;
        t.zmax = t.zmax ?? (hi > t.zmin ? hi : t.zmin + 1);
        t.showscale = t.showscale ?? true;
        if (t.showscale) hasColorbar = true;
        colorIndex--;
        break;
      }
      case "image":
        colorIndex--;
        break;
    }
    return t;
  });
  if (layout.grid) applyGrid(layout, layout.grid.rows, layout.grid.columns);
  const anyLegend = data.some((t) => t.showlegend);
  const m = layout.margin ?? {};
  layout.margin = {
    l: m.l ?? 64,
    r: m.r ?? 20 + (anyLegend ? LEGEND_WIDTH : 0) + (hasColorbar ? COLORBAR_WIDTH : 0),
    t: m.t ?? (layout.title ? 56 : 24),
    b: m.b ?? 52,
  };
  layout.width = layout.width ?? DEFAULT_WIDTH;
  layout.height = layout.height ?? (layout.grid ? Math.max(DEFAULT_HEIGHT, 260 * layout.grid.rows + 40) : DEFAULT_HEIGHT);
  layout.showlegend = anyLegend;
  layout.barmode = layout.barmode ?? "group";
  layout.bargap = layout.bargap ?? (spec.data.some((t) => t.type === "histogram") ? 0 : 0.2);
  return { data, layout };
}

/**
 * Fill axis domains for a rows x columns grid, subplot k = row * columns + column + 1.
 * @example
 * applyGrid(layout, 1, 2); layout.xaxis2 // { domain: [0.56, 1], anchor: "y2" }
 */
export function applyGrid(layout: Layout, rows: number, columns: number): void {
  if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(columns) && columns >= 1)) {
    throw new Error(`subplots: expected positive integer rows and columns, got ${rows} x ${columns}`);
  }
  // Gaps shrink with the count (as make_subplots' 0.2 / columns): fixed 0.12 gaps would leave
  // 8 columns 2% of the width each.
  const gx = columns > 1 ? Math.min(0.12, 0.3 / columns) : 0, gy = rows > 1 ? Math.min(0.16, 0.45 / rows) : 0;
  const w = (1 - gx * (columns - 1)) / columns, h = (1 - gy * (rows - 1)) / rows;
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) {
    const k = r * columns + c + 1;
    const s = k === 1 ? "" : String(k);
    const x0 = c * (w + gx), y1 = 1 - r * (h + gy);
    const xa: Axis = layout[`xaxis${s}`] ?? {};
    const ya: Axis = layout[`yaxis${s}`] ?? {};
    layout[`xaxis${s}`] = { ...xa, domain: xa.domain ?? [round(x0), round(x0 + w)], anchor: `y${s}` };
    layout[`yaxis${s}`] = { ...ya, domain: ya.domain ?? [round(y1 - h), round(y1)], anchor: `x${s}` };
  }
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
