// Shared fixtures for transform tests.
import { Image } from "../../../../../lib/data/image.js";

export const META = (h: number, w: number, c = 3) => ({ height: h, width: w, channels: c });

/** A deterministic uint8 image. */
export function ramp(h: number, w: number, c = 3): Image {
  const data = new Uint8Array(h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 5)) % 256;
  return new Image(data, h, w, c);
}

export const SEEDS = Array.from({ length: 200 }, (_, i) => i);
