// Conversions between Image (HWC) and Tensor (HWC / CHW, and batches NHWC / NCHW), so a notebook
// can hand either to a transform. uint8 stays uint8; float tensors become float32 images.
import { Tensor } from "../tensor/tensor.js";
import { Image, type PixelArray } from "./image.js";

/** Memory layout of an image tensor. */
export type ImageLayout = "HWC" | "CHW";

const CH = [1, 3, 4];

/** Guesses HWC vs CHW from a 3-D shape: channels last if it is 1, 3 or 4, else first. @example guessLayout([3, 32, 32], "op") // "CHW" */
export function guessLayout(shape: readonly number[], op: string): ImageLayout {
  const [a, , c] = shape;
  if (CH.includes(c)) return "HWC";
  if (CH.includes(a)) return "CHW";
  throw new RangeError(`${op}: cannot tell the channel axis of shape [${shape.join(", ")}]; expected [H, W, C] or [C, H, W] with C in 1, 3, 4 (pass layout)`);
}

function pixels(t: Tensor, op: string): PixelArray {
  const c = t.contiguous();
  const n = c.size;
  if (c.dtype === "uint8") return (c.data as Uint8Array).slice(c.offset, c.offset + n);
  if (c.dtype === "float32") return (c.data as Float32Array).slice(c.offset, c.offset + n);
  if (c.dtype === "float64") return Float32Array.from((c.data as Float64Array).subarray(c.offset, c.offset + n));
  throw new TypeError(`${op}: image tensors must be uint8, float32 or float64; got ${c.dtype}`);
}

/**
 * An Image from a 3-D tensor ([H, W, C] or [C, H, W]; the layout is guessed unless given).
 * @example imageFromTensor(zeros([3, 32, 32])).shape // [32, 32, 3]
 */
export function imageFromTensor(t: Tensor, layout?: ImageLayout): Image {
  if (!(t instanceof Tensor) || t.ndim !== 3) {
    throw new RangeError(`imageFromTensor: expected a 3-D tensor [H, W, C] or [C, H, W]; got ${t instanceof Tensor ? `shape [${t.shape.join(", ")}]` : typeof t}`);
  }
  const l = layout ?? guessLayout(t.shape, "imageFromTensor");
  const data = pixels(t, "imageFromTensor");
  if (l === "HWC") return new Image(data, t.shape[0], t.shape[1], t.shape[2]);
  return Image.fromCHW(data, t.shape[1], t.shape[2], t.shape[0]);
}

/**
 * A tensor of the image, [H, W, C] or [C, H, W] (PyTorch's layout).
 * @example imageToTensor(sampleImage(), "CHW").shape // [3, 300, 451]
 */
export function imageToTensor(img: Image, layout: ImageLayout = "HWC"): Tensor {
  if (layout === "HWC") return new Tensor(img.data.slice(), [img.height, img.width, img.channels]);
  if (layout !== "CHW") throw new RangeError(`imageToTensor: layout must be "HWC" or "CHW"; got ${JSON.stringify(layout)}`);
  return new Tensor(img.toCHW(), [img.channels, img.height, img.width]);
}

/**
 * Splits a 4-D batch ([N, H, W, C] or [N, C, H, W]) into images.
 * @example imagesFromTensor(zeros([8, 3, 32, 32], { dtype: "uint8" })).length // 8
 */
export function imagesFromTensor(t: Tensor, layout?: ImageLayout): Image[] {
  if (!(t instanceof Tensor) || t.ndim !== 4) {
    throw new RangeError(`imagesFromTensor: expected a 4-D tensor [N, H, W, C] or [N, C, H, W]; got ${t instanceof Tensor ? `shape [${t.shape.join(", ")}]` : typeof t}`);
  }
  const l = layout ?? guessLayout(t.shape.slice(1), "imagesFromTensor");
  const data = pixels(t, "imagesFromTensor");
  const [n, a, b, c] = t.shape;
  const per = a * b * c;
  const out: Image[] = [];
  for (let i = 0; i < n; i++) {
    const slice = data.subarray(i * per, (i + 1) * per);
    out.push(l === "HWC" ? new Image(slice.slice(), a, b, c) : Image.fromCHW(slice, b, c, a));
  }
  return out;
}

/**
 * Stacks same-size images into [N, H, W, C] or [N, C, H, W].
 * @example imagesToTensor(crops, "CHW").shape // [10, 3, 224, 224]
 */
export function imagesToTensor(images: readonly Image[], layout: ImageLayout = "HWC"): Tensor {
  if (images.length === 0) throw new RangeError(`imagesToTensor: expected at least one image`);
  const { height: h, width: w, channels: c, dtype } = images[0];
  images.forEach((img, i) => {
    if (img.height !== h || img.width !== w || img.channels !== c || img.dtype !== dtype) {
      throw new RangeError(`imagesToTensor: image ${i} is ${img.toString()} but image 0 is ${images[0].toString()}; all must match`);
    }
  });
  const per = h * w * c;
  const data = dtype === "uint8" ? new Uint8Array(images.length * per) : new Float32Array(images.length * per);
  images.forEach((img, i) => data.set(layout === "CHW" ? img.toCHW() : img.data, i * per));
  return new Tensor(data, layout === "CHW" ? [images.length, c, h, w] : [images.length, h, w, c]);
}
