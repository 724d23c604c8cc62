// RandomHorizontalFlip / RandomVerticalFlip (p = 0.5 by default, as torchvision): one sampler
// (a Bernoulli(p) draw) and the flip kernel that differs.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { horizontalFlip, verticalFlip } from "../functional/flip.js";
import { Transform, checkP, drawApplied, type Applied, type ImageMeta } from "./transform.js";

abstract class RandomFlip extends Transform<Applied> {
  readonly p: number;
  constructor(readonly name: string, private readonly flip: (img: Image) => Image, options: { p?: number }) {
    super();
    this.p = checkP(name, options.p ?? 0.5);
  }
  makeParams(_img: ImageMeta, rng: Generator): Applied {
    return { applied: drawApplied(rng, this.p) };
  }
  apply(img: Image, params: Applied): Image {
    return params.applied ? this.flip(img) : img.clone();
  }
  override toString(): string { return `${this.name}(p=${this.p})`; }
}

/** Mirrors left-right with probability p. @example new RandomHorizontalFlip({ p: 0.5 }).call(img, rng(0)) */
export class RandomHorizontalFlip extends RandomFlip {
  constructor(options: { p?: number } = {}) { super("RandomHorizontalFlip", horizontalFlip, options); }
}

/** Mirrors top-bottom with probability p. @example new RandomVerticalFlip({ p: 1 }).call(img, rng(0)) */
export class RandomVerticalFlip extends RandomFlip {
  constructor(options: { p?: number } = {}) { super("RandomVerticalFlip", verticalFlip, options); }
}
