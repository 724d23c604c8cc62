// adjust_hue as torchvision: to float32 [0, 1], RGB -> HSV (Pillow's formulas), rotate h, back.
import { Image, checkImage } from "../../data/image.js";
import { alloc, checkNumber } from "./util.js";

const fr = Math.fround;

/**
 * Shifts hue by `hueFactor` turns in [-0.5, 0.5] (1/3 maps red to green, green to blue).
 * @example adjustHue(new Image(new Uint8Array([255, 0, 0]), 1, 1, 3), 1 / 3).data // Uint8Array [0, 255, 0]
 */
export function adjustHue(img: Image, hueFactor: number): Image {
  checkImage(img, "adjustHue");
  checkNumber("adjustHue", "hueFactor", hueFactor, -0.5, 0.5);
  if (img.channels === 1) return img.clone();
  const isU8 = img.dtype === "uint8";
  const src = img.data, out = alloc(img), n = img.height * img.width;
  const inv = fr(1 / 255), toU8 = fr(255 + 1 - 1e-3);
  for (let p = 0; p < n; p++) {
    let r = src[p * 3], g = src[p * 3 + 1], b = src[p * 3 + 2];
    if (isU8) { r = fr(r * inv); g = fr(g * inv); b = fr(b * inv); }
    const maxc = Math.max(r, g, b), minc = Math.min(r, g, b);
    const eqc = maxc === minc;
    const range = fr(maxc - minc);
    const s = fr(range / (eqc ? 1 : maxc));
    const div = eqc ? 1 : range;
    const rc = fr(fr(maxc - r) / div), gc = fr(fr(maxc - g) / div), bc = fr(fr(maxc - b) / div);
    let h: number;
    if (maxc === r) h = fr(bc - gc);
    else if (maxc === g) h = fr(fr(rc + 2) - bc);
    else h = fr(fr(gc + 4) - rc);
    h = fr(fr(fr(h * fr(1 / 6)) + 1) % 1);
    // h.add_(hue_factor).remainder_(1.0): Python-style remainder, always in [0, 1)
    h = fr(h + hueFactor);
    h = fr(h - Math.floor(h));
    const v = maxc;
    const h6 = fr(h * 6);
    const i0 = Math.floor(h6);
    const f = fr(h6 - i0);
    const i = ((i0 % 6) + 6) % 6;
    const sxf = fr(s * f), oneMinusS = fr(1 - s);
    const q = Math.min(1, Math.max(0, fr(fr(1 - sxf) * v)));
    const t = Math.min(1, Math.max(0, fr(fr(sxf + oneMinusS) * v)));
    const pp = Math.min(1, Math.max(0, fr(oneMinusS * v)));
    let R: number, G: number, B: number;
    switch (i) {
      case 0: R = v; G = t; B = pp; break;
      case 1: R = q; G = v; B = pp; break;
      case 2: R = pp; G = v; B = t; break;
      case 3: R = pp; G = q; B = v; break;
      case 4: R = t; G = pp; B = v; break;
      default: R = v; G = pp; B = q; break;
    }
    if (isU8) { R = fr(R * toU8); G = fr(G * toU8); B = fr(B * toU8); }
    out[p * 3] = R; out[p * 3 + 1] = G; out[p * 3 + 2] = B;
  }
  return new Image(out, img.height, img.width, 3);
}
