// AssemblyScript twin of lib/kernels/fill-js.ts and xoshiro.ts: block-keyed xoshiro128**
// fills (ziggurat normals, uniforms). Must stay bit-identical to the JS: the same integer
// steps, float64 arithmetic rounded once, the same tables (written by the JS runtime at
// TABLES), and V8's own Math.exp / Math.log1p imported for the rare slow paths.

// @ts-ignore: decorator
@external("host", "exp") declare function hexp(x: f64): f64;
import { take } from "./claim";

// @ts-ignore: decorator
@external("host", "log1p") declare function hlog1p(x: f64): f64;

/** Byte address of the tables (lib/kernels/runtime.ts TABLES): k32, w32, f32, k64, w64, f64; 256 f64 each. */
const TAB: usize = 65536;
/** Byte address of (k32[i], w32[i]) pairs, 16 bytes each (lib/kernels/runtime.ts writes them after TAB's 6 tables). */
const KW32: usize = 65536 + 6 * 2048;
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

// ---- Four blocks at once. Blocks are independent streams, so lane j of an i32x4 state can run
// block blk + j: element i of the four blocks comes out of one vector step, in each block's own
// order, and the bytes are exactly those of normalBlockF32. The ziggurat's fast path (~99% per
// element) is vector code with the table values gathered per lane; a lane that misses it runs
// the scalar slow path on its own state (which may draw extra numbers from that lane only).

// Lane j of v, for a j known only at run time (a byte shuffle brings it to lane 0).
// @ts-ignore: decorator
@inline function laneAt(v: v128, j: i32): u32 {
  return i32x4.extract_lane(i8x16.swizzle(v, i32x4.splat(0x03020100 + j * 0x04040404)), 0);
}

// v with lane j (known only at run time) replaced by x.
// @ts-ignore: decorator
@inline function withLaneAt(v: v128, j: i32, x: u32): v128 {
  return v128.bitselect(i32x4.splat(x), v, i32x4.eq(i32x4(0, 1, 2, 3), i32x4.splat(j)));
}

// The scalar slow path for one element whose fast-path test failed (as normalBlockF32).
function laneSlow(r: u32, a: f64, b: f64): f64 {
  const idx = r & 0xff;
  let z = <f64><f32>(<f64>(r >>> 9) * tk(1, idx));
  const m = slow(idx, z, 2, false);
  z = m == m ? <f64><f32>m : (r & 0x100) ? -normal32() : normal32();
  if (r & 0x100) z = -z;
  return a + b * z;
}

