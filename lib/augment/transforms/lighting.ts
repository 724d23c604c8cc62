// AlexNet's "PCA color augmentation" (Krizhevsky et al. 2012, section 4.1): add to every pixel
// sum_j eigvec[:, j] * alpha_j * eigval_j with alpha_j ~ N(0, alphaStd), eigvec/eigval from the
// 3x3 covariance of the training set's RGB values. Offsets are in [0, 1] units (x 255 for uint8).
import type { Generator } from "../../random/index.js";
import { Tensor } from "../../tensor/tensor.js";
import { Image } from "../../data/image.js";
import { eigh } from "../../data/eigh.js";
import { imagesFromTensor } from "../../data/tensor-image.js";
import { Transform, type ImageMeta } from "./transform.js";

/** Eigenvalues (descending) and eigenvectors (columns: eigvec[i][j] is component i of vector j). */
export interface PCAStats {
  eigval: number[];
  eigvec: number[][];
}

/**
 * The ImageNet constants of fb.resnet.torch (datasets/imagenet.lua, `Lighting(0.1, eigval, eigvec)`),
 * the values PyTorch ImageNet scripts copied; for images scaled to [0, 1].
 */
export const IMAGENET_PCA: PCAStats = Object.freeze({
  eigval: [0.2175, 0.0188, 0.0045],
  eigvec: [
    [-0.5675, 0.7192, 0.4009],
    [-0.5808, -0.0045, -0.814],
    [-0.5836, -0.6948, 0.4203],
  ],
}) as PCAStats;

/**
 * Eigen-decomposes the covariance of all RGB pixels (scaled to [0, 1]) of a dataset.
 * @example fitPCALighting([sampleImage("chelsea"), sampleImage("coffee")]).eigval // three values, descending
 */
export function fitPCALighting(images: readonly Image[] | Tensor): PCAStats {
  const list = images instanceof Tensor ? imagesFromTensor(images) : images;
  if (list.length === 0) throw new RangeError(`fitPCALighting: expected at least one image`);
  const s = new Float64Array(3), ss = new Float64Array(9);
  let n = 0;
  for (const img of list) {
    if (!(img instanceof Image) || img.channels !== 3) throw new RangeError(`fitPCALighting: expected RGB images (3 channels); got ${String(img)}`);
    const k = img.dtype === "uint8" ? 1 / 255 : 1, d = img.data;
    for (let p = 0; p < d.length; p += 3) {
      const r = d[p] * k, g = d[p + 1] * k, b = d[p + 2] * k;
      s[0] += r; s[1] += g; s[2] += b;
      ss[0] += r * r; ss[1] += r * g; ss[2] += r * b; ss[4] += g * g; ss[5] += g * b; ss[8] += b * b;
    }
    n += d.length / 3;
  }
  if (n < 2) throw new RangeError(`fitPCALighting: need at least 2 pixels`);
  const cov = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = i; j < 3; j++) {
    const v = (ss[i * 3 + j] - (s[i] * s[j]) / n) / (n - 1);
    cov[i * 3 + j] = v;
    cov[j * 3 + i] = v;
  }
  const { values, vectors } = eigh(cov, 3);
  const order = [2, 1, 0]; // descending
  return {
    eigval: order.map((j) => Math.max(values[j], 0)),
    eigvec: [0, 1, 2].map((i) => order.map((j) => vectors[i * 3 + j])),
  };
}

/**
 * AlexNet/ResNet lighting noise: one alpha triple per image.
 * @example new PCALighting({ alphaStd: 0.1 }).call(img, rng(0))  // ImageNet constants by default
 */
export class PCALighting extends Transform<{ alpha: [number, number, number] }> {
  readonly name = "PCALighting";
  readonly alphaStd: number;
  readonly stats: PCAStats;

  constructor(options: { alphaStd?: number; stats?: PCAStats } = {}) {
    super();
    this.alphaStd = options.alphaStd ?? 0.1;
    if (!(this.alphaStd >= 0)) throw new RangeError(`PCALighting: alphaStd must be >= 0; got ${this.alphaStd}`);
    const st = options.stats ?? IMAGENET_PCA;
    if (st.eigval?.length !== 3 || st.eigvec?.length !== 3 || !st.eigvec.every((r) => r.length === 3)) {
      throw new RangeError(`PCALighting: stats must have 3 eigenvalues and a 3x3 eigvec; got ${JSON.stringify(st)}`);
    }
    this.stats = st;
  }

  makeParams(_img: ImageMeta, rng: Generator): { alpha: [number, number, number] } {
    return { alpha: [rng.normal(0, this.alphaStd), rng.normal(0, this.alphaStd), rng.normal(0, this.alphaStd)] };
  }

  /** The RGB offset (in [0, 1] units) for given alphas. */
  offset(alpha: readonly number[]): [number, number, number] {
    const { eigval, eigvec } = this.stats;
    const o: [number, number, number] = [0, 0, 0];
    for (let c = 0; c < 3; c++) for (let j = 0; j < 3; j++) o[c] += eigvec[c][j] * alpha[j] * eigval[j];
    return o;
  }

  apply(img: Image, p: { alpha: [number, number, number] }): Image {
    if (img.channels !== 3) throw new RangeError(`PCALighting: expected an RGB image (3 channels); got ${img.channels}`);
    const o = this.offset(p.alpha);
    const out = img.clone(), d = out.data;
    if (img.dtype === "uint8") {
      const o255 = o.map((v) => v * 255);
      for (let i = 0; i < d.length; i++) d[i] = Math.min(255, Math.max(0, Math.round(img.data[i] + o255[i % 3])));
    } else {
      // float images keep the unclamped offset, as fb.resnet.torch (normalization follows)
      for (let i = 0; i < d.length; i++) d[i] = img.data[i] + o[i % 3];
    }
    return out;
  }

  override toString(): string { return `PCALighting(alphaStd=${this.alphaStd}, eigval=[${this.stats.eigval.map((v) => +v.toPrecision(4))}])`; }
}
