// RandAugment (Cubuk et al. 2020; the lecture's 14 ops) and TrivialAugmentWide (Müller & Hutter 2021),
// with torchvision's magnitude tables (torch.linspace in float32, torch.round half to even) and its
// random signs (negated when rand <= 0.5).
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { affine, rotate } from "../functional/affine.js";
import { adjustBrightness, adjustContrast, adjustSaturation } from "../functional/color.js";
import { adjustSharpness } from "../functional/sharpness.js";
import { autocontrast, equalize } from "../functional/histogram.js";
import { invert, posterize, solarize } from "../functional/pointops.js";
import type { Interpolation } from "../functional/resize.js";
import { roundHalfEven } from "../functional/util.js";
import { Transform, type ImageMeta } from "./transform.js";

const fr = Math.fround;

/** torch.linspace(start, end, steps) in float32 (its symmetric two-sided formula). @example linspace32(0, 30, 31)[9] // 9 */
export function linspace32(start: number, end: number, steps: number): number[] {
  if (steps === 1) return [fr(start)];
  start = fr(start);
  end = fr(end);
  const step = fr(fr(end - start) / (steps - 1));
  const half = Math.floor(steps / 2);
  return Array.from({ length: steps }, (_, i) => (i < half ? fr(start + fr(step * i)) : fr(end - fr(step * (steps - i - 1)))));
}

/** The ops of RandAugment / TrivialAugment, named as torchvision. */
export type AugmentOp = "Identity" | "ShearX" | "ShearY" | "TranslateX" | "TranslateY" | "Rotate" | "Brightness" | "Color"
  | "Contrast" | "Sharpness" | "Posterize" | "Solarize" | "AutoContrast" | "Equalize" | "Invert";

/** A magnitude table entry: the magnitudes per bin (null: the op takes none) and whether a sign is drawn. */
export type AugmentationSpace = Record<string, { magnitudes: (bins: number, height: number, width: number) => number[] | null; signed: boolean }>;

const none = () => null;
const posterizeBins = (top: number) => (bins: number) => Array.from({ length: bins }, (_, i) => 8 - roundHalfEven(fr(i / fr((bins - 1) / top))));

/** torchvision's RandAugment._AUGMENTATION_SPACE (the slide's 14 transforms). */
export const RANDAUGMENT_SPACE: AugmentationSpace = {
  Identity: { magnitudes: none, signed: false },
  ShearX: { magnitudes: (b) => linspace32(0, 0.3, b), signed: true },
  ShearY: { magnitudes: (b) => linspace32(0, 0.3, b), signed: true },
  TranslateX: { magnitudes: (b, _h, w) => linspace32(0, (150 / 331) * w, b), signed: true },
  TranslateY: { magnitudes: (b, h) => linspace32(0, (150 / 331) * h, b), signed: true },
  Rotate: { magnitudes: (b) => linspace32(0, 30, b), signed: true },
  Brightness: { magnitudes: (b) => linspace32(0, 0.9, b), signed: true },
  Color: { magnitudes: (b) => linspace32(0, 0.9, b), signed: true },
  Contrast: { magnitudes: (b) => linspace32(0, 0.9, b), signed: true },
  Sharpness: { magnitudes: (b) => linspace32(0, 0.9, b), signed: true },
  Posterize: { magnitudes: posterizeBins(4), signed: false },
  Solarize: { magnitudes: (b) => linspace32(1, 0, b), signed: false },
  AutoContrast: { magnitudes: none, signed: false },
  Equalize: { magnitudes: none, signed: false },
};

