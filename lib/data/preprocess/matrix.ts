// float64 helpers for the preprocessing fits: data as an n x d row-major Float64Array, column
// means, covariance (accumulated in float64, as NumPy does for float32 input when asked).
import { Tensor } from "../../tensor/tensor.js";

/** Rows x features view of a tensor [N, ...] as float64 (a copy), plus the per-sample shape. */
export interface Matrix { data: Float64Array; n: number; d: number; sampleShape: number[] }

export function toMatrix(x: Tensor, op: string): Matrix {
  if (!(x instanceof Tensor) || x.ndim < 2) {
    throw new RangeError(`${op}: expected a tensor [N, features...] with one sample per row; got ${x instanceof Tensor ? `shape [${x.shape.join(", ")}]` : typeof x}`);
  }
  const n = x.shape[0], d = x.size / Math.max(n, 1);
  return { data: Float64Array.from(x.contiguous().toTypedArray()), n, d, sampleShape: x.shape.slice(1) };
}

/** Column means. */
export function columnMean(m: Matrix): Float64Array {
  const mean = new Float64Array(m.d);
  for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) mean[j] += m.data[i * m.d + j];
  for (let j = 0; j < m.d; j++) mean[j] /= m.n;
  return mean;
}

/** Population standard deviation per column (ddof = 0, as np.std and scikit-learn's StandardScaler). */
export function columnStd(m: Matrix, mean: Float64Array): Float64Array {
  const v = new Float64Array(m.d);
  for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) { const t = m.data[i * m.d + j] - mean[j]; v[j] += t * t; }
  return v.map((s) => Math.sqrt(s / m.n));
}

/** Sample covariance (X - mean)^T (X - mean) / (n - 1), d x d, as np.cov(X, rowvar=False). */
export function covariance(m: Matrix, mean: Float64Array): Float64Array {
  const { n, d } = m;
  if (n < 2) throw new RangeError(`covariance: need at least 2 samples; got ${n}`);
  const c = new Float64Array(d * d), row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = m.data[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const off = a * d;
      for (let b = a; b < d; b++) c[off + b] += ra * row[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) { const v = c[a * d + b] / (n - 1); c[a * d + b] = v; c[b * d + a] = v; }
  return c;
}

/** Checks that x has d features per sample, naming the fitted size. */
export function checkFeatures(op: string, m: Matrix, d: number): void {
  if (m.d !== d) throw new RangeError(`${op}: fitted on ${d} features per sample; got ${m.d} (shape [${m.n}, ${m.sampleShape.join(", ")}])`);
}

/** A tensor of the result with the input's leading shape, float64 in, float64 out; float32 otherwise. */
export function fromRows(data: Float64Array, shape: number[], like: Tensor): Tensor {
  return new Tensor(like.dtype === "float64" ? data : Float32Array.from(data), shape);
}

/** Serializable numbers: Float64Array -> number[]. */
export const arr = (a: ArrayLike<number>): number[] => Array.from(a);
