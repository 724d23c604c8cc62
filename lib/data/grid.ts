// makeGrid: many images in one, as torchvision.utils.make_grid, to show an augmentation's outputs
// side by side (the lecture's cat flipped, cropped, jittered ...).
import { Tensor } from "../tensor/tensor.js";
import { Image } from "./image.js";
import { imagesFromTensor } from "./tensor-image.js";

/**
 * Tiles images in rows of `nrow` with `padding` pixels of `padValue` between them (torchvision's
 * defaults: nrow 8, padding 2, padValue 0). Sizes may differ: each cell is as large as the largest
 * image and smaller images sit in its top-left corner. Gray images are shown as RGB.
 * @example makeGrid(Array.from({ length: 8 }, () => t.call(cat, g)), { nrow: 4 }) // one Image to display
 */
export function makeGrid(images: readonly Image[] | Tensor, options: { nrow?: number; padding?: number; padValue?: number } = {}): Image {
  const list = images instanceof Tensor ? imagesFromTensor(images) : [...images];
  if (list.length === 0) throw new RangeError(`makeGrid: expected at least one image`);
  list.forEach((img, i) => { if (!(img instanceof Image)) throw new TypeError(`makeGrid: item ${i} is not an Image`); });
  const nrow = options.nrow ?? 8, padding = options.padding ?? 2;
  if (!Number.isInteger(nrow) || nrow < 1) throw new RangeError(`makeGrid: nrow must be a positive integer; got ${nrow}`);
  if (!Number.isInteger(padding) || padding < 0) throw new RangeError(`makeGrid: padding must be a non-negative integer; got ${padding}`);
  const u8 = list.map((img) => (img.dtype === "uint8" ? img : img.toDType("uint8")));
  const padValue = options.padValue ?? 0;
  const fill = list[0].dtype === "float32" && padValue <= 1 ? Math.round(padValue * 255) : padValue;
  const cellH = Math.max(...u8.map((i) => i.height)), cellW = Math.max(...u8.map((i) => i.width));
  const cols = Math.min(nrow, u8.length), rows = Math.ceil(u8.length / nrow);
  const H = rows * (cellH + padding) + padding, W = cols * (cellW + padding) + padding;
  const out = new Uint8Array(H * W * 3).fill(fill);
  u8.forEach((img, idx) => {
    const y0 = padding + Math.floor(idx / nrow) * (cellH + padding), x0 = padding + (idx % nrow) * (cellW + padding);
    const c = img.channels;
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
      const s = (y * img.width + x) * c, d = ((y0 + y) * W + x0 + x) * 3;
      out[d] = img.data[s];
      out[d + 1] = img.data[c >= 3 ? s + 1 : s];
      out[d + 2] = img.data[c >= 3 ? s + 2 : s];
    }
  });
  return new Image(out, H, W, 3);
}
