// Per-pixel ops of torchvision: invert, solarize, posterize.
import { Image, checkImage } from "../../data/image.js";
import { alloc, checkNumber } from "./util.js";

/**
 * bound - x (255 - x for uint8, 1 - x for float32).
 * @example invert(new Image(new Uint8Array([0, 55]), 1, 2, 1)).data // Uint8Array [255, 200]
 */
export function invert(img: Image): Image {
  checkImage(img, "invert", [1, 3]);
  const out = alloc(img), src = img.data, bound = img.bound;
  for (let i = 0; i < src.length; i++) out[i] = bound - src[i];
  return new Image(out, img.height, img.width, img.channels);
}

/**
 * Inverts pixels >= threshold (threshold in pixel units: 0..255 for uint8, 0..1 for float32).
 * @example solarize(new Image(new Uint8Array([127, 128]), 1, 2, 1), 128).data // Uint8Array [127, 127]
 */
export function solarize(img: Image, threshold: number): Image {
  checkImage(img, "solarize", [1, 3]);
  checkNumber("solarize", "threshold", threshold);
  if (threshold > img.bound) {
    throw new RangeError(`solarize: threshold must be <= ${img.bound} (the largest ${img.dtype} pixel value); got ${threshold}`);
  }
  const out = alloc(img), src = img.data, bound = img.bound;
  for (let i = 0; i < src.length; i++) out[i] = src[i] >= threshold ? bound - src[i] : src[i];
  return new Image(out, img.height, img.width, img.channels);
}

/**
 * Keeps the top `bits` bits (uint8: x & mask; float32: floor(x * 2^bits) / 2^bits, clamped).
 * @example posterize(new Image(new Uint8Array([255]), 1, 1, 1), 2).data // Uint8Array [192]
 */
export function posterize(img: Image, bits: number): Image {
  checkImage(img, "posterize", [1, 3]);
  if (!Number.isInteger(bits) || bits < 0 || bits > 8) throw new RangeError(`posterize: bits must be an integer in [0, 8]; got ${JSON.stringify(bits)}`);
  const out = alloc(img), src = img.data;
  if (img.dtype === "uint8") {
    const mask = ((1 << bits) - 1) << (8 - bits);
    for (let i = 0; i < src.length; i++) out[i] = src[i] & mask;
  } else {
    const levels = 1 << bits, inv = 1 / levels;
    for (let i = 0; i < src.length; i++) out[i] = Math.min(Math.max(Math.floor(Math.fround(src[i] * levels)), 0), levels - 1) * inv;
  }
  return new Image(out, img.height, img.width, img.channels);
}
