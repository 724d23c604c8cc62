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
  const S = params.size, pad = params.padding, per = S * S * 3, inPer = side * side * 3, rowIn = side * 3;
  const out = new Float32Array(n * per);
  // Every op is the same pointwise function of the input byte, except for the contrast mean (one
  // scalar per image). So per image: channel histograms of the window give the mean; a 256-entry
  // table then maps each source byte (padding is byte 0) straight to its output value.
  const hist = new Int32Array(768), f = new Float64Array(256), lut = new Float32Array(256);
  for (let i = 0; i < n; i++) {
    const top = params.top[i] - pad, left = params.left[i] - pad, flip = params.flip[i] === 1;
    const b = params.brightness[i], c = params.contrast[i], bFirst = params.brightnessFirst[i] === 1;
    const s0 = base + i * inPer;
    const y0 = Math.max(0, top), y1 = Math.min(side, top + S), x0 = Math.max(0, left), x1 = Math.min(side, left + S);
    hist.fill(0);
    for (let y = y0; y < y1; y++) {
      const e = s0 + y * rowIn + x1 * 3;
      for (let s = s0 + y * rowIn + x0 * 3; s < e; s += 3) { hist[data[s]]++; hist[256 + data[s + 1]]++; hist[512 + data[s + 2]]++; }
    }
    // the image as ColorJitter's second op sees it: brightness applied (clamped at 1) or not yet
    for (let v = 0; v < 256; v++) f[v] = bFirst ? Math.fround(Math.min((v / 255) * b, 1)) : Math.fround(v / 255);
    let graySum = 0; // padded pixels are 0 and add nothing
    for (let v = 1; v < 256; v++) graySum += (WR * hist[v] + WG * hist[256 + v] + WB * hist[512 + v]) * f[v];
    const m = (1 - c) * Math.fround(graySum / (S * S));
    for (let v = 0; v < 256; v++) {
      let x = c * f[v] + m;
      x = x < 0 ? 0 : x > 1 ? 1 : x;
      lut[v] = bFirst ? x : Math.min(x * b, 1);
    }
    const pad0 = lut[0];
    let o = i * per;
    for (let y = 0; y < S; y++) {
      const sy = top + y;
      if (sy < 0 || sy >= side) { out.fill(pad0, o, o + S * 3); o += S * 3; continue; }
      const row = s0 + sy * rowIn;
      for (let x = 0; x < S; x++, o += 3) {
        const sx = left + (flip ? S - 1 - x : x);
        if (sx < 0 || sx >= side) { out[o] = pad0; out[o + 1] = pad0; out[o + 2] = pad0; continue; }
        const s = row + sx * 3;
        out[o] = lut[data[s]]; out[o + 1] = lut[data[s + 1]]; out[o + 2] = lut[data[s + 2]];
      }
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
