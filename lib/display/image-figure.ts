// One image as a Plotly figure (plotly.express.imshow): pixel axes, hover coordinates in the
// interactive chart, square pixels in both renderers. For batches use imageGrid.
import { Figure } from "./figure.js";
import { toImages, type ImageInput } from "./image-convert.js";
import { pngDataUri } from "./png.js";
import type { ImageTrace } from "./types.js";

/**
 * An image trace from a tensor (H x W, H x W x C, C x H x W) or raw pixels.
 * @example
 * imageTrace({ data: new Uint8Array([255, 0, 0]), width: 1, height: 1 }) // { type: "image", source: "data:image/png;base64,...", width: 1, height: 1 }
 */
export function imageTrace(input: ImageInput, opts: { layout?: "HWC" | "CHW"; range?: readonly [number, number] } = {}): ImageTrace {
  const imgs = toImages(input, opts);
  if (imgs.length !== 1) throw new Error(`imageTrace: expected one image, got a batch of ${imgs.length} (use imageGrid for batches)`);
  const { width, height, rgb } = imgs[0];
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255], 4 * i);
  return { type: "image", source: pngDataUri(rgba, width, height), width, height };
}

/**
 * Show one image with pixel axes.
 * @example
 * imageFigure(img, { title: "input" }) // Figure "input": 1 trace (image), ...
 */
export function imageFigure(input: ImageInput, opts: { title?: string; layout?: "HWC" | "CHW"; range?: readonly [number, number] } = {}): Figure {
  const t = imageTrace(input, opts);
  const scale = Math.max(1, Math.floor(360 / Math.max(t.width, t.height)));
  return new Figure([t], {
    title: opts.title, width: t.width * scale + 90, height: t.height * scale + (opts.title ? 110 : 80),
    xaxis: { showgrid: false, zeroline: false }, yaxis: { showgrid: false, zeroline: false, autorange: "reversed", scaleanchor: "x" },
  });
}
