// float32 GEMM through the wasm module: copy A and B into wasm memory, split C's columns
// between this thread and the worker, copy C back applying alpha and beta.
import type { MatrixView } from "./types.js";
import { alloc, f32, resetArena, runtime, SCRATCH } from "./runtime.js";
import { runPair, workerReady } from "./pool.js";

const KC = 256, MC = 128, NR = 8;
/** Below this many multiply-adds the JS loop wins (no copies, no call overhead); measured. */
const MIN_WASM_MACS = 4096;
/** Above this many multiply-adds a second thread pays for its wake-up (about 50 us). */
const MIN_THREAD_MACS = 1 << 20;

// Copies the elements a strided view spans into wasm memory; returns the byte address of (0, 0).
function copyIn(v: MatrixView<Float32Array>, rows: number, cols: number): number {
  const r = (rows - 1) * v.rowStride, c = (cols - 1) * v.colStride;
  const lo = v.offset + Math.min(0, r) + Math.min(0, c), hi = v.offset + Math.max(0, r) + Math.max(0, c);
  const p = alloc((hi - lo + 1) * 4);
  f32().set(v.data.subarray(lo, hi + 1), p >> 2);
  return p + (v.offset - lo) * 4;
}

/** C = alpha A B + beta C in wasm; false if wasm is unavailable or the product is tiny. */
export function gemmWasm(m: number, n: number, k: number, a: MatrixView<Float32Array>, b: MatrixView<Float32Array>,
  c: MatrixView<Float32Array>, alpha: number, beta: number): boolean {
  if (m * n * k < MIN_WASM_MACS) return false;
  const rt = runtime();
  if (rt === null) return false;
  resetArena();
  const pa = k > 0 ? copyIn(a, m, k) : 0, pb = k > 0 ? copyIn(b, k, n) : 0;
  const pc = alloc(m * n * 4);
  const threads = m * n * k >= MIN_THREAD_MACS && n >= 2 * NR && workerReady() ? 2 : 1;
  const split = threads === 2 ? Math.ceil(n / 2 / NR) * NR : n;
  const bp0 = alloc(KC * Math.ceil(split / NR) * NR * 4);
  const g = rt.exports.gemm_f32;
  const run = (n0: number, n1: number, t: number, bp: number): [string, ...number[]] =>
    ["gemm_f32", m, k, pa, a.rowStride, a.colStride, pb, b.rowStride, b.colStride, pc, n, n0, n1, SCRATCH[t] + 128, bp, SCRATCH[t]];
  if (threads === 2) {
    const bp1 = alloc(KC * Math.ceil((n - split) / NR) * NR * 4);
    runPair(run(split, n, 1, bp1), () => { const [, ...x] = run(0, split, 0, bp0); (g as (...v: number[]) => void)(...x); });
  } else {
    const [, ...x] = run(0, n, 0, bp0);
    (g as (...v: number[]) => void)(...x);
  }
  void MC;
  const mem = f32(), base = pc >> 2, C = c.data;
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
