// Containers of torchvision: RandomApply (all with probability p), RandomChoice (one of them),
// RandomOrder (all, shuffled). Sizes propagate like Compose's.
import type { Generator } from "../../random/index.js";
import type { Image } from "../../data/image.js";
import { Transform, checkP, type ImageMeta } from "./transform.js";

function checkList(op: string, ts: readonly Transform<any>[]): Transform<any>[] {
  if (!Array.isArray(ts) || ts.length === 0 || !ts.every((t) => t instanceof Transform)) throw new TypeError(`${op}: expected a non-empty array of transforms`);
  return [...ts];
}

/** Applies every transform in order with probability p, else none. @example new RandomApply([new ColorJitter({ brightness: 0.8 })], { p: 0.8 }) */
export class RandomApply extends Transform<{ applied: boolean; params: unknown[] }> {
  readonly name = "RandomApply";
  readonly transforms: Transform<any>[];
  readonly p: number;
  constructor(transforms: readonly Transform<any>[], options: { p?: number } = {}) {
    super();
    this.transforms = checkList(this.name, transforms);
    this.p = checkP(this.name, options.p ?? 0.5);
  }
  makeParams(img: ImageMeta, rng: Generator): { applied: boolean; params: unknown[] } {
    if (!(rng.random() < this.p)) return { applied: false, params: [] };
    let meta = img;
    const params = this.transforms.map((t) => { const p = t.makeParams(meta, rng); meta = t.outputMeta(meta, p); return p; });
    return { applied: true, params };
  }
  apply(img: Image, p: { applied: boolean; params: unknown[] }): Image {
    return p.applied ? this.transforms.reduce((cur, t, i) => t.apply(cur, p.params[i]), img) : img.clone();
  }
  override outputMeta(meta: ImageMeta, p: { applied: boolean; params: unknown[] }): ImageMeta {
    return p.applied ? this.transforms.reduce((m, t, i) => t.outputMeta(m, p.params[i]), meta) : meta;
  }
}

/** Applies one transform picked at random (weights `p`, default uniform). @example new RandomChoice([new RandomRotation(10), new RandomAffine({ degrees: 0, shear: 10 })]) */
export class RandomChoice extends Transform<{ index: number; params: unknown }> {
  readonly name = "RandomChoice";
  readonly transforms: Transform<any>[];
  readonly p: number[];
  constructor(transforms: readonly Transform<any>[], options: { p?: readonly number[] } = {}) {
    super();
    this.transforms = checkList(this.name, transforms);
    const w = options.p ?? this.transforms.map(() => 1);
    if (w.length !== this.transforms.length || !w.every((v) => v >= 0) || !(w.reduce((a, b) => a + b, 0) > 0)) {
      throw new RangeError(`RandomChoice: p must have one non-negative weight per transform (${this.transforms.length}), not all zero; got ${JSON.stringify(w)}`);
    }
    const total = w.reduce((a, b) => a + b, 0);
    this.p = w.map((v) => v / total);
  }
  makeParams(img: ImageMeta, rng: Generator): { index: number; params: unknown } {
    let u = rng.random(), index = 0;
    while (index < this.p.length - 1 && u >= this.p[index]) { u -= this.p[index]; index++; }
    return { index, params: this.transforms[index].makeParams(img, rng) };
  }
  apply(img: Image, p: { index: number; params: unknown }): Image { return this.transforms[p.index].apply(img, p.params); }
  override outputMeta(meta: ImageMeta, p: { index: number; params: unknown }): ImageMeta { return this.transforms[p.index].outputMeta(meta, p.params); }
}

/** Applies all transforms in a random order. @example new RandomOrder([new RandomHorizontalFlip(), new ColorJitter({ hue: 0.1 })]) */
export class RandomOrder extends Transform<{ order: number[]; params: unknown[] }> {
  readonly name = "RandomOrder";
  readonly transforms: Transform<any>[];
  constructor(transforms: readonly Transform<any>[]) {
    super();
    this.transforms = checkList(this.name, transforms);
  }
  makeParams(img: ImageMeta, rng: Generator): { order: number[]; params: unknown[] } {
    const order = Array.from(rng.permutation(this.transforms.length));
    let meta = img;
    const params: unknown[] = new Array(this.transforms.length);
    for (const i of order) { params[i] = this.transforms[i].makeParams(meta, rng); meta = this.transforms[i].outputMeta(meta, params[i]); }
    return { order, params };
  }
  apply(img: Image, p: { order: number[]; params: unknown[] }): Image { return p.order.reduce((cur, i) => this.transforms[i].apply(cur, p.params[i]), img); }
  override outputMeta(meta: ImageMeta, p: { order: number[]; params: unknown[] }): ImageMeta { return p.order.reduce((m, i) => this.transforms[i].outputMeta(m, p.params[i]), meta); }
}
