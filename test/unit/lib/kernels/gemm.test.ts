import { beforeAll, describe, expect, it } from "vitest";
import { gemm, setNumThreads, threadsReady, type MatrixView } from "../../../../lib/kernels/index.js";
import { rng } from "../../../../lib/random/index.js";
import { FLOAT32_RTOL, FLOAT64_RTOL } from "../../tolerance.js";
import { sameBits } from "./bits.js";
import { alloc, resetArena, runtime, WORKER_FAILED } from "../../../../lib/kernels/runtime.js";

type F = Float32Array | Float64Array;
// Float64 reference loop; also returns sum |a_ip b_pj|, the scale of the rounding error.
function reference(m: number, n: number, k: number, a: MatrixView, b: MatrixView) {
  const c = new Float64Array(m * n), scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0, t = 0;
    for (let p = 0; p < k; p++) {
      const x = a.data[a.offset + i * a.rowStride + p * a.colStride] * b.data[b.offset + p * b.rowStride + j * b.colStride];
      s += x; t += Math.abs(x);
    }
    c[i * n + j] = s; scale[i * n + j] = t;
  }
  return { c, scale };
}
function expectClose(got: ArrayLike<number>, want: Float64Array, scale: Float64Array, rtol: number) {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (scale[i] || 1));
  expect(worst).toBeLessThanOrEqual(rtol);
}
const g = rng(2024);
const rand = <T extends F>(T: { new (n: number): T }, n: number) => g.fillNormal(new T(n));
const rowMajor = <T extends F>(data: T, cols: number, offset = 0): MatrixView<T> => ({ data, offset, rowStride: cols, colStride: 1 });

beforeAll(async () => { await threadsReady(); });

describe("gemm against a float64 reference loop", () => {
  it("runs in WebAssembly SIMD here (the float32 cases below test the wasm path)", () => {
    expect(runtime()).not.toBeNull();
  });

  const sizes: [number, number, number][] = [[1, 1, 1], [3, 3, 3], [17, 17, 17], [1, 255, 17], [255, 3, 255], [17, 1025, 3], [255, 255, 255], [33, 1025, 255], [1025, 17, 1025]];
  it.each(sizes)("float32 %i x %i (k = %i), row-major", (m, n, k) => {
    const a = rand(Float32Array, m * k), b = rand(Float32Array, k * n), c = new Float32Array(m * n).fill(NaN);
    const A = rowMajor(a, k), B = rowMajor(b, n);
    gemm(m, n, k, A, B, rowMajor(c, n));
    const ref = reference(m, n, k, A, B);
    expectClose(c, ref.c, ref.scale, FLOAT32_RTOL);
  });

  it.each([[1, 1, 1], [17, 3, 255], [255, 17, 3], [64, 64, 64]])("float64 %i x %i (k = %i) to float64 rounding", (m, n, k) => {
    const a = rand(Float64Array, m * k), b = rand(Float64Array, k * n), c = new Float64Array(m * n);
    gemm(m, n, k, rowMajor(a, k), rowMajor(b, n), rowMajor(c, n));
    const ref = reference(m, n, k, rowMajor(a, k), rowMajor(b, n));
    expectClose(c, ref.c, ref.scale, FLOAT64_RTOL);
  });

  it.each([[Float32Array, FLOAT32_RTOL], [Float64Array, FLOAT64_RTOL]] as const)("%o: transposed views (swapped strides), offsets and a strided C need no copies", (T, rtol) => {
    // Few rows and many (past the 128-row block), k with a remainder after 4-row packing steps
    // and after a 256-row block, and a partial 8-column panel.
    for (const [m, n, k] of [[37, 70, 129], [261, 70, 301]]) {
      // A^T stored k x m, B^T stored n x k, both inside larger buffers at an offset.
      const at = rand(T as { new (n: number): F }, 5 + k * m), bt = rand(T as { new (n: number): F }, 3 + n * k);
      const A: MatrixView = { data: at, offset: 5, rowStride: 1, colStride: m };
      const B: MatrixView = { data: bt, offset: 3, rowStride: 1, colStride: k };
      const cbuf = new (T as { new (n: number): F })(2 + n * m);
      gemm(m, n, k, A, B, { data: cbuf, offset: 2, rowStride: 1, colStride: m }); // C stored transposed
      const ref = reference(m, n, k, A, B);
      const got = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) got[i * n + j] = cbuf[2 + i + j * m];
      expectClose(got, ref.c, ref.scale, rtol);
    }
  });

  it("alpha and beta: C = 2 A B - 0.5 C; beta = 0 ignores NaN in C (BLAS)", () => {
    const m = 40, n = 50, k = 60;
    const a = rand(Float32Array, m * k), b = rand(Float32Array, k * n), c0 = rand(Float32Array, m * n);
    const c = c0.slice();
    gemm(m, n, k, rowMajor(a, k), rowMajor(b, n), rowMajor(c, n), { alpha: 2, beta: -0.5 });
    const ref = reference(m, n, k, rowMajor(a, k), rowMajor(b, n));
    expectClose(c, ref.c.map((v, i) => 2 * v - 0.5 * c0[i]), ref.scale.map((v, i) => 2 * v + 0.5 * Math.abs(c0[i])), FLOAT32_RTOL);
  });

  it("k = 0 gives zeros; m = 0 or n = 0 is a no-op", () => {
    const c = new Float32Array(6).fill(7);
    gemm(2, 3, 0, rowMajor(new Float32Array(0), 0), rowMajor(new Float32Array(0), 3), rowMajor(c, 3));
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
    gemm(0, 3, 2, rowMajor(new Float32Array(0), 2), rowMajor(new Float32Array(6), 3), rowMajor(c, 3));
  });

  it("never modifies A or B", () => {
    const a = rand(Float32Array, 300 * 200), b = rand(Float32Array, 200 * 100);
    const a0 = a.slice(), b0 = b.slice();
    gemm(300, 100, 200, rowMajor(a, 200), rowMajor(b, 100), rowMajor(new Float32Array(300 * 100), 100));
    expect(sameBits(a, a0)).toBe(true);
    expect(sameBits(b, b0)).toBe(true);
  });

  it("two threads give bit-identical results to one thread", async () => {
    expect(await threadsReady()).toBe(true);
    for (const [m, n, k] of [[16, 1000, 700], [300, 517, 300], [129, 64, 1025]]) {
      const a = rand(Float32Array, m * k), b = rand(Float32Array, k * n);
      const c1 = new Float32Array(m * n), c2 = new Float32Array(m * n);
      setNumThreads(1);
      gemm(m, n, k, rowMajor(a, k), rowMajor(b, n), rowMajor(c1, n));
      setNumThreads(2);
      gemm(m, n, k, rowMajor(a, k), rowMajor(b, n), rowMajor(c2, n));
      expect(sameBits(c2, c1)).toBe(true);
    }
    // A transposed B (packed, not pipelined) on two threads too.
    const m = 70, n = 300, k = 400, a = rand(Float32Array, m * k), bt = rand(Float32Array, n * k);
    const Bt: MatrixView = { data: bt, offset: 0, rowStride: 1, colStride: k };
    const c1 = new Float32Array(m * n), c2 = new Float32Array(m * n);
    setNumThreads(1); gemm(m, n, k, rowMajor(a, k), Bt, rowMajor(c1, n));
    setNumThreads(2); gemm(m, n, k, rowMajor(a, k), Bt, rowMajor(c2, n));
    expect(sameBits(c2, c1)).toBe(true);
    const ref = reference(m, n, k, rowMajor(a, k), Bt);
    expectClose(c2, ref.c, ref.scale, FLOAT32_RTOL);
  });
});

