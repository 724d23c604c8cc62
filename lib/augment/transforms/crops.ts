// Geometric sampling transforms: RandomCrop (with padding), CenterCrop, Resize, RandomResizedCrop
// (torchvision's 10 attempts then center-crop fallback) and the ResNet scale augmentation.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { crop, centerCrop, parseSize } from "../functional/crop.js";
import { pad, parsePadding, type PaddingMode } from "../functional/pad.js";
import { resize, resizedCrop, resizedOutputSize, type ResizeOptions } from "../functional/resize.js";
import { roundHalfEven } from "../functional/util.js";
import { Transform, randint, uniform, type ImageMeta } from "./transform.js";

/** Window of a crop: torchvision's {top, left, height, width}. */
export interface CropParams { top: number; left: number; height: number; width: number }

export interface RandomCropParams extends CropParams { padding: [number, number, number, number] }

/**
 * A random size-`size` window, after optional padding (the CIFAR recipe: `new RandomCrop(32, { padding: 4 })`).
 * @example new RandomCrop(32, { padding: 4 }).makeParams({ height: 32, width: 32, channels: 3 }, rng(0)) // top, left in 0..8
 */
export class RandomCrop extends Transform<RandomCropParams> {
  readonly name = "RandomCrop";
  readonly size: [number, number];
  readonly padding: [number, number, number, number];
  readonly padIfNeeded: boolean;
  readonly fill: number | readonly number[];
  readonly paddingMode: PaddingMode;

  constructor(size: number | readonly number[], options: { padding?: number | readonly number[]; padIfNeeded?: boolean; fill?: number | readonly number[]; paddingMode?: PaddingMode } = {}) {
    super();
    this.size = parseSize(this.name, size);
    this.padding = options.padding === undefined ? [0, 0, 0, 0] : parsePadding(this.name, options.padding);
    this.padIfNeeded = options.padIfNeeded ?? false;
    this.fill = options.fill ?? 0;
    this.paddingMode = options.paddingMode ?? "constant";
  }

  makeParams(img: ImageMeta, rng: Generator): RandomCropParams {
    let [pl, pt, pr, pb] = this.padding;
    let ph = img.height + pt + pb, pw = img.width + pl + pr;
    const [ch, cw] = this.size;
    if (this.padIfNeeded) {
      if (ph < ch) { const d = ch - ph; pt += d; pb += d; ph += 2 * d; }
      if (pw < cw) { const d = cw - pw; pl += d; pr += d; pw += 2 * d; }
    }
    if (ph < ch || pw < cw) {
      throw new RangeError(`RandomCrop: required crop size [${ch}, ${cw}] is larger than the (padded) input image size [${ph}, ${pw}]`);
    }
    const top = ph > ch ? randint(rng, 0, ph - ch + 1) : 0;
    const left = pw > cw ? randint(rng, 0, pw - cw + 1) : 0;
    return { top, left, height: ch, width: cw, padding: [pl, pt, pr, pb] };
  }

  apply(img: Image, p: RandomCropParams): Image {
    const padded = p.padding.some((v) => v > 0) ? pad(img, p.padding, { fill: this.fill, paddingMode: this.paddingMode }) : img;
    return crop(padded, p.top, p.left, p.height, p.width);
  }

  override outputMeta(meta: ImageMeta, p: RandomCropParams): ImageMeta {
    return { height: p.height, width: p.width, channels: meta.channels };
  }

  override toString(): string { return `RandomCrop(size=[${this.size}], padding=[${this.padding}], paddingMode=${this.paddingMode})`; }
}

/** The central window (deterministic). @example new CenterCrop(224).call(img, rng(0)).shape // [224, 224, 3] */
export class CenterCrop extends Transform<null> {
  readonly name = "CenterCrop";
  readonly size: [number, number];
  constructor(size: number | readonly number[]) {
    super();
    this.size = parseSize(this.name, size);
  }
  makeParams(): null { return null; }
  apply(img: Image): Image { return centerCrop(img, this.size); }
  override outputMeta(meta: ImageMeta): ImageMeta { return { height: this.size[0], width: this.size[1], channels: meta.channels }; }
  override toString(): string { return `CenterCrop(size=[${this.size}])`; }
}

/** Resize (deterministic); a number matches the smaller edge. @example new Resize(256).call(cat, rng(0)).shape // [256, 384, 3] */
export class Resize extends Transform<null> {
  readonly name = "Resize";
  readonly size: number | readonly number[];
  readonly options: ResizeOptions;
  constructor(size: number | readonly number[], options: ResizeOptions = {}) {
    super();
    resizedOutputSize(1, 1, size, options.maxSize); // validates size and maxSize now, not at the first image
    this.size = size;
    this.options = { ...options };
  }
  makeParams(): null { return null; }
  apply(img: Image): Image { return resize(img, this.size, this.options); }
  override outputMeta(meta: ImageMeta): ImageMeta {
    const [height, width] = resizedOutputSize(meta.height, meta.width, this.size, this.options.maxSize);
    return { height, width, channels: meta.channels };
  }
  override toString(): string { return `Resize(size=${JSON.stringify(this.size)})`; }
}

/**
 * Inception-style crop: area fraction ~ U(scale), log aspect ratio ~ U(log ratio), 10 attempts,
 * then a center crop clamped to the ratio range; resized to `size` (torchvision's defaults).
 * @example new RandomResizedCrop(224).call(sampleImage("chelsea"), rng(0)).shape // [224, 224, 3]
 */
