// Symmetric eigendecomposition in float64: Householder reduction to tridiagonal form, then the
// implicit QL algorithm (tred2 / tql2 of EISPACK, as in JAMA and Numerical Recipes). O(n^3).
// Plain JS took 0.9 s at 512 (CPU time here), so ~4 min at 3072 by n^3. From n = 128 up, the
// O(n^3) loops run in wasm f64x2 lanes on two threads (eigh-wasm.ts, wasm/eigh.as): the
// reduction's symmetric product and rank-2 update, the Householder accumulation in blocks of
// reflectors, and the QL rotations, recorded per sweep and applied 64 sweeps at a time to
// cache-sized column blocks; the scalar recurrences stay here in JS. The rotations and rank-2
// updates give the JS loops' bits; the dot products sum in SIMD lane order (the same on one or two
// threads). Well-kept npm eigensolvers (ml-matrix: JAMA, the same algorithm over arrays of arrays)
// measured 4-5x slower than this file's plain JS. Tests: A v = lambda v, orthonormality, spectra of
// matrices built from a known orthogonal Q and eigenvalues.
import { eighWorkspace, type EighWorkspace, type ReduceSteps } from "./eigh-wasm.js";

/** Eigenvalues ascending (as numpy.linalg.eigh) and eigenvectors as the columns of `vectors` (row-major n x n). */
export interface EighResult {
  values: Float64Array;
  vectors: Float64Array;
  n: number;
}

/**
 * Eigendecomposition of a symmetric n x n matrix given row-major (only its symmetry is assumed, not checked
 * beyond a cheap test). `vectors[i * n + j]` is component i of eigenvector j.
 * @example eigh(new Float64Array([2, 1, 1, 2]), 2).values // Float64Array [1, 3]
 */
export function eigh(a: ArrayLike<number>, n: number): EighResult {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`eigh: n must be a positive integer; got ${n}`);
  if (a.length !== n * n) throw new RangeError(`eigh: expected ${n}x${n} = ${n * n} values; got ${a.length}`);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const x = a[i * n + j], y = a[j * n + i];
    if (!(Math.abs(x - y) <= 1e-8 * (Math.abs(x) + Math.abs(y)) + 1e-300)) {
      throw new RangeError(`eigh: the matrix must be symmetric; a[${i}][${j}] = ${x} but a[${j}][${i}] = ${y}`);
    }
    if (!Number.isFinite(x)) throw new RangeError(`eigh: the matrix has a non-finite value at [${i}][${j}]`);
  }
  const ws = eighWorkspace(n);
  try {
    const V = ws?.V ?? new Float64Array(n * n);
    V.set(a);
    const d = ws?.d ?? new Float64Array(n), e = ws?.e ?? new Float64Array(n);
    // Both passes work on the transpose of EISPACK's V, so that their O(n^3) inner loops, which walk
    // down columns of V, run along contiguous rows instead; one transpose at the end.
    reduce(V, d, e, n, ws ?? jsReduceSteps(V, d, e, n));
    if (ws) ws.accumulate(d); else accumulate(V, d, n);
    finishAccumulate(V, d, e, n);
    ql(V, d, e, n, ws ?? jsRotations(V, n));
    sortAscending(V, d, n);
    // copies: d and V may be views of wasm memory, which the next kernel call reuses
    return { values: d.slice(), vectors: transpose(V, n), n };
  } finally {
    ws?.release();
  }
}

/** Applies a QL sweep's rotations (c, s pairs for i = m - 1 down to l) to rows l..m of Vt, at once. */
function jsRotations(Vt: Float64Array, n: number): Pick<EighWorkspace, "rotate" | "flush"> {
  return {
    rotate(l: number, m: number, cs: Float64Array): void {
      for (let i = m - 1, q = 0; i >= l; i--, q += 2) {
        const c = cs[q], s = cs[q + 1], ri = i * n, rj = (i + 1) * n;
        for (let k = 0; k < n; k++) {
          const h = Vt[rj + k];
          Vt[rj + k] = s * Vt[ri + k] + c * h;
          Vt[ri + k] = c * Vt[ri + k] - s * h;
        }
      }
    },
    flush(): void {},
  };
}

function transpose(a: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j];
  return t;
}

/** tred2's two O(i^2) passes of reduction step i, in plain JS (eigh-wasm.ts has them in wasm). */
function jsReduceSteps(V: Float64Array, d: Float64Array, e: Float64Array, n: number): ReduceSteps {
  return {
    // e[0..i) = A d over the leading i x i block (upper triangle), and row i = d
    symv(i: number): void {
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        const f = d[j];
        V[i * n + j] = f;
        let g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) { g += V[j * n + k] * d[k]; e[k] += V[j * n + k] * f; }
        e[j] = g;
      }
    },
    // the symmetric rank-2 update, then the next step's vector d = column i - 1
    update(i: number): void {
      for (let j = 0; j < i; j++) {
        const f = d[j], g = e[j];
        for (let k = j; k <= i - 1; k++) V[j * n + k] -= f * e[k] + g * d[k];
        d[j] = V[j * n + (i - 1)];
        V[j * n + i] = 0;
      }
    },
  };
}

/** tred2's first half: Householder reduction to tridiagonal form (d diagonal, e off-diagonal). */
function reduce(V: Float64Array, d: Float64Array, e: Float64Array, n: number, steps: ReduceSteps): void {
  for (let j = 0; j < n; j++) d[j] = V[j * n + (n - 1)];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0, h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) { d[j] = V[j * n + (i - 1)]; V[j * n + i] = 0; V[i * n + j] = 0; }
    } else {
      for (let k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      steps.symv(i);
      f = 0;
      for (let j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      steps.update(i);
    }
    d[i] = h;
  }
}

/** tred2's second half: accumulates the reflectors into V (JS; eigh-wasm.ts does it in blocks). */
function accumulate(V: Float64Array, d: Float64Array, n: number): void {
  for (let i = 0; i < n - 1; i++) {
    V[i * n + (n - 1)] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[(i + 1) * n + k] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[(i + 1) * n + k] * V[j * n + k];
        for (let k = 0; k <= i; k++) V[j * n + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[(i + 1) * n + k] = 0;
  }
}

function finishAccumulate(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) { d[j] = V[j * n + (n - 1)]; V[j * n + (n - 1)] = 0; }
  V[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

function ql(Vt: Float64Array, d: Float64Array, e: Float64Array, n: number, rot: Pick<EighWorkspace, "rotate" | "flush">): void {
  const cs = new Float64Array(2 * n);
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0, tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error(`eigh: the QL iteration did not converge (eigenvalue ${l}); is the matrix finite?`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c, s = 0, s2 = 0;
        const el1 = e[l + 1];
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          // rows i and i + 1 of the transposed vectors (columns of V) turn by (c, s): recorded,
          // applied by rot (the vectors never feed back into d and e)
          cs[2 * (m - 1 - i)] = c; cs[2 * (m - 1 - i) + 1] = s;
        }
        rot.rotate(l, m, cs);
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  rot.flush();
}

/** Sorts the eigenvalues ascending, permuting the eigenvectors (rows of Vt) alike. */
function sortAscending(Vt: Float64Array, d: Float64Array, n: number): void {
  for (let i = 0; i < n - 1; i++) {
    let k = i, p = d[i];
    for (let j = i + 1; j < n; j++) if (d[j] < p) { k = j; p = d[j]; }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let j = 0; j < n; j++) { const t = Vt[i * n + j]; Vt[i * n + j] = Vt[k * n + j]; Vt[k * n + j] = t; }
    }
  }
}