describe("gemm_dyn (column chunks shared out between the threads)", () => {
  it("stops with a trap instead of spinning forever when the worker failed while holding a chunk", () => {
    // Block 0 of the only chunk is marked taken (by a worker that then failed) but never finished;
    // block 1 waits for it, sees WORKER_FAILED and traps.
    const rt = runtime()!;
    const m = 4, k = 512, n = 8, f = (x: number) => alloc(x * 4);
    resetArena();
    const a = f(m * k), b = f(k * n), c = f(m * n), ap = f(4 * 256), bp = f(256 * 128), tile = f(32), ctl = f(3);
    const words = new Int32Array(rt.memory.buffer, ctl, 3), failed = new Int32Array(rt.memory.buffer, WORKER_FAILED, 1);
    words.set([1, 0, 0]); // block 0: chunk 0 taken; block 1: none taken; chunk 0 has finished no block
    Atomics.store(failed, 0, 1);
    try {
      expect(() => rt.exports.gemm_dyn(m, k, a, k, 1, b, n, 1, c, n, n, ap, bp, tile, ctl, 0)).toThrow(/unreachable/);
    } finally {
      Atomics.store(failed, 0, 0);
    }
  });
});

describe("gemm errors name the operation and the shapes", () => {
  const v = rowMajor(new Float32Array(6), 3);
  it("rejects out-of-range views, mixed dtypes, overlap and bad sizes", () => {
    expect(() => gemm(3, 3, 3, v, v, rowMajor(new Float32Array(9), 3))).toThrow(/gemm: A \(3 x 3, offset 0, strides \[3, 1\]\) needs indices 0..8 but its data has length 6/);
    expect(() => gemm(2, 3, 3, v, rowMajor(new Float64Array(9), 3), rowMajor(new Float32Array(6), 3))).toThrow(/gemm: B.data must be a Float32Array like A's, got Float64Array\(9\)/);
    const buf = new Float32Array(100);
    expect(() => gemm(2, 2, 2, rowMajor(buf, 2), rowMajor(buf, 2, 50), rowMajor(buf, 2, 1))).toThrow(/gemm: C overlaps A or B/);
    expect(() => gemm(-1, 2, 2, v, v, v)).toThrow(/gemm: m must be a non-negative integer, got -1/);
    expect(() => gemm(1, 1, 1, { data: [1] as unknown as Float32Array, offset: 0, rowStride: 1, colStride: 1 }, v, v)).toThrow(/gemm: A.data must be a Float32Array or Float64Array, got object/);
  });
});