/** torchvision's TrivialAugmentWide._AUGMENTATION_SPACE (wider ranges, absolute 32-pixel translations). */
export const TRIVIALAUGMENT_WIDE_SPACE: AugmentationSpace = {
  Identity: { magnitudes: none, signed: false },
  ShearX: { magnitudes: (b) => linspace32(0, 0.99, b), signed: true },
  ShearY: { magnitudes: (b) => linspace32(0, 0.99, b), signed: true },
  TranslateX: { magnitudes: (b) => linspace32(0, 32, b), signed: true },
  TranslateY: { magnitudes: (b) => linspace32(0, 32, b), signed: true },
  Rotate: { magnitudes: (b) => linspace32(0, 135, b), signed: true },
  Brightness: { magnitudes: (b) => linspace32(0, 0.99, b), signed: true },
  Color: { magnitudes: (b) => linspace32(0, 0.99, b), signed: true },
  Contrast: { magnitudes: (b) => linspace32(0, 0.99, b), signed: true },
  Sharpness: { magnitudes: (b) => linspace32(0, 0.99, b), signed: true },
  Posterize: { magnitudes: posterizeBins(6), signed: false },
  Solarize: { magnitudes: (b) => linspace32(1, 0, b), signed: false },
  AutoContrast: { magnitudes: none, signed: false },
  Equalize: { magnitudes: none, signed: false },
};

/** One sampled op with its signed magnitude (0 for ops without one). */
export interface OpParams { op: AugmentOp; magnitude: number }

/**
 * Applies one op with a fixed magnitude, as torchvision's `_apply_image_or_video_transform`.
 * @example applyAugmentOp(img, "Rotate", 30) // rotated 30 degrees counter-clockwise, nearest, zero fill
 */
export function applyAugmentOp(img: Image, op: AugmentOp, magnitude: number, options: { interpolation?: Interpolation; fill?: number | readonly number[] } = {}): Image {
  const { interpolation = "nearest", fill } = options;
  const deg = (m: number) => (Math.atan(m) * 180) / Math.PI;
  switch (op) {
    case "Identity": return img.clone();
    case "ShearX": return affine(img, { shear: [deg(magnitude), 0], interpolation, fill, center: [0, 0] });
    case "ShearY": return affine(img, { shear: [0, deg(magnitude)], interpolation, fill, center: [0, 0] });
    case "TranslateX": return affine(img, { translate: [Math.trunc(magnitude), 0], interpolation, fill });
    case "TranslateY": return affine(img, { translate: [0, Math.trunc(magnitude)], interpolation, fill });
    case "Rotate": return rotate(img, magnitude, { interpolation, fill });
    case "Brightness": return adjustBrightness(img, 1 + magnitude);
    case "Color": return adjustSaturation(img, 1 + magnitude);
    case "Contrast": return adjustContrast(img, 1 + magnitude);
    case "Sharpness": return adjustSharpness(img, 1 + magnitude);
    case "Posterize": return posterize(img, Math.trunc(magnitude));
    case "Solarize": return solarize(img, img.bound * magnitude);
    case "AutoContrast": return autocontrast(img);
    case "Equalize": return equalize(img);
    case "Invert": return invert(img);
    default: throw new RangeError(`applyAugmentOp: unknown op ${JSON.stringify(op)}`);
  }
}

abstract class AutoAugmentBase extends Transform<OpParams[]> {
  readonly interpolation: Interpolation;
  readonly fill: number | readonly number[] | undefined;
  constructor(options: { interpolation?: Interpolation; fill?: number | readonly number[] }) {
    super();
    this.interpolation = options.interpolation ?? "nearest";
    if (this.interpolation !== "nearest" && this.interpolation !== "bilinear") throw new RangeError(`interpolation must be "nearest" or "bilinear"; got ${JSON.stringify(this.interpolation)}`);
    this.fill = options.fill;
  }

  // One op drawn uniformly from the space, its magnitude from bin `bin`, sign by a coin.
  protected draw(space: AugmentationSpace, bins: number, bin: number | null, img: ImageMeta, rng: Generator): OpParams {
    const keys = Object.keys(space);
    const op = keys[rng.integers(0, keys.length)] as AugmentOp;
    const { magnitudes, signed } = space[op];
    const table = magnitudes(bins, img.height, img.width);
    if (table === null) return { op, magnitude: 0 };
    let magnitude = table[bin ?? rng.integers(0, bins)];
    if (signed && rng.random() <= 0.5) magnitude = -magnitude;
    return { op, magnitude };
  }

