// Affine warps as torchvision's tensor kernels: the inverse matrix of `_get_inverse_affine_matrix`
// (rotation, scale, shear about a center, then translation), sampled like `grid_sample` with
// align_corners=False; outside pixels take `fill`. Angles in degrees, clockwise-positive for
// `affine` (torchvision's convention) and counter-clockwise for `rotate`.
import { Image, checkImage } from "../../data/image.js";
import type { Interpolation } from "./resize.js";
import { alloc, checkNumber, fillPerChannel, roundHalfEven } from "./util.js";

/** Parameters of affine, with torchvision's names. */
export interface AffineOptions {
  angle?: number;
  translate?: readonly [number, number] | readonly number[];
  scale?: number;
  /** Degrees: a number shears x only; [sx, sy] both. */
  shear?: number | readonly number[];
  interpolation?: Interpolation;
  /** Value outside the image; undefined samples zeros without torchvision's mask blending (its fill=None). */
  fill?: number | readonly number[];
  /** Pivot in pixel coordinates; default the image center. */
  center?: readonly number[];
}

/**
 * torchvision's inverse affine matrix [a, b, c, d, e, f] (output -> input), center-relative.
 * @example inverseAffineMatrix([0, 0], 0, [0, 0], 1, [0, 0]) // [1, 0, 0, 0, 1, 0] (up to -0)
 */
export function inverseAffineMatrix(center: readonly number[], angle: number, translate: readonly number[], scale: number, shear: readonly number[]): number[] {
  const rot = (angle * Math.PI) / 180, sx = (shear[0] * Math.PI) / 180, sy = (shear[1] * Math.PI) / 180;
  const [cx, cy] = center, [tx, ty] = translate;
  const cosSy = Math.cos(sy), tanSx = Math.tan(sx);
  // Exact values at multiples of 90 degrees, so rotate(img, 90) equals torch.rot90 pixel for pixel.
  const a = (sy === 0 ? cosd(angle) : Math.cos(rot - sy)) / cosSy;
  const b = -(a * tanSx + sind(angle));
  const c = (sy === 0 ? sind(angle) : Math.sin(rot - sy)) / cosSy;
  const d = cosd(angle) - c * tanSx;
  const m = [d / scale, -b / scale, 0, -c / scale, a / scale, 0];
  m[2] += cx - m[0] * (cx + tx) - m[1] * (cy + ty);
  m[5] += cy - m[3] * (cx + tx) - m[4] * (cy + ty);
  return m;
}

function sind(deg: number): number {
  const r = ((deg % 360) + 360) % 360;
  return r === 0 || r === 180 ? 0 : r === 90 ? 1 : r === 270 ? -1 : Math.sin((deg * Math.PI) / 180);
}

function cosd(deg: number): number {
  return sind(deg + 90);
}

// Samples the input at inverse-mapped points: out(x, y) = in(M * (x - (ow-1)/2, y - (oh-1)/2) + ((w-1)/2, (h-1)/2)).
function warp(img: Image, m: readonly number[], oh: number, ow: number, interpolation: Interpolation, fillArg: number | readonly number[] | undefined, op: string): Image {
  const { height: H, width: W, channels: c } = img;
  const fill = fillPerChannel(op, fillArg, c);
  const hasFill = fillArg !== undefined;
  const out = alloc(img, oh, ow);
  const isU8 = out instanceof Uint8Array;
  const src = img.data;
  const ocx = (ow - 1) / 2, ocy = (oh - 1) / 2, icx = (W - 1) / 2, icy = (H - 1) / 2;
  const v = new Float64Array(c);
  for (let y = 0; y < oh; y++) {
    const yo = y - ocy;
    for (let x = 0; x < ow; x++) {
      const xo = x - ocx;
      const px = m[0] * xo + m[1] * yo + m[2] + icx;
      const py = m[3] * xo + m[4] * yo + m[5] + icy;
      const d = (y * ow + x) * c;
      if (interpolation === "nearest") {
        const ix = roundHalfEven(px), iy = roundHalfEven(py);
        if (ix >= 0 && ix < W && iy >= 0 && iy < H) { const s = (iy * W + ix) * c; for (let k = 0; k < c; k++) out[d + k] = src[s + k]; }
        else for (let k = 0; k < c; k++) out[d + k] = fill[k];
        continue;
      }
      const x0 = Math.floor(px), y0 = Math.floor(py), fx = px - x0, fy = py - y0;
      let mask = 0;
      v.fill(0);
      for (let j = 0; j < 4; j++) {
        const xx = x0 + (j & 1), yy = y0 + (j >> 1);
        if (xx < 0 || xx >= W || yy < 0 || yy >= H) continue;
        const w = ((j & 1) ? fx : 1 - fx) * ((j >> 1) ? fy : 1 - fy);
        mask += w;
        const s = (yy * W + xx) * c;
        for (let k = 0; k < c; k++) v[k] += w * src[s + k];
      }
      for (let k = 0; k < c; k++) {
        // torchvision blends with the fill through a warped mask, (v - fill) * mask + fill, where v is
        // already mask-weighted, so border pixels count the mask twice; with no fill (undefined, as
        // RandAugment's default) it returns the zero-padded sample v itself.
        const r = hasFill ? (v[k] - fill[k]) * mask + fill[k] : v[k];
        out[d + k] = isU8 ? Math.min(255, Math.max(0, roundHalfEven(r))) : r;
      }
    }
  }
  return new Image(out, oh, ow, c);
}

