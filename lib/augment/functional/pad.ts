// Padding with torchvision's modes: constant (fill), edge, reflect (no edge repeat), symmetric.
import { Image, checkImage } from "../../data/image.js";
import { alloc, fillPerChannel } from "./util.js";

export type PaddingMode = "constant" | "edge" | "reflect" | "symmetric";
const MODES: readonly PaddingMode[] = ["constant", "edge", "reflect", "symmetric"];

/** torchvision's padding argument: n (all sides), [leftRight, topBottom] or [left, top, right, bottom]. */
export function parsePadding(op: string, padding: number | readonly number[]): [number, number, number, number] {
  const p = typeof padding === "number" ? [padding, padding, padding, padding]
    : padding.length === 1 ? [padding[0], padding[0], padding[0], padding[0]]
    : padding.length === 2 ? [padding[0], padding[1], padding[0], padding[1]]
    : padding.length === 4 ? [...padding] : null;
  if (p === null || !p.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new RangeError(`${op}: padding must be a non-negative integer or an array of 1, 2 or 4 of them ([left, top, right, bottom]); got ${JSON.stringify(padding)}`);
  }
  return p as [number, number, number, number];
}

// Maps an out-of-range index to the source index for the mode; -1 means "use the fill value".
function sourceIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case "constant": return -1;
    case "edge": return i < 0 ? 0 : n - 1;
    case "reflect": {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      let j = ((i % period) + period) % period;
      return j < n ? j : period - j;
    }
    case "symmetric": {
      const period = 2 * n;
      let j = ((i % period) + period) % period;
      return j < n ? j : period - 1 - j;
    }
  }
}

/**
 * Pads the borders. `fill` (number or per-channel array) is used by "constant" mode.
 * @example pad(new Image(new Uint8Array([1, 2]), 1, 2, 1), [1, 0], { paddingMode: "reflect" }).data // [2, 1, 2, 1]
 */
export function pad(
  img: Image,
  padding: number | readonly number[],
  options: { fill?: number | readonly number[]; paddingMode?: PaddingMode } = {},
): Image {
  checkImage(img, "pad", [1, 3, 4]);
  const [pl, pt, pr, pb] = parsePadding("pad", padding);
  const mode = options.paddingMode ?? "constant";
  if (!MODES.includes(mode)) throw new RangeError(`pad: paddingMode must be one of ${MODES.join(", ")}; got ${JSON.stringify(mode)}`);
  const { height: H, width: W, channels: c } = img;
  if (mode === "reflect" && (pl >= W || pr >= W || pt >= H || pb >= H)) {
    throw new RangeError(`pad: reflect padding must be smaller than the image side; got padding [${pl}, ${pt}, ${pr}, ${pb}] for an image of [${H}, ${W}]`);
  }
  if (mode !== "constant" && (H === 0 || W === 0)) throw new RangeError(`pad: ${mode} padding needs a non-empty image`);
  const fill = fillPerChannel("pad", options.fill, c);
  const oh = H + pt + pb, ow = W + pl + pr;
  const out = alloc(img, oh, ow);
  const xs = new Int32Array(ow);
  for (let x = 0; x < ow; x++) xs[x] = sourceIndex(x - pl, W, mode);
  for (let y = 0; y < oh; y++) {
    const sy = sourceIndex(y - pt, H, mode);
    for (let x = 0; x < ow; x++) {
      const d = (y * ow + x) * c, sx = xs[x];
      if (sy < 0 || sx < 0) for (let k = 0; k < c; k++) out[d + k] = fill[k];
      else { const s = (sy * W + sx) * c; for (let k = 0; k < c; k++) out[d + k] = img.data[s + k]; }
    }
  }
  return new Image(out, oh, ow, c);
}
