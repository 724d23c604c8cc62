// The static renderer: a resolved figure -> a standalone SVG string, drawn in Node with no
// browser. This is what PDFs, untrusted notebooks and plain viewers show, so it draws the same
// marks as plotly.js: bars, lines, markers, heatmaps, images, ticks, titles, legend, subplots.
import { axisSuffix, COLORBAR_WIDTH } from "./resolve.js";
import { buildScale, type Scale } from "./scale.js";
import { drawAxes, drawColorbar, drawGrid, drawLegend, FONT } from "./render-guides.js";
import { drawBars, drawHeatmap, drawImage, drawScatter } from "./render-traces.js";
import { el, text } from "./svg.js";
import type { Annotation, FigureSpec, HeatmapTrace, Layout, Trace } from "./types.js";

interface Subplot { x: string; y: string; sx: Scale; sy: Scale; traces: Trace[] }
type Pending = Omit<Subplot, "sx" | "sy">;

function plotArea(layout: Layout) {
  const W = layout.width ?? 640, H = layout.height ?? 400;
  const m = { l: 64, r: 20, t: 24, b: 52, ...layout.margin };
  return { W, H, m, left: m.l, right: W - m.r, top: m.t, bottom: H - m.b };
}

/** Subplots in first-use order, each with its x and y scales in pixels. */
function subplots(fig: FigureSpec): Subplot[] {
  const { left, right, top, bottom } = plotArea(fig.layout);
  const pairs = new Map<string, Pending>();
  for (const t of fig.data) {
    const x = t.xaxis ?? "x", y = t.yaxis ?? "y";
    const key = `${x}/${y}`;
    if (!pairs.has(key)) pairs.set(key, { x, y, traces: [] });
    pairs.get(key)!.traces.push(t);
  }
  if (!pairs.size) pairs.set("x/y", { x: "x", y: "y", traces: [] });
  return [...pairs.values()].map((sp) => {
    const dx = fig.layout[`xaxis${axisSuffix(sp.x)}`]?.domain ?? [0, 1];
    const dy = fig.layout[`yaxis${axisSuffix(sp.y)}`]?.domain ?? [0, 1];
    let px: [number, number] = [left + dx[0] * (right - left), left + dx[1] * (right - left)];
    let py: [number, number] = [bottom - dy[0] * (bottom - top), bottom - dy[1] * (bottom - top)];
    const img = sp.traces.find((t) => t.type === "image");
    if (img && img.type === "image") [px, py] = squarePixels(px, py, img.width, img.height);
    return { ...sp, sx: buildScale(fig, sp.x, px), sy: buildScale(fig, sp.y, py) };
  });
}

/** Shrink a subplot box so image pixels stay square (plotly.js's scaleanchor for images). */
function squarePixels(px: [number, number], py: [number, number], w: number, h: number): [[number, number], [number, number]] {
  const bw = px[1] - px[0], bh = py[0] - py[1];
  const s = Math.min(bw / w, bh / h);
  const cx = (px[0] + px[1]) / 2, cy = (py[0] + py[1]) / 2;
  return [[cx - (w * s) / 2, cx + (w * s) / 2], [cy + (h * s) / 2, cy - (h * s) / 2]];
}

function drawTraces(sp: Subplot, layout: Layout): string {
  let out = "";
  const bars = sp.traces.filter((t) => t.type === "bar");
  const base = new Map<number, number>();
  for (const t of sp.traces) {
    if (t.type === "scatter") out += drawScatter(t, sp.sx, sp.sy);
    else if (t.type === "bar") out += drawBars(t, sp.sx, sp.sy, layout, bars.indexOf(t), bars.length, base);
    else if (t.type === "heatmap") out += drawHeatmap(t, sp.sx, sp.sy);
    else if (t.type === "image") out += drawImage(t, sp.sx, sp.sy);
  }
  return out;
}

function drawAnnotation(a: Annotation, fig: FigureSpec, sps: Subplot[]): string {
  const { left, right, top, bottom } = plotArea(fig.layout);
  const xs = sps.find((s) => s.x === (a.xref ?? "x"))?.sx;
  const ys = sps.find((s) => s.y === (a.yref ?? "y"))?.sy;
  const x = a.xref === "paper" || !xs ? left + a.x * (right - left) : xs.px[0] + ((a.x - xs.range[0]) / (xs.range[1] - xs.range[0] || 1)) * (xs.px[1] - xs.px[0]);
  const yFrac = ys ? (a.y - ys.range[0]) / (ys.range[1] - ys.range[0] || 1) : 0;
  const y = a.yref === "paper" || !ys ? bottom - a.y * (bottom - top) : ys.px[0] + (ys.reversed ? 1 - yFrac : yFrac) * (ys.px[1] - ys.px[0]);
  // "<br>" breaks lines, as in plotly.js; the block is centred on y like plotly's annotations.
  const lines = a.text.split(/<br\s*\/?>/i);
  const size = a.font?.size ?? 12;
  const lead = size * 1.25;
  // Baseline of the first line: the block's middle (default), bottom or top edge sits at y.
  const first = a.yanchor === "bottom" ? y - 3 - (lines.length - 1) * lead : a.yanchor === "top" ? y + size : y + 4 - ((lines.length - 1) / 2) * lead;
  return lines.map((line, i) => text(x, first + i * lead, line, { class: "annotation", "text-anchor": "middle", "font-size": size, fill: a.font?.color ?? "#444" })).join("");
}

/**
 * Draw a resolved figure (see `resolveFigure`) as a standalone SVG document.
 * @example
 * renderSvg(resolveFigure({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: {} }))
 * // '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" ...>...2 <rect class="bar" .../>...</svg>'
 */
export function renderSvg(fig: FigureSpec): string {
  const { W, H, m, right, top } = plotArea(fig.layout);
  const sps = subplots(fig);
  let body = el("rect", { class: "paper", x: 0, y: 0, width: W, height: H, fill: "#fff" });
  sps.forEach((sp, i) => {
    const [x0, x1] = sp.sx.px, [y0, y1] = sp.sy.px;
    const clip = `clip${i}`;
    body += el("clipPath", { id: clip }, el("rect", { x: x0, y: y1, width: x1 - x0, height: y0 - y1 }));
    body += el("g", { class: "subplot" }, drawGrid(sp.sx, sp.sy) + el("g", { "clip-path": `url(#${clip})` }, drawTraces(sp, fig.layout)) + drawAxes(sp.sx, sp.sy));
  });
  let gx = right + 12;
  const hm = fig.data.find((t): t is HeatmapTrace => t.type === "heatmap" && t.showscale !== false);
  if (hm) {
    const sp = sps.find((s) => s.traces.includes(hm))!;
    body += drawColorbar(hm, gx, sp.sy.px[1], sp.sy.px[0], "cbar");
    gx += COLORBAR_WIDTH;
  }
  body += drawLegend(fig.data, gx, top);
  for (const a of fig.layout.annotations ?? []) body += drawAnnotation(a, fig, sps);
  if (fig.layout.title) body += text(W / 2, Math.max(20, m.t / 2 + 4), fig.layout.title, { class: "gtitle", "text-anchor": "middle", "font-size": 17, fill: "#444" });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">${body}</svg>`;
}

