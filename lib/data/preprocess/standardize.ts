// Zero-centering and per-feature standardization (the lecture's X -= mean; X /= std), and the
// AlexNet mean image: statistics fitted on training data, saved with toJSON, applied unchanged to test data.
import { Tensor } from "../../tensor/tensor.js";
import { arr, checkFeatures, columnMean, columnStd, fromRows, toMatrix } from "./matrix.js";

/**
 * Subtracts the per-feature training mean. For images [N, H, W, C] this is AlexNet's "mean image".
 * @example const zc = new ZeroCenter().fit(Xtrain); zc.transform(Xtest)
 */
export class ZeroCenter {
  mean: Float64Array | null = null;
  sampleShape: number[] = [];

  fit(x: Tensor): this {
    const m = toMatrix(x, "ZeroCenter.fit");
    this.mean = columnMean(m);
    this.sampleShape = m.sampleShape;
    return this;
  }

  transform(x: Tensor): Tensor {
    const mean = fitted(this.mean, "ZeroCenter");
    const m = toMatrix(x, "ZeroCenter.transform");
    checkFeatures("ZeroCenter.transform", m, mean.length);
    for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) m.data[i * m.d + j] -= mean[j];
    return fromRows(m.data, [m.n, ...m.sampleShape], x);
  }

  fitTransform(x: Tensor): Tensor { return this.fit(x).transform(x); }

  /** The fitted mean with the sample's shape (e.g. the [32, 32, 3] mean image). */
  meanTensor(): Tensor {
    return new Tensor(Float32Array.from(fitted(this.mean, "ZeroCenter")), this.sampleShape);
  }

  toJSON(): object { return { type: "ZeroCenter", mean: arr(fitted(this.mean, "ZeroCenter")), sampleShape: this.sampleShape }; }

  static fromJSON(json: { mean: number[]; sampleShape: number[] }): ZeroCenter {
    const z = new ZeroCenter();
    z.mean = Float64Array.from(json.mean);
    z.sampleShape = json.sampleShape;
    return z;
  }
}

/** AlexNet's mean image is zero-centering of image tensors. @example new MeanImage().fit(trainImages).meanTensor().shape // [32, 32, 3] */
export class MeanImage extends ZeroCenter {
  override toJSON(): object { return { ...super.toJSON(), type: "MeanImage" }; }
  static override fromJSON(json: { mean: number[]; sampleShape: number[] }): MeanImage {
    return Object.assign(new MeanImage(), ZeroCenter.fromJSON(json));
  }
}

/**
 * (x - mean) / std per feature, population std; constant features keep std 1 (as scikit-learn).
 * @example const sc = new StandardScaler().fit(Xtrain); const Xt = sc.transform(Xtest)
 */
export class StandardScaler {
  mean: Float64Array | null = null;
  std: Float64Array | null = null;

  fit(x: Tensor): this {
    const m = toMatrix(x, "StandardScaler.fit");
    this.mean = columnMean(m);
    this.std = columnStd(m, this.mean).map((s) => (s === 0 ? 1 : s));
    return this;
  }

  transform(x: Tensor): Tensor {
    const mean = fitted(this.mean, "StandardScaler"), std = this.std!;
    const m = toMatrix(x, "StandardScaler.transform");
    checkFeatures("StandardScaler.transform", m, mean.length);
    for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) m.data[i * m.d + j] = (m.data[i * m.d + j] - mean[j]) / std[j];
    return fromRows(m.data, [m.n, ...m.sampleShape], x);
  }

  fitTransform(x: Tensor): Tensor { return this.fit(x).transform(x); }

  /** Undo the scaling. */
  inverseTransform(x: Tensor): Tensor {
    const mean = fitted(this.mean, "StandardScaler"), std = this.std!;
    const m = toMatrix(x, "StandardScaler.inverseTransform");
    checkFeatures("StandardScaler.inverseTransform", m, mean.length);
    for (let i = 0; i < m.n; i++) for (let j = 0; j < m.d; j++) m.data[i * m.d + j] = m.data[i * m.d + j] * std[j] + mean[j];
    return fromRows(m.data, [m.n, ...m.sampleShape], x);
  }

  toJSON(): object { return { type: "StandardScaler", mean: arr(fitted(this.mean, "StandardScaler")), std: arr(this.std!) }; }

  static fromJSON(json: { mean: number[]; std: number[] }): StandardScaler {
    const s = new StandardScaler();
    s.mean = Float64Array.from(json.mean);
    s.std = Float64Array.from(json.std);
    return s;
  }
}

export function fitted<T>(v: T | null, name: string): T {
  if (v === null) throw new Error(`${name}: call fit(trainingData) first (or load saved statistics with ${name}.fromJSON)`);
  return v;
}
