// RandomErasing (Zhong et al. 2020) with torchvision's defaults and sampling, and Cutout
// (DeVries & Taylor 2017): a square of side `length` centred anywhere, clipped at the borders.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { roundHalfEven } from "../functional/util.js";
import { Transform, checkP, randint, uniform, type ImageMeta } from "./transform.js";

/** A rectangle to overwrite; `value` per channel, or per pixel (random) when `values` is set. */
export interface EraseParams { top: number; left: number; height: number; width: number; value: number[] | null; values: Float32Array | null }

/**
 * Writes `value` (per channel) into the window, or the per-pixel `values` (HWC of the window).
 * @example erase(img, { top: 0, left: 0, height: 2, width: 2, value: [0], values: null })
 */
export function erase(img: Image, p: EraseParams): Image {
  const out = img.clone();
  const { width: W, channels: c } = img;
  const y1 = Math.min(img.height, p.top + p.height), x1 = Math.min(W, p.left + p.width);
  for (let y = Math.max(0, p.top); y < y1; y++) {
    for (let x = Math.max(0, p.left); x < x1; x++) {
      for (let k = 0; k < c; k++) {
        const v = p.values !== null ? p.values[((y - p.top) * p.width + (x - p.left)) * c + k] : p.value![p.value!.length === 1 ? 0 : k];
        // uint8 storage clamps like a saturating cast, not wrap-around
        out.data[(y * W + x) * c + k] = img.dtype === "uint8" ? Math.min(255, Math.max(0, Math.round(v))) : v;
      }
    }
  }
  return out;
}

const NOOP = (img: ImageMeta): EraseParams => ({ top: 0, left: 0, height: img.height, width: img.width, value: null, values: null });

/**
 * Erases a random rectangle with probability p (torchvision defaults p=0.5, scale [0.02, 0.33],
 * ratio [0.3, 3.3], value 0; value "random" draws standard normals per pixel).
 * @example new RandomErasing({ p: 1 }).call(img, rng(0)) // one rectangle set to 0
 */
export class RandomErasing extends Transform<EraseParams> {
  readonly name = "RandomErasing";
  readonly p: number;
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly value: number[] | "random";

  constructor(options: { p?: number; scale?: readonly [number, number]; ratio?: readonly [number, number]; value?: number | readonly number[] | "random" } = {}) {
    super();
    this.p = checkP(this.name, options.p ?? 0.5);
    const scale = options.scale ?? [0.02, 0.33], ratio = options.ratio ?? [0.3, 3.3];
    if (!(scale.length === 2 && scale[0] >= 0 && scale[1] <= 1 && scale[0] <= scale[1])) throw new RangeError(`RandomErasing: scale must be [min, max] within [0, 1]; got ${JSON.stringify(scale)}`);
    if (!(ratio.length === 2 && ratio[0] > 0 && ratio[0] <= ratio[1])) throw new RangeError(`RandomErasing: ratio must be [min, max] with 0 < min <= max; got ${JSON.stringify(ratio)}`);
    this.scale = [scale[0], scale[1]];
    this.ratio = [ratio[0], ratio[1]];
    const v = options.value ?? 0;
    if (v === "random") this.value = "random";
    else if (typeof v === "number") this.value = [v];
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number")) this.value = [...v];
    else throw new TypeError(`RandomErasing: value should be a number, an array of numbers or "random"; got ${JSON.stringify(v)}`);
  }

  makeParams(img: ImageMeta, rng: Generator): EraseParams {
    if (this.value !== "random" && !(this.value.length === 1 || this.value.length === img.channels)) {
      throw new RangeError(`RandomErasing: value should have a single value or ${img.channels} (one per channel); got ${this.value.length}`);
    }
    if (!(rng.random() < this.p)) return NOOP(img);
    const area = img.height * img.width;
    const logLo = Math.log(this.ratio[0]), logHi = Math.log(this.ratio[1]);
    for (let attempt = 0; attempt < 10; attempt++) {
      const eraseArea = area * uniform(rng, this.scale[0], this.scale[1]);
      const aspect = Math.exp(uniform(rng, logLo, logHi));
      const h = roundHalfEven(Math.sqrt(eraseArea * aspect));
      const w = roundHalfEven(Math.sqrt(eraseArea / aspect));
      if (!(h < img.height && w < img.width)) continue;
      let values: Float32Array | null = null;
      if (this.value === "random") { values = new Float32Array(h * w * img.channels); for (let i = 0; i < values.length; i++) values[i] = rng.normal(); }
      const top = randint(rng, 0, img.height - h + 1), left = randint(rng, 0, img.width - w + 1);
      return { top, left, height: h, width: w, value: this.value === "random" ? null : this.value, values };
    }
    return NOOP(img); // torchvision gives up after 10 attempts and returns the input
  }

  apply(img: Image, p: EraseParams): Image {
    return p.value === null && p.values === null ? img.clone() : erase(img, p);
  }

  override toString(): string { return `RandomErasing(p=${this.p}, scale=[${this.scale}], ratio=[${this.ratio}], value=${JSON.stringify(this.value)})`; }
}

/**
 * Cutout: `nHoles` squares of side `length`, centres uniform over the image (clipped at borders), set to `value`.
 * @example new Cutout({ length: 16 }).call(cifarImage, rng(0))
 */
export class Cutout extends Transform<EraseParams[]> {
  readonly name = "Cutout";
  readonly length: number;
  readonly nHoles: number;
  readonly p: number;
  readonly value: number;

  constructor(options: { length?: number; nHoles?: number; p?: number; value?: number } = {}) {
    super();
    this.length = options.length ?? 16;
    this.nHoles = options.nHoles ?? 1;
    this.p = checkP(this.name, options.p ?? 1);
    this.value = options.value ?? 0;
    if (!Number.isInteger(this.length) || this.length <= 0) throw new RangeError(`Cutout: length must be a positive integer; got ${this.length}`);
    if (!Number.isInteger(this.nHoles) || this.nHoles < 0) throw new RangeError(`Cutout: nHoles must be a non-negative integer; got ${this.nHoles}`);
  }

  makeParams(img: ImageMeta, rng: Generator): EraseParams[] {
    if (!(rng.random() < this.p)) return [];
    const half = Math.floor(this.length / 2);
    return Array.from({ length: this.nHoles }, () => {
      const cy = randint(rng, 0, img.height), cx = randint(rng, 0, img.width);
      const y0 = Math.max(0, cy - half), y1 = Math.min(img.height, cy + half), x0 = Math.max(0, cx - half), x1 = Math.min(img.width, cx + half);
      return { top: y0, left: x0, height: y1 - y0, width: x1 - x0, value: [this.value], values: null };
    });
  }

  apply(img: Image, holes: EraseParams[]): Image {
    return holes.reduce((cur, h) => erase(cur, h), img.clone());
  }

  override toString(): string { return `Cutout(length=${this.length}, nHoles=${this.nHoles}, p=${this.p})`; }
}
