// AssemblyScript twin of lib/kernels/fill-js.ts and xoshiro.ts: block-keyed xoshiro128**
// fills (ziggurat normals, uniforms). Must stay bit-identical to the JS: the same integer
// steps, float64 arithmetic rounded once, the same tables (written by the JS runtime at
// TABLES), and V8's own Math.exp / Math.log1p imported for the rare slow paths.

// @ts-ignore: decorator
@external("host", "exp") declare function hexp(x: f64): f64;
// @ts-ignore: decorator
@external("host", "log1p") declare function hlog1p(x: f64): f64;

/** Byte address of the tables (lib/kernels/runtime.ts TABLES): k32, w32, f32, k64, w64, f64; 256 f64 each. */
const TAB: usize = 65536;
const BLOCK: i32 = 65536;
const ZIG_R: f64 = 3.6541528853610088;
const ZIG_INV_R: f64 = 0.27366123732975828;
const TWO_M24: f64 = 5.9604644775390625e-8;
const TWO_M53: f64 = 1.1102230246251565e-16;

let s0: u32 = 0, s1: u32 = 0, s2: u32 = 0, s3: u32 = 0;

// @ts-ignore: decorator
@inline function next(): u32 {
  const r = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
  return r;
}

function mix32(x: u32): u32 {
  x ^= x >>> 16; x *= 0x21f0aaad; x ^= x >>> 15; x *= 0x735a2d97; x ^= x >>> 15;
  return x;
}

function blockState(k0: u32, k1: u32, b: u32): void {
  const h = mix32(k0 ^ mix32(k1 ^ mix32(b ^ 0x85ebca6b)));
  s0 = mix32(h + 0x9e3779b9); s1 = mix32(h + 2 * 0x9e3779b9); s2 = mix32(h + 3 * 0x9e3779b9); s3 = mix32(h + 4 * 0x9e3779b9);
  if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
}

function u24(): f64 { return <f64>(next() >>> 8) * TWO_M24; }
function u53(): f64 { const a = next() >>> 5, b = next() >>> 6; return (<f64>a * 67108864 + <f64>b) * TWO_M53; }

// @ts-ignore: decorator
@inline function tk(t: i32, i: u32): f64 { return load<f64>(TAB + (<usize>t << 11) + (<usize>i << 3)); }

// Tail beyond R, or the wedge test; returns the magnitude or NaN to reject (fill-js.ts slow()).
function slow(idx: u32, x: f64, ft: i32, wide: bool): f64 {
  if (idx == 0) {
    for (;;) {
      const xx = -ZIG_INV_R * hlog1p(-(wide ? u53() : u24()));
      const yy = -hlog1p(-(wide ? u53() : u24()));
      if (yy + yy > xx * xx) return ZIG_R + xx;
    }
  }
  const u = wide ? u53() : u24();
  return (tk(ft, idx - 1) - tk(ft, idx)) * u + tk(ft, idx) < hexp(-0.5 * x * x) ? x : NaN;
}

function normal32(): f64 {
  for (;;) {
    const r = next();
    const idx = r & 0xff, rabs = r >>> 9;
    const x = <f64><f32>(<f64>rabs * tk(1, idx));
    if (<f64>rabs < tk(0, idx)) return (r & 0x100) ? -x : x;
    const z = slow(idx, x, 2, false);
    if (z == z) return <f64><f32>((r & 0x100) ? -z : z);
  }
  return 0; // unreachable: the loop only exits by returning
}

function normal64(): f64 {
  for (;;) {
    const r1 = next(), r2 = next();
    const idx = r1 & 0xff;
    const rabs = <f64>(r1 >>> 9) * 536870912 + <f64>(r2 >>> 3);
    const x = rabs * tk(4, idx);
    if (rabs < tk(3, idx)) return (r1 & 0x100) ? -x : x;
    const z = slow(idx, x, 5, true);
    if (z == z) return (r1 & 0x100) ? -z : z;
  }
  return 0; // unreachable
}

