// AutoAugment (Cubuk et al. 2019) with torchvision's three learned policies: each is 25 pairs of
// (op, probability, magnitude bin of 10); one pair is drawn per image, each op applied with its
// probability, signed ops negated when rand <= 0.5.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import type { Interpolation } from "../functional/resize.js";
import { applyAugmentOp, RANDAUGMENT_SPACE, type AugmentOp, type AugmentationSpace, type OpParams } from "./auto-augment.js";
import { Transform, type ImageMeta } from "./transform.js";

/**
 * torchvision's AutoAugment._AUGMENTATION_SPACE (10 magnitude bins): RandAugment's table without
 * Identity, plus Invert (torchvision spells the same ranges out in both classes).
 */
const { Identity: _identity, ...randAugmentOps } = RANDAUGMENT_SPACE;
export const AUTOAUGMENT_SPACE: AugmentationSpace = { ...randAugmentOps, Invert: { magnitudes: () => null, signed: false } };

type Step = [AugmentOp, number, number | null];
type Policy = [Step, Step][];

/** The learned policies, as listed in torchvision's AutoAugment._get_policies. */
export const AUTOAUGMENT_POLICIES: Record<"imagenet" | "cifar10" | "svhn", Policy> = {
  imagenet: [
    [["Posterize", 0.4, 8], ["Rotate", 0.6, 9]], [["Solarize", 0.6, 5], ["AutoContrast", 0.6, null]],
    [["Equalize", 0.8, null], ["Equalize", 0.6, null]], [["Posterize", 0.6, 7], ["Posterize", 0.6, 6]],
    [["Equalize", 0.4, null], ["Solarize", 0.2, 4]], [["Equalize", 0.4, null], ["Rotate", 0.8, 8]],
    [["Solarize", 0.6, 3], ["Equalize", 0.6, null]], [["Posterize", 0.8, 5], ["Equalize", 1.0, null]],
    [["Rotate", 0.2, 3], ["Solarize", 0.6, 8]], [["Equalize", 0.6, null], ["Posterize", 0.4, 6]],
    [["Rotate", 0.8, 8], ["Color", 0.4, 0]], [["Rotate", 0.4, 9], ["Equalize", 0.6, null]],
    [["Equalize", 0.0, null], ["Equalize", 0.8, null]], [["Invert", 0.6, null], ["Equalize", 1.0, null]],
    [["Color", 0.6, 4], ["Contrast", 1.0, 8]], [["Rotate", 0.8, 8], ["Color", 1.0, 2]],
    [["Color", 0.8, 8], ["Solarize", 0.8, 7]], [["Sharpness", 0.4, 7], ["Invert", 0.6, null]],
    [["ShearX", 0.6, 5], ["Equalize", 1.0, null]], [["Color", 0.4, 0], ["Equalize", 0.6, null]],
    [["Equalize", 0.4, null], ["Solarize", 0.2, 4]], [["Solarize", 0.6, 5], ["AutoContrast", 0.6, null]],
    [["Invert", 0.6, null], ["Equalize", 1.0, null]], [["Color", 0.6, 4], ["Contrast", 1.0, 8]],
    [["Equalize", 0.8, null], ["Equalize", 0.6, null]],
  ],
  cifar10: [
    [["Invert", 0.1, null], ["Contrast", 0.2, 6]], [["Rotate", 0.7, 2], ["TranslateX", 0.3, 9]],
    [["Sharpness", 0.8, 1], ["Sharpness", 0.9, 3]], [["ShearY", 0.5, 8], ["TranslateY", 0.7, 9]],
    [["AutoContrast", 0.5, null], ["Equalize", 0.9, null]], [["ShearY", 0.2, 7], ["Posterize", 0.3, 7]],
    [["Color", 0.4, 3], ["Brightness", 0.6, 7]], [["Sharpness", 0.3, 9], ["Brightness", 0.7, 9]],
    [["Equalize", 0.6, null], ["Equalize", 0.5, null]], [["Contrast", 0.6, 7], ["Sharpness", 0.6, 5]],
    [["Color", 0.7, 7], ["TranslateX", 0.5, 8]], [["Equalize", 0.3, null], ["AutoContrast", 0.4, null]],
    [["TranslateY", 0.4, 3], ["Sharpness", 0.2, 6]], [["Brightness", 0.9, 6], ["Color", 0.2, 8]],
    [["Solarize", 0.5, 2], ["Invert", 0.0, null]], [["Equalize", 0.2, null], ["AutoContrast", 0.6, null]],
    [["Equalize", 0.2, null], ["Equalize", 0.6, null]], [["Color", 0.9, 9], ["Equalize", 0.6, null]],
    [["AutoContrast", 0.8, null], ["Solarize", 0.2, 8]], [["Brightness", 0.1, 3], ["Color", 0.7, 0]],
    [["Solarize", 0.4, 5], ["AutoContrast", 0.9, null]], [["TranslateY", 0.9, 9], ["TranslateY", 0.7, 9]],
    [["AutoContrast", 0.9, null], ["Solarize", 0.8, 3]], [["Equalize", 0.8, null], ["Invert", 0.1, null]],
    [["TranslateY", 0.7, 9], ["AutoContrast", 0.9, null]],
  ],
  svhn: [
    [["ShearX", 0.9, 4], ["Invert", 0.2, null]], [["ShearY", 0.9, 8], ["Invert", 0.7, null]],
    [["Equalize", 0.6, null], ["Solarize", 0.6, 6]], [["Invert", 0.9, null], ["Equalize", 0.6, null]],
    [["Equalize", 0.6, null], ["Rotate", 0.9, 3]], [["ShearX", 0.9, 4], ["AutoContrast", 0.8, null]],
    [["ShearY", 0.9, 8], ["Invert", 0.4, null]], [["ShearY", 0.9, 5], ["Solarize", 0.2, 6]],
    [["Invert", 0.9, null], ["AutoContrast", 0.8, null]], [["Equalize", 0.6, null], ["Rotate", 0.9, 3]],
    [["ShearX", 0.9, 4], ["Solarize", 0.3, 3]], [["ShearY", 0.8, 8], ["Invert", 0.7, null]],
    [["Equalize", 0.9, null], ["TranslateY", 0.6, 6]], [["Invert", 0.9, null], ["Equalize", 0.6, null]],
    [["Contrast", 0.3, 3], ["Rotate", 0.8, 4]], [["Invert", 0.8, null], ["TranslateY", 0.0, 2]],
    [["ShearY", 0.7, 6], ["Solarize", 0.4, 8]], [["Invert", 0.6, null], ["Rotate", 0.8, 4]],
    [["ShearY", 0.3, 7], ["TranslateX", 0.9, 3]], [["ShearX", 0.1, 6], ["Invert", 0.6, null]],
    [["Solarize", 0.7, 2], ["TranslateY", 0.6, 7]], [["ShearY", 0.8, 4], ["Invert", 0.8, null]],
    [["ShearX", 0.7, 9], ["TranslateY", 0.8, 3]], [["ShearY", 0.8, 5], ["AutoContrast", 0.7, null]],
    [["ShearX", 0.7, 2], ["Invert", 0.1, null]],
  ],
};

