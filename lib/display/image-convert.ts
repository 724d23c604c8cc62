// Turning whatever a student has (a uint8 or float tensor, HWC or CHW, one image or an NHWC
// batch, or an array of images) into RGB uint8 images, as torchvision's to_pil_image would.

/** Anything with a shape, a dtype and a way to read its values (lib/tensor's Tensor qualifies). */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype?: string;
  toTypedArray(): ArrayLike<number>;
}

/** Raw pixels: row-major, `channels` (1, 3 or 4) interleaved per pixel. */
export interface RawImage {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels?: number;
}

export type ImageInput = TensorLike | RawImage | readonly (TensorLike | RawImage)[];

export interface RgbImage { width: number; height: number; rgb: Uint8Array }

/**
 * @example
 * isTensorLike(zeros([2, 2])) // true
 */
export function isTensorLike(v: unknown): v is TensorLike {
  return !!v && typeof v === "object" && Array.isArray((v as TensorLike).shape) && typeof (v as TensorLike).toTypedArray === "function";
}

const isUint8 = (dtype: string | undefined, data: ArrayLike<number>) =>
  dtype === "uint8" || (dtype === undefined && (data instanceof Uint8Array || data instanceof Uint8ClampedArray));

/** Convert H x W x C interleaved values (C = 1, 3 or 4; alpha dropped) to RGB uint8. */
function toRgb(data: ArrayLike<number>, h: number, w: number, c: number, uint8: boolean, range: readonly [number, number], chw: boolean): RgbImage {
  if (![1, 3, 4].includes(c)) throw new Error(`imageGrid: expected 1, 3 or 4 channels, got ${c}`);
  const rgb = new Uint8Array(h * w * 3);
  const [lo, hi] = range;
  const conv = (v: number) => uint8 ? v : Number.isNaN(v) ? 0 : Math.round(Math.min(1, Math.max(0, (v - lo) / (hi - lo))) * 255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    for (let k = 0; k < 3; k++) {
      const ch = c === 1 ? 0 : k;
      const i = chw ? ch * h * w + y * w + x : (y * w + x) * c + ch;
      rgb[(y * w + x) * 3 + k] = conv(data[i]);
    }
  }
  return { width: w, height: h, rgb };
}

function fromTensor(t: TensorLike, layout: "HWC" | "CHW" | undefined, range: readonly [number, number]): RgbImage[] {
  const s = t.shape, data = t.toTypedArray(), u8 = isUint8(t.dtype, data);
  const per = (n: number, h: number, w: number, c: number, chw: boolean) =>
    Array.from({ length: n }, (_, i) => toRgb(data.length === n * h * w * c ? sub(data, i * h * w * c, h * w * c) : data, h, w, c, u8, range, chw));
  if (s.length === 2) return [toRgb(data, s[0], s[1], 1, u8, range, false)];
  if (s.length === 3) {
    const chw = layout ? layout === "CHW" : [1, 3].includes(s[0]) && ![1, 3, 4].includes(s[2]);
    if (chw) return [toRgb(data, s[1], s[2], s[0], u8, range, true)];
    if (layout === "HWC" || [1, 3, 4].includes(s[2])) return [toRgb(data, s[0], s[1], s[2], u8, range, false)];
    return per(s[0], s[1], s[2], 1, false); // N x H x W grayscale batch
  }
  if (s.length === 4) {
    const chw = layout ? layout === "CHW" : [1, 3].includes(s[1]) && ![1, 3, 4].includes(s[3]);
    return chw ? per(s[0], s[2], s[3], s[1], true) : per(s[0], s[1], s[2], s[3], false);
  }
  throw new Error(`imageGrid: expected an image (H x W, H x W x C, C x H x W) or a batch (N x H x W x C), got shape [${s.join(", ")}]`);
}

function sub(a: ArrayLike<number>, start: number, len: number): ArrayLike<number> {
  const v = a as unknown as { subarray?: (a: number, b: number) => ArrayLike<number> };
  return v.subarray ? v.subarray(start, start + len) : Array.prototype.slice.call(a, start, start + len);
}

/**
 * Normalise any supported input to a list of RGB uint8 images.
 * @example
 * toImages({ data: new Uint8Array([255]), width: 1, height: 1 })[0].rgb // Uint8Array [255, 255, 255]
 */
export function toImages(input: ImageInput, opts: { layout?: "HWC" | "CHW"; range?: readonly [number, number] } = {}): RgbImage[] {
  const range = opts.range ?? [0, 1];
  if (!(range[1] > range[0])) throw new Error(`imageGrid: expected range [lo, hi] with hi > lo, got [${range.join(", ")}]`);
  const one = (v: TensorLike | RawImage): RgbImage[] => {
    if (isTensorLike(v)) return fromTensor(v, opts.layout, range);
    if (v && typeof v === "object" && "data" in v && Number.isInteger(v.width) && Number.isInteger(v.height)) {
      const c = v.channels ?? v.data.length / (v.width * v.height);
      if (v.data.length !== v.width * v.height * c) throw new Error(`imageGrid: ${v.width}x${v.height}x${c} image needs ${v.width * v.height * c} values, got ${v.data.length}`);
      return [toRgb(v.data, v.height, v.width, c, isUint8(undefined, v.data), range, false)];
    }
    throw new Error(`imageGrid: expected a tensor, {data, width, height} or an array of them, got ${Object.prototype.toString.call(v)}`);
  };
  return Array.isArray(input) ? (input as (TensorLike | RawImage)[]).flatMap(one) : one(input as TensorLike | RawImage);
}