// Normal float32 fills of four whole blocks blk..blk+3 keyed (k0, k1); block blk + j goes to p + j * BLOCK * 4.
function normal4BlocksF32(p: usize, blk: i32, k0: u32, k1: u32, a: f64, b: f64): void {
  let S0 = i32x4.splat(0), S1 = i32x4.splat(0), S2 = i32x4.splat(0), S3 = i32x4.splat(0);
  for (let j = 0; j < 4; j++) {
    blockState(k0, k1, blk + j);
    S0 = withLaneAt(S0, j, s0); S1 = withLaneAt(S1, j, s1); S2 = withLaneAt(S2, j, s2); S3 = withLaneAt(S3, j, s3);
  }
  const A = f64x2.splat(a), B = f64x2.splat(b), ZERO = f32x4.splat(0);
  const unit = a == 0 && b == 1;
  const lanes: usize = <usize>BLOCK << 2;
  for (let i = 0; i < BLOCK; i++) {
    // r = rotl(s1 * 5, 7) * 9 and the state update, in each lane.
    const m5 = i32x4.add(i32x4.shl(S1, 2), S1);
    const rot = v128.or(i32x4.shl(m5, 7), i32x4.shr_u(m5, 25));
    const R = i32x4.add(i32x4.shl(rot, 3), rot);
    const T = i32x4.shl(S1, 9);
    S2 = v128.xor(S2, S0); S3 = v128.xor(S3, S1); S1 = v128.xor(S1, S2); S0 = v128.xor(S0, S3);
    S2 = v128.xor(S2, T); S3 = v128.or(i32x4.shl(S3, 11), i32x4.shr_u(S3, 21));
    // One 16-byte load per lane brings that lane's (k, w) pair (byte offsets computed in all
    // lanes at once); shuffles regroup them.
    // (r & 0xff) << 4 and (r & 0x100) << 23 by shift pairs: V8 rebuilds a v128 constant
    // inside the loop each step, a shift needs none.
    const OFF = i32x4.shr_u(i32x4.shl(R, 24), 20);
    const L0 = v128.load(KW32 + <usize>i32x4.extract_lane(OFF, 0)), L1 = v128.load(KW32 + <usize>i32x4.extract_lane(OFF, 1));
    const L2 = v128.load(KW32 + <usize>i32x4.extract_lane(OFF, 2)), L3 = v128.load(KW32 + <usize>i32x4.extract_lane(OFF, 3));
    const RABS = i32x4.shr_u(R, 9);
    // rabs < 2^23, so the signed conversion (one instruction on x64; the unsigned one is several) is exact.
    const a01 = f64x2.convert_low_i32x4_s(RABS), a23 = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(RABS, RABS, 2, 3, 2, 3));
    const ok01 = f64x2.lt(a01, v128.shuffle<i64>(L0, L1, 0, 2)), ok23 = f64x2.lt(a23, v128.shuffle<i64>(L2, L3, 0, 2));
    // z = f32(rabs * w) with the sign bit 0x100 applied, then mean + std * z in float64, rounded once.
    let Z = v128.shuffle<i32>(f32x4.demote_f64x2_zero(f64x2.mul(a01, v128.shuffle<i64>(L0, L1, 1, 3))),
      f32x4.demote_f64x2_zero(f64x2.mul(a23, v128.shuffle<i64>(L2, L3, 1, 3))), 0, 1, 4, 5);
    Z = v128.xor(Z, i32x4.shl(i32x4.shr_u(R, 8), 31));
    let V: v128;
    if (unit) {
      // mean 0, std 1: 0 + 1 * z is z exactly, except that -0 becomes +0 (as adding +0 does).
      V = f32x4.add(Z, ZERO);
    } else {
      const V01 = f64x2.add(A, f64x2.mul(B, f64x2.promote_low_f32x4(Z)));
      const V23 = f64x2.add(A, f64x2.mul(B, f64x2.promote_low_f32x4(v128.shuffle<i32>(Z, Z, 2, 3, 2, 3))));
      V = v128.shuffle<i32>(f32x4.demote_f64x2_zero(V01), f32x4.demote_f64x2_zero(V23), 0, 1, 4, 5);
    }
    const q = p + (<usize>i << 2);
    if (i64x2.bitmask(v128.and(ok01, ok23)) == 3) {
      v128.store32_lane(q, V, 0);
      v128.store32_lane(q + lanes, V, 1);
      v128.store32_lane(q + 2 * lanes, V, 2);
      v128.store32_lane(q + 3 * lanes, V, 3);
      continue;
    }
    // Rare (6% of steps): some lanes missed the fast path. All four lanes are stored, then each
    // missed lane is redone by the scalar slow path on its own state. Lanes are picked from the
    // miss mask and moved by index without branching on it: which lane misses is random, and
    // branches on it were mispredicted (this path took 40% of the fill's time). (No arrays
    // here: the stub runtime's allocator would never free them.)
    v128.store32_lane(q, V, 0);
    v128.store32_lane(q + lanes, V, 1);
    v128.store32_lane(q + 2 * lanes, V, 2);
    v128.store32_lane(q + 3 * lanes, V, 3);
    for (let miss = (i64x2.bitmask(ok01) | (i64x2.bitmask(ok23) << 2)) ^ 0xf; miss != 0; miss &= miss - 1) {
      const j = ctz(miss);
      s0 = laneAt(S0, j); s1 = laneAt(S1, j); s2 = laneAt(S2, j); s3 = laneAt(S3, j);
      const v = <f32>laneSlow(laneAt(R, j), a, b);
      S0 = withLaneAt(S0, j, s0); S1 = withLaneAt(S1, j, s1); S2 = withLaneAt(S2, j, s2); S3 = withLaneAt(S3, j, s3);
      store<f32>(q + <usize>j * lanes, v);
    }
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
    if (kind == 0 && !wide) {
      // Four whole blocks at a time in SIMD lanes; the rest (and a partial last block) one by one.
      if (blk + 4 <= b1 && (blk + 4) * BLOCK <= n) { normal4BlocksF32(p, blk, k0, k1, a, b); blk += 3; continue; }
      normalBlockF32(p, end - start, a, b);
      continue;
    }
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

/**
 * fill_f32_f64 over blocks [0, blocks) shared out dynamically: the calling thread (back = 0) and
 * the worker (back = 1) call it at once and take four blocks at a time (one SIMD group), one
 * from the front and one from the back, until they meet; a thread the host slows down takes
 * fewer, and each still writes one long run. The i32 at ctr (zeroed by the caller) counts the
 * groups taken from each end (claim.as take). Each block is its own stream, so which thread
 * fills it never changes a byte. out is the address of block 0.
 */
export function fill_dyn(kind: i32, wide: i32, out: usize, n: i32, blocks: i32, k0: u32, k1: u32, a: f64, b: f64, top: f64, ctr: usize, back: i32): void {
  const size: usize = wide ? 8 : 4, groups = (blocks + 3) >> 2;
  for (let q = take(ctr, groups, back); q >= 0; q = take(ctr, groups, back)) {
    const g = q << 2;
    fill_f32_f64(kind, wide, out + <usize>g * <usize>BLOCK * size, n, g, min(blocks, g + 4), k0, k1, a, b, top);
  }
}
