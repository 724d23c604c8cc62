// Summary statistics for captions and formatters, accumulated in float64 over the finite values.

export interface Stats { count: number; finite: number; mean: number; std: number; min: number; max: number }

/**
 * Count, mean, population std (NumPy's default ddof=0), min and max of the finite values.
 * @example
 * stats([1, 2, 3, NaN]) // { count: 4, finite: 3, mean: 2, std: 0.816496580927726, min: 1, max: 3 }
 */
export function stats(values: ArrayLike<number>): Stats {
  let n = 0, mean = 0, m2 = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    // Welford's update: one pass, no catastrophic cancellation for large offsets.
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { count: values.length, finite: n, mean: n ? mean : NaN, std: n ? Math.sqrt(m2 / n) : NaN, min: n ? min : NaN, max: n ? max : NaN };
}

/**
 * A compact number for captions: 3 significant digits, exponent form when tiny or huge.
 * @example
 * fmt(0.000123) // "1.23e-4"
 */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) {
    const [m, e] = v.toExponential(2).split("e");
    return `${Number(m)}e${Number(e)}`; // "1e-6", not "1.00e-6"
  }
  return String(Number(v.toPrecision(3)));
}
