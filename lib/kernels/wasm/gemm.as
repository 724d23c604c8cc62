// AssemblyScript: float32 GEMM in WebAssembly SIMD (GotoBLAS structure).
// C[:, n0:n1] = A B for one thread's column range; C is contiguous (row stride ldc). Blocks:
// KC rows of B are packed into NR-wide column panels, MC rows of A into MR-tall row panels,
// and a 4x8 register-blocked micro-kernel (8 f32x4 accumulators) walks them. Each element of
// C is accumulated in the same order whatever the column split, so threaded results are
// bit-identical to single-threaded ones.

import { take } from "./claim";

const MR = 4;
const NR = 8;
export const KC: i32 = 256;
export const MC: i32 = 128;

// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  // Relaxed SIMD fuses into one FMA when the engine allows it (a separate build of this file).
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<f32>(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// 4x8 micro-kernel: c (row stride ldcb bytes) = [c +] Ap (kc x 4, packed) . Bp (kc x 8; row
// stride bsb bytes, 32 when packed).
function micro(kc: i32, ap: usize, bp: usize, bsb: usize, c: usize, ldcb: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    ap += 16;
    bp += bsb;
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldcb)); c11 = f32x4.add(c11, v128.load(c + ldcb, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldcb)); c21 = f32x4.add(c21, v128.load(c + 2 * ldcb, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldcb)); c31 = f32x4.add(c31, v128.load(c + 3 * ldcb, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldcb, c10); v128.store(c + ldcb, c11, 16);
  v128.store(c + 2 * ldcb, c20); v128.store(c + 2 * ldcb, c21, 16);
  v128.store(c + 3 * ldcb, c30); v128.store(c + 3 * ldcb, c31, 16);
}

// Packs rows [i0, i0 + mc) x cols [p0, p0 + kc) of A into MR-row panels, zero-padding rows.
function packA(a: usize, rs: i32, cs: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let i = 0; i < mc; i += MR) {
    if (rs == 1 && i + MR <= mc) {
      // A is a transposed view (e.g. X.T in a weight gradient): a panel's MR entries for one k
      // are contiguous, one vector move.
      let src = a + <usize>((i0 + i + p0 * cs) << 2);
      const step = <usize>(cs << 2);
      for (let k = 0; k < kc; k++) { v128.store(dst, v128.load(src)); src += step; dst += MR << 2; }
      continue;
    }
    if (cs == 1 && i + MR <= mc) {
      // Row-major A (e.g. X in a Linear forward): 4x4 blocks read as row pieces, written as panel rows.
      const rb = <usize>(rs << 2);
      let src = a + <usize>(((i0 + i) * rs + p0) << 2);
      let k = 0;
      for (; k + 4 <= kc; k += 4) { transpose4(src, rb, dst, MR << 2); src += 16; dst += 4 * MR << 2; }
      for (; k < kc; k++) {
        for (let r = 0; r < MR; r++) store<f32>(dst + <usize>(r << 2), load<f32>(src + <usize>r * rb));
        src += 4; dst += MR << 2;
      }
      continue;
    }
    for (let r = 0; r < MR; r++) {
      let d = dst + <usize>(r << 2);
      if (i + r < mc) {
        let src = a + <usize>(((i0 + i + r) * rs + p0 * cs) << 2);
        const step = <usize>(cs << 2);
        for (let k = 0; k < kc; k++) { store<f32>(d, load<f32>(src)); src += step; d += MR << 2; }
      } else {
        for (let k = 0; k < kc; k++) { store<f32>(d, 0); d += MR << 2; }
      }
    }
    dst += <usize>(kc * MR) << 2;
  }
}

// Four 4-float columns (at src + c * cb) to four 4-float rows, ds bytes apart at dst.
// @ts-ignore: decorator
@inline function transpose4(src: usize, cb: usize, dst: usize, ds: usize): void {
  const r0 = v128.load(src), r1 = v128.load(src + cb), r2 = v128.load(src + 2 * cb), r3 = v128.load(src + 3 * cb);
  const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5), t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + ds, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * ds, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * ds, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7));
}

