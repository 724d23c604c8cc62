// Axis ranges and pixel mapping for the static renderer, following plotly.js's autorange
// closely enough to read the same: lines span their data, markers and bars get a small pad,
// bars include zero, categories and heatmap cells sit on integer positions with half-cell edges.
import { axisSuffix } from "./resolve.js";
import type { Axis, FigureSpec, Trace } from "./types.js";

export interface Scale {
  name: string;
  axis: Axis;
  /** Data range [lo, hi] (in log10 units for log axes). */
  range: [number, number];
  /** Pixel span [start, end]; for y, start is the bottom. */
  px: [number, number];
  log: boolean;
  reversed: boolean;
  /** Category labels when the axis is categorical. */
  categories?: readonly string[];
  /** Cells of heatmaps or images only: ticks belong on whole cells, never at half steps. */
  integer: boolean;
}

/** Map a data value to pixels on a scale (NaN for values a log axis cannot show). */
export function toPx(s: Scale, v: number): number {
  const u = s.log ? (v > 0 ? Math.log10(v) : NaN) : v;
  let f = (u - s.range[0]) / (s.range[1] - s.range[0] || 1);
  if (s.reversed) f = 1 - f;
  return s.px[0] + f * (s.px[1] - s.px[0]);
}

/** Numeric positions of a trace's x (categories map to 0, 1, 2, ...). */
export function xPositions(t: Trace): number[] {
  if (t.type === "scatter") return Array.from(t.x ?? [], Number);
  if (t.type === "bar") return Array.from(t.x as ArrayLike<number | string>, (v, i) => (typeof v === "string" ? i : v));
  return [];
}

/** Width of each bar in x units: explicit, or the smallest gap between positions. */
export function barWidth(t: Extract<Trace, { type: "bar" }>, bargap: number): number {
  if (t.width !== undefined) return t.width * (1 - bargap);
  const xs = xPositions(t).slice().sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[i - 1]) gap = Math.min(gap, xs[i] - xs[i - 1]);
  return (Number.isFinite(gap) ? gap : 1) * (1 - bargap);
}

function extend(r: [number, number], v: number): void {
  if (Number.isFinite(v)) { if (v < r[0]) r[0] = v; if (v > r[1]) r[1] = v; }
}

/** Data extent of one trace along "x" or "y", with Plotly-like padding already applied. */
function traceExtent(t: Trace, dim: "x" | "y", bargap: number, stackTop: number[] | undefined, log: boolean): [number, number] {
  const r: [number, number] = [Infinity, -Infinity];
  if (t.type === "scatter") {
    const vs = dim === "x" ? (t.x ?? []) : t.y;
    // A log axis shows only positive values; zeros and negatives must not set its range.
    for (let i = 0; i < vs.length; i++) if (!log || vs[i] > 0) extend(r, vs[i]);
    if (log) return r;
    // Markers get a 5% pad on both axes so edge points are not cut in half (plotly.js pads too).
    if (t.mode !== "lines" && r[1] > r[0]) { const p = (r[1] - r[0]) * 0.05; r[0] -= p; r[1] += p; }
  } else if (t.type === "bar") {
    if (dim === "x") {
      const w = barWidth(t, bargap) / (1 - bargap);
      for (const x of xPositions(t)) { extend(r, x - w / 2); extend(r, x + w / 2); }
    } else {
      extend(r, 0);
      const ys = stackTop ?? Array.from(t.y);
      for (const y of ys) extend(r, y);
      if (r[1] > 0) r[1] += (r[1] - r[0]) * 0.05;
      if (r[0] < 0) r[0] -= (r[1] - r[0]) * 0.05;
    }
  } else if (t.type === "heatmap") {
    const n = dim === "x" ? Math.max(0, ...t.z.map((row) => row.length)) : t.z.length;
    const labels = dim === "x" ? t.x : t.y;
    if (labels && labels.length && typeof labels[0] === "number") {
      const nums = labels as number[];
      const step = nums.length > 1 ? nums[1] - nums[0] : 1;
      extend(r, nums[0] - step / 2); extend(r, nums[nums.length - 1] + step / 2);
    } else { extend(r, -0.5); extend(r, n - 0.5); }
  } else if (t.type === "image") {
    extend(r, -0.5); extend(r, (dim === "x" ? t.width : t.height) - 0.5);
  }
  return r;
}

/** Categories of an axis, from the first bar or heatmap trace with string labels on it. */
function categoriesFor(traces: Trace[], dim: "x" | "y"): string[] | undefined {
  for (const t of traces) {
    const labels = t.type === "bar" && dim === "x" ? t.x : t.type === "heatmap" ? (dim === "x" ? t.x : t.y) : undefined;
    if (labels && labels.length && typeof labels[0] === "string") return Array.from(labels as ArrayLike<string>);
  }
  return undefined;
}

/** Build the scale of axis `name` ("x", "y2", ...) over the traces drawn against it. */
export function buildScale(fig: FigureSpec, name: string, px: [number, number]): Scale {
  const dim = name[0] as "x" | "y";
  const axis: Axis = fig.layout[`${dim}axis${axisSuffix(name)}`] ?? {};
  const traces = fig.data.filter((t) => ((dim === "x" ? t.xaxis : t.yaxis) ?? dim) === name);
  const log = axis.type === "log";
  const bargap = fig.layout.bargap ?? 0.2;
  const stacks = dim === "y" && fig.layout.barmode === "stack" ? stackTops(traces) : new Map<Trace, number[]>();
  let range: [number, number];
  if (axis.range) range = [axis.range[0], axis.range[1]];
  else {
    range = [Infinity, -Infinity];
    for (const t of traces) {
      const e = traceExtent(t, dim, bargap, stacks.get(t), log);
      if (log) { if (e[0] > 0) extend(range, e[0]); if (e[1] > 0) extend(range, e[1]); } else { extend(range, e[0]); extend(range, e[1]); }
    }
    if (!Number.isFinite(range[0])) range = log ? [1, 10] : [-1, 1];
    if (range[0] === range[1]) range = [range[0] - 1, range[1] + 1];
    if (log) range = [Math.log10(range[0]), Math.log10(range[1])];
  }
  const imageY = dim === "y" && traces.some((t) => t.type === "image");
  const integer = traces.length > 0 && traces.every((t) => t.type === "image" || (t.type === "heatmap" && !(dim === "x" ? t.x : t.y)));
  return { name, axis, range, px, log, reversed: axis.autorange === "reversed" || imageY, categories: categoriesFor(traces, dim), integer };
}

/** Cumulative tops of stacked bars, per trace. */
function stackTops(traces: Trace[]): Map<Trace, number[]> {
  const acc = new Map<number, number>();
  const out = new Map<Trace, number[]>();
  for (const t of traces) {
    if (t.type !== "bar") continue;
    const xs = xPositions(t);
    out.set(t, xs.map((x, i) => { const v = (acc.get(x) ?? 0) + t.y[i]; acc.set(x, v); return v; }));
  }
  return out;
}