export class RandomResizedCrop extends Transform<CropParams> {
  readonly name = "RandomResizedCrop";
  readonly size: [number, number];
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly options: ResizeOptions;

  constructor(size: number | readonly number[], options: { scale?: readonly [number, number]; ratio?: readonly [number, number] } & ResizeOptions = {}) {
    super();
    this.size = parseSize(this.name, size);
    const scale = options.scale ?? [0.08, 1.0];
    const ratio = options.ratio ?? [3 / 4, 4 / 3];
    if (scale.length !== 2 || !(scale[0] > 0 && scale[0] <= scale[1])) throw new RangeError(`RandomResizedCrop: scale must be [min, max] with 0 < min <= max; got ${JSON.stringify(scale)}`);
    if (ratio.length !== 2 || !(ratio[0] > 0 && ratio[0] <= ratio[1])) throw new RangeError(`RandomResizedCrop: ratio must be [min, max] with 0 < min <= max; got ${JSON.stringify(ratio)}`);
    this.scale = [scale[0], scale[1]];
    this.ratio = [ratio[0], ratio[1]];
    this.options = { interpolation: options.interpolation, antialias: options.antialias };
  }

  makeParams(img: ImageMeta, rng: Generator): CropParams {
    const { height, width } = img;
    const area = height * width;
    const logLo = Math.log(this.ratio[0]), logHi = Math.log(this.ratio[1]);
    for (let attempt = 0; attempt < 10; attempt++) {
      const targetArea = area * uniform(rng, this.scale[0], this.scale[1]);
      const aspect = Math.exp(uniform(rng, logLo, logHi));
      const w = roundHalfEven(Math.sqrt(targetArea * aspect));
      const h = roundHalfEven(Math.sqrt(targetArea / aspect));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        return { top: randint(rng, 0, height - h + 1), left: randint(rng, 0, width - w + 1), height: h, width: w };
      }
    }
    // Fallback to a central crop with the ratio clamped to the allowed range
    const inRatio = width / height;
    let w: number, h: number;
    if (inRatio < this.ratio[0]) { w = width; h = roundHalfEven(w / this.ratio[0]); }
    else if (inRatio > this.ratio[1]) { h = height; w = roundHalfEven(h * this.ratio[1]); }
    else { w = width; h = height; }
    return { top: Math.floor((height - h) / 2), left: Math.floor((width - w) / 2), height: h, width: w };
  }

  apply(img: Image, p: CropParams): Image {
    return resizedCrop(img, p.top, p.left, p.height, p.width, this.size, this.options);
  }

  override outputMeta(meta: ImageMeta): ImageMeta { return { height: this.size[0], width: this.size[1], channels: meta.channels }; }
  override toString(): string { return `RandomResizedCrop(size=[${this.size}], scale=[${this.scale}], ratio=[${this.ratio.map((r) => r.toFixed(4))}])`; }
}

export interface ScaleParams { shortSide: number; top: number; left: number }

/**
 * ResNet's scale augmentation (He et al. 2016, from VGG): resize so the short side is
 * L ~ U{minSize..maxSize} (integers, inclusive), then a random cropSize x cropSize window.
 * `ScaleAugment.forCrop(32)` scales the ImageNet recipe (256..480, crop 224) to small images.
 * @example new ScaleAugment().call(sampleImage("chelsea"), rng(0)).shape // [224, 224, 3]
 */
export class ScaleAugment extends Transform<ScaleParams> {
  readonly name = "ScaleAugment";
  readonly minSize: number;
  readonly maxSize: number;
  readonly cropSize: number;

  constructor(options: { minSize?: number; maxSize?: number; cropSize?: number } = {}) {
    super();
    this.minSize = options.minSize ?? 256;
    this.maxSize = options.maxSize ?? 480;
    this.cropSize = options.cropSize ?? 224;
    if (!(Number.isInteger(this.minSize) && Number.isInteger(this.maxSize) && Number.isInteger(this.cropSize) && this.cropSize > 0 && this.cropSize <= this.minSize && this.minSize <= this.maxSize)) {
      throw new RangeError(`ScaleAugment: need integers cropSize <= minSize <= maxSize; got cropSize=${this.cropSize}, minSize=${this.minSize}, maxSize=${this.maxSize}`);
    }
  }

  /** The ImageNet recipe scaled by cropSize / 224 (for CIFAR: crop 32, short side 37..69). */
  static forCrop(cropSize: number): ScaleAugment {
    const k = cropSize / 224;
    return new ScaleAugment({ minSize: Math.round(256 * k), maxSize: Math.round(480 * k), cropSize });
  }

  makeParams(img: ImageMeta, rng: Generator): ScaleParams {
    const shortSide = randint(rng, this.minSize, this.maxSize + 1);
    const [h, w] = resizedOutputSize(img.height, img.width, shortSide);
    return { shortSide, top: randint(rng, 0, h - this.cropSize + 1), left: randint(rng, 0, w - this.cropSize + 1) };
  }

  apply(img: Image, p: ScaleParams): Image {
    return crop(resize(img, p.shortSide), p.top, p.left, this.cropSize, this.cropSize);
  }

  override outputMeta(meta: ImageMeta): ImageMeta { return { height: this.cropSize, width: this.cropSize, channels: meta.channels }; }
  override toString(): string { return `ScaleAugment(shortSide=${this.minSize}..${this.maxSize}, crop=${this.cropSize})`; }
}
