// PNG encoding with pngjs: the one raster codec the display module needs (image grids, image
// traces, tensor pictures). Pixels are RGBA uint8, row-major, as in a canvas ImageData.
import { PNG } from "pngjs";

/**
 * Encode RGBA pixels (width * height * 4 bytes) as PNG.
 * @example
 * encodePng(new Uint8Array([255, 0, 0, 255]), 1, 1).subarray(0, 4) // [0x89, 0x50, 0x4e, 0x47]
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new Error(`encodePng: expected positive integer width and height, got ${width} x ${height}`);
  }
  if (rgba.length !== width * height * 4) {
    throw new Error(`encodePng: expected ${width}x${height}x4 = ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  }
  const png = new PNG({ width, height, colorType: 6 });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: 6 });
}

/**
 * Decode a PNG to RGBA pixels (tests and round trips).
 * @example
 * decodePng(encodePng(new Uint8Array([1, 2, 3, 255]), 1, 1)).data // Uint8Array [1, 2, 3, 255]
 */
export function decodePng(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/**
 * `data:image/png;base64,...` for RGBA pixels: the `source` of an image trace or an <img>.
 * @example
 * pngDataUri(new Uint8Array(4), 1, 1) // "data:image/png;base64,iVBORw0..."
 */
export function pngDataUri(rgba: Uint8Array, width: number, height: number): string {
  return `data:image/png;base64,${encodePng(rgba, width, height).toString("base64")}`;
}
