// One-call figures shaped like the lecture's slides: activation functions with derivatives,
// per-layer activation histograms (weight initialisation) and their comparison across schemes,
// line plots and heatmaps. Each returns a Figure, so it renders itself and can still be edited.
import { Figure } from "./figure.js";
import { fmt, stats } from "./stats.js";
import { subplotTitles } from "./subplot-titles.js";
import type { Colorscale, Layout } from "./types.js";

function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/**
 * The lecture's activation gallery: each function (solid) with its derivative (dashed).
 * Takes plain {name, f, df} records, so it needs nothing from lib/nn.
 * @example
 * activationGallery([{ name: "ReLU", f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0) }])
 * // Figure "Activation functions": 2 traces (scatter x2), ...
 */
export function activationGallery(
  acts: readonly { name: string; f: (x: number) => number; df?: (x: number) => number }[],
  opts: { range?: readonly [number, number]; points?: number; columns?: number; title?: string } = {},
): Figure {
  if (!acts.length) throw new Error("activationGallery: expected at least one {name, f, df}, got none");
  const [a, b] = opts.range ?? [-5, 5];
  const cols = Math.min(acts.length, opts.columns ?? 4), rows = Math.ceil(acts.length / cols);
  const fig = Figure.subplots(rows, cols, { title: opts.title ?? "Activation functions", width: Math.max(640, 230 * cols), height: 60 + 230 * rows });
  const xs = linspace(a, b, opts.points ?? 201);
  acts.forEach((act, i) => {
    if (typeof act.f !== "function") throw new Error(`activationGallery: "${act.name}" needs a function f, got ${typeof act.f}`);
    const first = i === 0;
    fig.add({ type: "scatter", x: xs, y: xs.map(act.f), name: "f(x)", showlegend: first, line: { color: "#1f77b4" } }, i + 1);
    if (act.df) fig.add({ type: "scatter", x: xs, y: xs.map(act.df), name: "f'(x)", showlegend: first, line: { color: "#ff7f0e", dash: "dash" } }, i + 1);
  });
  subplotTitles(fig, acts.map((x) => x.name));
  return fig;
}

type Layer = ArrayLike<number> | { name?: string; values: ArrayLike<number> };

// A typed array also has a `values` method, so test for array-likeness first.
function layerOf(l: Layer, i: number): { name: string; values: ArrayLike<number> } {
  if (typeof (l as ArrayLike<number>).length === "number") return { name: `Layer ${i + 1}`, values: l as ArrayLike<number> };
  const o = l as { name?: string; values: ArrayLike<number> };
  if (!o || typeof o.values !== "object" || o.values === null || typeof o.values.length !== "number") throw new Error(`layers: layer ${i} must be an array of numbers or {name, values}, got ${Object.prototype.toString.call(l)}`);
  return { name: o.name ?? `Layer ${i + 1}`, values: o.values };
}

/**
 * Per-layer activation histograms with mean and std, as the weight-initialisation slides
 * (`hs` from the lecture's loop: one array of activations per layer).
 * @example
 * layerHistograms(hs, { title: "W = 0.01 * randn" }) // 6 histograms titled "Layer 1" over "μ=0.00124 σ=0.628"
 */
export function layerHistograms(layers: readonly Layer[], opts: { title?: string; bins?: number; range?: readonly [number, number] } = {}): Figure {
  if (!layers.length) throw new Error("layerHistograms: expected at least one layer of activations, got none");
  const ls = layers.map(layerOf);
  // subplotTitles raises the top margin to fit the two-line titles.
  const fig = Figure.subplots(1, ls.length, { title: opts.title, width: Math.max(640, 220 * ls.length), height: 320, bargap: 0 });
  const titles: string[] = [];
  ls.forEach((l, i) => {
    const s = stats(l.values);
    const lo = opts.range?.[0] ?? (Number.isFinite(s.min) ? s.min : -1), hi = opts.range?.[1] ?? (Number.isFinite(s.max) ? s.max : 1);
    const size = (hi > lo ? hi - lo : 1) / (opts.bins ?? 30);
    fig.add({ type: "histogram", x: l.values, xbins: { start: hi > lo ? lo : lo - 0.5, end: hi > lo ? hi : lo + 0.5, size }, marker: { color: "#1f77b4" } }, i + 1);
    titles.push(`${l.name}<br>μ=${fmt(s.mean)} σ=${fmt(s.std)}`);
  });
  subplotTitles(fig, titles);
  return fig;
}

