// Batch-level label-mixing augmentations, as torchvision v2: MixUp (Zhang et al. 2018) and CutMix
// (Yun et al. 2019) pair each image with the previous one in the batch (`roll(1, 0)`), draw
// lambda ~ Beta(alpha, alpha) once per batch, and return soft labels
// lambda * onehot(y) + (1 - lambda) * onehot(y rolled). CutMix's lambda is corrected to the pasted area.
// Also: label smoothing targets (Szegedy et al. 2016), as PyTorch's CrossEntropyLoss(label_smoothing).
import type { Generator } from "../../random/index.js";
import { Tensor } from "../../tensor/tensor.js";
import { Image } from "../../data/image.js";
import { imagesFromTensor, imagesToTensor, guessLayout, type ImageLayout } from "../../data/tensor-image.js";
import { checkRng } from "./transform.js";

/** Integer labels as an array, Int32Array or 1-D tensor. */
export type Labels = readonly number[] | Int32Array | Tensor;

function labelArray(op: string, labels: Labels, numClasses: number): number[] {
  let arr: number[];
  if (labels instanceof Tensor) {
    if (labels.ndim !== 1) throw new RangeError(`${op}: labels tensor should be of shape [batchSize]; got shape [${labels.shape.join(", ")}]`);
    arr = Array.from(labels.toTypedArray());
  } else arr = Array.from(labels);
  arr.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) throw new RangeError(`${op}: label ${i} is ${y}; expected an integer class in [0, ${numClasses - 1}]`);
  });
  return arr;
}

/**
 * One-hot rows [N, K] as float32.
 * @example oneHot([2, 0], 3).toArray() // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: Labels, numClasses: number): Tensor {
  checkClasses("oneHot", numClasses);
  const y = labelArray("oneHot", labels, numClasses);
  const out = new Float32Array(y.length * numClasses);
  y.forEach((c, i) => { out[i * numClasses + c] = 1; });
  return new Tensor(out, [y.length, numClasses]);
}

/**
 * Label-smoothed targets: 1 - epsilon + epsilon / K on the true class, epsilon / K elsewhere
 * (the lecture's 1 - (K-1)/K epsilon; PyTorch's label_smoothing).
 * @example labelSmoothing([0], 3, 0.15).toArray() // [[0.9, 0.05, 0.05]]
 */
export function labelSmoothing(labels: Labels, numClasses: number, epsilon: number): Tensor {
  checkClasses("labelSmoothing", numClasses);
  if (!(epsilon >= 0 && epsilon <= 1)) throw new RangeError(`labelSmoothing: epsilon must be in [0, 1]; got ${epsilon}`);
  const y = labelArray("labelSmoothing", labels, numClasses);
  const out = new Float32Array(y.length * numClasses).fill(epsilon / numClasses);
  y.forEach((c, i) => { out[i * numClasses + c] = 1 - epsilon + epsilon / numClasses; });
  return new Tensor(out, [y.length, numClasses]);
}

