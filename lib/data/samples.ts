// The shipped sample images (scikit-image's sample data; provenance in notebooks/data/README.md).
import { loadImage, type DecodeOptions } from "./codec.js";
import type { Image } from "./image.js";
import { shippedFile } from "./paths.js";

const SAMPLES = {
  chelsea: "chelsea.png",
  coffee: "coffee.png",
  astronaut: "astronaut.png",
  rocket: "rocket.jpg",
} as const;

/** Names accepted by sampleImage. */
export type SampleName = keyof typeof SAMPLES;
export const SAMPLE_NAMES = Object.keys(SAMPLES) as SampleName[];

/**
 * Loads a shipped sample image as uint8 HWC RGB, from any working directory.
 * @example sampleImage("chelsea").shape // [300, 451, 3]  (the lecture's cat)
 */
export function sampleImage(name: SampleName = "chelsea", options: DecodeOptions = {}): Image {
  if (!Object.prototype.hasOwnProperty.call(SAMPLES, name)) {
    throw new RangeError(`sampleImage: unknown sample ${JSON.stringify(name)}; expected one of ${SAMPLE_NAMES.join(", ")}`);
  }
  return loadImage(shippedFile("images", SAMPLES[name]), options);
}
