// RandomRotation and RandomAffine with torchvision's sampling.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { affine, rotate, rotatedSize } from "../functional/affine.js";
import type { Interpolation } from "../functional/resize.js";
import { roundHalfEven } from "../functional/util.js";
import { Transform, uniform, type ImageMeta } from "./transform.js";

function range(op: string, name: string, v: number | readonly number[], positiveOnly = false): [number, number] {
  if (typeof v === "number") {
    if (v < 0) throw new RangeError(`${op}: if ${name} is a single number, it must be non negative; got ${v}`);
    return [-v, v];
  }
  if (v.length !== 2 || !(v[0] <= v[1]) || (positiveOnly && v[0] <= 0)) throw new RangeError(`${op}: ${name} must be a number or [min, max]; got ${JSON.stringify(v)}`);
  return [v[0], v[1]];
}

/**
 * Rotation by an angle ~ U(-degrees, degrees) (counter-clockwise), default nearest, fill 0.
 * @example new RandomRotation(15).call(img, rng(0))
 */
export class RandomRotation extends Transform<{ angle: number }> {
  readonly name = "RandomRotation";
  readonly degrees: [number, number];
  readonly interpolation: Interpolation;
  readonly expand: boolean;
  readonly fill: number | readonly number[];
  constructor(degrees: number | readonly number[], options: { interpolation?: Interpolation; expand?: boolean; fill?: number | readonly number[] } = {}) {
    super();
    this.degrees = range(this.name, "degrees", degrees);
    this.interpolation = options.interpolation ?? "nearest";
    this.expand = options.expand ?? false;
    this.fill = options.fill ?? 0;
  }
  makeParams(_img: ImageMeta, rng: Generator): { angle: number } {
    return { angle: uniform(rng, this.degrees[0], this.degrees[1]) };
  }
  apply(img: Image, p: { angle: number }): Image {
    return rotate(img, p.angle, { interpolation: this.interpolation, expand: this.expand, fill: this.fill });
  }
  override outputMeta(meta: ImageMeta, p: { angle: number }): ImageMeta {
    if (!this.expand) return meta;
    const [height, width] = rotatedSize(meta.height, meta.width, p.angle);
    return { height, width, channels: meta.channels };
  }
}

export interface AffineParams { angle: number; translate: [number, number]; scale: number; shear: [number, number] }

/**
 * Random rotation (clockwise, as torchvision's affine), translation (fractions of the size,
 * rounded to pixels), scale and shear.
 * @example new RandomAffine({ degrees: 10, translate: [0.1, 0.1], scale: [0.9, 1.1] }).call(img, rng(0))
 */
export class RandomAffine extends Transform<AffineParams> {
  readonly name = "RandomAffine";
  readonly degrees: [number, number];
  readonly translate: [number, number] | null;
  readonly scale: [number, number] | null;
  readonly shear: number[] | null;
  readonly interpolation: Interpolation;
  readonly fill: number | readonly number[];

  constructor(options: { degrees: number | readonly number[]; translate?: readonly [number, number]; scale?: readonly [number, number]; shear?: number | readonly number[]; interpolation?: Interpolation; fill?: number | readonly number[] }) {
    super();
    this.degrees = range(this.name, "degrees", options.degrees);
    const t = options.translate;
    if (t !== undefined && !(t.length === 2 && t.every((v) => v >= 0 && v <= 1))) throw new RangeError(`RandomAffine: translate values should be between 0 and 1; got ${JSON.stringify(t)}`);
    this.translate = t === undefined ? null : [t[0], t[1]];
    this.scale = options.scale === undefined ? null : range(this.name, "scale", options.scale, true);
    const s = options.shear;
    this.shear = s === undefined ? null : typeof s === "number" ? range(this.name, "shear", s) : s.length === 2 || s.length === 4 ? [...s] : (() => { throw new RangeError(`RandomAffine: shear must be a number or 2 or 4 numbers; got ${JSON.stringify(s)}`); })();
    this.interpolation = options.interpolation ?? "nearest";
    this.fill = options.fill ?? 0;
  }

  makeParams(img: ImageMeta, rng: Generator): AffineParams {
    const angle = uniform(rng, this.degrees[0], this.degrees[1]);
    let translate: [number, number] = [0, 0];
    if (this.translate !== null) {
      const dx = this.translate[0] * img.width, dy = this.translate[1] * img.height;
      translate = [roundHalfEven(uniform(rng, -dx, dx)), roundHalfEven(uniform(rng, -dy, dy))];
    }
    const scale = this.scale === null ? 1 : uniform(rng, this.scale[0], this.scale[1]);
    const shear: [number, number] = [0, 0];
    if (this.shear !== null) {
      shear[0] = uniform(rng, this.shear[0], this.shear[1]);
      if (this.shear.length === 4) shear[1] = uniform(rng, this.shear[2], this.shear[3]);
    }
    return { angle, translate, scale, shear };
  }

  apply(img: Image, p: AffineParams): Image {
    return affine(img, { ...p, interpolation: this.interpolation, fill: this.fill });
  }
}
