// Horizontal and vertical flips (torchvision `hflip` / `vflip`: `image.flip(-1)` / `flip(-2)`).
import { Image, checkImage } from "../../data/image.js";
import { alloc } from "./util.js";

/**
 * Mirrors left-right. Flipping twice returns the original pixels.
 * @example horizontalFlip(new Image(new Uint8Array([1, 2]), 1, 2, 1)).data // Uint8Array [2, 1]
 */
export function horizontalFlip(img: Image): Image {
  checkImage(img, "horizontalFlip", [1, 3, 4]);
  const { height: h, width: w, channels: c } = img;
  const out = alloc(img);
  const src = img.data;
  for (let y = 0; y < h; y++) {
    const row = y * w * c;
    for (let x = 0; x < w; x++) {
      const d = row + x * c, s = row + (w - 1 - x) * c;
      for (let k = 0; k < c; k++) out[d + k] = src[s + k];
    }
  }
  return new Image(out, h, w, c);
}

/**
 * Mirrors top-bottom.
 * @example verticalFlip(new Image(new Uint8Array([1, 2]), 2, 1, 1)).data // Uint8Array [2, 1]
 */
export function verticalFlip(img: Image): Image {
  checkImage(img, "verticalFlip", [1, 3, 4]);
  const { height: h, width: w, channels: c } = img;
  const out = alloc(img);
  const rowLen = w * c;
  for (let y = 0; y < h; y++) out.set(img.data.subarray((h - 1 - y) * rowLen, (h - y) * rowLen), y * rowLen);
  return new Image(out, h, w, c);
}

export { horizontalFlip as hflip, verticalFlip as vflip };
