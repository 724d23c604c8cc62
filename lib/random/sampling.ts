// Scalar samplers built on a Generator: unbiased integers, gamma and beta, Fisher-Yates.
import type { Generator } from "./generator.js";

/** Unbiased integer in [low, high) by rejection (no modulo bias), for spans up to 2^53. */
export function integers(g: Generator, low: number, high: number): number {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    throw new RangeError(`integers: low and high must be safe integers, got low=${low}, high=${high}`);
  }
  const span = high - low;
  if (!(span >= 1) || span > 2 ** 53) throw new RangeError(`integers: expected low < high (high exclusive), got low=${low}, high=${high}`);
  if (span <= 2 ** 32) {
    // Reject the top partial copy of [0, span) so every residue is equally likely.
    const limit = 2 ** 32 - (2 ** 32 % span);
    for (;;) { const r = g.nextUint32(); if (r < limit) return low + (r % span); }
  }
  const limit = 2 ** 53 - (2 ** 53 % span);
  for (;;) {
    const r = (g.nextUint32() >>> 5) * 67108864 + (g.nextUint32() >>> 6);
    if (r < limit) return low + (r % span);
  }
}

/** Gamma(shape, scale), Marsaglia & Tsang (2000); shape < 1 by the u^(1/shape) boost. */
export function gamma(g: Generator, shape: number, scale: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma: shape must be a finite number > 0, got ${shape}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`gamma: scale must be a finite number > 0, got ${scale}`);
  if (shape < 1) return gamma(g, shape + 1, scale) * Math.pow(1 - g.random(), 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do { x = g.normal(); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = 1 - g.random(); // in (0, 1] so log(u) is finite
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Beta(a, b): Joehnk's algorithm for a, b <= 1 (gamma ratios underflow there), else gamma ratio. */
export function beta(g: Generator, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`beta: a and b must be finite numbers > 0, got a=${a}, b=${b}`);
  }
  if (a <= 1 && b <= 1) {
    for (;;) {
      const u = g.random(), v = g.random();
      const x = Math.pow(u, 1 / a), y = Math.pow(v, 1 / b);
      const xy = x + y;
      if (xy <= 1 && u + v > 0) {
        if (xy > 0) return x / xy;
        // Both powers underflowed: finish in log space (as NumPy's legacy_beta).
        let lx = Math.log(u) / a, ly = Math.log(v) / b;
        const m = Math.max(lx, ly);
        lx -= m; ly -= m;
        return Math.exp(lx - Math.log(Math.exp(lx) + Math.exp(ly)));
      }
    }
  }
  const x = gamma(g, a, 1), y = gamma(g, b, 1);
  return x / (x + y);
}

/** Fisher-Yates in place. */
export function shuffle<T extends { length: number; [i: number]: unknown }>(g: Generator, array: T): T {
  if (array === null || typeof array !== "object" || typeof array.length !== "number") {
    throw new TypeError(`shuffle: expected an array or typed array, got ${array === null ? "null" : typeof array}`);
  }
  for (let i = array.length - 1; i > 0; i--) {
    const j = integers(g, 0, i + 1);
    const t = array[i]; array[i] = array[j]; array[j] = t;
  }
  return array;
}