// Packs rows [p0, p0 + kc) x cols [j0, j1) of B into NR-column panels, zero-padding columns.
function packB(b: usize, rs: i32, cs: i32, p0: i32, kc: i32, j0: i32, j1: i32, dst: usize): void {
  for (let j = j0; j < j1; j += NR) {
    const w = min(NR, j1 - j);
    if (cs == 1 && w == NR) {
      // Row-major B: each panel row is 8 contiguous floats, two vector moves.
      let src = b + <usize>((p0 * rs + j) << 2);
      const step = <usize>(rs << 2);
      for (let k = 0; k < kc; k++) {
        v128.store(dst, v128.load(src)); v128.store(dst, v128.load(src, 16), 16);
        src += step; dst += NR << 2;
      }
    } else if (rs == 1 && w == NR) {
      // Transposed B (e.g. W.T in a Linear forward): each column is contiguous; 4x4 blocks
      // are read as columns and written as rows, two blocks per 4 panel rows.
      const cb = <usize>(cs << 2);
      let src = b + <usize>((p0 + j * cs) << 2);
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        transpose4(src, cb, dst, NR << 2);
        transpose4(src + 4 * cb, cb, dst + 16, NR << 2);
        src += 16; dst += 4 * NR << 2;
      }
      for (; k < kc; k++) {
        for (let c = 0; c < NR; c++) store<f32>(dst + <usize>(c << 2), load<f32>(src + <usize>c * cb));
        src += 4; dst += NR << 2;
      }
    } else {
      for (let c = 0; c < NR; c++) {
        let d = dst + <usize>(c << 2);
        if (c < w) {
          let src = b + <usize>((p0 * rs + (j + c) * cs) << 2);
          const step = <usize>(rs << 2);
          for (let k = 0; k < kc; k++) { store<f32>(d, load<f32>(src)); src += step; d += NR << 2; }
        } else {
          for (let k = 0; k < kc; k++) { store<f32>(d, 0); d += NR << 2; }
        }
      }
      dst += <usize>(kc * NR) << 2;
    }
  }
}

/** lib/kernels/runtime.ts WORKER_FAILED: an i32 the worker sets to 1 when a job fails. */
const WORKER_FAILED: usize = 120 * 1024 + 4;

/** Columns of B packed per chunk (smallM, gemm_dyn): 256 x 128 floats = 128 KiB, at home in L2. */
const NC: i32 = 128;

// Few rows of A (m <= MC): A is packed once per KC block, and B streams through an L2-sized
// packed chunk of NC columns that every row panel then reuses from cache. B is read once, row
// by row (prefetch-friendly; reading 8-float panels straight from a row-major B jumps a page
// per row). The sums run in the same order as the general path, so the bits are the same.
function smallM(m: i32, k: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32,
  c: usize, ldc: i32, n0: i32, n1: i32, ap: usize, bp: usize, tile: usize, ready: usize): void {
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const acc = p0 > 0;
    if (ready != 0) {
      for (let v = atomic.load<i32>(ready); v < p0 + kc; v = atomic.load<i32>(ready)) atomic.wait<i32>(ready, v, -1);
    }
    packA(a, ars, acs, 0, m, p0, kc, ap);
    for (let jc = n0; jc < n1; jc += NC) {
      const je = min(n1, jc + NC);
      packB(b, brs, bcs, p0, kc, jc, je, bp);
      panels(m, kc, ap, bp, c, ldc, jc, je, 0, tile, acc);
    }
  }
}

/**
 * C[0:m, 0:n] = A B shared out dynamically between two threads (the calling thread and the
 * worker call it at once). For each KC block t in order, the NC-column chunks are taken one at a
 * time, the front thread (back = 0) from the left and the other from the right, until they meet:
 * each thread still reads long runs of every B row, and a thread the host slows down takes fewer
 * chunks. Each thread packs all of A's block t (ap >= ceil4(m) x KC floats) and runs a chunk
 * MC rows at a time, so that rows of A and the chunk of B share L2.
 * The i32 at ctl + 4t counts block t's chunks taken from each end (claim.as take); i32 flags
 * at ctl + 4 nb + 4c count the blocks finished for chunk c, and a chunk's block waits (spins)
 * for its previous block, so every element of C sums its KC blocks in order: the same bits as
 * gemm_f32 on one thread.
 * Scratch: bp >= KC x NC floats, tile >= 32 floats; ctl: 4 (nb + chunks) bytes, nb = ceil(k / KC),
 * chunks = ceil(n / NC) < 2^15, zeroed by the caller, as is WORKER_FAILED.
 */
