// ColorJitter as torchvision v2: factors drawn uniformly from their ranges, the four ops applied
// in a random order (a permutation drawn per image).
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { adjustBrightness, adjustContrast, adjustSaturation } from "../functional/color.js";
import { adjustHue } from "../functional/hue.js";
import { Transform, uniform, type ImageMeta } from "./transform.js";

type Range = [number, number] | null;

export interface ColorJitterParams {
  /** Order of the ops: 0 brightness, 1 contrast, 2 saturation, 3 hue. */
  order: number[];
  brightnessFactor: number | null;
  contrastFactor: number | null;
  saturationFactor: number | null;
  hueFactor: number | null;
}

// torchvision's _check_input: a number v means [max(0, center - v), center + v]; a pair is taken as is.
function checkInput(name: string, value: number | readonly number[] | undefined, center: number, bound: [number, number], clipFirstOnZero: boolean): Range {
  if (value === undefined) return null;
  let r: [number, number];
  if (typeof value === "number") {
    if (!(value >= 0)) throw new RangeError(`ColorJitter: if ${name} is a single number, it must be non negative; got ${value}`);
    r = [center - value, center + value];
    if (clipFirstOnZero) r[0] = Math.max(r[0], 0);
  } else if (Array.isArray(value) && value.length === 2) {
    r = [value[0], value[1]];
  } else {
    throw new TypeError(`ColorJitter: ${name} should be a single number or [min, max]; got ${JSON.stringify(value)}`);
  }
  if (!(bound[0] <= r[0] && r[0] <= r[1] && r[1] <= bound[1])) {
    throw new RangeError(`ColorJitter: ${name} values should be between [${bound}], but got [${r}]`);
  }
  return r[0] === center && r[1] === center ? null : r;
}

/**
 * Random brightness, contrast, saturation and hue, in random order (torchvision's ColorJitter).
 * @example new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }).call(img, rng(0))
 */
export class ColorJitter extends Transform<ColorJitterParams> {
  readonly name = "ColorJitter";
  readonly brightness: Range;
  readonly contrast: Range;
  readonly saturation: Range;
  readonly hue: Range;

  constructor(options: { brightness?: number | readonly number[]; contrast?: number | readonly number[]; saturation?: number | readonly number[]; hue?: number | readonly number[] } = {}) {
    super();
    this.brightness = checkInput("brightness", options.brightness, 1, [0, Infinity], true);
    this.contrast = checkInput("contrast", options.contrast, 1, [0, Infinity], true);
    this.saturation = checkInput("saturation", options.saturation, 1, [0, Infinity], true);
    this.hue = checkInput("hue", options.hue, 0, [-0.5, 0.5], false);
  }

  makeParams(_img: ImageMeta, rng: Generator): ColorJitterParams {
    const order = Array.from(rng.permutation(4));
    const draw = (r: Range) => (r === null ? null : uniform(rng, r[0], r[1]));
    return { order, brightnessFactor: draw(this.brightness), contrastFactor: draw(this.contrast), saturationFactor: draw(this.saturation), hueFactor: draw(this.hue) };
  }

  apply(img: Image, p: ColorJitterParams): Image {
    let out = img;
    for (const id of p.order) {
      if (id === 0 && p.brightnessFactor !== null) out = adjustBrightness(out, p.brightnessFactor);
      else if (id === 1 && p.contrastFactor !== null) out = adjustContrast(out, p.contrastFactor);
      else if (id === 2 && p.saturationFactor !== null) out = adjustSaturation(out, p.saturationFactor);
      else if (id === 3 && p.hueFactor !== null) out = adjustHue(out, p.hueFactor);
    }
    return out === img ? img.clone() : out;
  }

  override toString(): string {
    const f = (r: Range) => (r === null ? "None" : `[${r.map((v) => +v.toFixed(4))}]`);
    return `ColorJitter(brightness=${f(this.brightness)}, contrast=${f(this.contrast)}, saturation=${f(this.saturation)}, hue=${f(this.hue)})`;
  }
}
