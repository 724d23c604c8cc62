// An image grid from a batch, as torchvision.utils.make_grid + matplotlib captions: every image
// converted to RGB uint8, upscaled nearest-neighbour so tiny images (8x8 digits, 32x32 CIFAR)
// stay crisp, laid out in a grid with a caption per image, encoded as one PNG by pngjs.
import { encodePng } from "./png.js";
import { textLayer, type TextItem } from "./raster.js";
import { DISPLAY } from "./figure.js";
import { toImages, type ImageInput, type RgbImage } from "./image-convert.js";
import type { MimeBundle } from "./types.js";

export interface GridOptions {
  /** Images per row (default: ceil(sqrt(n))). */
  columns?: number;
  /** One caption per image: text (e.g. "rotate 15°"), and/or soft labels drawn as bars. */
  captions?: readonly (string | { text?: string; probs?: readonly number[] })[];
  /** Integer upscale factor; default makes the smaller side at least 64 px. */
  scale?: number;
  /** Pixels between cells (default 2). */
  padding?: number;
  /** "HWC" or "CHW" for 3-D inputs (default: guessed, channels of size 1 or 3 first = CHW). */
  layout?: "HWC" | "CHW";
  /** Float range mapped to 0..255 (default [0, 1]; values are clipped). */
  range?: readonly [number, number];
}

const BAR_H = 14;
const TEXT_HEIGHT = 15;

/**
 * The grid as RGBA pixels plus its size (for tests and for embedding in figures).
 * @example
 * gridPixels([img], { scale: 4 }).width // 4 * img.width + 4
 */
export function gridPixels(images: ImageInput, opts: GridOptions = {}): { rgba: Uint8Array; width: number; height: number; cells: { x: number; y: number; w: number; h: number }[] } {
  const imgs = toImages(images, { layout: opts.layout, range: opts.range });
  if (!imgs.length) throw new Error("imageGrid: expected at least one image, got an empty batch");
  if (opts.captions && opts.captions.length !== imgs.length) {
    throw new Error(`imageGrid: expected one caption per image (${imgs.length}), got ${opts.captions.length}`);
  }
  const h0 = Math.max(...imgs.map((i) => i.height)), w0 = Math.max(...imgs.map((i) => i.width));
  const scale = opts.scale ?? Math.max(1, Math.ceil(64 / Math.min(h0, w0)));
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`imageGrid: expected a positive integer scale, got ${opts.scale}`);
  const pad = opts.padding ?? 2;
  const cols = Math.min(imgs.length, opts.columns ?? Math.ceil(Math.sqrt(imgs.length)));
  const rows = Math.ceil(imgs.length / cols);
  const cw = w0 * scale, ch = h0 * scale;
  const hasText = opts.captions?.some((c) => typeof c === "string" || !!c.text) ?? false;
  const hasBars = opts.captions?.some((c) => typeof c !== "string" && !!c.probs?.length) ?? false;
  const capH = (hasText ? TEXT_HEIGHT + 4 : 0) + (hasBars ? BAR_H + 2 : 0);
  const cellW = Math.max(cw, 1), cellH = ch + capH;
  const width = cols * cellW + (cols + 1) * pad, height = rows * cellH + (rows + 1) * pad;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  const cells: { x: number; y: number; w: number; h: number }[] = [];
  const labels: TextItem[] = [];
  imgs.forEach((img, k) => {
    const x = pad + (k % cols) * (cellW + pad), y = pad + Math.floor(k / cols) * (cellH + pad);
    blit(rgba, width, img, x, y, scale);
    cells.push({ x, y, w: img.width * scale, h: img.height * scale });
    const cap = opts.captions?.[k];
    if (cap === undefined) return;
    const t = typeof cap === "string" ? cap : cap.text;
    let cy = y + ch + 2;
    if (t) { labels.push({ x: x + cellW / 2, y: cy + TEXT_HEIGHT - 4, text: fitText(t, cellW) }); cy += TEXT_HEIGHT + 4; }
    if (typeof cap !== "string" && cap.probs?.length) drawBars(rgba, width, cap.probs, x, cy, cellW, BAR_H);
  });
  blendText(rgba, textLayer(width, height, labels));
  return { rgba, width, height, cells };
}

