// Block fills through the wasm module (wasm/rng.as), shared between this thread and the worker
// by block: straight into a resident output (blocks taken as the threads go), else in rounds
// generated into wasm memory (split in halves) and copied out. Blocks are the unit of
// determinism (fill.ts), so the split never changes a byte.
import { addressOf, alloc, f32, f64, resetArena, runtime } from "./runtime.js";
import { runHere, runPair, workerReady, type Job } from "./pool.js";
import { below } from "./fill-js.js";

/** Below this many elements JS fills directly (same bytes); measured at 4096: 28 us wasm vs 47 us JS. */
const MIN_WASM = 4096;
/** Blocks per thread per round: 8 x 64 Ki floats = 2 MiB, so a round stays in cache-friendly range. */
const ROUND = 8;

/** Fills `out` in wasm; false when wasm is unavailable or the fill is small. */
export function fillWasm(kind: "normal" | "uniform", out: Float32Array | Float64Array, k0: number, k1: number, a: number, b: number, block: number): boolean {
  const n = out.length;
  if (n < MIN_WASM) return false;
  const rt = runtime();
  if (rt === null) return false;
  const wide = out instanceof Float64Array ? 1 : 0, size = wide ? 8 : 4;
  const top = kind === "uniform" ? below(b, !wide) : 0;
  const blocks = Math.ceil(n / block);
  const threads = blocks >= 2 && workerReady() ? 2 : 1;
  const fill = rt.exports.fill_f32_f64 as (...x: number[]) => void;
  const code = kind === "normal" ? 0 : 1;
  const po = addressOf(out);
  if (po >= 0) {
    // In place: the threads take four blocks at a time as they go, one from each end (wasm
    // fill_dyn), so a thread the host slows down takes fewer; each takes its own page faults.
    if (threads === 2) {
      resetArena();
      const ctr = alloc(4);
      Atomics.store(new Int32Array(rt.memory.buffer, ctr, 1), 0, 0);
      const dyn = (back: number): Job => ["fill_dyn", code, wide, po, n, blocks, k0, k1, a, b, top, ctr, back];
      runPair(dyn(1), () => runHere(dyn(0)));
    } else {
      fill(code, wide, po, n, 0, blocks, k0, k1, a, b, top);
    }
    return true;
  }
  const perRound = threads * ROUND;
  resetArena();
  const p = alloc(perRound * block * size);
  for (let b0 = 0; b0 < blocks; b0 += perRound) {
    const b1 = Math.min(blocks, b0 + perRound);
    if (threads === 2 && b1 - b0 >= 2) {
      const mid = b0 + Math.ceil((b1 - b0) / 2);
      runPair(["fill_f32_f64", code, wide, p + (mid - b0) * block * size, n, mid, b1, k0, k1, a, b, top],
        () => fill(code, wide, p, n, b0, mid, k0, k1, a, b, top));
    } else {
      fill(code, wide, p, n, b0, b1, k0, k1, a, b, top);
    }
    const start = b0 * block, end = Math.min(n, b1 * block), q = p / size;
    out.set((wide ? f64() : f32()).subarray(q, q + end - start), start);
  }
  return true;
}