/**
 * Init schemes side by side: one row per scheme, one column per layer, shared x range.
 * @example
 * compareInits([{ name: "0.01 randn", layers: hs1 }, { name: "Xavier", layers: hs2 }])
 */
export function compareInits(schemes: readonly { name: string; layers: readonly Layer[] }[], opts: { bins?: number; range?: readonly [number, number]; title?: string } = {}): Figure {
  if (!schemes.length) throw new Error("compareInits: expected at least one {name, layers}, got none");
  const cols = Math.max(...schemes.map((s) => s.layers.length));
  const fig = Figure.subplots(schemes.length, cols, { title: opts.title ?? "Activations per layer by initialisation", width: Math.max(640, 170 * cols), height: 80 + 240 * schemes.length, bargap: 0 });
  const [lo, hi] = opts.range ?? [-1, 1];
  const titles: string[] = [];
  schemes.forEach((sc, r) => sc.layers.map(layerOf).forEach((l, c) => {
    const s = stats(l.values);
    fig.add({ type: "histogram", x: l.values, xbins: { start: lo, end: hi, size: (hi - lo) / (opts.bins ?? 30) }, marker: { color: "#1f77b4" } }, r * cols + c + 1);
    // The scheme's name heads its row, over the first column's title.
    titles[r * cols + c] = `${c === 0 ? sc.name + "<br>" : ""}${l.name}<br>σ=${fmt(s.std)}`;
  }));
  subplotTitles(fig, Array.from({ length: schemes.length * cols }, (_, i) => titles[i] ?? ""));
  return fig;
}

/**
 * Line plot of one or more series (`y` arrays, or {x?, y, name}).
 * @example
 * linePlot([{ y: [3, 2, 1.5], name: "loss" }], { xTitle: "epoch", logY: true })
 */
export function linePlot(
  series: readonly (ArrayLike<number> | { x?: ArrayLike<number>; y: ArrayLike<number>; name?: string })[],
  opts: { title?: string; xTitle?: string; yTitle?: string; logY?: boolean; markers?: boolean } = {},
): Figure {
  const layout: Layout = { title: opts.title, xaxis: { title: opts.xTitle }, yaxis: { title: opts.yTitle, type: opts.logY ? "log" : "linear" } };
  return new Figure(series.map((s) => {
    const o = "y" in s ? s : { y: s as ArrayLike<number> };
    return { type: "scatter" as const, x: o.x, y: o.y, name: (o as { name?: string }).name, mode: opts.markers ? "lines+markers" as const : "lines" as const };
  }), layout);
}

/**
 * A matrix as a heatmap, row 0 on top (matrices read that way; Plotly's default is bottom).
 * @example
 * heatmap([[1, 0.5], [0.5, 1]], { title: "Covariance", colorscale: "RdBu", symmetric: true })
 */
export function heatmap(z: readonly ArrayLike<number>[], opts: { title?: string; colorscale?: Colorscale; symmetric?: boolean; labels?: readonly string[]; colorbarTitle?: string; zmin?: number; zmax?: number } = {}): Figure {
  let zmin = opts.zmin, zmax = opts.zmax;
  if (opts.symmetric) {
    let m = 0;
    for (const row of z) for (let j = 0; j < row.length; j++) if (Number.isFinite(row[j])) m = Math.max(m, Math.abs(row[j]));
    zmin = -(m || 1); zmax = m || 1;
  }
  const side = Math.min(560, Math.max(260, 28 * Math.max(z.length, z[0]?.length ?? 0)));
  return new Figure([{ type: "heatmap", z, colorscale: opts.colorscale ?? "Viridis", zmin, zmax, x: opts.labels, y: opts.labels, colorbar: { title: opts.colorbarTitle } }],
    { title: opts.title, width: side + 64 + 90, height: side + 80, yaxis: { autorange: "reversed", showgrid: false, ...cellTicks(z.length, opts.labels) }, xaxis: { showgrid: false, ...cellTicks(z[0]?.length ?? 0, opts.labels) } });
}

/** One tick per row/column for small unlabelled matrices (plotly.js would also tick half cells). */
function cellTicks(n: number, labels: readonly string[] | undefined): { tickvals?: number[] } {
  return labels || n > 20 ? {} : { tickvals: Array.from({ length: n }, (_, i) => i) };
}