  apply(img: Image, params: OpParams[]): Image {
    let out = img;
    for (const { op, magnitude } of params) out = applyAugmentOp(out, op, magnitude, { interpolation: this.interpolation, fill: this.fill });
    return out === img ? img.clone() : out;
  }
}

/**
 * RandAugment: `numOps` ops drawn uniformly (with replacement) from the 14, all at magnitude bin
 * `magnitude` of `numMagnitudeBins` (torchvision defaults N=2, M=9, 31 bins).
 * @example new RandAugment({ numOps: 2, magnitude: 9 }).call(sampleImage("chelsea"), rng(0))
 */
export class RandAugment extends AutoAugmentBase {
  readonly name = "RandAugment";
  readonly numOps: number;
  readonly magnitude: number;
  readonly numMagnitudeBins: number;

  constructor(options: { numOps?: number; magnitude?: number; numMagnitudeBins?: number; interpolation?: Interpolation; fill?: number | readonly number[] } = {}) {
    super(options);
    this.numOps = options.numOps ?? 2;
    this.magnitude = options.magnitude ?? 9;
    this.numMagnitudeBins = options.numMagnitudeBins ?? 31;
    if (!Number.isInteger(this.numOps) || this.numOps < 0) throw new RangeError(`RandAugment: numOps should be a non-negative integer; got ${this.numOps}`);
    if (!Number.isInteger(this.numMagnitudeBins) || this.numMagnitudeBins < 2) throw new RangeError(`RandAugment: numMagnitudeBins must be an integer >= 2; got ${this.numMagnitudeBins}`);
    if (!Number.isInteger(this.magnitude) || this.magnitude < 0 || this.magnitude >= this.numMagnitudeBins) {
      throw new RangeError(`RandAugment: magnitude must be an integer bin in [0, ${this.numMagnitudeBins - 1}]; got ${this.magnitude}`);
    }
  }

  makeParams(img: ImageMeta, rng: Generator): OpParams[] {
    return Array.from({ length: this.numOps }, () => this.draw(RANDAUGMENT_SPACE, this.numMagnitudeBins, this.magnitude, img, rng));
  }

  override toString(): string { return `RandAugment(numOps=${this.numOps}, magnitude=${this.magnitude}, numMagnitudeBins=${this.numMagnitudeBins}, interpolation=${this.interpolation})`; }
}

/**
 * TrivialAugmentWide: one op, a uniformly random magnitude bin, no hyperparameters to tune.
 * @example new TrivialAugmentWide().call(sampleImage("chelsea"), rng(0))
 */
export class TrivialAugmentWide extends AutoAugmentBase {
  readonly name = "TrivialAugmentWide";
  readonly numMagnitudeBins: number;

  constructor(options: { numMagnitudeBins?: number; interpolation?: Interpolation; fill?: number | readonly number[] } = {}) {
    super(options);
    this.numMagnitudeBins = options.numMagnitudeBins ?? 31;
    if (!Number.isInteger(this.numMagnitudeBins) || this.numMagnitudeBins < 2) throw new RangeError(`TrivialAugmentWide: numMagnitudeBins must be an integer >= 2; got ${this.numMagnitudeBins}`);
  }

  makeParams(img: ImageMeta, rng: Generator): OpParams[] {
    return [this.draw(TRIVIALAUGMENT_WIDE_SPACE, this.numMagnitudeBins, null, img, rng)];
  }

  override toString(): string { return `TrivialAugmentWide(numMagnitudeBins=${this.numMagnitudeBins}, interpolation=${this.interpolation})`; }
}
