// Small numeric helpers shared by the kernels: torch's rounding and casting rules.
import { Image, type PixelArray } from "../../data/image.js";

/**
 * Rounds half to even, as `torch.round` and `std::nearbyint` do (2.5 -> 2, 3.5 -> 4).
 * @example roundHalfEven(2.5) // 2
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Python's `round()` (half to even) on a number, as torchvision's samplers use it. */
export const pyRound = roundHalfEven;

/** Clamps to [lo, hi]; NaN becomes lo. @example clamp(300, 0, 255) // 255 */
export function clamp(x: number, lo: number, hi: number): number {
  return x > lo ? (x < hi ? x : hi) : lo;
}

/** Storage for an image of the given size and the dtype of `like`. */
export function alloc(like: Image, height = like.height, width = like.width, channels = like.channels): PixelArray {
  const n = height * width * channels;
  return like.data instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n);
}

/** Checks a finite number parameter. */
export function checkNumber(op: string, name: string, v: unknown, lo = -Infinity, hi = Infinity): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi) {
    const range = lo === -Infinity && hi === Infinity ? "a finite number" : `a number in [${lo}, ${hi}]`;
    throw new RangeError(`${op}: ${name} must be ${range}; got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Checks an integer parameter. */
export function checkInt(op: string, name: string, v: unknown, lo = -Infinity, hi = Infinity): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`${op}: ${name} must be an integer in [${lo}, ${hi}]; got ${JSON.stringify(v)}`);
  }
  return v;
}

/** A fill value per channel from a number or an array (torchvision's `fill`). */
export function fillPerChannel(op: string, fill: number | readonly number[] | undefined, channels: number): number[] {
  if (fill === undefined) return new Array(channels).fill(0);
  if (typeof fill === "number") return new Array(channels).fill(fill);
  if (Array.isArray(fill) && (fill.length === 1 || fill.length === channels)) {
    return fill.length === 1 ? new Array(channels).fill(fill[0]) : [...fill];
  }
  throw new RangeError(`${op}: fill must be a number or an array of 1 or ${channels} numbers (one per channel); got ${JSON.stringify(fill)}`);
}