function checkClasses(op: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${op}: numClasses must be a positive integer; got ${k}`);
}

/** Result of MixUp / CutMix: images in the input's form, soft labels [N, K]. */
export interface MixResult<T> { images: T; labels: Tensor }

function mixLabels(y: number[], k: number, lam: number): Tensor {
  const n = y.length, out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    out[i * k + y[i]] += lam;
    out[i * k + y[(i - 1 + n) % n]] += 1 - lam;
  }
  return new Tensor(out, [n, k]);
}

function asImages(op: string, images: readonly Image[] | Tensor, layout?: ImageLayout): { list: Image[]; layout: ImageLayout | null } {
  if (images instanceof Tensor) {
    const l = layout ?? guessLayout(images.shape.slice(1), op);
    return { list: imagesFromTensor(images, l), layout: l };
  }
  if (!Array.isArray(images) || images.length === 0) throw new RangeError(`${op}: expected a non-empty batch of images (array or 4-D tensor)`);
  const first = images[0];
  images.forEach((img, i) => {
    if (!(img instanceof Image) || img.height !== first.height || img.width !== first.width || img.channels !== first.channels || img.dtype !== first.dtype) {
      throw new RangeError(`${op}: image ${i} is ${String(img)} but image 0 is ${first.toString()}; a batch must share size and dtype`);
    }
  });
  return { list: [...images], layout: null };
}

abstract class MixBase<P extends { lam: number }> {
  abstract readonly name: string;
  readonly alpha: number;
  readonly numClasses: number;
  constructor(options: { alpha?: number; numClasses: number }) {
    this.alpha = options.alpha ?? 1.0;
    if (!(this.alpha > 0)) throw new RangeError(`alpha must be > 0 (lambda ~ Beta(alpha, alpha)); got ${this.alpha}`);
    checkClasses("MixUp/CutMix", options.numClasses);
    this.numClasses = options.numClasses;
  }
  abstract makeParams(batch: { height: number; width: number }, rng: Generator): P;
  protected abstract mixImages(list: Image[], params: P): Image[];

  /** Applies fixed parameters to a batch and its labels. */
  apply(images: readonly Image[], labels: Labels, params: P): MixResult<Image[]>;
  apply(images: Tensor, labels: Labels, params: P, layout?: ImageLayout): MixResult<Tensor>;
  apply(images: readonly Image[] | Tensor, labels: Labels, params: P, layout?: ImageLayout): MixResult<Image[] | Tensor> {
    const { list, layout: l } = asImages(this.name, images, layout);
    const y = labelArray(this.name, labels, this.numClasses);
    if (y.length !== list.length) throw new RangeError(`${this.name}: the batch has ${list.length} images but ${y.length} labels`);
    const mixed = this.mixImages(list, params);
    return { images: l === null ? mixed : imagesToTensor(mixed, l), labels: mixLabels(y, this.numClasses, params.lam) };
  }

  /** Samples lambda (and the box) and applies. @example new MixUp({ numClasses: 10 }).call(batch, labels, rng(0)) */
  call(images: readonly Image[], labels: Labels, rng: Generator): MixResult<Image[]>;
  call(images: Tensor, labels: Labels, rng: Generator, layout?: ImageLayout): MixResult<Tensor>;
  call(images: readonly Image[] | Tensor, labels: Labels, rng: Generator, layout?: ImageLayout): MixResult<Image[] | Tensor> {
    checkRng(rng, this.name);
    const { list } = asImages(this.name, images, layout);
    const params = this.makeParams(list[0], rng);
    return images instanceof Tensor ? this.apply(images, labels, params, layout) : this.apply(list, labels, params);
  }
}

/**
 * MixUp: x = lambda x_i + (1 - lambda) x_{i-1}. uint8 batches are blended in float and rounded
 * (torchvision refuses them); float batches follow its formula.
 * @example new MixUp({ alpha: 0.2, numClasses: 10 }).call(images, labels, rng(0)).labels.shape // [N, 10]
 */
export class MixUp extends MixBase<{ lam: number }> {
  readonly name = "MixUp";
  makeParams(_batch: { height: number; width: number }, rng: Generator): { lam: number } {
    return { lam: rng.beta(this.alpha, this.alpha) };
  }
  protected mixImages(list: Image[], { lam }: { lam: number }): Image[] {
    const n = list.length;
    return list.map((img, i) => {
      const prev = list[(i - 1 + n) % n], out = img.empty(), isU8 = img.dtype === "uint8";
      for (let j = 0; j < out.data.length; j++) {
        const v = prev.data[j] * (1 - lam) + img.data[j] * lam;
        out.data[j] = isU8 ? Math.round(v) : v;
      }
      return out;
    });
  }
  override toString(): string { return `MixUp(alpha=${this.alpha}, numClasses=${this.numClasses})`; }
}

/** CutMix parameters: the pasted box [x1, y1, x2, y2) and lambda corrected to the kept area. */
export interface CutMixParams { lam: number; lamSampled: number; box: [number, number, number, number] }

/**
 * CutMix: paste the box of x_{i-1} into x_i; lambda = 1 - box area / image area (after clipping).
 * @example new CutMix({ numClasses: 10 }).call(images, labels, rng(0))
 */
export class CutMix extends MixBase<CutMixParams> {
  readonly name = "CutMix";
  makeParams(batch: { height: number; width: number }, rng: Generator): CutMixParams {
    const lamSampled = rng.beta(this.alpha, this.alpha);
    const { height: H, width: W } = batch;
    const rx = rng.integers(0, W), ry = rng.integers(0, H);
    const r = 0.5 * Math.sqrt(1 - lamSampled);
    const rw = Math.trunc(r * W), rh = Math.trunc(r * H);
    const x1 = Math.max(rx - rw, 0), y1 = Math.max(ry - rh, 0), x2 = Math.min(rx + rw, W), y2 = Math.min(ry + rh, H);
    return { lam: 1 - ((x2 - x1) * (y2 - y1)) / (W * H), lamSampled, box: [x1, y1, x2, y2] };
  }
  protected mixImages(list: Image[], { box }: CutMixParams): Image[] {
    const n = list.length, [x1, y1, x2, y2] = box;
    return list.map((img, i) => {
      const prev = list[(i - 1 + n) % n], out = img.clone(), c = img.channels, W = img.width;
      for (let y = y1; y < y2; y++) out.data.set(prev.data.subarray((y * W + x1) * c, (y * W + x2) * c), (y * W + x1) * c);
      return out;
    });
  }
  override toString(): string { return `CutMix(alpha=${this.alpha}, numClasses=${this.numClasses})`; }
}
