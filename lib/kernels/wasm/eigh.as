// AssemblyScript: the two O(n^3) loops of the float64 symmetric eigensolver (lib/data/eigh.ts),
// in f64x2 lanes, each over a range that the two threads split (rows or columns are independent,
// so the split never changes a bit). No fused multiply-add: the rotations then give exactly the
// bits of the JS loops (mul, mul, add as JS evaluates them).

/**
 * Applies recorded QL sweeps to column blocks [b0, b1) of Vt packed as 8-column blocks (block b,
 * row r at p + 64 (b n + r): each block's rows are consecutive cache lines, so a sweep walks
 * memory sequentially instead of striding a page per row). Sweep k is the i32 triple (l, m, off)
 * at sweeps + 12 k; its rotations i = m - 1 down to l are the (c, s) f64 pairs at
 * cs + 16 (off + m - 1 - i). For each column:
 *   h = Vt[i + 1]; Vt[i + 1] = s Vt[i] + c h; Vt[i] = c Vt[i] - s h
 * The updated Vt[i] is the next rotation's h, so it stays in registers, and a block takes all the
 * recorded sweeps while its rows (64 n bytes) stay in L2.
 */
export function ql_rotate_f64(p: usize, n: i32, b0: i32, b1: i32, sweeps: usize, count: i32, cs: usize): void {
  for (let blk = b0; blk < b1; blk++) {
    const base = p + (<usize>blk * <usize>n << 6);
    for (let k = 0; k < count; k++) {
      const sw = sweeps + <usize>k * 12;
      const l = load<i32>(sw), m = load<i32>(sw, 4);
      let q = cs + (<usize>load<i32>(sw, 8) << 4);
      let r = base + (<usize>m << 6);
      let t0 = v128.load(r), t1 = v128.load(r, 16), t2 = v128.load(r, 32), t3 = v128.load(r, 48);
      for (let i = m - 1; i >= l; i--, q += 16) {
        r -= 64;
        const cc = v128.load64_splat(q), ss = v128.load64_splat(q, 8);
        const x0 = v128.load(r), x1 = v128.load(r, 16), x2 = v128.load(r, 32), x3 = v128.load(r, 48);
        v128.store(r, f64x2.add(f64x2.mul(ss, x0), f64x2.mul(cc, t0)), 64);
        v128.store(r, f64x2.add(f64x2.mul(ss, x1), f64x2.mul(cc, t1)), 80);
        v128.store(r, f64x2.add(f64x2.mul(ss, x2), f64x2.mul(cc, t2)), 96);
        v128.store(r, f64x2.add(f64x2.mul(ss, x3), f64x2.mul(cc, t3)), 112);
        t0 = f64x2.sub(f64x2.mul(cc, x0), f64x2.mul(ss, t0));
        t1 = f64x2.sub(f64x2.mul(cc, x1), f64x2.mul(ss, t1));
        t2 = f64x2.sub(f64x2.mul(cc, x2), f64x2.mul(ss, t2));
        t3 = f64x2.sub(f64x2.mul(cc, x3), f64x2.mul(ss, t3));
      }
      v128.store(r, t0); v128.store(r, t1, 16); v128.store(r, t2, 32); v128.store(r, t3, 48);
    }
  }
}

/**
 * Householder accumulation (tred2's second half) for a block of reflectors i = i0 .. i0 + b - 1,
 * on rows [j0, j1) of V (`ld` doubles per row): row j takes reflectors i >= j in order,
 *   g = sum_{k <= i} U_i[k] V[j][k];  V[j][k] -= g D_i[k]  (k <= i)
 * with U_i at u + 8 ld r and D_i = U_i / h_i at dd + 8 ld r (r = i - i0; zeros where h_i = 0).
 * One row (or two) at a time takes the whole block while it sits in L1.
 */
export function house_accumulate_f64(v: usize, ld: i32, j0: i32, j1: i32, i0: i32, b: i32, u: usize, dd: usize): void {
  const ldb = <usize>ld << 3;
  let j = j0;
  // Two rows at a time share each load of U_i and D_i; every row still gets exactly the single-row
  // arithmetic (reflect1), so the pairing (and the thread split) never changes a bit.
  for (; j + 2 <= j1; j += 2) {
    const row0 = v + <usize>j * ldb;
    let r = max(0, j - i0);
    for (; r < max(0, j + 1 - i0); r++) reflect1(row0, i0 + r + 1, u + <usize>r * ldb, dd + <usize>r * ldb);
    for (; r < b; r++) reflect2(row0, row0 + ldb, i0 + r + 1, u + <usize>r * ldb, dd + <usize>r * ldb);
  }
  for (; j < j1; j++) {
    const row = v + <usize>j * ldb;
    for (let r = max(0, j - i0); r < b; r++) reflect1(row, i0 + r + 1, u + <usize>r * ldb, dd + <usize>r * ldb);
  }
}