export function gemm_dyn(m: i32, k: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32,
  c: usize, ldc: i32, n: i32, ap: usize, bp: usize, tile: usize, ctl: usize, back: i32): void {
  const chunks = (n + NC - 1) / NC, nb = (k + KC - 1) / KC;
  for (let t = 0; t < nb; t++) {
    const p0 = t * KC, kc = min(KC, k - p0), word = ctl + (<usize>t << 2);
    let packed = false;
    for (let ci = take(word, chunks, back); ci >= 0; ci = take(word, chunks, back)) {
      const jc = ci * NC, je = min(n, jc + NC);
      if (!packed) { packA(a, ars, acs, 0, m, p0, kc, ap); packed = true; }
      packB(b, brs, bcs, p0, kc, jc, je, bp);
      const flag = ctl + (<usize>(nb + ci) << 2);
      // The other thread is finishing this chunk's block t - 1 (a failed worker sets WORKER_FAILED).
      while (atomic.load<i32>(flag) < t) if (atomic.load<i32>(WORKER_FAILED) != 0) unreachable();
      // MC rows of A at a time (they stay in L2 next to the chunk of B).
      for (let i0 = 0; i0 < m; i0 += MC) panels(min(MC, m - i0), kc, ap + (<usize>(i0 * kc) << 2), bp, c, ldc, jc, je, i0, tile, t > 0);
      atomic.store<i32>(flag, t + 1);
    }
  }
}

// The micro-kernel over packed A rows [0, mc) (C rows i0 + ...) and packed B columns [j0, j1).
function panels(mc: i32, kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, j0: i32, j1: i32, i0: i32, tile: usize, acc: bool): void {
  const ldcb = <usize>(ldc << 2);
  for (let j = j0; j < j1; j += NR) {
    const w = min(NR, j1 - j);
    const bpan = bp + <usize>(((j - j0) * kc) << 2);
    for (let i = 0; i < mc; i += MR) {
      const h = min(MR, mc - i);
      const apan = ap + <usize>((i * kc) << 2);
      const cij = c + <usize>(((i0 + i) * ldc + j) << 2);
      if (h == MR && w == NR) {
        micro(kc, apan, bpan, NR << 2, cij, ldcb, acc);
      } else {
        // Edge tile: compute the full 4x8 into scratch, then copy (and add) the valid part.
        micro(kc, apan, bpan, NR << 2, tile, NR << 2, false);
        for (let r = 0; r < h; r++) for (let q = 0; q < w; q++) {
          const dst = cij + <usize>((r * ldc + q) << 2);
          const v = load<f32>(tile + <usize>((r * NR + q) << 2));
          store<f32>(dst, acc ? load<f32>(dst) + v : v);
        }
      }
    }
  }
}

/**
 * C[0:m, n0:n1] = A (m x k) . B (k x n) with A, B strided (element strides) and C contiguous
 * with row stride ldc. If `ready` is non-zero, it is the address of an i32 counting the rows of
 * B already copied in by the other thread; each KC block waits until its rows are there.
 * Scratch: ap >= MC*KC floats, bp >= KC*ceil8(n1-n0) floats, tile >= 32 floats.
 */
export function gemm_f32(m: i32, k: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32,
  c: usize, ldc: i32, n0: i32, n1: i32, ap: usize, bp: usize, tile: usize, ready: usize): void {
  if (k == 0) {
    for (let i = 0; i < m; i++) memory.fill(c + <usize>((i * ldc + n0) << 2), 0, <usize>((n1 - n0) << 2));
    return;
  }
  if (m <= MC) { smallM(m, k, a, ars, acs, b, brs, bcs, c, ldc, n0, n1, ap, bp, tile, ready); return; }
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const acc = p0 > 0;
    if (ready != 0) {
      for (let v = atomic.load<i32>(ready); v < p0 + kc; v = atomic.load<i32>(ready)) atomic.wait<i32>(ready, v, -1);
    }
    packB(b, brs, bcs, p0, kc, n0, n1, bp);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      packA(a, ars, acs, i0, mc, p0, kc, ap);
      panels(mc, kc, ap, bp, c, ldc, n0, n1, i0, tile, acc);
    }
  }
}
