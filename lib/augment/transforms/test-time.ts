// Test-time augmentation: FiveCrop / TenCrop (torchvision) and the ResNet multi-scale protocol
// (He et al. 2016: short side resized to 224, 256, 384, 480, 640; ten 224 crops each; average).
import { Tensor } from "../../tensor/tensor.js";
import type { Image } from "../../data/image.js";
import { fiveCrop, parseSize, tenCrop } from "../functional/crop.js";
import { resize, type ResizeOptions } from "../functional/resize.js";

/** FiveCrop as a callable object, like torchvision's (deterministic: no generator). @example new FiveCrop(224).call(img).length // 5 */
export class FiveCrop {
  readonly name = "FiveCrop";
  readonly size: [number, number];
  constructor(size: number | readonly number[]) { this.size = parseSize(this.name, size); }
  call(img: Image): Image[] { return fiveCrop(img, this.size); }
}

/** TenCrop: five crops of the image and five of its mirror. @example new TenCrop(224).call(img).length // 10 */
export class TenCrop {
  readonly name = "TenCrop";
  readonly size: [number, number];
  readonly verticalFlip: boolean;
  constructor(size: number | readonly number[], options: { verticalFlip?: boolean } = {}) {
    this.size = parseSize(this.name, size);
    this.verticalFlip = options.verticalFlip ?? false;
  }
  call(img: Image): Image[] { return tenCrop(img, this.size, this.verticalFlip); }
}

/** The ResNet test scales (short side). */
export const RESNET_TEST_SCALES = Object.freeze([224, 256, 384, 480, 640]);

/**
 * Ten crops at each scale: resize the short side to s, then tenCrop(cropSize): 5 x 10 = 50 views.
 * @example multiScaleCrops(sampleImage("chelsea")).length // 50
 */
export function multiScaleCrops(img: Image, options: { scales?: readonly number[]; cropSize?: number } & ResizeOptions = {}): Image[] {
  const scales = options.scales ?? RESNET_TEST_SCALES;
  const cropSize = options.cropSize ?? 224;
  if (!Array.isArray(scales) || scales.length === 0 || !scales.every((s) => Number.isInteger(s) && s >= cropSize)) {
    throw new RangeError(`multiScaleCrops: scales must be integers >= cropSize (${cropSize}); got ${JSON.stringify(scales)}`);
  }
  return scales.flatMap((s) => tenCrop(resize(img, s, options), cropSize));
}

/** A model's scores for a batch of views: rows of class scores ([n, K] tensor or nested arrays). */
export type PredictFn = (views: Image[]) => Tensor | readonly (readonly number[])[] | Float32Array[];

/**
 * Averages a model's scores over the test-time views (default: ResNet's 5 scales x 10 crops).
 * `predict` receives the views in chunks of `batchSize` and returns one score row per view.
 * @example averagePredictions(img, (views) => model(views), { scales: [256], cropSize: 224 }) // Float64Array of K scores
 */
export function averagePredictions(
  img: Image,
  predict: PredictFn,
  options: { scales?: readonly number[]; cropSize?: number; views?: "multiScale" | "tenCrop" | "fiveCrop"; batchSize?: number } = {},
): Float64Array {
  if (typeof predict !== "function") throw new TypeError(`averagePredictions: predict must be a function (views: Image[]) => scores [n, K]`);
  const cropSize = options.cropSize ?? 224;
  const kind = options.views ?? "multiScale";
  const views = kind === "multiScale" ? multiScaleCrops(img, options) : kind === "tenCrop" ? tenCrop(img, cropSize) : fiveCrop(img, cropSize);
  const batchSize = options.batchSize ?? views.length;
  let sum: Float64Array | null = null;
  for (let start = 0; start < views.length; start += batchSize) {
    const chunk = views.slice(start, start + batchSize);
    const rows = toRows(predict(chunk), chunk.length);
    for (const row of rows) {
      if (sum === null) sum = new Float64Array(row.length);
      if (row.length !== sum.length) throw new RangeError(`averagePredictions: predict returned rows of ${row.length} and ${sum.length} scores`);
      for (let k = 0; k < row.length; k++) sum[k] += row[k];
    }
  }
  const out = sum!;
  for (let k = 0; k < out.length; k++) out[k] /= views.length;
  return out;
}

function toRows(scores: ReturnType<PredictFn>, n: number): ArrayLike<number>[] {
  let rows: ArrayLike<number>[];
  if (scores instanceof Tensor) {
    if (scores.ndim !== 2) throw new RangeError(`averagePredictions: predict must return [n, K] scores; got shape [${scores.shape.join(", ")}]`);
    const flat = scores.toTypedArray(), k = scores.shape[1];
    rows = Array.from({ length: scores.shape[0] }, (_, i) => flat.subarray(i * k, (i + 1) * k));
  } else if (Array.isArray(scores)) rows = scores as ArrayLike<number>[];
  else throw new TypeError(`averagePredictions: predict must return a [n, K] tensor or an array of score rows`);
  if (rows.length !== n) throw new RangeError(`averagePredictions: predict got ${n} views but returned ${rows.length} score rows`);
  return rows;
}
