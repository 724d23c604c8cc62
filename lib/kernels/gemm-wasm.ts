// float32 GEMM through the wasm module: resident operands are used in place, others are copied
// into wasm memory; C's columns are shared between this thread and the worker (in chunks taken
// as they go, else a fixed split); C is written in place when resident (alpha 1, beta 0, unit
// column stride), else copied back applying alpha and beta.
import type { MatrixView } from "./types.js";
import { addressOf, alloc, f32, READY, resetArena, runtime, SCRATCH, WORKER_FAILED } from "./runtime.js";
import { runHere, runPair, workerReady, type Job } from "./pool.js";

/** Block sizes of wasm/gemm.as: KC rows of B per block, NR-column panels, MC rows of A per block, NC-column chunks (gemm_dyn). */
const KC = 256, NR = 8, MC = 128, NC = 128;
/** Below this many multiply-adds the JS loop is used (measured: at 16^3 wasm already takes 6 us vs 19 us in JS). */
const MIN_WASM_MACS = 2048;
/** Above this many multiply-adds a second thread pays for its wake-up (about 50 us). */
const MIN_THREAD_MACS = 1 << 20;

// Copies the elements a strided view spans into wasm memory; returns the byte address of (0, 0).
function copyIn(v: MatrixView<Float32Array>, rows: number, cols: number): number {
  const r = (rows - 1) * v.rowStride, c = (cols - 1) * v.colStride;
  const lo = v.offset + Math.min(0, r) + Math.min(0, c), hi = v.offset + Math.max(0, r) + Math.max(0, c);
  const p = alloc((hi - lo + 1) * 4);
  f32().set(v.data.subarray(lo, hi + 1), p >>> 2);
  return p + (v.offset - lo) * 4;
}

/** C = alpha A B + beta C in wasm; false if wasm is unavailable or the product is tiny. */
export function gemmWasm(m: number, n: number, k: number, a: MatrixView<Float32Array>, b: MatrixView<Float32Array>,
  c: MatrixView<Float32Array>, alpha: number, beta: number): boolean {
  if (m * n * k < MIN_WASM_MACS) return false;
  const rt = runtime();
  if (rt === null) return false;
  resetArena();
  const threads = k > 0 && m * n * k >= MIN_THREAD_MACS && n >= 2 * NR && workerReady() ? 2 : 1;
  // Pipelined copy: with a row-major B, this thread copies B in KC-row slabs while the worker
  // already multiplies the slabs that have arrived (it waits on a counter in shared memory).
  const ra = addressOf(a.data), rb = addressOf(b.data), rc = addressOf(c.data);
  const pipelined = threads === 2 && rb < 0 && b.colStride === 1 && b.rowStride >= n;
  const pa = k === 0 ? 0 : ra >= 0 ? ra + a.offset * 4 : copyIn(a, m, k);
  const pb = k === 0 ? 0 : rb >= 0 ? rb + b.offset * 4 : pipelined ? alloc(((k - 1) * b.rowStride + n) * 4) : copyIn(b, k, n);
  const direct = rc >= 0 && alpha === 1 && beta === 0 && c.colStride === 1 && (m === 1 || c.rowStride >= n);
  const pc = direct ? rc + c.offset * 4 : alloc(m * n * 4), ldc = direct && m > 1 ? c.rowStride : n;
  const job = (n0: number, n1: number, t: number, bp: number, ready: number): Job =>
    ["gemm_f32", m, k, pa, a.rowStride, a.colStride, pb, b.rowStride, b.colStride, pc, ldc, n0, n1, SCRATCH[t] + 256, bp, SCRATCH[t], ready];
  if (threads === 1) {
    runHere(job(0, n, 0, alloc(KC * Math.ceil(n / NR) * NR * 4), 0));
  } else if (Math.ceil(m / 4) * 4 * KC * 4 <= (8 << 20) && !pipelined && n < NC << 15) {
    // For each KC block the threads take column chunks as they go, one from each end (wasm
    // gemm_dyn), so a thread the host slows down takes fewer; same bits as one thread. The
    // static split below remains for a pipelined B, an A block over 8 MiB, or n >= 2^22.
    const words = Math.ceil(k / KC) + Math.ceil(n / NC), ctl = alloc(4 * words);
    new Int32Array(rt.memory.buffer, ctl, words).fill(0);
    Atomics.store(new Int32Array(rt.memory.buffer, WORKER_FAILED, 1), 0, 0);
    const dyn = (t: number): Job => ["gemm_dyn", m, k, pa, a.rowStride, a.colStride, pb, b.rowStride,
      b.colStride, pc, ldc, n, m <= MC ? SCRATCH[t] + 256 : alloc(Math.ceil(m / 4) * 4 * KC * 4), alloc(KC * NC * 4), SCRATCH[t], ctl, t];
    const theirs = dyn(1), mine = dyn(0);
    runPair(theirs, () => runHere(mine));
  } else {
    // This thread's share of the columns: half, less the time it spends copying B (copy ~0.5 ns
    // per element, products ~30 GFLOPS per thread; measured). Panel-aligned, so bits never change.
    const compute = (2 * m * n * k) / 30, copy = pipelined ? 0.5 * k * n : 0;
    const share = Math.min(0.5, Math.max(0.1, (compute - copy) / (2 * compute)));
    const split = Math.min(n - NR, Math.max(NR, Math.round((n * share) / NR) * NR));
    const bp0 = alloc(KC * Math.ceil(split / NR) * NR * 4), bp1 = alloc(KC * Math.ceil((n - split) / NR) * NR * 4);
    const counter = new Int32Array(rt.memory.buffer, READY, 1);
    Atomics.store(counter, 0, pipelined ? 0 : k);
    runPair(job(split, n, 1, bp1, READY), () => {
      if (pipelined) {
        const mem = f32(), B = b.data;
        try {
          for (let p0 = 0; p0 < k; p0 += KC) {
            const p1 = Math.min(k, p0 + KC);
            const from = b.offset + p0 * b.rowStride, to = b.offset + (p1 - 1) * b.rowStride + n;
            mem.set(B.subarray(from, to), (pb >>> 2) + p0 * b.rowStride);
            Atomics.store(counter, 0, p1);
            Atomics.notify(counter, 0);
          }
        } finally {
          // Never leave the worker waiting for rows (runPair waits for it to finish).
          Atomics.store(counter, 0, k);
          Atomics.notify(counter, 0);
        }
      }
      runHere(job(0, split, 0, bp0, 0));
    });
  }
  if (direct) return true;
  const mem = f32(), base = pc >>> 2, C = c.data;
  if (alpha === 1 && beta === 0 && c.colStride === 1 && (c.rowStride === n || m === 1)) {
    C.set(mem.subarray(base, base + m * n), c.offset);
    return true;
  }
  for (let i = 0; i < m; i++) {
    const ci = c.offset + i * c.rowStride, row = base + i * n;
    if (beta === 0) for (let j = 0; j < n; j++) C[ci + j * c.colStride] = alpha * mem[row + j];
    else for (let j = 0; j < n; j++) C[ci + j * c.colStride] = alpha * mem[row + j] + beta * C[ci + j * c.colStride];
  }
  return true;
}