// The dot product's end: lanes of the combined accumulators, then the scalar tail from k.
// @ts-ignore: decorator
@inline function dotTail(s: v128, ur: usize, row: usize, k: i32, len: i32): f64 {
  let g = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; k < len; k++) g += load<f64>(ur + (<usize>k << 3)) * load<f64>(row + (<usize>k << 3));
  return g;
}

/**
 * One reflector on one row: g = U . row, then row -= g D (first len elements). The dot uses four
 * f64x2 accumulators over blocks of 8 (the adds' latency, not the loads, bounds one chain),
 * combined as (s0 + s1) + (s2 + s3).
 */
function reflect1(row: usize, len: i32, ur: usize, dr: usize): void {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
  let k = 0;
  for (; k + 8 <= len; k += 8) {
    const o = <usize>k << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(ur + o), v128.load(row + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(ur + o, 16), v128.load(row + o, 16)));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(ur + o, 32), v128.load(row + o, 32)));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(ur + o, 48), v128.load(row + o, 48)));
  }
  const g = dotTail(f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3)), ur, row, k, len);
  const gv = f64x2.splat(g);
  k = 0;
  for (; k + 2 <= len; k += 2) {
    const o = <usize>k << 3;
    v128.store(row + o, f64x2.sub(v128.load(row + o), f64x2.mul(gv, v128.load(dr + o))));
  }
  for (; k < len; k++) store<f64>(row + (<usize>k << 3), load<f64>(row + (<usize>k << 3)) - g * load<f64>(dr + (<usize>k << 3)));
}

/** reflect1 on two rows at once, with the same arithmetic for each. */
function reflect2(row0: usize, row1: usize, len: i32, ur: usize, dr: usize): void {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
  let k = 0;
  for (; k + 8 <= len; k += 8) {
    const o = <usize>k << 3;
    const u0 = v128.load(ur + o), u1 = v128.load(ur + o, 16), u2 = v128.load(ur + o, 32), u3 = v128.load(ur + o, 48);
    a0 = f64x2.add(a0, f64x2.mul(u0, v128.load(row0 + o)));
    a1 = f64x2.add(a1, f64x2.mul(u1, v128.load(row0 + o, 16)));
    a2 = f64x2.add(a2, f64x2.mul(u2, v128.load(row0 + o, 32)));
    a3 = f64x2.add(a3, f64x2.mul(u3, v128.load(row0 + o, 48)));
    b0 = f64x2.add(b0, f64x2.mul(u0, v128.load(row1 + o)));
    b1 = f64x2.add(b1, f64x2.mul(u1, v128.load(row1 + o, 16)));
    b2 = f64x2.add(b2, f64x2.mul(u2, v128.load(row1 + o, 32)));
    b3 = f64x2.add(b3, f64x2.mul(u3, v128.load(row1 + o, 48)));
  }
  const g0 = dotTail(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)), ur, row0, k, len);
  const g1 = dotTail(f64x2.add(f64x2.add(b0, b1), f64x2.add(b2, b3)), ur, row1, k, len);
  const gv0 = f64x2.splat(g0), gv1 = f64x2.splat(g1);
  k = 0;
  for (; k + 2 <= len; k += 2) {
    const o = <usize>k << 3, dk = v128.load(dr + o);
    v128.store(row0 + o, f64x2.sub(v128.load(row0 + o), f64x2.mul(gv0, dk)));
    v128.store(row1 + o, f64x2.sub(v128.load(row1 + o), f64x2.mul(gv1, dk)));
  }
  for (; k < len; k++) {
    const o = <usize>k << 3, dk = load<f64>(dr + o);
    store<f64>(row0 + o, load<f64>(row0 + o) - g0 * dk);
    store<f64>(row1 + o, load<f64>(row1 + o) - g1 * dk);
  }
}

/**
 * tred2's symmetric matrix-vector product for step i, rows [j0, j1) of the upper triangle of V
 * (rows of the transposed storage are contiguous): for each row j, V[i][j] = d[j] and
 *   acc[j] += V[j][j] d[j] + sum_{k > j} V[j][k] d[k];  acc[k] += V[j][k] d[j]  (j < k < i)
 * into this range's own accumulator `acc` (zeroed by the caller); the caller adds the two ranges'
 * accumulators in a fixed order, so the result does not depend on the thread count.
 */