// The float32 normal loop of fill_f32_f64, specialized (the general loop tests kind and width
// per element): one xoshiro128** step, two table loads, a compare that passes ~99% of the time.
// Same steps and roundings as the general loop, so the same bits.
function normalBlockF32(p: usize, count: i32, a: f64, b: f64): void {
  let x0 = s0, x1 = s1, x2 = s2, x3 = s3;
  const K = TAB, W = TAB + 2048;
  for (let i = 0; i < count; i++) {
    const r = rotl<u32>(x1 * 5, 7) * 9;
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
    const off = <usize>(r & 0xff) << 3;
    const rabs = <f64>(r >>> 9);
    let z = <f64><f32>(rabs * load<f64>(W + off));
    if (rabs >= load<f64>(K + off)) {
      s0 = x0; s1 = x1; s2 = x2; s3 = x3;
      const m = slow(r & 0xff, z, 2, false);
      z = m == m ? <f64><f32>m : (r & 0x100) ? -normal32() : normal32();
      x0 = s0; x1 = s1; x2 = s2; x3 = s3;
    }
    if (r & 0x100) z = -z;
    store<f32>(p + (<usize>i << 2), <f32>(a + b * z));
  }
}

/**
 * Fills blocks [b0, b1) of an n-element fill keyed (k0, k1): element b*BLOCK + i goes to
 * out + ((b - b0) * BLOCK + i) * size, size 4 (float32) or 8 (float64).
 * kind 0: normal mean + std z; kind 1: uniform low + (high - low) u clamped below high (top).
 */
export function fill_f32_f64(kind: i32, wide: i32, out: usize, n: i32, b0: i32, b1: i32, k0: u32, k1: u32, a: f64, b: f64, top: f64): void {
  const span = b - a;
  for (let blk = b0; blk < b1; blk++) {
    blockState(k0, k1, blk);
    const start = blk * BLOCK, end = min(n, start + BLOCK);
    let p = out + (<usize>((blk - b0) * BLOCK) << (wide ? 3 : 2));
    if (kind == 0 && !wide) { normalBlockF32(p, end - start, a, b); continue; }
    let x0 = s0, x1 = s1, x2 = s2, x3 = s3;
    for (let i = start; i < end; i++) {
      let r = rotl<u32>(x1 * 5, 7) * 9;
      let t = x1 << 9;
      x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
      let v: f64;
      if (kind == 0) {
        const idx = r & 0xff;
        let z: f64;
        if (!wide) {
          const rabs = r >>> 9;
          z = <f64><f32>(<f64>rabs * tk(1, idx));
          if (<f64>rabs >= tk(0, idx)) {
            s0 = x0; s1 = x1; s2 = x2; s3 = x3;
            const m = slow(idx, z, 2, false);
            z = m == m ? <f64><f32>m : (r & 0x100) ? -normal32() : normal32();
            x0 = s0; x1 = s1; x2 = s2; x3 = s3;
          }
        } else {
          const r2 = rotl<u32>(x1 * 5, 7) * 9;
          t = x1 << 9;
          x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
          const rabs = <f64>(r >>> 9) * 536870912 + <f64>(r2 >>> 3);
          z = rabs * tk(4, idx);
          if (rabs >= tk(3, idx)) {
            s0 = x0; s1 = x1; s2 = x2; s3 = x3;
            const m = slow(idx, z, 5, true);
            z = m == m ? m : (r & 0x100) ? -normal64() : normal64();
            x0 = s0; x1 = s1; x2 = s2; x3 = s3;
          }
        }
        if (r & 0x100) z = -z;
        v = a + b * z;
      } else {
        let u: f64;
        if (!wide) {
          u = <f64>(r >>> 8) * TWO_M24;
        } else {
          const r2 = rotl<u32>(x1 * 5, 7) * 9;
          t = x1 << 9;
          x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
          u = (<f64>(r >>> 5) * 67108864 + <f64>(r2 >>> 6)) * TWO_M53;
        }
        v = a + span * u;
        if (!wide) v = <f64><f32>v;
        if (v >= b && span > 0) v = top;
      }
      if (wide) { store<f64>(p, v); p += 8; } else { store<f32>(p, <f32>v); p += 4; }
    }
  }
}
