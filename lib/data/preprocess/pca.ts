// PCA (with explained variance ratio and optional whitening) and ZCA whitening, fitted by the
// symmetric eigendecomposition of the training covariance (float64).
import { Tensor } from "../../tensor/tensor.js";
import { eigh } from "../eigh.js";
import { fitted } from "./standardize.js";
import { arr, checkFeatures, columnMean, covariance, fromRows, toMatrix } from "./matrix.js";

/**
 * PCA: project centered data onto the top `nComponents` eigenvectors of the covariance
 * (scikit-learn's conventions: components_ rows, explained_variance_ with n - 1). `whiten`
 * divides each projection by sqrt(variance + eps), giving identity covariance.
 * @example const pca = new PCA({ nComponents: 2 }).fit(X); pca.explainedVarianceRatio // [0.149, 0.136] on digits
 */
export class PCA {
  readonly nComponents: number | null;
  readonly whiten: boolean;
  readonly eps: number;
  mean: Float64Array | null = null;
  /** Rows are principal axes, [k, d] row-major. */
  components: Float64Array | null = null;
  explainedVariance: Float64Array | null = null;
  explainedVarianceRatio: Float64Array | null = null;
  d = 0;

  constructor(options: { nComponents?: number; whiten?: boolean; eps?: number } = {}) {
    this.nComponents = options.nComponents ?? null;
    this.whiten = options.whiten ?? false;
    this.eps = options.eps ?? 0;
    if (this.nComponents !== null && !(Number.isInteger(this.nComponents) && this.nComponents >= 1)) throw new RangeError(`PCA: nComponents must be a positive integer; got ${this.nComponents}`);
    if (!(this.eps >= 0)) throw new RangeError(`PCA: eps must be >= 0; got ${this.eps}`);
  }

  get k(): number { return this.explainedVariance?.length ?? 0; }

  fit(x: Tensor): this {
    const m = toMatrix(x, "PCA.fit");
    const k = this.nComponents ?? m.d;
    if (k > m.d) throw new RangeError(`PCA.fit: nComponents (${k}) exceeds the number of features (${m.d})`);
    this.mean = columnMean(m);
    const { values, vectors } = eigh(covariance(m, this.mean), m.d);
    let total = 0;
    for (const v of values) total += Math.max(v, 0);
    this.components = new Float64Array(k * m.d);
    this.explainedVariance = new Float64Array(k);
    this.explainedVarianceRatio = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const j = m.d - 1 - c; // eigh sorts ascending
      const lam = Math.max(values[j], 0);
      this.explainedVariance[c] = lam;
      this.explainedVarianceRatio[c] = total > 0 ? lam / total : 0;
      // sign convention: the largest-magnitude entry of each axis is positive (deterministic output)
      let big = 0;
      for (let i = 0; i < m.d; i++) if (Math.abs(vectors[i * m.d + j]) > Math.abs(big)) big = vectors[i * m.d + j];
      const s = big < 0 ? -1 : 1;
      for (let i = 0; i < m.d; i++) this.components[c * m.d + i] = s * vectors[i * m.d + j];
    }
    this.d = m.d;
    return this;
  }

  transform(x: Tensor): Tensor {
    const mean = fitted(this.mean, "PCA"), comp = this.components!, k = this.k, d = this.d;
    const m = toMatrix(x, "PCA.transform");
    checkFeatures("PCA.transform", m, d);
    const out = new Float64Array(m.n * k), row = new Float64Array(d);
    for (let i = 0; i < m.n; i++) {
      for (let j = 0; j < d; j++) row[j] = m.data[i * d + j] - mean[j];
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += row[j] * comp[c * d + j];
        out[i * k + c] = this.whiten ? s / Math.sqrt(this.explainedVariance![c] + this.eps) : s;
      }
    }
    return fromRows(out, [m.n, k], x);
  }

  fitTransform(x: Tensor): Tensor { return this.fit(x).transform(x); }

  /** Back to feature space (lossy when k < d). */
  inverseTransform(z: Tensor): Tensor {
    const mean = fitted(this.mean, "PCA"), comp = this.components!, k = this.k, d = this.d;
    const m = toMatrix(z, "PCA.inverseTransform");
    checkFeatures("PCA.inverseTransform", m, k);
    const out = new Float64Array(m.n * d);
    for (let i = 0; i < m.n; i++) for (let c = 0; c < k; c++) {
      const s = m.data[i * k + c] * (this.whiten ? Math.sqrt(this.explainedVariance![c] + this.eps) : 1);
      for (let j = 0; j < d; j++) out[i * d + j] += s * comp[c * d + j];
    }
    for (let i = 0; i < m.n; i++) for (let j = 0; j < d; j++) out[i * d + j] += mean[j];
    return fromRows(out, [m.n, d], z);
  }

  toJSON(): object {
    return { type: "PCA", nComponents: this.nComponents, whiten: this.whiten, eps: this.eps, d: this.d, mean: arr(fitted(this.mean, "PCA")), components: arr(this.components!), explainedVariance: arr(this.explainedVariance!), explainedVarianceRatio: arr(this.explainedVarianceRatio!) };
  }

  static fromJSON(j: { nComponents: number | null; whiten: boolean; eps: number; d: number; mean: number[]; components: number[]; explainedVariance: number[]; explainedVarianceRatio: number[] }): PCA {
    const p = new PCA({ nComponents: j.nComponents ?? undefined, whiten: j.whiten, eps: j.eps });
    p.d = j.d;
    p.mean = Float64Array.from(j.mean);
    p.components = Float64Array.from(j.components);
    p.explainedVariance = Float64Array.from(j.explainedVariance);
    p.explainedVarianceRatio = Float64Array.from(j.explainedVarianceRatio);
    return p;
  }
}

