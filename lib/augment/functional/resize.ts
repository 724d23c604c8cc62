// Resize as torchvision's `resize(..., antialias=True)` on tensors: PyTorch's separable
// antialiased bilinear ("_upsample_bilinear2d_aa": a triangle filter widened by the scale when
// shrinking, PIL's algorithm), plain bilinear (align_corners=False) when antialias is false,
// and PyTorch's legacy "nearest" (floor(dst * in/out)).
// uint8 goes through float32 and rounds half to even, as torchvision's non-AVX path; its AVX2
// uint8 path uses fixed-point weights and can differ by 1.
import { Image, checkImage } from "../../data/image.js";
import { alloc, roundHalfEven } from "./util.js";
import { crop } from "./crop.js";

export type Interpolation = "nearest" | "bilinear";

/** Options of resize. */
export interface ResizeOptions {
  interpolation?: Interpolation;
  /** Longest side allowed after a smaller-edge resize (torchvision's max_size). */
  maxSize?: number;
  /** Antialias when shrinking with bilinear (default true, as torchvision >= 0.17). */
  antialias?: boolean;
}

interface Taps { start: Int32Array; count: Int32Array; weights: Float64Array; maxTaps: number }

// Per output index: first input index, number of taps, normalized weights (PyTorch's
// _compute_indices_weights_aa with the bilinear filter, or the align_corners=False bilinear rule).
function taps(inSize: number, outSize: number, interpolation: Interpolation, antialias: boolean): Taps {
  const scale = inSize / outSize;
  if (interpolation === "nearest") {
    const start = new Int32Array(outSize), count = new Int32Array(outSize).fill(1);
    const s32 = Math.fround(scale);
    for (let i = 0; i < outSize; i++) start[i] = Math.min(Math.floor(Math.fround(i * s32)), inSize - 1);
    return { start, count, weights: new Float64Array(outSize).fill(1), maxTaps: 1 };
  }
  // Without antialias: align_corners=False bilinear. With it, upscaling reduces to the same weights.
  if (!antialias) {
    const start = new Int32Array(outSize), count = new Int32Array(outSize).fill(2), weights = new Float64Array(outSize * 2);
    for (let i = 0; i < outSize; i++) {
      const src = Math.max(scale * (i + 0.5) - 0.5, 0);
      const i0 = Math.min(Math.floor(src), inSize - 1);
      const l1 = i0 < inSize - 1 ? src - i0 : 0;
      start[i] = i0;
      count[i] = i0 < inSize - 1 ? 2 : 1;
      weights[i * 2] = 1 - l1;
      weights[i * 2 + 1] = l1;
    }
    return { start, count, weights, maxTaps: 2 };
  }
  const support = scale >= 1 ? scale : 1;
  const invscale = scale >= 1 ? 1 / scale : 1;
  const maxTaps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize), count = new Int32Array(outSize), weights = new Float64Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const center = scale * (i + 0.5);
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xsize = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let j = 0; j < xsize; j++) {
      const w = Math.max(0, 1 - Math.abs((j + xmin - center + 0.5) * invscale));
      weights[i * maxTaps + j] = w;
      total += w;
    }
    if (total !== 0) for (let j = 0; j < xsize; j++) weights[i * maxTaps + j] /= total;
    start[i] = xmin;
    count[i] = xsize;
  }
  return { start, count, weights, maxTaps };
}

/** Output [height, width] of torchvision's resize for `size` (int: smaller edge) and maxSize. @example resizedOutputSize(300, 451, 256) // [256, 384] */
export function resizedOutputSize(height: number, width: number, size: number | readonly number[], maxSize?: number): [number, number] {
  const s = typeof size === "number" ? [size] : [...size];
  if (!(s.length === 1 || s.length === 2) || !s.every((v) => Number.isInteger(v) && v > 0)) {
    throw new RangeError(`resize: size must be a positive integer (smaller edge) or [height, width]; got ${JSON.stringify(size)}`);
  }
  if (s.length === 2) {
    if (maxSize !== undefined) throw new RangeError(`resize: maxSize is only allowed when size is a single number (the smaller edge)`);
    return [s[0], s[1]];
  }
  const [short, long] = width <= height ? [width, height] : [height, width];
  let newShort = s[0], newLong = Math.trunc((s[0] * long) / short);
  if (maxSize !== undefined) {
    if (maxSize <= s[0]) throw new RangeError(`resize: maxSize (${maxSize}) must be strictly greater than the requested size (${s[0]})`);
    if (newLong > maxSize) { newShort = Math.trunc((maxSize * newShort) / newLong); newLong = maxSize; }
  }
  return width <= height ? [newLong, newShort] : [newShort, newLong];
}

/**
 * Resizes to `size`: a number matches the smaller edge (aspect kept), [h, w] is exact.
 * @example resize(sampleImage("chelsea"), 256).shape // [256, 384, 3]
 */
export function resize(img: Image, size: number | readonly number[], options: ResizeOptions = {}): Image {
  checkImage(img, "resize", [1, 3, 4]);
  const interpolation = options.interpolation ?? "bilinear";
  if (interpolation !== "bilinear" && interpolation !== "nearest") {
    throw new RangeError(`resize: interpolation must be "bilinear" or "nearest"; got ${JSON.stringify(interpolation)}`);
  }
  const antialias = options.antialias ?? true;
  const { height: H, width: W, channels: c } = img;
  const [oh, ow] = resizedOutputSize(H, W, size, options.maxSize);
  if (oh === H && ow === W) return img.clone();
  const tx = taps(W, ow, interpolation, antialias), ty = taps(H, oh, interpolation, antialias);
  // Horizontal pass into a float32 buffer (PyTorch keeps the intermediate in float32), then vertical.
  const tmp = new Float32Array(H * ow * c);
  const src = img.data;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < ow; x++) {
      const s0 = tx.start[x], n = tx.count[x], wo = x * tx.maxTaps;
      for (let k = 0; k < c; k++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += tx.weights[wo + j] * src[(y * W + s0 + j) * c + k];
        tmp[(y * ow + x) * c + k] = acc;
      }
    }
  }
  const out = alloc(img, oh, ow);
  const isU8 = out instanceof Uint8Array;
  for (let y = 0; y < oh; y++) {
    const s0 = ty.start[y], n = ty.count[y], wo = y * ty.maxTaps;
    for (let x = 0; x < ow; x++) {
      for (let k = 0; k < c; k++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += ty.weights[wo + j] * tmp[((s0 + j) * ow + x) * c + k];
        out[(y * ow + x) * c + k] = isU8 ? Math.min(255, Math.max(0, roundHalfEven(Math.fround(acc)))) : acc;
      }
    }
  }
  return new Image(out, oh, ow, c);
}

/**
 * Crops the window then resizes it (torchvision's resized_crop, used by RandomResizedCrop).
 * @example resizedCrop(img, 10, 20, 100, 120, [32, 32]).shape // [32, 32, 3]
 */
export function resizedCrop(img: Image, top: number, left: number, height: number, width: number, size: number | readonly number[], options: ResizeOptions = {}): Image {
  return resize(crop(img, top, left, height, width), size, options);
}
