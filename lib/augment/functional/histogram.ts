// Histogram ops of torchvision: equalize (Pillow's LUT, per channel) and autocontrast (per channel).
import { Image, checkImage } from "../../data/image.js";
import { alloc } from "./util.js";

const fr = Math.fround;

/**
 * Histogram equalization per channel with Pillow's lookup table:
 * step = floor((N - count of the highest occupied bin) / 255), lut[k] = floor((cdf[k-1] + step/2) / step).
 * A channel with step 0 (nearly constant) is left unchanged. Float images go through uint8, as torchvision.
 * @example equalize(img).dtype // same dtype as img
 */
export function equalize(img: Image): Image {
  checkImage(img, "equalize", [1, 3]);
  const u8 = img.dtype === "uint8" ? img : img.toDType("uint8");
  const { channels: c } = u8, n = u8.height * u8.width, src = u8.data;
  const out = new Uint8Array(src.length);
  const hist = new Int32Array(256), lut = new Uint8Array(256);
  for (let k = 0; k < c; k++) {
    hist.fill(0);
    for (let p = 0; p < n; p++) hist[src[p * c + k]]++;
    let last = 255;
    while (last > 0 && hist[last] === 0) last--;
    const step = Math.floor((n - hist[last]) / 255);
    if (step === 0) { for (let p = 0; p < n; p++) out[p * c + k] = src[p * c + k]; continue; }
    let cum = 0;
    lut[0] = 0;
    for (let v = 1; v < 256; v++) {
      cum += hist[v - 1];
      lut[v] = Math.min(255, Math.floor((cum + Math.floor(step / 2)) / step));
    }
    for (let p = 0; p < n; p++) out[p * c + k] = lut[src[p * c + k]];
  }
  const eq = new Image(out, u8.height, u8.width, c);
  return img.dtype === "uint8" ? eq : eq.toDType("float32");
}

/**
 * Stretches each channel so its minimum maps to 0 and its maximum to the bound (constant channels unchanged).
 * @example autocontrast(new Image(new Uint8Array([50, 100]), 1, 2, 1)).data // Uint8Array [0, 255]
 */
export function autocontrast(img: Image): Image {
  checkImage(img, "autocontrast", [1, 3]);
  const { channels: c } = img, n = img.height * img.width, src = img.data, bound = img.bound;
  const out = alloc(img);
  for (let k = 0; k < c; k++) {
    let lo = Infinity, hi = -Infinity;
    for (let p = 0; p < n; p++) { const v = src[p * c + k]; if (v < lo) lo = v; if (v > hi) hi = v; }
    let invScale = fr(fr(hi - lo) * fr(1 / bound));
    if (lo === hi) { lo = 0; invScale = 1; }
    for (let p = 0; p < n; p++) {
      const v = fr(fr(src[p * c + k] - lo) / invScale);
      out[p * c + k] = v > 0 ? (v < bound ? v : bound) : 0;
    }
  }
  return new Image(out, img.height, img.width, c);
}
