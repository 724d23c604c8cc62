// The O(n^3) loops of eigh (eigh.ts) in wasm (lib/kernels/wasm/eigh.as), on this thread and the
// worker. The matrix lives in wasm memory for the whole call: eigh's JS passes (the reduction, the
// QL scalar recurrences, the sort) work on a Float64Array view of it, so nothing is copied back and
// forth between the passes. All data movement and thread splitting is in this file.
import { alloc, f64, resetArena, runtime } from "../kernels/runtime.js";
import { runHere, runPair, workerReady, type Job } from "../kernels/pool.js";

/** Below this n plain JS is as fast (and the worker's wake-up is not worth it). */
const MIN_N = 128;
/** Reflectors accumulated per pass over the rows (their U and D rows stay in L2). */
const BLOCK = 16;
/** Sweeps recorded before they are applied: each pass over Vt then does this many. */
const SWEEPS = 64;
/** Below this many row or column entries one thread does the pass. */
const MIN_THREAD_WORK = 1 << 16;

/** Reduction step i's two O(i^2) passes: e = A d (and row i = d), then the rank-2 update (and d = column i - 1). */
export interface ReduceSteps {
  symv(i: number): void;
  update(i: number): void;
}

/** What eigh needs from a backend: storage in wasm memory, the reduction passes, accumulation, rotations. */
export interface EighWorkspace extends ReduceSteps {
  /** n x n storage in wasm memory. */
  readonly V: Float64Array;
  /** The diagonal and off-diagonal vectors, in wasm memory. */
  readonly d: Float64Array;
  readonly e: Float64Array;
  /** tred2's accumulation on V (d: the reduction's output; overwritten as scratch). */
  accumulate(d: Float64Array): void;
  /** Records one QL sweep: (c, s) for rotations i = m - 1 down to l, in cs[0 .. 2 (m - l)). */
  rotate(l: number, m: number, cs: Float64Array): void;
  /** Applies the recorded sweeps (eigh calls it before reading V). */
  flush(): void;
  /** Ends the call (the arena is reused by the next kernel). */
  release(): void;
}

// Runs job(lo, mid) here and job(mid, hi) on the worker when the work is large enough.
function split(lo: number, hi: number, work: number, align: number, job: (a: number, b: number, t: number) => Job): void {
  if (work >= MIN_THREAD_WORK && hi - lo >= 2 * align && workerReady()) {
    const mid = lo + Math.round((hi - lo) / 2 / align) * align;
    runPair(job(mid, hi, 1), () => runHere(job(lo, mid, 0)));
  } else {
    runHere(job(lo, hi, 0));
  }
}

/**
 * A workspace for an n x n eigh in wasm memory, or null (no wasm SIMD, or n small) for plain JS.
 * @example eighWorkspace(3) // null: JS is faster at this size
 */