/**
 * ZCA whitening: x -> (x - mean) U diag(1 / sqrt(lambda + eps)) U^T; identity covariance while
 * staying as close as possible to the input (images still look like images).
 * @example const zca = new ZCAWhitening({ eps: 1e-2 }).fit(Xtrain); zca.transform(Xtest)
 */
export class ZCAWhitening {
  readonly eps: number;
  mean: Float64Array | null = null;
  /** The symmetric whitening matrix W, d x d. */
  matrix: Float64Array | null = null;
  d = 0;

  constructor(options: { eps?: number } = {}) {
    this.eps = options.eps ?? 1e-5;
    if (!(this.eps >= 0)) throw new RangeError(`ZCAWhitening: eps must be >= 0; got ${this.eps}`);
  }

  fit(x: Tensor): this {
    const m = toMatrix(x, "ZCAWhitening.fit");
    this.mean = columnMean(m);
    const { values, vectors: U } = eigh(covariance(m, this.mean), m.d);
    const d = m.d, W = new Float64Array(d * d);
    for (let c = 0; c < d; c++) {
      const lam = Math.max(values[c], 0) + this.eps;
      if (lam === 0) continue; // a zero-variance direction with eps = 0 is dropped, not divided by 0
      const s = 1 / Math.sqrt(lam);
      for (let a = 0; a < d; a++) {
        const ua = U[a * d + c] * s;
        if (ua === 0) continue;
        for (let b = 0; b < d; b++) W[a * d + b] += ua * U[b * d + c];
      }
    }
    this.matrix = W;
    this.d = d;
    return this;
  }

  transform(x: Tensor): Tensor {
    const mean = fitted(this.mean, "ZCAWhitening"), W = this.matrix!, d = this.d;
    const m = toMatrix(x, "ZCAWhitening.transform");
    checkFeatures("ZCAWhitening.transform", m, d);
    const out = new Float64Array(m.n * d), row = new Float64Array(d);
    for (let i = 0; i < m.n; i++) {
      for (let j = 0; j < d; j++) row[j] = m.data[i * d + j] - mean[j];
      for (let a = 0; a < d; a++) {
        const r = row[a];
        if (r === 0) continue;
        for (let b = 0; b < d; b++) out[i * d + b] += r * W[a * d + b];
      }
    }
    return fromRows(out, [m.n, ...m.sampleShape], x);
  }

  fitTransform(x: Tensor): Tensor { return this.fit(x).transform(x); }

  toJSON(): object { return { type: "ZCAWhitening", eps: this.eps, d: this.d, mean: arr(fitted(this.mean, "ZCAWhitening")), matrix: arr(this.matrix!) }; }

  static fromJSON(j: { eps: number; d: number; mean: number[]; matrix: number[] }): ZCAWhitening {
    const z = new ZCAWhitening({ eps: j.eps });
    z.d = j.d;
    z.mean = Float64Array.from(j.mean);
    z.matrix = Float64Array.from(j.matrix);
    return z;
  }
}

/** PCA whitening is PCA with whiten: true (kept as a name for the lecture's slide). @example pcaWhitening({ eps: 1e-5 }).fit(X).transform(X) // identity covariance */
export function pcaWhitening(options: { nComponents?: number; eps?: number } = {}): PCA {
  return new PCA({ ...options, whiten: true });
}
