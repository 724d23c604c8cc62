// The transform protocol (STYLE rule 7, torchvision v2's make_params / transform): a seeded
// sampler `makeParams(img, rng)` that looks only at the image's size, plus a deterministic kernel
// `apply(img, params)`. `outputMeta` tells Compose the size after the transform, so a whole
// pipeline's parameters can be drawn before any pixel is touched.
import type { Generator } from "../../random/index.js";
import { Tensor } from "../../tensor/tensor.js";
import { Image } from "../../data/image.js";
import { imageFromTensor, imageToTensor, imagesFromTensor, imagesToTensor, guessLayout, type ImageLayout } from "../../data/tensor-image.js";

/** What a sampler may look at: the size, never the pixels. */
export interface ImageMeta {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Anything a transform accepts: an Image, or a Tensor [H, W, C] / [C, H, W]. */
export type ImageLike = Image | Tensor;

/** Base class of every augmentation. */
export abstract class Transform<P = unknown> {
  /** torchvision's class name, for printing. */
  abstract readonly name: string;

  /** Draws the random parameters for an image of this size. */
  abstract makeParams(img: ImageMeta, rng: Generator): P;

  /** Applies the transform with fixed parameters; never mutates `img`. */
  abstract apply(img: Image, params: P): Image;

  /** The size after applying with `params` (default: unchanged). */
  outputMeta(meta: ImageMeta, _params: P): ImageMeta {
    return meta;
  }

  /**
   * Samples and applies: `t.call(img, rng)`. Tensors come back as tensors in their own layout.
   * @example new RandomHorizontalFlip({ p: 1 }).call(img, rng(0)) // img mirrored
   */
  call(img: Image, rng: Generator): Image;
  call(img: Tensor, rng: Generator, layout?: ImageLayout): Tensor;
  call(img: ImageLike, rng: Generator, layout?: ImageLayout): ImageLike {
    checkRng(rng, this.name);
    if (img instanceof Tensor) {
      const l = layout ?? guessLayout(img.shape, this.name);
      const out = this.call(imageFromTensor(img, l), rng);
      return imageToTensor(out, l);
    }
    if (!(img instanceof Image)) throw new TypeError(`${this.name}: expected an Image or a Tensor; got ${img === null ? "null" : typeof img}`);
    return this.apply(img, this.makeParams(img, rng));
  }

  /**
   * Applies to every image of a batch with independent draws from `rng`, in order.
   * A 4-D tensor ([N, H, W, C] or [N, C, H, W]) comes back stacked in the same layout.
   * @example new RandomCrop(32, { padding: 4 }).batch(images, rng(0)).length // images.length
   */
  batch(images: readonly Image[], rng: Generator): Image[];
  batch(images: Tensor, rng: Generator, layout?: ImageLayout): Tensor;
  batch(images: readonly Image[] | Tensor, rng: Generator, layout?: ImageLayout): Image[] | Tensor {
    checkRng(rng, this.name);
    if (images instanceof Tensor) {
      const l = layout ?? guessLayout(images.shape.slice(1), this.name);
      return imagesToTensor(this.batch(imagesFromTensor(images, l), rng), l);
    }
    return images.map((img) => this.call(img, rng));
  }

  toString(): string {
    return `${this.name}()`;
  }
}

/** Checks that `rng` looks like a Generator (randomness is always passed in, STYLE rule 6). */
export function checkRng(rng: unknown, op: string): Generator {
  if (rng === null || typeof rng !== "object" || typeof (rng as Generator).random !== "function") {
    throw new TypeError(`${op}: expected a random generator (rng(seed) from deeprob-ts) as the second argument; got ${rng === null ? "null" : typeof rng}`);
  }
  return rng as Generator;
}

/** Checks a probability. */
export function checkP(op: string, p: unknown): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new RangeError(`${op}: p must be a probability in [0, 1]; got ${JSON.stringify(p)}`);
  return p;
}

/** Parameters of a transform applied with probability p (torchvision's _RandomApplyTransform). */
export interface Applied {
  applied: boolean;
}

/** Draws "apply?" as torchvision: skip when rand >= p (so p = 0 never applies, p = 1 always does). */
export function drawApplied(rng: Generator, p: number): boolean {
  return rng.random() < p;
}

/** A uniform float in [low, high) (torch.empty(1).uniform_(low, high)). */
export function uniform(rng: Generator, low: number, high: number): number {
  return low === high ? low : low + (high - low) * rng.random();
}

/** A uniform integer in [low, high) (torch.randint(low, high)). */
export function randint(rng: Generator, low: number, high: number): number {
  return rng.integers(low, high);
}
