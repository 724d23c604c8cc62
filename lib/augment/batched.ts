// The CIFAR training recipe fused into one pass per image, for a whole uint8 NHWC batch:
//   ToFloat -> RandomCrop(size, padding) -> RandomHorizontalFlip(p) -> ColorJitter(brightness, contrast)
// with exactly those transforms' semantics (zero padding, torchvision's float formulas, the two
// color ops in random order), but no intermediate images: the per-image path allocates five.
import type { Generator } from "../random/index.js";
import { Tensor } from "../tensor/tensor.js";
import { checkRng, uniform } from "./transforms/transform.js";
import { cropFlipJitterJS } from "./batched-js.js";
import { cropFlipJitterWasm } from "./batched-wasm.js";

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

/** Where to write (as torch's `out=`): a contiguous float32 [N, size, size, 3] tensor, reused across batches. */
export interface CropFlipJitterOut {
  out?: Tensor;
}

/**
 * Applies drawn parameters to a uint8 NHWC batch; returns float32 NHWC in [0, 1]. Pure: the input is not touched.
 * Runs the wasm kernel (split between two threads) where the engine has WebAssembly SIMD, else the
 * JS reference; both give the same bytes. With `{ out }` the result is written there and `out` is
 * returned: a training loop then reuses one buffer instead of 12 MB of fresh pages per CIFAR batch.
 * @example applyCropFlipJitter(batch, makeCropFlipJitterParams(n, 32, {}, rng(0))).shape // [n, 32, 32, 3]
 */
export function applyCropFlipJitter(batch: Tensor, params: CropFlipJitterParams, { out }: CropFlipJitterOut = {}): Tensor {
  const [n, side] = checkBatch(batch);
  checkParams(params, n, side);
  const S = params.size;
  if (out !== undefined) checkOut(out, [n, S, S, 3]);
  const src = batch.contiguous();
  const data = src.data as Uint8Array;
  const target = out === undefined ? undefined : { data: out.data as Float32Array, offset: out.offset };
  const result = cropFlipJitterWasm(data, src.offset, n, side, params, target) ?? cropFlipJitterJS(data, src.offset, n, side, params, target);
  return out ?? new Tensor(result, [n, S, S, 3]);
}

function checkOut(out: Tensor, shape: number[]): void {
  if (!(out instanceof Tensor) || out.dtype !== "float32" || !out.isContiguous() || out.shape.length !== 4 || out.shape.some((d, i) => d !== shape[i])) {
    const got = out instanceof Tensor ? `${out.dtype} [${out.shape.join(", ")}]${out.isContiguous() ? "" : " (not contiguous)"}` : typeof out;
    throw new RangeError(`applyCropFlipJitter: out must be a contiguous float32 tensor [${shape.join(", ")}]; got ${got}`);
  }
}

// Parameters may come from the user, not only from makeCropFlipJitterParams: the kernels index
// memory by them, so they are checked here.
function checkParams(p: CropFlipJitterParams, n: number, side: number): void {
  const name = "applyCropFlipJitter";
  for (const k of ["top", "left", "flip", "brightnessFirst", "brightness", "contrast"] as const) {
    if (p[k]?.length !== n) throw new RangeError(`${name}: params.${k} must have one entry per image (${n}); got ${p[k]?.length}`);
  }
  if (!Number.isInteger(p.padding) || p.padding < 0) throw new RangeError(`${name}: params.padding must be a non-negative integer; got ${p.padding}`);
  const span = side + 2 * p.padding;
  if (!Number.isInteger(p.size) || p.size < 1 || p.size > span) throw new RangeError(`${name}: params.size must be an integer in [1, ${span}]; got ${p.size}`);
  for (let i = 0; i < n; i++) {
    const t = p.top[i], l = p.left[i];
    if (!(t >= 0 && t <= span - p.size && l >= 0 && l <= span - p.size)) {
      throw new RangeError(`${name}: image ${i}: top and left must be in [0, ${span - p.size}] (padded side ${span}, crop ${p.size}); got ${t}, ${l}`);
    }
    if (!(Number.isFinite(p.brightness[i]) && p.brightness[i] >= 0 && Number.isFinite(p.contrast[i]) && p.contrast[i] >= 0)) {
      throw new RangeError(`${name}: image ${i}: brightness and contrast factors must be finite and >= 0 (torchvision); got ${p.brightness[i]}, ${p.contrast[i]}`);
    }
  }
}

/**
 * The CIFAR recipe on a whole batch: `randomCropFlipJitter(images, {}, rng)` is
 * `compose([ToFloat, RandomCrop(32, {padding: 4}), RandomHorizontalFlip(), ColorJitter({brightness: 0.4, contrast: 0.4})])`
 * applied image by image, fused. `{ out }` (4th argument) writes into an existing tensor, as torch's `out=`.
 * @example randomCropFlipJitter(cifar.images.slice([0, 128]), {}, rng(0)).dtype // "float32"
 */
export function randomCropFlipJitter(batch: Tensor, options: CropFlipJitterOptions, rng: Generator, target: CropFlipJitterOut = {}): Tensor {
  const [n, side] = checkBatch(batch);
  return applyCropFlipJitter(batch, makeCropFlipJitterParams(n, side, options, rng), target);
}
