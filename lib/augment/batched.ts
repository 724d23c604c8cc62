// The CIFAR training recipe fused into one pass per image, for a whole uint8 NHWC batch:
//   ToFloat -> RandomCrop(size, padding) -> RandomHorizontalFlip(p) -> ColorJitter(brightness, contrast)
// with exactly those transforms' semantics (zero padding, torchvision's float formulas, the two
// color ops in random order), but no intermediate images: the per-image path allocates five.
import type { Generator } from "../random/index.js";
import { Tensor } from "../tensor/tensor.js";
import { checkRng, uniform } from "./transforms/transform.js";

/** Options, with the transforms' parameter names. */
export interface CropFlipJitterOptions {
  /** Output side (default: the input side). */
  size?: number;
  /** Zero padding on each side before cropping (default 4). */
  padding?: number;
  /** Probability of a horizontal flip (default 0.5). */
  p?: number;
  /** ColorJitter brightness: a number b means factors in [max(0, 1 - b), 1 + b] (default 0.4). */
  brightness?: number;
  /** ColorJitter contrast, likewise (default 0.4). */
  contrast?: number;
}

/** Per-image parameters, one entry per image. */
export interface CropFlipJitterParams {
  top: Int32Array;
  left: Int32Array;
  flip: Uint8Array;
  /** 1 when brightness is applied before contrast (ColorJitter's random order), else 0. */
  brightnessFirst: Uint8Array;
  brightness: Float64Array;
  contrast: Float64Array;
  size: number;
  padding: number;
}

function resolve(options: CropFlipJitterOptions, h: number): Required<CropFlipJitterOptions> {
  const o = { size: options.size ?? h, padding: options.padding ?? 4, p: options.p ?? 0.5, brightness: options.brightness ?? 0.4, contrast: options.contrast ?? 0.4 };
  if (!Number.isInteger(o.size) || o.size < 1 || o.size > h + 2 * o.padding) throw new RangeError(`randomCropFlipJitter: size must be an integer in [1, ${h + 2 * o.padding}]; got ${o.size}`);
  if (!Number.isInteger(o.padding) || o.padding < 0) throw new RangeError(`randomCropFlipJitter: padding must be a non-negative integer; got ${o.padding}`);
  if (!(o.p >= 0 && o.p <= 1)) throw new RangeError(`randomCropFlipJitter: p must be in [0, 1]; got ${o.p}`);
  if (!(o.brightness >= 0) || !(o.contrast >= 0)) throw new RangeError(`randomCropFlipJitter: brightness and contrast must be >= 0; got ${o.brightness}, ${o.contrast}`);
  return o;
}

function checkBatch(batch: Tensor): [number, number, number, number] {
  if (!(batch instanceof Tensor) || batch.ndim !== 4 || batch.dtype !== "uint8" || batch.shape[3] !== 3) {
    throw new RangeError(`randomCropFlipJitter: expected a uint8 RGB batch [N, H, W, 3] (NHWC); got ${batch instanceof Tensor ? `${batch.dtype} [${batch.shape.join(", ")}]` : typeof batch}`);
  }
  const [n, h, w, c] = batch.shape;
  if (h !== w) throw new RangeError(`randomCropFlipJitter: expected square images; got ${h}x${w}`);
  return [n, h, w, c];
}

/**
 * Draws every image's crop offset, flip, op order and factors (RandomCrop, RandomHorizontalFlip, ColorJitter samplers).
 * @example makeCropFlipJitterParams(1024, 32, {}, rng(0)).top.length // 1024
 */
export function makeCropFlipJitterParams(n: number, side: number, options: CropFlipJitterOptions, rng: Generator): CropFlipJitterParams {
  checkRng(rng, "randomCropFlipJitter");
  const o = resolve(options, side);
  const span = side + 2 * o.padding - o.size + 1;
  const params: CropFlipJitterParams = {
    top: new Int32Array(n), left: new Int32Array(n), flip: new Uint8Array(n), brightnessFirst: new Uint8Array(n),
    brightness: new Float64Array(n), contrast: new Float64Array(n), size: o.size, padding: o.padding,
  };
  const b0 = Math.max(0, 1 - o.brightness), c0 = Math.max(0, 1 - o.contrast);
  for (let i = 0; i < n; i++) {
    params.top[i] = rng.integers(0, span);
    params.left[i] = rng.integers(0, span);
    params.flip[i] = rng.random() < o.p ? 1 : 0;
    params.brightnessFirst[i] = rng.random() < 0.5 ? 1 : 0;
    params.brightness[i] = uniform(rng, b0, 1 + o.brightness);
    params.contrast[i] = uniform(rng, c0, 1 + o.contrast);
  }
  return params;
}