export function eighWorkspace(n: number): EighWorkspace | null {
  if (n < MIN_N || runtime() === null) return null;
  resetArena();
  // 64-byte aligned rows start where a block of 8 columns is one cache line (n * 8 is a multiple of 64 when n % 8 = 0)
  const pV = alloc(n * n * 8); // alloc is 64-byte aligned
  const pU = alloc(BLOCK * n * 8), pD = alloc(BLOCK * n * 8);
  const pSw = alloc(SWEEPS * 12), pCs = alloc(SWEEPS * n * 16);
  // Vt packed in 8-column blocks for the rotations (wasm/eigh.as), zero-padded to a whole block
  const blocks = Math.ceil(n / 8), pP = alloc(blocks * n * 64);
  // d, e, two symv accumulators, and the next d (n doubles each)
  const pd = alloc(n * 8), pe = alloc(n * 8), pA0 = alloc(n * 8), pA1 = alloc(n * 8), pdN = alloc(n * 8);
  const mem = f64();
  const vec = (p: number) => mem.subarray(p >>> 3, (p >>> 3) + n) as Float64Array;
  const d = vec(pd), e = vec(pe), acc0 = vec(pA0), acc1 = vec(pA1), dNext = vec(pdN);
  const V = mem.subarray(pV >>> 3, (pV >>> 3) + n * n) as Float64Array;
  const U = mem.subarray(pU >>> 3, (pU >>> 3) + BLOCK * n), D = mem.subarray(pD >>> 3, (pD >>> 3) + BLOCK * n);
  const sw = new Int32Array(mem.buffer, pSw, SWEEPS * 3), cs = mem.subarray(pCs >>> 3, (pCs >>> 3) + SWEEPS * n * 2);
  const P = mem.subarray(pP >>> 3, (pP >>> 3) + blocks * n * 8);
  let count = 0, used = 0, live = true, packed = false;

  const apply = (): void => {
    if (count === 0) return;
    split(0, blocks, used * n, 1, (b0, b1) => ["ql_rotate_f64", pP, n, b0, b1, pSw, count, pCs]);
    count = 0; used = 0;
  };
  // V (row-major) <-> P (block b, row r, column c % 8 at (b n + r) 8 + c % 8)
  const pack = (toP: boolean): void => {
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      const q = ((c >> 3) * n + r) * 8 + (c & 7);
      if (toP) P[q] = V[r * n + c]; else V[r * n + c] = P[q];
    }
  };
  return {
    V, d, e,
    symv(i: number): void {
      // A fixed row split (half the triangle each), computed on one thread or two: the two
      // accumulators are always added in the same order, so one or two threads give the same bits.
      const mid = Math.round(i * (1 - Math.SQRT1_2));
      acc0.fill(0, 0, i); acc1.fill(0, 0, i);
      const job = (j0: number, j1: number, p: number): Job => ["tred_symv_f64", pV, n, i, j0, j1, pd, p];
      if (i * i >= 2 * MIN_THREAD_WORK && workerReady()) runPair(job(mid, i, pA1), () => runHere(job(0, mid, pA0)));
      else { runHere(job(0, mid, pA0)); runHere(job(mid, i, pA1)); }
      for (let k = 0; k < mid; k++) e[k] = acc0[k];
      for (let k = mid; k < i; k++) e[k] = acc0[k] + acc1[k];
    },
    update(i: number): void {
      const mid = Math.round(i * (1 - Math.SQRT1_2));
      const job = (j0: number, j1: number): Job => ["tred_update_f64", pV, n, i, j0, j1, pd, pe, pdN];
      if (i * i >= 2 * MIN_THREAD_WORK && workerReady()) runPair(job(mid, i), () => runHere(job(0, mid)));
      else runHere(job(0, i));
      d.set(dNext.subarray(0, i));
    },
    accumulate(d: Float64Array): void {
      for (let i0 = 0; i0 < n - 1; i0 += BLOCK) {
        const i1 = Math.min(n - 1, i0 + BLOCK), b = i1 - i0;
        // Reflector i is row i + 1 of V (as it is before step i), scaled by h = d[i + 1].
        for (let r = 0; r < b; r++) {
          const i = i0 + r, h = d[i + 1], src = (i + 1) * n;
          for (let k = 0; k <= i; k++) { const x = V[src + k]; U[r * n + k] = x; D[r * n + k] = h !== 0 ? x / h : 0; }
        }
        // What tred2 does to rows i0 .. i1 around those steps: stash the diagonal in column n - 1,
        // set it to 1, and zero the reflector once used (it is saved in U).
        for (let i = i0; i < i1; i++) {
          V[i * n + (n - 1)] = V[i * n + i];
          V[i * n + i] = 1;
          V.fill(0, (i + 1) * n, (i + 1) * n + i + 1);
        }
        split(0, i1, i1 * i1 * b, 1, (j0, j1) => ["house_accumulate_f64", pV, n, j0, j1, i0, b, pU, pD]);
      }
    },
    rotate(l: number, m: number, cs2: Float64Array): void {
      const len = m - l;
      if (!packed) { P.fill(0); pack(true); packed = true; }
      if (count === SWEEPS || 2 * (used + len) > cs.length) apply();
      sw[3 * count] = l; sw[3 * count + 1] = m; sw[3 * count + 2] = used;
      cs.set(cs2.subarray(0, 2 * len), 2 * used);
      count++; used += len;
    },
    flush(): void {
      apply();
      if (packed) pack(false);
      packed = false;
    },
    release(): void {
      if (live) resetArena();
      live = false;
    },
  };
}
