// Compose: a pipeline whose parameters are drawn for all steps first (sizes propagate through
// outputMeta), then applied in order, so `apply(img, makeParams(img, rng))` equals `call`.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { Transform, type ImageMeta } from "./transform.js";

/** A pipeline of transforms (see `compose`). @example new Compose([new RandomCrop(32, { padding: 4 }), new RandomHorizontalFlip()]) */
export class Compose extends Transform<unknown[]> {
  readonly name = "Compose";
  readonly transforms: readonly Transform<any>[];

  constructor(transforms: readonly Transform<any>[]) {
    super();
    if (!Array.isArray(transforms) || !transforms.every((t) => t instanceof Transform)) {
      throw new TypeError(`Compose: expected an array of transforms; got ${JSON.stringify(transforms)}`);
    }
    this.transforms = [...transforms];
  }

  makeParams(img: ImageMeta, rng: Generator): unknown[] {
    let meta: ImageMeta = { height: img.height, width: img.width, channels: img.channels };
    return this.transforms.map((t) => {
      const p = t.makeParams(meta, rng);
      meta = t.outputMeta(meta, p);
      return p;
    });
  }

  apply(img: Image, params: unknown[]): Image {
    if (!Array.isArray(params) || params.length !== this.transforms.length) {
      throw new RangeError(`Compose.apply: expected ${this.transforms.length} parameter sets (one per transform); got ${Array.isArray(params) ? params.length : typeof params}`);
    }
    return this.transforms.reduce((cur, t, i) => t.apply(cur, params[i]), img);
  }

  override outputMeta(meta: ImageMeta, params: unknown[]): ImageMeta {
    return this.transforms.reduce((m, t, i) => t.outputMeta(m, params[i]), meta);
  }

  override toString(): string {
    return `Compose([\n${this.transforms.map((t) => `  ${t.toString()},`).join("\n")}\n])`;
  }
}

/**
 * A pipeline, as torchvision's `Compose([...])`.
 * @example compose([new RandomCrop(32, { padding: 4 }), new RandomHorizontalFlip()]).call(img, rng(0))
 */
export function compose(transforms: readonly Transform<any>[]): Compose {
  return new Compose(transforms);
}
