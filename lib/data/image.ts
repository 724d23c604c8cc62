// The image type every kernel in lib/augment works on: an HWC pixel buffer with explicit sizes.
// uint8 images hold 0..255; float32 images hold 0..1, the convention of torchvision's
// `to_dtype(..., scale=True)`, so the same formulas (bound = 255 or 1) serve both.
import { encodePNG } from "./codec.js";

/** Pixel storage of an Image. */
export type ImageDType = "uint8" | "float32";
export type PixelArray = Uint8Array | Float32Array;

const DISPLAY = Symbol.for("Jupyter.display");

/**
 * An HWC image: `data[(y * width + x) * channels + c]`. Kernels never mutate it.
 * @example
 * const img = new Image(new Uint8Array([255, 0, 0]), 1, 1, 3); // one red pixel
 * img.dtype // "uint8"
 */
export class Image {
  readonly data: PixelArray;
  readonly height: number;
  readonly width: number;
  readonly channels: number;

  constructor(data: PixelArray, height: number, width: number, channels: number) {
    if (!(data instanceof Uint8Array || data instanceof Float32Array)) {
      throw new TypeError(`Image: data must be a Uint8Array or Float32Array; got ${describe(data)}`);
    }
    for (const [name, v] of [["height", height], ["width", width], ["channels", channels]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`Image: ${name} must be a non-negative integer; got ${v}`);
    }
    if (channels !== 1 && channels !== 3 && channels !== 4) {
      throw new RangeError(`Image: channels must be 1 (gray), 3 (RGB) or 4 (RGBA); got ${channels}`);
    }
    if (data.length !== height * width * channels) {
      throw new RangeError(`Image: data has ${data.length} values but height*width*channels = ${height}*${width}*${channels} = ${height * width * channels}`);
    }
    this.data = data;
    this.height = height;
    this.width = width;
    this.channels = channels;
  }

  get dtype(): ImageDType {
    return this.data instanceof Uint8Array ? "uint8" : "float32";
  }

  /** Largest pixel value: 255 for uint8, 1 for float32 (torchvision's `_max_value`). */
  get bound(): number {
    return this.data instanceof Uint8Array ? 255 : 1;
  }

  /** [height, width, channels], as NumPy would print an HWC array's shape. */
  get shape(): [number, number, number] {
    return [this.height, this.width, this.channels];
  }

  /** An image of the same size and dtype, zero-filled. @example Image.zeros(2, 2, 3).data.length // 12 */
  static zeros(height: number, width: number, channels: number, dtype: ImageDType = "uint8"): Image {
    const n = height * width * channels;
    return new Image(dtype === "uint8" ? new Uint8Array(n) : new Float32Array(n), height, width, channels);
  }

  /** An image with this one's size and dtype and fresh storage. */
  empty(height = this.height, width = this.width, channels = this.channels): Image {
    return Image.zeros(height, width, channels, this.dtype);
  }

  /** A deep copy. @example img.clone().data !== img.data // true */
  clone(): Image {
    return new Image(this.data.slice(), this.height, this.width, this.channels);
  }

  /** Pixel value at (y, x, c). @example new Image(new Uint8Array([7]), 1, 1, 1).get(0, 0) // 7 */
  get(y: number, x: number, c = 0): number {
    return this.data[(y * this.width + x) * this.channels + c];
  }

  /**
   * Converts the pixel type as torchvision's `to_dtype(scale=True)`: uint8 -> float32 divides by 255;
   * float32 -> uint8 multiplies by 255.999 and truncates (so 1.0 -> 255 and 0.999 -> 255).
   * @example new Image(new Uint8Array([255]), 1, 1, 1).toDType("float32").data // Float32Array [1]
   */
  toDType(dtype: ImageDType): Image {
    if (dtype === this.dtype) return this.clone();
    const n = this.data.length;
    if (dtype === "float32") {
      const out = new Float32Array(n);
      const src = this.data;
      for (let i = 0; i < n; i++) out[i] = src[i] / 255;
      return new Image(out, this.height, this.width, this.channels);
    }
    if (dtype !== "uint8") throw new TypeError(`Image.toDType: dtype must be "uint8" or "float32"; got ${JSON.stringify(dtype)}`);
    const out = new Uint8Array(n);
    const src = this.data;
    const k = Math.fround(255 + 1 - 1e-3);
    for (let i = 0; i < n; i++) {
      const v = Math.fround(src[i] * k);
      out[i] = v <= 0 ? 0 : v >= 255 ? 255 : v; // Uint8Array stores truncate, as torch's float->uint8 cast
    }
    return new Image(out, this.height, this.width, this.channels);
  }

  /** Pixels in CHW order (planar), as a PyTorch tensor image stores them. */
  toCHW(): PixelArray {
    const { height: h, width: w, channels: c } = this;
    const hw = h * w;
    const out = this.data instanceof Uint8Array ? new Uint8Array(this.data.length) : new Float32Array(this.data.length);
    for (let p = 0; p < hw; p++) for (let k = 0; k < c; k++) out[k * hw + p] = this.data[p * c + k];
    return out;
  }

  /**
   * Builds an image from CHW (planar) pixels.
   * @example Image.fromCHW(new Uint8Array([1, 2, 3]), 1, 1, 3).data // Uint8Array [1, 2, 3]
   */
  static fromCHW(chw: PixelArray, height: number, width: number, channels: number): Image {
    const hw = height * width;
    if (chw.length !== hw * channels) {
      throw new RangeError(`Image.fromCHW: data has ${chw.length} values but channels*height*width = ${channels * hw}`);
    }
    const out = chw instanceof Uint8Array ? new Uint8Array(chw.length) : new Float32Array(chw.length);
    for (let k = 0; k < channels; k++) for (let p = 0; p < hw; p++) out[p * channels + k] = chw[k * hw + p];
    return new Image(out, height, width, channels);
  }

  toString(): string {
    return `Image(${this.height}x${this.width}x${this.channels} ${this.dtype})`;
  }

  /**
   * Renders in Jupyter as a PNG (the display protocol; no display module needed). Images narrower
   * than 128 pixels (CIFAR's 32) are shown enlarged by an integer factor so pixels stay visible.
   */
  [DISPLAY](): { data: Record<string, string>; metadata: Record<string, unknown> } {
    const png = encodePNG(this);
    const data = { "image/png": png.toString("base64"), "text/plain": this.toString() };
    const zoom = this.width > 0 && this.width < 128 ? Math.ceil(128 / this.width) : 1;
    return { data, metadata: zoom > 1 ? { "image/png": { width: this.width * zoom, height: this.height * zoom } } : {} };
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

/** Throws unless `img` is an Image with one of the allowed channel counts. */
export function checkImage(img: unknown, op: string, channels: readonly number[] = [1, 3]): Image {
  if (!(img instanceof Image)) throw new TypeError(`${op}: expected an Image (HWC); got ${describe(img)}`);
  if (!channels.includes(img.channels)) {
    throw new RangeError(`${op}: expected an image with ${channels.join(" or ")} channels; got ${img.channels} (shape [${img.shape.join(", ")}])`);
  }
  return img;
}