/**
 * AutoAugment with a learned policy ("imagenet" default, "cifar10", "svhn").
 * @example new AutoAugment({ policy: "cifar10" }).call(img, rng(0))
 */
export class AutoAugment extends Transform<OpParams[]> {
  readonly name = "AutoAugment";
  readonly policy: "imagenet" | "cifar10" | "svhn";
  readonly interpolation: Interpolation;
  readonly fill: number | readonly number[] | undefined;

  constructor(options: { policy?: "imagenet" | "cifar10" | "svhn"; interpolation?: Interpolation; fill?: number | readonly number[] } = {}) {
    super();
    this.policy = options.policy ?? "imagenet";
    if (!(this.policy in AUTOAUGMENT_POLICIES)) throw new RangeError(`AutoAugment: policy must be "imagenet", "cifar10" or "svhn"; got ${JSON.stringify(this.policy)}`);
    this.interpolation = options.interpolation ?? "nearest";
    this.fill = options.fill;
  }

  makeParams(img: ImageMeta, rng: Generator): OpParams[] {
    const policies = AUTOAUGMENT_POLICIES[this.policy];
    const pair = policies[rng.integers(0, policies.length)];
    const out: OpParams[] = [];
    for (const [op, p, bin] of pair) {
      if (!(rng.random() <= p)) continue;
      const { magnitudes, signed } = AUTOAUGMENT_SPACE[op];
      const table = magnitudes(10, img.height, img.width);
      let magnitude = table === null || bin === null ? 0 : table[bin];
      if (table !== null && signed && rng.random() <= 0.5) magnitude = -magnitude;
      out.push({ op, magnitude });
    }
    return out;
  }

  apply(img: Image, params: OpParams[]): Image {
    let out = img;
    for (const { op, magnitude } of params) out = applyAugmentOp(out, op, magnitude, { interpolation: this.interpolation, fill: this.fill });
    return out === img ? img.clone() : out;
  }

  override toString(): string { return `AutoAugment(policy=${this.policy}, interpolation=${this.interpolation})`; }
}
