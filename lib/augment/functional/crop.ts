// Crops: a window (zero outside the image, as torchvision's crop), center, five and ten crops.
import { Image, checkImage } from "../../data/image.js";
import { horizontalFlip, verticalFlip } from "./flip.js";
import { alloc, checkInt, roundHalfEven } from "./util.js";

/**
 * The window rows top..top+height-1, columns left..left+width-1; pixels outside the image are 0.
 * @example crop(img, 0, 0, 2, 2).shape // [2, 2, channels]
 */
export function crop(img: Image, top: number, left: number, height: number, width: number): Image {
  checkImage(img, "crop", [1, 3, 4]);
  checkInt("crop", "top", top);
  checkInt("crop", "left", left);
  checkInt("crop", "height", height, 0);
  checkInt("crop", "width", width, 0);
  const { height: H, width: W, channels: c } = img;
  const out = alloc(img, height, width);
  const x0 = Math.max(0, -left), x1 = Math.min(width, W - left);
  if (x1 > x0) {
    for (let y = 0; y < height; y++) {
      const sy = top + y;
      if (sy < 0 || sy >= H) continue;
      out.set(img.data.subarray((sy * W + left + x0) * c, (sy * W + left + x1) * c), (y * width + x0) * c);
    }
  }
  return new Image(out, height, width, c);
}

/** Normalizes torchvision's `size`: n -> [n, n], [n] -> [n, n], [h, w] -> [h, w]. */
export function parseSize(op: string, size: number | readonly number[]): [number, number] {
  const s = typeof size === "number" ? [size, size] : size.length === 1 ? [size[0], size[0]] : size;
  if (s.length !== 2 || !s.every((v) => Number.isInteger(v) && v > 0)) {
    throw new RangeError(`${op}: size must be a positive integer or [height, width]; got ${JSON.stringify(size)}`);
  }
  return [s[0], s[1]];
}

/** Top-left corner of torchvision's center crop (Python round, zero padding when the crop is larger). */
export function centerCropOrigin(H: number, W: number, ch: number, cw: number): [number, number] {
  const top = ch > H ? -Math.floor((ch - H) / 2) : roundHalfEven((H - ch) / 2);
  const left = cw > W ? -Math.floor((cw - W) / 2) : roundHalfEven((W - cw) / 2);
  return [top, left];
}

/**
 * The central window of the given size (zero-padded if the image is smaller), as torchvision's center_crop.
 * @example centerCrop(sampleImage("chelsea"), 224).shape // [224, 224, 3]
 */
export function centerCrop(img: Image, size: number | readonly number[]): Image {
  checkImage(img, "centerCrop", [1, 3, 4]);
  const [ch, cw] = parseSize("centerCrop", size);
  const [top, left] = centerCropOrigin(img.height, img.width, ch, cw);
  return crop(img, top, left, ch, cw);
}

/**
 * Four corners and the center: [topLeft, topRight, bottomLeft, bottomRight, center], torchvision's order.
 * @example fiveCrop(img, 224).length // 5
 */
export function fiveCrop(img: Image, size: number | readonly number[]): Image[] {
  checkImage(img, "fiveCrop", [1, 3, 4]);
  const [ch, cw] = parseSize("fiveCrop", size);
  const { height: H, width: W } = img;
  if (ch > H || cw > W) throw new RangeError(`fiveCrop: requested crop size [${ch}, ${cw}] is bigger than the image [${H}, ${W}]`);
  return [
    crop(img, 0, 0, ch, cw),
    crop(img, 0, W - cw, ch, cw),
    crop(img, H - ch, 0, ch, cw),
    crop(img, H - ch, W - cw, ch, cw),
    centerCrop(img, [ch, cw]),
  ];
}

/**
 * fiveCrop of the image, then fiveCrop of its mirror (horizontal unless verticalFlip), as torchvision's ten_crop.
 * @example tenCrop(img, 224).length // 10
 */
export function tenCrop(img: Image, size: number | readonly number[], verticalFlipMode = false): Image[] {
  const first = fiveCrop(img, size);
  const flipped = verticalFlipMode ? verticalFlip(img) : horizontalFlip(img);
  return [...first, ...fiveCrop(flipped, size)];
}
