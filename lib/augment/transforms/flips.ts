// RandomHorizontalFlip / RandomVerticalFlip (p = 0.5 by default, as torchvision).
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { horizontalFlip, verticalFlip } from "../functional/flip.js";
import { Transform, checkP, drawApplied, type Applied, type ImageMeta } from "./transform.js";

/** Mirrors left-right with probability p. @example new RandomHorizontalFlip({ p: 0.5 }).call(img, rng(0)) */
export class RandomHorizontalFlip extends Transform<Applied> {
  readonly name = "RandomHorizontalFlip";
  readonly p: number;
  constructor(options: { p?: number } = {}) {
    super();
    this.p = checkP(this.name, options.p ?? 0.5);
  }
  makeParams(_img: ImageMeta, rng: Generator): Applied {
    return { applied: drawApplied(rng, this.p) };
  }
  apply(img: Image, params: Applied): Image {
    return params.applied ? horizontalFlip(img) : img.clone();
  }
  override toString(): string { return `RandomHorizontalFlip(p=${this.p})`; }
}

/** Mirrors top-bottom with probability p. @example new RandomVerticalFlip({ p: 1 }).call(img, rng(0)) */
export class RandomVerticalFlip extends Transform<Applied> {
  readonly name = "RandomVerticalFlip";
  readonly p: number;
  constructor(options: { p?: number } = {}) {
    super();
    this.p = checkP(this.name, options.p ?? 0.5);
  }
  makeParams(_img: ImageMeta, rng: Generator): Applied {
    return { applied: drawApplied(rng, this.p) };
  }
  apply(img: Image, params: Applied): Image {
    return params.applied ? verticalFlip(img) : img.clone();
  }
  override toString(): string { return `RandomVerticalFlip(p=${this.p})`; }
}