export function tred_symv_f64(v: usize, ld: i32, i: i32, j0: i32, j1: i32, d: usize, acc: usize): void {
  const ldb = <usize>ld << 3, rowI = v + <usize>i * ldb;
  let j = j0;
  // Two rows at a time: each acc[k] is loaded and stored once for both (the pass is memory-bound).
  for (; j + 2 <= j1; j += 2) {
    const r0 = v + <usize>j * ldb, r1 = r0 + ldb, oj = <usize>j << 3;
    const f0 = load<f64>(d + oj), f1 = load<f64>(d + oj, 8);
    store<f64>(rowI + oj, f0); store<f64>(rowI + oj, f1, 8);
    // row j's element j + 1 first: it feeds acc[j + 1], which row j + 1's sum starts from
    let g0 = load<f64>(acc + oj) + load<f64>(r0 + oj) * f0;
    if (j + 1 < i) {
      const x = load<f64>(r0 + oj, 8);
      g0 += x * f1;
      store<f64>(acc + oj, load<f64>(acc + oj, 8) + x * f0, 8);
    }
    let g1 = load<f64>(acc + oj, 8) + load<f64>(r1 + oj, 8) * f1;
    const f0v = f64x2.splat(f0), f1v = f64x2.splat(f1);
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    let k = j + 2;
    for (; k + 2 <= i; k += 2) {
      const o = <usize>k << 3, dk = v128.load(d + o), x0 = v128.load(r0 + o), x1 = v128.load(r1 + o);
      s0 = f64x2.add(s0, f64x2.mul(x0, dk));
      s1 = f64x2.add(s1, f64x2.mul(x1, dk));
      v128.store(acc + o, f64x2.add(v128.load(acc + o), f64x2.add(f64x2.mul(x0, f0v), f64x2.mul(x1, f1v))));
    }
    g0 += f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    g1 += f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
    for (; k < i; k++) {
      const o = <usize>k << 3, dk = load<f64>(d + o), x0 = load<f64>(r0 + o), x1 = load<f64>(r1 + o);
      g0 += x0 * dk;
      g1 += x1 * dk;
      store<f64>(acc + o, load<f64>(acc + o) + (x0 * f0 + x1 * f1));
    }
    store<f64>(acc + oj, g0);
    store<f64>(acc + oj, g1, 8);
  }
  for (; j < j1; j++) {
    const row = v + <usize>j * ldb, oj = <usize>j << 3, f = load<f64>(d + oj);
    store<f64>(rowI + oj, f);
    let g = load<f64>(acc + oj) + load<f64>(row + oj) * f;
    for (let k = j + 1; k < i; k++) {
      const o = <usize>k << 3, x = load<f64>(row + o);
      g += x * load<f64>(d + o);
      store<f64>(acc + o, load<f64>(acc + o) + x * f);
    }
    store<f64>(acc + oj, g);
  }
}

/**
 * tred2's rank-2 update for step i on rows [j0, j1): V[j][k] -= d[j] e[k] + e[j] d[k] for
 * j <= k < i (the JS loop's expression and order), then dNext[j] = V[j][i - 1] and V[j][i] = 0.
 * dNext is separate from d because other rows still read d.
 */
export function tred_update_f64(v: usize, ld: i32, i: i32, j0: i32, j1: i32, d: usize, e: usize, dNext: usize): void {
  const ldb = <usize>ld << 3;
  for (let j = j0; j < j1; j++) {
    const row = v + <usize>j * ldb, f = load<f64>(d + (<usize>j << 3)), g = load<f64>(e + (<usize>j << 3));
    const fv = f64x2.splat(f), gv = f64x2.splat(g);
    let k = j;
    for (; k + 2 <= i; k += 2) {
      const o = <usize>k << 3;
      v128.store(row + o, f64x2.sub(v128.load(row + o), f64x2.add(f64x2.mul(fv, v128.load(e + o)), f64x2.mul(gv, v128.load(d + o)))));
    }
    for (; k < i; k++) {
      const o = <usize>k << 3;
      store<f64>(row + o, load<f64>(row + o) - (f * load<f64>(e + o) + g * load<f64>(d + o)));
    }
    store<f64>(dNext + (<usize>j << 3), load<f64>(row + (<usize>(i - 1) << 3)));
    store<f64>(row + (<usize>i << 3), 0);
  }
}
