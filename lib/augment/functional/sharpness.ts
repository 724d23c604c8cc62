// adjust_sharpness as torchvision: blend with a 3x3 smoothing ([1 1 1; 1 5 1; 1 1 1] / 13) on the
// interior; the one-pixel border is kept as is. uint8: the blurred image is rounded (half to even).
import { Image, checkImage } from "../../data/image.js";
import { alloc, checkNumber, roundHalfEven } from "./util.js";

const fr = Math.fround;

/**
 * 0 gives the smoothed image, 1 the original, 2 a sharpened one.
 * @example adjustSharpness(img, 1).data // equal to img.data
 */
export function adjustSharpness(img: Image, sharpnessFactor: number): Image {
  checkImage(img, "adjustSharpness");
  checkNumber("adjustSharpness", "sharpnessFactor", sharpnessFactor, 0);
  const { height: H, width: W, channels: c } = img;
  if (H <= 2 || W <= 2) return img.clone();
  const src = img.data, out = alloc(img), isU8 = img.dtype === "uint8", bound = img.bound;
  out.set(src);
  const a = fr(1 / 13), b = fr(5 / 13), alpha = fr(1 - sharpnessFactor), rowStride = W * c;
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      for (let k = 0; k < c; k++) {
        const i = (y * W + x) * c + k;
        const up = i - rowStride, down = i + rowStride;
        const ring = src[up - c] + src[up] + src[up + c] + src[i - c] + src[i + c] + src[down - c] + src[down] + src[down + c];
        let blur = fr(fr(ring * a) + fr(src[i] * b));
        if (isU8) blur = roundHalfEven(blur);
        const v = fr(src[i] + fr(alpha * fr(blur - src[i])));
        out[i] = v > 0 ? (v < bound ? v : bound) : 0;
      }
    }
  }
  return new Image(out, H, W, c);
}
