// A matrix as a small colour-mapped picture (PNG), for previews inside formatter html where a
// full interactive figure would be too heavy: large matrices are subsampled, small ones
// upscaled nearest-neighbour so each cell stays a crisp square.
import { colorAt, parseColor } from "./colors.js";
import { pngDataUri } from "./png.js";
import type { Colorscale } from "./types.js";

/**
 * `data:image/png` of a rows x cols matrix (row-major values), colour-mapped over [lo, hi];
 * NaN cells are light grey.
 * @example
 * matrixImage(new Float64Array([0, 1, 2, 3]), 2, 2).uri.startsWith("data:image/png;base64,") // true
 */
export function matrixImage(values: ArrayLike<number>, rows: number, cols: number, opts: { colorscale?: Colorscale; lo?: number; hi?: number; maxCells?: number; minSide?: number } = {}): { uri: string; width: number; height: number } {
  if (values.length !== rows * cols) throw new Error(`matrixImage: expected ${rows}x${cols} = ${rows * cols} values, got ${values.length}`);
  const maxCells = opts.maxCells ?? 128;
  const r = Math.min(rows, maxCells), c = Math.min(cols, maxCells);
  let lo = opts.lo ?? Infinity, hi = opts.hi ?? -Infinity;
  if (opts.lo === undefined || opts.hi === undefined) for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) { if (opts.lo === undefined && v < lo) lo = v; if (opts.hi === undefined && v > hi) hi = v; }
  }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  const s = Math.max(1, Math.ceil((opts.minSide ?? 96) / Math.max(r, c)));
  const W = c * s, H = r * s;
  const rgba = new Uint8Array(W * H * 4);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) {
    const v = values[Math.floor((i * rows) / r) * cols + Math.floor((j * cols) / c)];
    const [R, G, B] = Number.isFinite(v) ? parseColor(colorAt(opts.colorscale, (v - lo) / (hi - lo || 1))) : [220, 220, 220];
    for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) rgba.set([R, G, B, 255], ((i * s + y) * W + j * s + x) * 4);
  }
  return { uri: pngDataUri(rgba, W, H), width: W, height: H };
}
