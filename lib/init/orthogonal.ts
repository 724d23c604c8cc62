// Orthogonal initialization (Saxe et al. 2013), torch.nn.init.orthogonal_: a normal matrix
// [rows, numel/rows] (transposed when wide), QR-factorized, Q's columns sign-corrected by
// diag(R) so the result is uniformly distributed (Haar), scaled by gain.
import type { Tensor } from "../tensor/index.js";
import { fillInPlace } from "./fill.js";
import type { RandomInit } from "./initializers.js";

/** Householder QR in float64 of an m x n (m >= n) row-major matrix: returns Q (m x n) and diag(R). */
function thinQR(a: Float64Array, m: number, n: number): { q: Float64Array; rdiag: Float64Array } {
  const r = a.slice();
  const vs: Float64Array[] = [];
  const rdiag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const alpha = r[k * n + k] > 0 ? -norm : norm; // sign avoids cancellation
    const v = new Float64Array(m);
    for (let i = k; i < m; i++) v[i] = r[i * n + k];
    v[k] -= alpha;
    let vn = 0;
    for (let i = k; i < m; i++) vn += v[i] * v[i];
    if (vn > 0) {
      for (let j = k; j < n; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += v[i] * r[i * n + j];
        s = (2 * s) / vn;
        for (let i = k; i < m; i++) r[i * n + j] -= s * v[i];
      }
    }
    vs.push(v);
    rdiag[k] = r[k * n + k];
  }
  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    let vn = 0;
    for (let i = k; i < m; i++) vn += v[i] * v[i];
    if (vn === 0) continue;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * q[i * n + j];
      s = (2 * s) / vn;
      for (let i = k; i < m; i++) q[i * n + j] -= s * v[i];
    }
  }
  return { q, rdiag };
}

/**
 * Fills a tensor of >= 2 dimensions with a (semi-)orthogonal matrix times `gain` (default 1):
 * rows orthonormal when rows <= cols, columns orthonormal otherwise.
 * @example orthogonal_(zeros([3, 3]), { rng: rng(0) }) // W Wᵀ = I
 */
export function orthogonal_(t: Tensor, opts: RandomInit & { gain?: number }): Tensor {
  if (!opts?.rng) throw new TypeError("orthogonal_: pass the random generator explicitly, e.g. orthogonal_(w, { rng: rng(0) })");
  if (t.ndim < 2) throw new RangeError(`orthogonal_: only tensors with 2 or more dimensions are supported; got shape [${t.shape.join(", ")}]`);
  const rows = t.shape[0], cols = t.size / rows, gain = opts.gain ?? 1;
  const flat = opts.rng.fillNormal(new Float64Array(rows * cols));
  const wide = rows < cols;
  const m = wide ? cols : rows, n = wide ? rows : cols;
  const a = new Float64Array(m * n);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    if (wide) a[j * n + i] = flat[i * cols + j]; else a[i * n + j] = flat[i * cols + j];
  }
  const { q, rdiag } = thinQR(a, m, n);
  for (let j = 0; j < n; j++) if (rdiag[j] < 0) for (let i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
  return fillInPlace(t, "orthogonal_", (b) => {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
      b[i * cols + j] = gain * (wide ? q[j * n + i] : q[i * n + j]);
    }
  });
}
