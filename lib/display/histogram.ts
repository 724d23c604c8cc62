// Histogram binning done once in the library, so plotly.js and the static image show the same
// bins (plotly.js's own auto-binning differs from any simple rule and would not match).
import type { BarTrace, HistogramTrace } from "./types.js";

export interface Bins {
  /** Left edges; bin i is [edges[i], edges[i + 1]); the last bin also holds the maximum. */
  edges: number[];
  counts: number[];
}

/**
 * Equal-width bins over the finite values (NaN and infinities are skipped, as NumPy's
 * `histogram` with an explicit range would).
 * @example
 * histogramBins([0, 1, 1, 2], { bins: 2 }) // { edges: [0, 1, 2], counts: [1, 3] }
 */
export function histogramBins(values: ArrayLike<number>, opts: { bins?: number; start?: number; end?: number; size?: number } = {}): Bins {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  if (opts.start !== undefined) lo = opts.start;
  if (opts.end !== undefined) hi = opts.end;
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (hi === lo) { lo -= 0.5; hi += 0.5; }
  let nb = opts.size !== undefined ? Math.max(1, Math.ceil((hi - lo) / opts.size - 1e-9)) : (opts.bins ?? 30);
  if (!Number.isInteger(nb) || nb < 1) throw new Error(`histogram: expected a positive integer bin count, got ${opts.bins}`);
  const size = opts.size ?? (hi - lo) / nb;
  const edges = Array.from({ length: nb + 1 }, (_, i) => lo + i * size);
  const counts = new Array<number>(nb).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v < lo || v > edges[nb]) continue;
    counts[Math.min(nb - 1, Math.floor((v - lo) / size))]++;
  }
  return { edges, counts };
}

/**
 * A histogram trace as the equivalent bar trace (bars touch: width = bin size).
 * @example
 * histogramToBar({ type: "histogram", x: [0, 1, 1, 2], nbinsx: 2 }).y // [1, 3]
 */
export function histogramToBar(t: HistogramTrace): BarTrace {
  const { edges, counts } = histogramBins(t.x, { bins: t.nbinsx, ...t.xbins });
  const size = edges[1] - edges[0];
  let total = 0;
  for (const c of counts) total += c;
  const y = counts.map((c) =>
    t.histnorm === "probability" ? c / Math.max(1, total)
      : t.histnorm === "probability density" ? c / Math.max(1, total) / size : c);
  const bar: BarTrace = {
    type: "bar", x: edges.slice(0, -1).map((e) => e + size / 2), y, width: size,
    name: t.name, showlegend: t.showlegend, xaxis: t.xaxis, yaxis: t.yaxis, opacity: t.opacity,
  };
  if (t.marker?.color) bar.marker = { color: t.marker.color };
  return bar;
}
