// Small synthetic images for kernel tests.
import { Image } from "../../../../../lib/data/image.js";

/** A uint8 image from nested rows of pixels ([[r, g, b], ...] or plain numbers for gray). */
export function u8(rows: (number | number[])[][]): Image {
  const h = rows.length, w = rows[0].length, c = typeof rows[0][0] === "number" ? 1 : (rows[0][0] as number[]).length;
  const data = new Uint8Array(h * w * c);
  rows.forEach((row, y) => row.forEach((px, x) => { const v = typeof px === "number" ? [px] : px; v.forEach((val, k) => { data[(y * w + x) * c + k] = val; }); }));
  return new Image(data, h, w, c);
}

/** A float32 image with the same layout. */
export function f32(rows: (number | number[])[][]): Image {
  const h = rows.length, w = rows[0].length, c = typeof rows[0][0] === "number" ? 1 : (rows[0][0] as number[]).length;
  const data = new Float32Array(h * w * c);
  rows.forEach((row, y) => row.forEach((px, x) => { const v = typeof px === "number" ? [px] : px; v.forEach((val, k) => { data[(y * w + x) * c + k] = val; }); }));
  return new Image(data, h, w, c);
}

/** A deterministic uint8 ramp image h x w x c (values (7*i) % 256). */
export function ramp(h: number, w: number, c = 3): Image {
  const data = new Uint8Array(h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 5)) % 256;
  return new Image(data, h, w, c);
}

export const arr = (a: ArrayLike<number>): number[] => Array.from(a);