// torchvision's luma weights, float32 as its kernels use them
const WR = Math.fround(0.2989), WG = Math.fround(0.587), WB = Math.fround(0.114);

/**
 * Applies drawn parameters to a uint8 NHWC batch; returns float32 NHWC in [0, 1]. Pure: the input is not touched.
 * @example applyCropFlipJitter(batch, makeCropFlipJitterParams(n, 32, {}, rng(0))).shape // [n, 32, 32, 3]
 */
export function applyCropFlipJitter(batch: Tensor, params: CropFlipJitterParams): Tensor {
  const [n, side] = checkBatch(batch);
  if (params.top.length !== n) throw new RangeError(`applyCropFlipJitter: parameters for ${params.top.length} images, batch of ${n}`);
  const src = batch.contiguous();
  const data = src.data as Uint8Array, base = src.offset;
  const S = params.size, pad = params.padding, per = S * S * 3, inPer = side * side * 3;
  const out = new Float32Array(n * per);
  const inv255 = 1 / 255;
  for (let i = 0; i < n; i++) {
    const top = params.top[i] - pad, left = params.left[i] - pad, flip = params.flip[i] === 1;
    const b = params.brightness[i], c = params.contrast[i], bFirst = params.brightnessFirst[i] === 1;
    const o0 = i * per, s0 = base + i * inPer;
    // Pass 1: gather the window (zeros outside), scale to [0, 1], brightness if it comes first, gray sum.
    let graySum = 0;
    for (let y = 0; y < S; y++) {
      const sy = top + y, orow = o0 + y * S * 3;
      if (sy < 0 || sy >= side) continue; // padded rows stay 0 (out is zero-filled)
      const srow = s0 + sy * side * 3;
      for (let x = 0; x < S; x++) {
        const sx = left + (flip ? S - 1 - x : x);
        if (sx < 0 || sx >= side) continue;
        const s = srow + sx * 3, o = orow + x * 3;
        let r = data[s] * inv255, g = data[s + 1] * inv255, bl = data[s + 2] * inv255;
        if (bFirst) { r = Math.min(r * b, 1); g = Math.min(g * b, 1); bl = Math.min(bl * b, 1); }
        out[o] = r; out[o + 1] = g; out[o + 2] = bl;
        graySum += WR * out[o] + WG * out[o + 1] + WB * out[o + 2];
      }
    }
    // Pass 2: contrast blend with the mean gray, clamp; brightness afterwards if it comes second.
    const m = (1 - c) * Math.fround(graySum / (S * S));
    for (let k = o0; k < o0 + per; k++) {
      let v = c * out[k] + m;
      v = v < 0 ? 0 : v > 1 ? 1 : v;
      if (!bFirst) v = Math.min(v * b, 1);
      out[k] = v;
    }
  }
  return new Tensor(out, [n, S, S, 3]);
}

/**
 * The CIFAR recipe on a whole batch: `randomCropFlipJitter(images, {}, rng)` is
 * `compose([ToFloat, RandomCrop(32, {padding: 4}), RandomHorizontalFlip(), ColorJitter({brightness: 0.4, contrast: 0.4})])`
 * applied image by image, fused.
 * @example randomCropFlipJitter(cifar.images.slice([0, 128]), {}, rng(0)).dtype // "float32"
 */
export function randomCropFlipJitter(batch: Tensor, options: CropFlipJitterOptions, rng: Generator): Tensor {
  const [n, side] = checkBatch(batch);
  return applyCropFlipJitter(batch, makeCropFlipJitterParams(n, side, options, rng));
}
