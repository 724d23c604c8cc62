// Axes (grid, ticks, labels, titles), legend and colorbar for the static SVG. Styling follows
// plotly.js's defaults (grey grid, dark axis lines, 12 px tick labels, 17 px title) so the
// fallback image and the interactive chart look like the same figure.
import { colorAt } from "./colors.js";
import { formatTick, logTicks, niceTicks } from "./ticks.js";
import { toPx, type Scale } from "./scale.js";
import { el, n, text, textWidth } from "./svg.js";
import type { HeatmapTrace, Trace } from "./types.js";

export const FONT = "DejaVu Sans, sans-serif";
const INK = "#444";
const GRID = "#e5e5e5";

interface Tick { v: number; label: string }

/** Ticks of a scale: explicit tickvals, categories, log decades or nice linear steps. */
export function ticksOf(s: Scale, count: number): Tick[] {
  const a = s.axis;
  if (a.tickvals) return a.tickvals.map((v, i) => ({ v, label: a.ticktext?.[i] ?? formatTick(v) }));
  if (s.categories) {
    const every = Math.max(1, Math.ceil(s.categories.length / Math.max(2, count * 2)));
    return s.categories.map((c, i) => ({ v: i, label: c })).filter((t) => t.v % every === 0);
  }
  if (s.log) return logTicks(10 ** s.range[0], 10 ** s.range[1]).map((v) => ({ v, label: formatTick(v) }));
  const ticks = niceTicks(s.range[0], s.range[1], count);
  const whole = s.integer ? ticks.filter(Number.isInteger) : ticks;
  return (whole.length >= 2 ? whole : ticks).map((v) => ({ v, label: formatTick(v) }));
}

/** How many ticks fit: one per ~80 px across, ~45 px up (plotly.js's nticks heuristic is similar). */
export function tickCount(s: Scale): number {
  const span = Math.abs(s.px[1] - s.px[0]);
  return Math.max(3, Math.min(s.name[0] === "x" ? 8 : 7, Math.floor(span / (s.name[0] === "x" ? 80 : 45))));
}

/** Grid lines and zero line of one subplot (drawn under the traces); categories and cell axes have no zero line, as in plotly.js. */
export function drawGrid(sx: Scale, sy: Scale): string {
  let out = "";
  const [x0, x1] = sx.px, [y0, y1] = sy.px;
  for (const { v } of sx.axis.showgrid === false ? [] : ticksOf(sx, tickCount(sx))) {
    const p = toPx(sx, v);
    const zero = v === 0 && !sx.log && !sx.categories && !sx.integer && sx.axis.zeroline !== false;
    out += el("line", { class: zero ? "zeroline" : "grid", x1: p, x2: p, y1: y0, y2: y1, stroke: zero ? INK : GRID, "stroke-width": 1 });
  }
  for (const { v } of sy.axis.showgrid === false ? [] : ticksOf(sy, tickCount(sy))) {
    const p = toPx(sy, v);
    const zero = v === 0 && !sy.log && !sy.categories && !sy.integer && sy.axis.zeroline !== false;
    out += el("line", { class: zero ? "zeroline" : "grid", x1: x0, x2: x1, y1: p, y2: p, stroke: zero ? INK : GRID, "stroke-width": 1 });
  }
  return out;
}

