// Plain-JS block fills: the reference for the wasm fills (rng.ts in wasm/) and the path for
// small fills. Each function fills out[start, end) from the xoshiro128** state `s` (4 words),
// advancing it. The state lives in locals in the hot loop; the rare ziggurat slow path (0.7%)
// syncs it back to `s` and calls nextU32.
import { nextU32 } from "./xoshiro.js";
import { ZIG32, ZIG64, ZIG_INV_R, ZIG_R } from "./ziggurat.js";

const TWO_M24 = 2 ** -24;
const TWO_M53 = 2 ** -53;

/** Float32 in [0, 1) from the top 24 bits of one output. */
export function u24(s: Uint32Array): number {
  return (nextU32(s) >>> 8) * TWO_M24;
}

/** Float64 in [0, 1) from 53 bits of two outputs (27 + 26), as NumPy's random(). */
export function u53(s: Uint32Array): number {
  const a = nextU32(s) >>> 5, b = nextU32(s) >>> 6;
  return (a * 67108864 + b) * TWO_M53;
}

/** One standard normal with a 52-bit magnitude (two outputs on the fast path). */
export function normal64(s: Uint32Array): number {
  const { k, w, f } = ZIG64;
  for (;;) {
    const r1 = nextU32(s), r2 = nextU32(s);
    const idx = r1 & 0xff;
    const neg = (r1 & 0x100) !== 0;
    const rabs = (r1 >>> 9) * 536870912 + (r2 >>> 3);
    const x = rabs * w[idx];
    if (rabs < k[idx]) return neg ? -x : x;
    const z = slow(s, idx, x, f, u53);
    if (z === z) return neg ? -z : z;
  }
}

/** One standard normal with a 23-bit magnitude (one output on the fast path), float32-exact. */
export function normal32(s: Uint32Array): number {
  const { k, w, f } = ZIG32;
  for (;;) {
    const r = nextU32(s);
    const idx = r & 0xff;
    const neg = (r & 0x100) !== 0;
    const rabs = r >>> 9;
    const x = Math.fround(rabs * w[idx]);
    if (rabs < k[idx]) return neg ? -x : x;
    const z = slow(s, idx, x, f, u24);
    if (z === z) return Math.fround(neg ? -z : z);
  }
}

// Ziggurat slow path: the tail beyond R (Marsaglia's exponential method) or the wedge test.
// Returns the magnitude, or NaN to reject and redraw.
function slow(s: Uint32Array, idx: number, x: number, f: Float64Array, uni: (s: Uint32Array) => number): number {
  if (idx === 0) {
    for (;;) {
      const xx = -ZIG_INV_R * Math.log1p(-uni(s));
      const yy = -Math.log1p(-uni(s));
      if (yy + yy > xx * xx) return ZIG_R + xx;
    }
  }
  return (f[idx - 1] - f[idx]) * uni(s) + f[idx] < Math.exp(-0.5 * x * x) ? x : NaN;
}

/** Largest value of `out`'s type strictly below `high` (uniform draws clamp to it after rounding). */
export function below(high: number, f32: boolean): number {
  const buf = f32 ? new Float32Array(1) : new Float64Array(1);
  buf[0] = high;
  if (buf[0] < high) return buf[0];
  const bits = f32 ? new Int32Array(buf.buffer) : new BigInt64Array(buf.buffer);
  if (f32) (bits as Int32Array)[0] += high > 0 ? -1 : 1;
  else (bits as BigInt64Array)[0] += high > 0 ? -1n : 1n;
  // Below zero is the negative smallest subnormal of the type.
  return high === 0 ? (f32 ? -1.401298464324817e-45 : -Number.MIN_VALUE) : buf[0];
}

/**
 * Fills out[start, end) with normals mean + std * z from state `s`, computed in float64 and
 * rounded once to the output type (the wasm twin does the same, so both agree bit for bit).
 * @example const s = Uint32Array.of(1, 2, 3, 4); const out = new Float32Array(4); fillNormalJs(out, 0, 4, s, 0, 1);
 */
export function fillNormalJs(out: Float32Array | Float64Array, start: number, end: number, s: Uint32Array, mean: number, std: number): void {
  const f32 = out instanceof Float32Array;
  const { k, w } = f32 ? ZIG32 : ZIG64;
  let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
  for (let i = start; i < end; i++) {
    // Fast path inlined: one xoshiro128** step (two for float64) and one table lookup.
    const r = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const idx = r & 0xff;
    let z: number;
    if (f32) {
      const rabs = r >>> 9;
      z = Math.fround(rabs * w[idx]);
      if (rabs >= k[idx]) {
        s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
        const m = slow(s, idx, z, ZIG32.f, u24);
        // A rejected wedge redraws a whole normal, sign included, as NumPy does.
        z = m === m ? Math.fround(m) : (r & 0x100) !== 0 ? -normal32(s) : normal32(s);
        s0 = s[0]; s1 = s[1]; s2 = s[2]; s3 = s[3];
      }
    } else {
      const r2 = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      const rabs = (r >>> 9) * 536870912 + (r2 >>> 3);
      z = rabs * w[idx];
      if (rabs >= k[idx]) {
        s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
        const m = slow(s, idx, z, ZIG64.f, u53);
        z = m === m ? m : (r & 0x100) !== 0 ? -normal64(s) : normal64(s);
        s0 = s[0]; s1 = s[1]; s2 = s[2]; s3 = s[3];
      }
    }
    // The sign bit of the first word; a redraw above was pre-flipped so this restores its sign.
    if ((r & 0x100) !== 0) z = -z;
    out[i] = mean + std * z;
  }
  s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
}

/**
 * Fills out[start, end) with uniforms in [low, high) from state `s`: 24 bits per float32,
 * 53 bits per float64; a value that rounds up to `high` is clamped just below it.
 * @example const s = Uint32Array.of(1, 2, 3, 4); const out = new Float64Array(2); fillUniformJs(out, 0, 2, s, 0, 1);
 */
export function fillUniformJs(out: Float32Array | Float64Array, start: number, end: number, s: Uint32Array, low: number, high: number): void {
  const f32 = out instanceof Float32Array;
  const span = high - low, top = below(high, f32);
  let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
  for (let i = start; i < end; i++) {
    const r = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    let u: number;
    if (f32) {
      u = (r >>> 8) * TWO_M24;
    } else {
      const r2 = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      u = ((r >>> 5) * 67108864 + (r2 >>> 6)) * TWO_M53;
    }
    out[i] = low + span * u;
    if (out[i] >= high && span > 0) out[i] = top;
  }
  s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
}
