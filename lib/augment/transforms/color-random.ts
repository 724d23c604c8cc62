// torchvision's single-op color transforms: Grayscale, and the "apply with probability p" ones
// (RandomGrayscale p=0.1; RandomInvert, RandomPosterize, RandomSolarize, RandomEqualize,
// RandomAutocontrast, RandomAdjustSharpness p=0.5), each the kernel of the same name.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { rgbToGrayscale } from "../functional/color.js";
import { autocontrast, equalize } from "../functional/histogram.js";
import { invert, posterize, solarize } from "../functional/pointops.js";
import { adjustSharpness } from "../functional/sharpness.js";
import { gaussianBlur } from "../functional/blur.js";
import { Transform, checkP, drawApplied, type Applied, type ImageMeta } from "./transform.js";

/** Converts to grayscale (1 or 3 output channels). @example new Grayscale({ numOutputChannels: 3 }).call(img, rng(0)) */
export class Grayscale extends Transform<null> {
  readonly name = "Grayscale";
  readonly numOutputChannels: 1 | 3;
  constructor(options: { numOutputChannels?: 1 | 3 } = {}) {
    super();
    this.numOutputChannels = options.numOutputChannels ?? 1;
  }
  makeParams(): null { return null; }
  apply(img: Image): Image { return rgbToGrayscale(img, this.numOutputChannels); }
  override outputMeta(meta: ImageMeta): ImageMeta { return { ...meta, channels: this.numOutputChannels }; }
}

abstract class RandomKernel extends Transform<Applied> {
  readonly p: number;
  constructor(p: number) {
    super();
    this.p = checkP(this.constructor.name, p);
  }
  makeParams(_img: ImageMeta, rng: Generator): Applied { return { applied: drawApplied(rng, this.p) }; }
  apply(img: Image, params: Applied): Image { return params.applied ? this.kernel(img) : img.clone(); }
  protected abstract kernel(img: Image): Image;
  override toString(): string { return `${this.name}(p=${this.p})`; }
}

/** Grayscale with probability p (default 0.1), keeping the channel count. @example new RandomGrayscale({ p: 0.2 }).call(img, rng(0)) */
export class RandomGrayscale extends RandomKernel {
  readonly name = "RandomGrayscale";
  constructor(options: { p?: number } = {}) { super(options.p ?? 0.1); }
  protected kernel(img: Image): Image { return rgbToGrayscale(img, img.channels === 3 ? 3 : 1); }
}

/** Inverts with probability p (default 0.5). @example new RandomInvert().call(img, rng(0)) */
export class RandomInvert extends RandomKernel {
  readonly name = "RandomInvert";
  constructor(options: { p?: number } = {}) { super(options.p ?? 0.5); }
  protected kernel(img: Image): Image { return invert(img); }
}

/** Posterizes to `bits` bits with probability p (default 0.5). @example new RandomPosterize(4).call(img, rng(0)) */
export class RandomPosterize extends RandomKernel {
  readonly name = "RandomPosterize";
  readonly bits: number;
  constructor(bits: number, options: { p?: number } = {}) {
    super(options.p ?? 0.5);
    if (!Number.isInteger(bits) || bits < 0 || bits > 8) throw new RangeError(`RandomPosterize: bits must be an integer in [0, 8]; got ${bits}`);
    this.bits = bits;
  }
  protected kernel(img: Image): Image { return posterize(img, this.bits); }
}

/** Solarizes at `threshold` (pixel units) with probability p (default 0.5). @example new RandomSolarize(192).call(img, rng(0)) */
export class RandomSolarize extends RandomKernel {
  readonly name = "RandomSolarize";
  readonly threshold: number;
  constructor(threshold: number, options: { p?: number } = {}) { super(options.p ?? 0.5); this.threshold = threshold; }
  protected kernel(img: Image): Image { return solarize(img, this.threshold); }
}

/** Equalizes with probability p (default 0.5). @example new RandomEqualize().call(img, rng(0)) */
export class RandomEqualize extends RandomKernel {
  readonly name = "RandomEqualize";
  constructor(options: { p?: number } = {}) { super(options.p ?? 0.5); }
  protected kernel(img: Image): Image { return equalize(img); }
}

/** Autocontrasts with probability p (default 0.5). @example new RandomAutocontrast().call(img, rng(0)) */
export class RandomAutocontrast extends RandomKernel {
  readonly name = "RandomAutocontrast";
  constructor(options: { p?: number } = {}) { super(options.p ?? 0.5); }
  protected kernel(img: Image): Image { return autocontrast(img); }
}

/** Adjusts sharpness by `sharpnessFactor` with probability p (default 0.5). @example new RandomAdjustSharpness(2).call(img, rng(0)) */
export class RandomAdjustSharpness extends RandomKernel {
  readonly name = "RandomAdjustSharpness";
  readonly sharpnessFactor: number;
  constructor(sharpnessFactor: number, options: { p?: number } = {}) {
    super(options.p ?? 0.5);
    if (!(sharpnessFactor >= 0)) throw new RangeError(`RandomAdjustSharpness: sharpnessFactor must be >= 0; got ${sharpnessFactor}`);
    this.sharpnessFactor = sharpnessFactor;
  }
  protected kernel(img: Image): Image { return adjustSharpness(img, this.sharpnessFactor); }
}

/**
 * GaussianBlur with sigma ~ U(sigma[0], sigma[1]) per image (torchvision default [0.1, 2.0]).
 * @example new GaussianBlur(9, { sigma: [0.1, 2] }).call(img, rng(0))
 */
export class GaussianBlur extends Transform<{ sigma: number }> {
  readonly name = "GaussianBlur";
  readonly kernelSize: [number, number];
  readonly sigma: [number, number];
  constructor(kernelSize: number | readonly number[], options: { sigma?: number | readonly [number, number] } = {}) {
    super();
    const ks = typeof kernelSize === "number" ? [kernelSize, kernelSize] : [...kernelSize];
    if (ks.length !== 2 || !ks.every((k) => Number.isInteger(k) && k > 0 && k % 2 === 1)) throw new RangeError(`GaussianBlur: kernelSize values should be odd and positive; got ${JSON.stringify(kernelSize)}`);
    this.kernelSize = [ks[0], ks[1]];
    const s = options.sigma ?? [0.1, 2.0];
    const r: [number, number] = typeof s === "number" ? [s, s] : [s[0], s[1]];
    if (!(r[0] > 0 && r[0] <= r[1])) throw new RangeError(`GaussianBlur: sigma should be a positive number or [min, max] with 0 < min <= max; got ${JSON.stringify(s)}`);
    this.sigma = r;
  }
  makeParams(_img: ImageMeta, rng: Generator): { sigma: number } {
    return { sigma: this.sigma[0] + (this.sigma[1] - this.sigma[0]) * rng.random() };
  }
  apply(img: Image, p: { sigma: number }): Image { return gaussianBlur(img, this.kernelSize, [p.sigma, p.sigma]); }
  override toString(): string { return `GaussianBlur(kernelSize=[${this.kernelSize}], sigma=[${this.sigma}])`; }
}
