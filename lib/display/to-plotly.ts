// Serialise a resolved figure to the JSON plotly.js draws (`application/vnd.plotly.v1+json`).
// Every style the static renderer assumes is written out explicitly (colours, grid, tick marks,
// fonts, legend place) so no plotly.js default or template makes the two disagree.
import { axisSuffix, COLORBAR_WIDTH } from "./resolve.js";
import type { Axis, FigureSpec, Layout, Trace } from "./types.js";

type Json = Record<string, unknown>;

/** Typed arrays to plain arrays; NaN stays NaN here and becomes null (a gap) in JSON. */
function plain(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    const o: Json = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = plain(x);
    return o;
  }
  return v;
}

function axisJson(a: Axis): Json {
  const { title, ...rest } = a;
  return {
    ...(plain(rest) as Json),
    ...(title ? { title: { text: title, font: { size: 13 } } } : {}),
    ticks: "outside", ticklen: 5, showline: true, linecolor: "#444", gridcolor: "#e5e5e5",
    zerolinecolor: "#444", tickfont: { size: 12 }, automargin: false,
  };
}

function traceJson(t: Trace, layout: Layout): Json {
  const o = plain(t) as Json;
  if (t.type === "heatmap") {
    const plotW = (layout.width ?? 640) - (layout.margin?.l ?? 0) - (layout.margin?.r ?? 0);
    o.colorbar = { thickness: 14, x: 1 + 12 / plotW, xanchor: "left", outlinewidth: 0, ...(t.colorbar?.title ? { title: { text: t.colorbar.title } } : {}) };
  }
  if (t.type === "image") { delete o.width; delete o.height; }
  return o;
}

/**
 * The `{data, layout}` object for plotly.js from a resolved figure.
 * @example
 * toPlotly(resolveFigure({ data: [{ type: "scatter", y: [1] }], layout: { title: "t" } })).layout.title
 * // { text: "t", x: 0.5, font: { size: 17 } }
 */
export function toPlotly(fig: FigureSpec): { data: Json[]; layout: Json } {
  const L = fig.layout;
  const layout: Json = {};
  for (const [k, v] of Object.entries(L)) {
    if (v === undefined || k === "grid" || k === "title" || k === "annotations") continue;
    layout[k] = /^[xy]axis\d*$/.test(k) ? axisJson(v as Axis) : plain(v);
  }
  // Axes used by traces but never configured still need the explicit styling.
  for (const t of fig.data) for (const a of [t.xaxis ?? "x", t.yaxis ?? "y"]) {
    const key = `${a[0]}axis${axisSuffix(a)}`;
    if (!layout[key]) layout[key] = axisJson({});
  }
  if (L.title) layout.title = { text: L.title, x: 0.5, font: { size: 17 } };
  const plotW = (L.width ?? 640) - (L.margin?.l ?? 0) - (L.margin?.r ?? 0);
  const hasBar = fig.data.some((t) => t.type === "heatmap" && t.showscale !== false);
  layout.legend = { x: 1 + (12 + (hasBar ? COLORBAR_WIDTH : 0)) / plotW, y: 1, xanchor: "left", yanchor: "top", font: { size: 12 } };
  if (L.annotations) layout.annotations = L.annotations.map((a) => ({ showarrow: false, xref: "x", yref: "y", ...a, font: { size: 12, color: "#444", ...a.font } }));
  Object.assign(layout, {
    font: { family: "DejaVu Sans, Verdana, sans-serif", color: "#444" },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", hovermode: "closest",
  });
  return { data: fig.data.map((t) => traceJson(t, L)), layout };
}