/** Axis lines, tick marks, tick labels and axis titles of one subplot. */
export function drawAxes(sx: Scale, sy: Scale): string {
  const [x0, x1] = sx.px, [y0, y1] = sy.px;
  let out = el("path", { class: "axis-line", d: `M${n(x0)} ${n(y1)}V${n(y0)}H${n(x1)}`, fill: "none", stroke: INK, "stroke-width": 1 });
  if (sx.axis.showticklabels !== false) for (const t of ticksOf(sx, tickCount(sx))) {
    const p = toPx(sx, t.v);
    out += el("line", { x1: p, x2: p, y1: y0, y2: y0 + 5, stroke: INK });
    out += text(p, y0 + 18, t.label, { class: "xtick", "text-anchor": "middle", "font-size": 12, fill: INK });
  }
  if (sy.axis.showticklabels !== false) for (const t of ticksOf(sy, tickCount(sy))) {
    const p = toPx(sy, t.v);
    out += el("line", { x1: x0 - 5, x2: x0, y1: p, y2: p, stroke: INK });
    out += text(x0 - 8, p + 4, t.label, { class: "ytick", "text-anchor": "end", "font-size": 12, fill: INK });
  }
  if (sx.axis.title) out += text((x0 + x1) / 2, y0 + 38, sx.axis.title, { class: "xtitle", "text-anchor": "middle", "font-size": 13, fill: INK });
  if (sy.axis.title) {
    const cx = x0 - 48, cy = (y0 + y1) / 2;
    out += text(cx, cy, sy.axis.title, { class: "ytitle", "text-anchor": "middle", "font-size": 13, fill: INK, transform: `rotate(-90 ${n(cx)} ${n(cy)})` });
  }
  return out;
}

/** Legend entries at (x, y): a swatch in the trace's mark (line, marker or box) and its name. */
export function drawLegend(traces: readonly Trace[], x: number, y: number): string {
  let out = "";
  let row = 0;
  for (const t of traces) {
    if (!t.showlegend || !t.name) continue;
    const cy = y + row * 20 + 10;
    if (t.type === "scatter") {
      const c = t.line?.color;
      if ((t.mode ?? "lines").includes("lines")) out += el("line", { x1: x, x2: x + 28, y1: cy, y2: cy, stroke: c, "stroke-width": t.line?.width ?? 2, "stroke-dasharray": t.line?.dash === "dash" ? "6,4" : t.line?.dash === "dot" ? "2,3" : undefined });
      if ((t.mode ?? "lines").includes("markers")) out += el("circle", { cx: x + 14, cy, r: 3.5, fill: t.marker?.color });
    } else if (t.type === "bar") {
      const c = t.marker?.color;
      out += el("rect", { x: x + 6, y: cy - 7, width: 16, height: 14, fill: Array.isArray(c) ? c[0] : (c as string), opacity: t.opacity });
    }
    const label = t.name.length > 18 ? t.name.slice(0, 17) + "…" : t.name;
    out += text(x + 34, cy + 4, label, { class: "legendtext", "font-size": 12, fill: INK });
    row++;
  }
  return row ? el("g", { class: "legend" }, out) : "";
}

/** A vertical colorbar for a heatmap at (x, top)-(x + 14, bottom) with tick labels. */
export function drawColorbar(t: HeatmapTrace, x: number, top: number, bottom: number, id: string): string {
  const lo = t.zmin ?? 0, hi = t.zmax ?? 1;
  let stops = "";
  for (let i = 0; i <= 16; i++) stops += el("stop", { offset: i / 16, "stop-color": colorAt(t.colorscale, 1 - i / 16) });
  let out = el("defs", {}, el("linearGradient", { id, x1: 0, y1: 0, x2: 0, y2: 1 }, stops));
  out += el("rect", { class: "colorbar", x, y: top, width: 14, height: bottom - top, fill: `url(#${id})` });
  for (const v of niceTicks(lo, hi, 5)) {
    const p = bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);
    out += el("line", { x1: x + 14, x2: x + 18, y1: p, y2: p, stroke: INK });
    out += text(x + 21, p + 4, formatTick(v), { class: "cbtick", "font-size": 11, fill: INK });
  }
  if (t.colorbar?.title) out += text(x, top - 8, t.colorbar.title, { "font-size": 12, fill: INK });
  return out;
}

/** Width a legend needs, for callers that size margins. */
export function legendWidth(traces: readonly Trace[]): number {
  return 40 + Math.max(0, ...traces.filter((t) => t.showlegend && t.name).map((t) => textWidth(t.name!.slice(0, 18), 12)));
}
