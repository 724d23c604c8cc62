// Normalize (per-channel (x - mean) / std on float images) and ToFloat (uint8 -> float32 / 255).
import type { Image } from "../../data/image.js";
import { Image as ImageClass } from "../../data/image.js";
import { Transform } from "./transform.js";

/** torchvision's documented ImageNet statistics (for images in [0, 1]). */
export const IMAGENET_MEAN = Object.freeze([0.485, 0.456, 0.406]);
export const IMAGENET_STD = Object.freeze([0.229, 0.224, 0.225]);

/**
 * Per-channel standardization of a float32 image, as torchvision's Normalize (uint8 is refused, as there).
 * @example new Normalize(IMAGENET_MEAN, IMAGENET_STD).call(img.toDType("float32"), rng(0))
 */
export class Normalize extends Transform<null> {
  readonly name = "Normalize";
  readonly mean: readonly number[];
  readonly std: readonly number[];
  constructor(mean: readonly number[], std: readonly number[]) {
    super();
    if (!Array.isArray(mean) || !Array.isArray(std) || mean.length === 0 || std.length === 0) throw new TypeError(`Normalize: mean and std must be arrays of numbers (one per channel)`);
    if (std.some((s) => s === 0)) throw new RangeError(`Normalize: std evaluated to zero, leading to division by zero; got [${std}]`);
    this.mean = [...mean];
    this.std = [...std];
  }
  makeParams(): null { return null; }
  apply(img: Image): Image {
    if (img.dtype !== "float32") throw new TypeError(`Normalize: input should be a float32 image; got ${img.dtype} (convert with new ToFloat() or img.toDType("float32"))`);
    const c = img.channels;
    for (const [name, v] of [["mean", this.mean], ["std", this.std]] as const) {
      if (v.length !== 1 && v.length !== c) throw new RangeError(`Normalize: ${name} has ${v.length} values but the image has ${c} channels`);
    }
    const out = new Float32Array(img.data.length);
    for (let i = 0; i < out.length; i++) {
      const k = i % c;
      out[i] = (img.data[i] - this.mean[this.mean.length === 1 ? 0 : k]) / this.std[this.std.length === 1 ? 0 : k];
    }
    return new ImageClass(out, img.height, img.width, c);
  }
  override toString(): string { return `Normalize(mean=[${this.mean}], std=[${this.std}])`; }
}

/** uint8 -> float32 in [0, 1] (torchvision's ToDtype(torch.float32, scale=True)). @example new ToFloat().call(img, rng(0)).dtype // "float32" */
export class ToFloat extends Transform<null> {
  readonly name = "ToFloat";
  makeParams(): null { return null; }
  apply(img: Image): Image { return img.toDType("float32"); }
}
