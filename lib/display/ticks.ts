// Axis ticks: "nice" steps of 1, 2 or 5 times a power of ten (Heckbert's "Nice numbers for
// graph labels"), the same family plotly.js picks, so the static image reads like the chart.

/**
 * Tick values covering [lo, hi] with about `count` steps of 1, 2 or 5 x 10^k.
 * @example
 * niceTicks(0, 1, 5) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new Error(`niceTicks: expected finite bounds, got [${lo}, ${hi}]`);
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  let step = niceStep((hi - lo) / Math.max(1, count));
  // Never fewer than two ticks: an axis with one label says nothing about scale.
  while (Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) < 1) step = niceStep(step / 2.5);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  // Multiply rather than accumulate so 0.1 + 0.2 style drift never shows up in labels.
  for (let i = first; i <= last; i++) out.push(roundTo(i * step, step));
  return out;
}

/**
 * The nice step (1, 2, 5 or 10 x 10^k) nearest to `raw` (Heckbert's rounding thresholds).
 * @example
 * niceStep(0.35) // 0.5
 */
export function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  const m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  return m * p;
}

function roundTo(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(20, digits)));
}

/**
 * Ticks for a log axis: the powers of ten inside [lo, hi] (values, not exponents).
 * @example
 * logTicks(0.5, 2.4) // [0.5, 1, 2]
 */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > 0)) throw new Error(`logTicks: expected positive bounds, got [${lo}, ${hi}]`);
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(Math.pow(10, e));
  if (out.length >= 3) return out;
  // Less than ~2 decades: 1-2-5 steps read better (plotly.js labels 0.5, 1, 2, 5 likewise).
  const more: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * Math.pow(10, e)).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) more.push(v);
    }
  }
  return more.length >= 2 ? more : niceTicks(lo, hi, 4).filter((v) => v > 0);
}

/**
 * A short label: plain decimals in a readable range, otherwise exponent form as Plotly ("1e-4").
 * @example
 * formatTick(0.30000000000000004) // "0.3"
 * formatTick(0.0001) // "1e-4"
 */
export function formatTick(v: number): string {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const [m, e] = v.toExponential(2).split("e");
    const mant = String(Number(m));
    return `${mant === "1" ? "1" : mant === "-1" ? "-1" : mant}e${Number(e)}`;
  }
  return String(Number(v.toPrecision(6)));
}