function parseShear(op: string, shear: number | readonly number[] | undefined): [number, number] {
  if (shear === undefined) return [0, 0];
  if (typeof shear === "number") return [checkNumber(op, "shear", shear), 0];
  if (shear.length === 1) return [shear[0], shear[0]];
  if (shear.length === 2) return [checkNumber(op, "shear[0]", shear[0]), checkNumber(op, "shear[1]", shear[1])];
  throw new RangeError(`${op}: shear must be a number or [sx, sy] in degrees; got ${JSON.stringify(shear)}`);
}

/**
 * Rotates by `angle` degrees clockwise, scales, shears and translates (pixels), like torchvision's affine.
 * @example affine(img, { angle: 0, translate: [1, 0] }) // shifts one pixel right, fill 0 on the left
 */
export function affine(img: Image, options: AffineOptions = {}): Image {
  checkImage(img, "affine", [1, 3, 4]);
  const angle = checkNumber("affine", "angle", options.angle ?? 0);
  const translate = options.translate ?? [0, 0];
  if (translate.length !== 2 || !translate.every(Number.isFinite)) throw new RangeError(`affine: translate must be [tx, ty] in pixels; got ${JSON.stringify(translate)}`);
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`affine: scale must be positive; got ${scale}`);
  const shear = parseShear("affine", options.shear);
  const interpolation = options.interpolation ?? "nearest";
  if (interpolation !== "nearest" && interpolation !== "bilinear") throw new RangeError(`affine: interpolation must be "nearest" or "bilinear"; got ${JSON.stringify(interpolation)}`);
  const centerF = options.center === undefined ? [0, 0] : [options.center[0] - img.width * 0.5, options.center[1] - img.height * 0.5];
  const m = inverseAffineMatrix(centerF, angle, translate, scale, shear);
  return warp(img, m, img.height, img.width, interpolation, options.fill, "affine");
}

/**
 * Canvas [height, width] of `rotate(..., { expand: true })`: torchvision's _compute_affine_output_size
 * (the corners through the matrix, truncated to 1e-4 before ceil/floor).
 * @example rotatedSize(4, 6, 90) // [6, 4]
 */
export function rotatedSize(H: number, W: number, angle: number): [number, number] {
  const m = inverseAffineMatrix([0, 0], -(((angle % 360) + 360) % 360), [0, 0], 1, [0, 0]);
  const xs: number[] = [], ys: number[] = [];
  for (const [x, y] of [[-0.5 * W, -0.5 * H], [-0.5 * W, 0.5 * H], [0.5 * W, 0.5 * H], [0.5 * W, -0.5 * H]]) {
    xs.push(m[0] * x + m[1] * y + m[2] + 0.5 * W);
    ys.push(m[3] * x + m[4] * y + m[5] + 0.5 * H);
  }
  const t = (v: number) => Math.trunc(v * 1e4) * 1e-4;
  return [Math.ceil(t(Math.max(...ys))) - Math.floor(t(Math.min(...ys))), Math.ceil(t(Math.max(...xs))) - Math.floor(t(Math.min(...xs)))];
}

/**
 * Rotates by `angle` degrees counter-clockwise (torchvision's rotate); `expand` grows the canvas to fit.
 * @example rotate(img, 90).shape // same shape as img (corners filled with 0 unless square)
 */
export function rotate(
  img: Image,
  angle: number,
  options: { interpolation?: Interpolation; expand?: boolean; center?: readonly number[]; fill?: number | readonly number[] } = {},
): Image {
  checkImage(img, "rotate", [1, 3, 4]);
  checkNumber("rotate", "angle", angle);
  const interpolation = options.interpolation ?? "nearest";
  if (interpolation !== "nearest" && interpolation !== "bilinear") throw new RangeError(`rotate: interpolation must be "nearest" or "bilinear"; got ${JSON.stringify(interpolation)}`);
  const { height: H, width: W } = img;
  const centerF = options.center === undefined ? [0, 0] : [options.center[0] - W * 0.5, options.center[1] - H * 0.5];
  const m = inverseAffineMatrix(centerF, -(((angle % 360) + 360) % 360), [0, 0], 1, [0, 0]);
  const [oh, ow] = options.expand ? rotatedSize(H, W, angle) : [H, W];
  return warp(img, m, oh, ow, interpolation, options.fill, "rotate");
}
