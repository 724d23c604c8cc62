// PNG and JPEG decoding, PNG encoding: thin, checked wrappers over pngjs and jpeg-js.
import * as fs from "node:fs";
import { PNG } from "pngjs";
import * as jpeg from "jpeg-js";
import { Image } from "./image.js";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/** Options of decodeImage / loadImage. */
export interface DecodeOptions {
  /** "rgb" (default) drops alpha, "rgba" keeps it, "gray" converts with torchvision's luma weights. */
  mode?: "rgb" | "rgba" | "gray";
}

/**
 * Decodes PNG or JPEG bytes (sniffed from the magic number) to a uint8 HWC Image.
 * @example decodeImage(fs.readFileSync("cat.png")).shape // [300, 451, 3]
 */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Image {
  const mode = options.mode ?? "rgb";
  if (mode !== "rgb" && mode !== "rgba" && mode !== "gray") {
    throw new RangeError(`decodeImage: mode must be "rgb", "rgba" or "gray"; got ${JSON.stringify(mode)}`);
  }
  let rgba: Uint8Array, width: number, height: number;
  if (startsWith(bytes, PNG_MAGIC)) {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    rgba = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength);
    width = png.width;
    height = png.height;
  } else if (startsWith(bytes, JPEG_MAGIC)) {
    const jpg = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    rgba = jpg.data;
    width = jpg.width;
    height = jpg.height;
  } else {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new TypeError(`decodeImage: expected PNG (89 50 4e 47) or JPEG (ff d8 ff) bytes; got a file starting with ${head || "nothing"}`);
  }
  return fromRGBA(rgba, height, width, mode);
}

function fromRGBA(rgba: Uint8Array, height: number, width: number, mode: "rgb" | "rgba" | "gray"): Image {
  const n = height * width;
  if (mode === "rgba") return new Image(new Uint8Array(rgba.subarray(0, n * 4)), height, width, 4);
  if (mode === "rgb") {
    const out = new Uint8Array(n * 3);
    for (let p = 0; p < n; p++) {
      out[p * 3] = rgba[p * 4];
      out[p * 3 + 1] = rgba[p * 4 + 1];
      out[p * 3 + 2] = rgba[p * 4 + 2];
    }
    return new Image(out, height, width, 3);
  }
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    // torchvision's rgb_to_grayscale weights, float32 arithmetic, truncating cast
    const l = Math.fround(Math.fround(Math.fround(rgba[p * 4] * 0.2989) + Math.fround(rgba[p * 4 + 1] * 0.587)) + Math.fround(rgba[p * 4 + 2] * 0.114));
    out[p] = l > 255 ? 255 : l;
  }
  return new Image(out, height, width, 1);
}

/**
 * Encodes an image as PNG bytes (float32 images are converted with `toDType("uint8")`).
 * @example encodePNG(Image.zeros(2, 2, 3)).subarray(1, 4).toString() // "PNG"
 */
export function encodePNG(img: Image): Buffer {
  const u8 = img.dtype === "uint8" ? img : img.toDType("uint8");
  const { height: h, width: w, channels: c } = u8;
  const png = new PNG({ width: w, height: h });
  const src = u8.data;
  const dst = png.data;
  for (let p = 0; p < h * w; p++) {
    const r = src[p * c];
    dst[p * 4] = r;
    dst[p * 4 + 1] = c >= 3 ? src[p * c + 1] : r;
    dst[p * 4 + 2] = c >= 3 ? src[p * c + 2] : r;
    dst[p * 4 + 3] = c === 4 ? src[p * c + 3] : 255;
  }
  return PNG.sync.write(png);
}

/**
 * Reads a PNG or JPEG file into a uint8 HWC Image, with a clear error when the file is missing.
 * @example loadImage("notebooks/data/images/chelsea.png").shape // [300, 451, 3]
 */
export function loadImage(path: string, options: DecodeOptions = {}): Image {
  if (typeof path !== "string") throw new TypeError(`loadImage: path must be a string; got ${typeof path}`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`loadImage: cannot read ${JSON.stringify(path)} (${code ?? String(e)}); check the path (relative paths resolve from ${process.cwd()})`);
  }
  try {
    return decodeImage(bytes, options);
  } catch (e) {
    throw new Error(`loadImage: ${JSON.stringify(path)}: ${(e as Error).message}`);
  }
}

/** Writes an image as a PNG file. @example saveImage(img, "/tmp/out.png") */
export function saveImage(img: Image, path: string): void {
  fs.writeFileSync(path, encodePNG(img));
}