/** Shorten a caption to about what fits in `w` px at 11 px DejaVu Sans (~6.2 px a glyph). */
function fitText(t: string, w: number): string {
  const max = Math.max(1, Math.floor(w / 6.2));
  return t.length <= max ? t : t.slice(0, Math.max(1, max - 1)) + "…";
}

/**
 * Blend the caption layer (premultiplied RGBA from resvg) over the grid. Text only covers the
 * white caption strips, so image pixels are untouched (their layer alpha is 0).
 */
function blendText(out: Uint8Array, layer: Uint8Array | undefined): void {
  if (!layer) return;
  for (let i = 0; i < out.length; i += 4) {
    const a = layer[i + 3];
    if (!a) continue;
    for (let k = 0; k < 3; k++) out[i + k] = Math.round(layer[i + k] + (out[i + k] * (255 - a)) / 255);
  }
}

function blit(out: Uint8Array, W: number, img: RgbImage, x0: number, y0: number, s: number): void {
  for (let y = 0; y < img.height * s; y++) for (let x = 0; x < img.width * s; x++) {
    const src = (Math.floor(y / s) * img.width + Math.floor(x / s)) * 3;
    const dst = ((y0 + y) * W + x0 + x) * 4;
    out[dst] = img.rgb[src]; out[dst + 1] = img.rgb[src + 1]; out[dst + 2] = img.rgb[src + 2]; out[dst + 3] = 255;
  }
}

/** Soft labels as a tiny bar chart: one bar per class, height = probability. */
function drawBars(out: Uint8Array, W: number, probs: readonly number[], x0: number, y0: number, w: number, h: number): void {
  const bw = Math.max(1, Math.floor(w / probs.length) - 1);
  // Rows y0 .. y0 + h - 2 hold the bars, row y0 + h - 1 the grey baseline.
  probs.forEach((p, i) => {
    const bh = Math.round(Math.min(1, Math.max(0, p)) * (h - 1));
    for (let y = h - 1 - bh; y < h - 1; y++) for (let x = 0; x < bw; x++) {
      const dst = ((y0 + y) * W + x0 + i * (bw + 1) + x) * 4;
      out.set([31, 119, 180, 255], dst);
    }
    const base = ((y0 + h - 1) * W + x0 + i * (bw + 1)) * 4;
    for (let x = 0; x < bw; x++) out.set([180, 180, 180, 255], base + x * 4);
  });
}

/**
 * The grid as a displayable value: PNG plus text.
 * @example
 * imageGrid(batch).toString() // "ImageGrid: 16 images, 264x264 px"
 */
export class ImageGrid {
  readonly png: Buffer;
  constructor(readonly width: number, readonly height: number, rgba: Uint8Array, readonly count: number) {
    this.png = encodePng(rgba, width, height);
  }
  [DISPLAY](): MimeBundle {
    return { "text/plain": this.toString(), "image/png": this.png.toString("base64") };
  }
  toString(): string {
    return `ImageGrid: ${this.count} image${this.count === 1 ? "" : "s"}, ${this.width}x${this.height} px`;
  }
}

/**
 * A grid of images with optional captions, displayable in a notebook.
 * @example
 * imageGrid(batch, { captions: ["flip", "crop 24", "rotate 15°"] }) // ImageGrid: 3 images, ...
 */
export function imageGrid(images: ImageInput, opts: GridOptions = {}): ImageGrid {
  const g = gridPixels(images, opts);
  return new ImageGrid(g.width, g.height, g.rgba, g.cells.length);
}
