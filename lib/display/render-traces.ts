// Marks for each trace type in the static SVG. Class names (bar, trace-line, point, hm-cell,
// image) are part of the contract: tests count them, and they name what a reader sees.
import { colorAt, parseColor } from "./colors.js";
import { pngDataUri } from "./png.js";
import { barWidth, toPx, xPositions, type Scale } from "./scale.js";
import { el, n } from "./svg.js";
import type { BarTrace, HeatmapTrace, ImageTrace, Layout, ScatterTrace } from "./types.js";

/** Heatmaps with more cells than this are drawn as one embedded image, not one rect per cell. */
const MAX_RECT_CELLS = 4096;

const DASH: Record<string, string | undefined> = { solid: undefined, dash: "6,4", dot: "2,3" };

export function drawScatter(t: ScatterTrace, sx: Scale, sy: Scale): string {
  const xs = t.x ?? [], ys = t.y;
  const mode = t.mode ?? "lines";
  let out = "";
  if (mode.includes("lines")) {
    // A NaN or a non-positive value on a log axis breaks the line, as in plotly.js.
    let d = "", pen = false;
    for (let i = 0; i < ys.length; i++) {
      const px = toPx(sx, xs[i]), py = toPx(sy, ys[i]);
      if (!Number.isFinite(px) || !Number.isFinite(py)) { pen = false; continue; }
      d += `${pen ? "L" : "M"}${n(px)} ${n(py)}`;
      pen = true;
    }
    if (d) out += el("path", { class: "trace-line", d, fill: "none", stroke: t.line?.color, "stroke-width": t.line?.width ?? 2, "stroke-dasharray": DASH[t.line?.dash ?? "solid"], "stroke-linejoin": "round", opacity: t.opacity });
  }
  if (mode.includes("markers")) {
    const r = (t.marker?.size ?? 6) / 2;
    for (let i = 0; i < ys.length; i++) {
      const px = toPx(sx, xs[i]), py = toPx(sy, ys[i]);
      if (Number.isFinite(px) && Number.isFinite(py)) out += el("circle", { class: "point", cx: px, cy: py, r, fill: t.marker?.color, opacity: t.opacity });
    }
  }
  return out;
}

/** Bars of one trace; `slot`/`slots` place grouped bars side by side, `base` stacks them. */
export function drawBars(t: BarTrace, sx: Scale, sy: Scale, layout: Layout, slot: number, slots: number, base: Map<number, number>): string {
  const w = barWidth(t, layout.bargap ?? 0.2);
  const each = layout.barmode === "group" ? w / slots : w;
  const xs = xPositions(t);
  let out = "";
  for (let i = 0; i < xs.length; i++) {
    const x0 = xs[i] - w / 2 + (layout.barmode === "group" ? slot * each : 0);
    if (t.y[i] === 0) continue; // an empty bin draws nothing, as in plotly.js
    const b = layout.barmode === "stack" ? (base.get(xs[i]) ?? 0) : 0;
    const top = b + t.y[i];
    if (layout.barmode === "stack") base.set(xs[i], top);
    const pa = toPx(sx, x0), pb = toPx(sx, x0 + each);
    const ya = toPx(sy, b), yb = toPx(sy, top);
    if (![pa, pb, ya, yb].every(Number.isFinite)) continue;
    const c = t.marker?.color;
    out += el("rect", { class: "bar", x: Math.min(pa, pb), y: Math.min(ya, yb), width: Math.abs(pb - pa), height: Math.abs(yb - ya), fill: Array.isArray(c) ? c[i % c.length] : (c as string), opacity: t.opacity });
  }
  return out;
}

function cellEdges(labels: readonly (number | string)[] | undefined, count: number): number[] {
  if (labels && labels.length && typeof labels[0] === "number") {
    const v = labels as number[];
    const step = v.length > 1 ? v[1] - v[0] : 1;
    return Array.from({ length: count + 1 }, (_, i) => v[0] - step / 2 + i * step);
  }
  return Array.from({ length: count + 1 }, (_, i) => i - 0.5);
}

export function drawHeatmap(t: HeatmapTrace, sx: Scale, sy: Scale): string {
  const rows = t.z.length, cols = Math.max(0, ...t.z.map((r) => r.length));
  const lo = t.zmin ?? 0, hi = t.zmax ?? 1;
  const color = (v: number) => (Number.isFinite(v) ? colorAt(t.colorscale, (v - lo) / (hi - lo || 1)) : undefined);
  const xe = cellEdges(t.x, cols), ye = cellEdges(t.y, rows);
  if (rows * cols > MAX_RECT_CELLS) {
    // One pixel per cell, upscaled without smoothing: same picture, a fraction of the bytes.
    const rgba = new Uint8Array(rows * cols * 4);
    const flipY = !sy.reversed;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      const v = t.z[r][c];
      const k = ((flipY ? rows - 1 - r : r) * cols + c) * 4;
      const col = color(v);
      if (col) { const [R, G, B] = parseColor(col); rgba.set([R, G, B, 255], k); }
    }
    const x0 = toPx(sx, xe[0]), x1 = toPx(sx, xe[cols]);
    const y0 = toPx(sy, ye[0]), y1 = toPx(sy, ye[rows]);
    return el("image", { class: "hm-image", x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0), preserveAspectRatio: "none", "image-rendering": "optimizeSpeed", href: pngDataUri(rgba, cols, rows) });
  }
  let out = "";
  for (let r = 0; r < rows; r++) for (let c = 0; c < t.z[r].length; c++) {
    const fill = color(t.z[r][c]);
    if (!fill) continue;
    const xa = toPx(sx, xe[c]), xb = toPx(sx, xe[c + 1]);
    const ya = toPx(sy, ye[r]), yb = toPx(sy, ye[r + 1]);
    // Half a pixel of overlap hides the hairline seams anti-aliasing leaves between cells.
    out += el("rect", { class: "hm-cell", x: Math.min(xa, xb), y: Math.min(ya, yb), width: Math.abs(xb - xa) + 0.5, height: Math.abs(yb - ya) + 0.5, fill });
  }
  return out;
}

// resvg reads the presentation attribute image-rendering="optimizeSpeed" as nearest-neighbour
// (a CSS `pixelated` style would override it and resvg would smooth), so PNGs stay pixel-exact.
export function drawImage(t: ImageTrace, sx: Scale, sy: Scale): string {
  const x0 = toPx(sx, -0.5), x1 = toPx(sx, t.width - 0.5);
  const y0 = toPx(sy, -0.5), y1 = toPx(sy, t.height - 0.5);
  return el("image", { class: "image", x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0), preserveAspectRatio: "none", "image-rendering": "optimizeSpeed", href: t.source });
}
