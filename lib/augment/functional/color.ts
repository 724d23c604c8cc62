// torchvision's blend-based color ops (v2 functional/_color.py), with its float32 arithmetic:
//   brightness: clamp(x * f);  contrast: blend(x, mean(gray)), saturation: blend(x, gray),
//   blend(a, b, r) = clamp(r * a + (1 - r) * b, 0, bound); uint8 results truncate (torch's cast).
// For uint8 the grayscale used by contrast/saturation is floored first, as torchvision does.
import { Image, checkImage } from "../../data/image.js";
import { alloc, checkNumber } from "./util.js";

const fr = Math.fround;
// torchvision's luma weights (note 0.2989, not ITU-R 601's 0.299), as float32 scalars
const WR = fr(0.2989), WG = fr(0.587), WB = fr(0.114);

/** Gray value of one RGB pixel in torchvision's float32 arithmetic. @example luma(255, 255, 255) // 254.97450... */
export function luma(r: number, g: number, b: number): number {
  return fr(fr(fr(r * WR) + fr(WG * g)) + fr(WB * b));
}

/**
 * Grayscale with torchvision's weights 0.2989 R + 0.587 G + 0.114 B; 1 or 3 identical output channels.
 * @example rgbToGrayscale(new Image(new Uint8Array([255, 255, 255]), 1, 1, 3)).data // Uint8Array [254] (weights sum to 0.9999)
 */
export function rgbToGrayscale(img: Image, numOutputChannels: 1 | 3 = 1): Image {
  checkImage(img, "rgbToGrayscale", [1, 3]);
  if (numOutputChannels !== 1 && numOutputChannels !== 3) throw new RangeError(`rgbToGrayscale: numOutputChannels must be 1 or 3; got ${numOutputChannels}`);
  const n = img.height * img.width, src = img.data, c = img.channels;
  const out = alloc(img, img.height, img.width, numOutputChannels);
  for (let p = 0; p < n; p++) {
    const l = c === 1 ? src[p] : luma(src[p * 3], src[p * 3 + 1], src[p * 3 + 2]);
    for (let k = 0; k < numOutputChannels; k++) out[p * numOutputChannels + k] = l;
  }
  return new Image(out, img.height, img.width, numOutputChannels);
}

// Per-pixel gray for contrast/saturation: float (preserve_dtype=False), floored for uint8.
function grayPlane(img: Image): Float32Array {
  const n = img.height * img.width, src = img.data, g = new Float32Array(n);
  const isU8 = img.dtype === "uint8";
  if (img.channels === 1) { for (let p = 0; p < n; p++) g[p] = src[p]; return g; }
  for (let p = 0; p < n; p++) {
    const l = luma(src[p * 3], src[p * 3 + 1], src[p * 3 + 2]);
    g[p] = isU8 ? Math.floor(l) : l;
  }
  return g;
}

// blend(image, other, ratio) with `other` a per-pixel plane (index p) or a constant.
function blend(img: Image, other: Float32Array | number, ratio: number): Image {
  const out = alloc(img);
  const src = img.data, c = img.channels, bound = img.bound;
  const r = fr(ratio), q = fr(1 - ratio);
  const n = img.height * img.width;
  for (let p = 0; p < n; p++) {
    const o = fr(q * (typeof other === "number" ? other : other[p]));
    for (let k = 0; k < c; k++) {
      const v = fr(fr(src[p * c + k] * r) + o);
      out[p * c + k] = v > 0 ? (v < bound ? v : bound) : 0;
    }
  }
  return new Image(out, img.height, img.width, c);
}

/**
 * Multiplies by `brightnessFactor` and clamps (0 gives black, 1 the original).
 * @example adjustBrightness(new Image(new Uint8Array([100]), 1, 1, 1), 1.5).data // Uint8Array [150]
 */
export function adjustBrightness(img: Image, brightnessFactor: number): Image {
  checkImage(img, "adjustBrightness");
  checkNumber("adjustBrightness", "brightnessFactor", brightnessFactor, 0);
  const out = alloc(img), src = img.data, bound = img.bound, f = fr(brightnessFactor);
  for (let i = 0; i < src.length; i++) {
    const v = fr(src[i] * f);
    out[i] = v < bound ? v : bound;
  }
  return new Image(out, img.height, img.width, img.channels);
}

/**
 * Blends with the mean of the grayscale image (0 gives a uniform gray, 1 the original).
 * @example adjustContrast(new Image(new Uint8Array([0, 0, 0, 200, 200, 200]), 1, 2, 3), 0).data // all 99 (mean of floored grays 0 and 199)
 */
export function adjustContrast(img: Image, contrastFactor: number): Image {
  checkImage(img, "adjustContrast");
  checkNumber("adjustContrast", "contrastFactor", contrastFactor, 0);
  const g = grayPlane(img);
  let sum = 0; // float64 accumulation; torch's float32 mean is pairwise and agrees to float32 rounding
  for (let p = 0; p < g.length; p++) sum += g[p];
  const mean = g.length === 0 ? 0 : fr(sum / g.length);
  return blend(img, mean, contrastFactor);
}

/**
 * Blends with the grayscale image (0 gives gray, 1 the original, 2 doubles saturation).
 * @example adjustSaturation(gray, 2) // unchanged: a gray image has no saturation to scale
 */
export function adjustSaturation(img: Image, saturationFactor: number): Image {
  checkImage(img, "adjustSaturation");
  checkNumber("adjustSaturation", "saturationFactor", saturationFactor, 0);
  if (img.channels === 1) return img.clone(); // as torchvision (and PIL)
  return blend(img, grayPlane(img), saturationFactor);
}
