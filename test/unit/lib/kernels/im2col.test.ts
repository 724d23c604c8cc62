import { describe, expect, it } from "vitest";
import { col2im, im2col, planeSums, setNumThreads, swapAxes, threadsReady, type WindowGeometry } from "../../../../lib/kernels/index.js";
import { col2imJs, im2colJs, planeSumsJs, swapAxesJs } from "../../../../lib/kernels/im2col.js";
import { rng } from "../../../../lib/random/index.js";
import { runtime } from "../../../../lib/kernels/runtime.js";
import { residentFloat32 } from "../../../../lib/kernels/resident.js";
import { FLOAT64_ATOL_SUMS, STATS_F64_ATOL } from "../../tolerance.js";
import { sameBits } from "./bits.js";

function geometry(c: number, h: number, w: number, kh: number, kw: number, sh: number, sw: number, ph: number, pw: number): WindowGeometry {
  return { c, h, w, kh, kw, sh, sw, ph, pw, oh: Math.floor((h + 2 * ph - kh) / sh) + 1, ow: Math.floor((w + 2 * pw - kw) / sw) + 1 };
}
// Odd sizes, strides 1..3, padding 0..2, rectangular kernels; widths that leave SIMD tails.
const CASES: WindowGeometry[] = [
  geometry(3, 7, 6, 3, 3, 1, 1, 1, 1), geometry(3, 7, 6, 3, 3, 2, 2, 1, 1), geometry(2, 9, 11, 3, 2, 2, 1, 1, 0),
  geometry(1, 5, 5, 5, 5, 1, 1, 2, 2), geometry(4, 13, 17, 3, 3, 3, 2, 0, 1), geometry(32, 16, 16, 3, 3, 1, 1, 1, 1),
  geometry(1, 1, 1, 1, 1, 1, 1, 0, 0), geometry(2, 4, 4, 3, 3, 1, 1, 2, 2),
];
const label = (g: WindowGeometry) => `c${g.c} ${g.h}x${g.w} k${g.kh}x${g.kw} s${g.sh},${g.sw} p${g.ph},${g.pw}`;

/** im2col by its definition, element by element. */
function im2colRef(g: WindowGeometry, x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let c = 0; c < g.c; c++) for (let i = 0; i < g.kh; i++) for (let j = 0; j < g.kw; j++) for (let y = 0; y < g.oh; y++) for (let xx = 0; xx < g.ow; xx++) {
    const iy = y * g.sh + i - g.ph, ix = xx * g.sw + j - g.pw;
    out.push(iy >= 0 && iy < g.h && ix >= 0 && ix < g.w ? x[(c * g.h + iy) * g.w + ix] : 0);
  }
  return out;
}

describe("im2col / col2im", () => {
  it("runs float32 in WebAssembly here (so the bit-for-bit comparisons below compare two implementations)", () => {
    expect(runtime()).not.toBeNull();
  });
  it.each(CASES.map((g) => [label(g), g]))("%s: float32 (wasm) = the definition = the JS loop, bit for bit; inputs untouched", (_, g) => {
    const K = g.c * g.kh * g.kw, hw = g.oh * g.ow, n = g.c * g.h * g.w;
    const x = rng(1).fillNormal(new Float32Array(n + 3), 0, 1), before = x.slice();
    for (const ones of [false, true]) {
      const rows = K + (ones ? 1 : 0);
      const fast = new Float32Array(rows * hw + 5).fill(7), slow = fast.slice();
      im2col(g, x, 3, fast, 0, ones);
      im2colJs(g, x, 3, slow, 0, ones);
      expect(sameBits(fast, slow)).toBe(true);
      const ref = im2colRef(g, x.subarray(3));
      if (ones) ref.push(...new Array(hw).fill(1));
      expect(Array.from(fast.subarray(0, rows * hw))).toEqual(ref);
      expect(fast[rows * hw]).toBe(7); // nothing written past the columns
    }
    expect(sameBits(x, before)).toBe(true);
  });

  it.each(CASES.map((g) => [label(g), g]))("%s: col2im is the adjoint of im2col (<im2col x, c> = <x, col2im c>) and wasm = JS bits", (_, g) => {
    const K = g.c * g.kh * g.kw, hw = g.oh * g.ow, n = g.c * g.h * g.w;
    const x = rng(2).fillNormal(new Float64Array(n), 0, 1), c = rng(3).fillNormal(new Float64Array(K * hw), 0, 1);
    const cols = new Float64Array(K * hw), back = new Float64Array(n + 2).fill(9);
    im2col(g, x, 0, cols, 0);
    col2im(g, c, 0, back, 2);
    let lhs = 0, rhs = 0, scale = 0;
    for (let i = 0; i < cols.length; i++) { lhs += cols[i] * c[i]; scale += Math.abs(cols[i] * c[i]); }
    for (let i = 0; i < n; i++) rhs += x[i] * back[2 + i];
    expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(FLOAT64_ATOL_SUMS * Math.max(1, scale));
    expect(Array.from(back.subarray(0, 2))).toEqual([9, 9]); // col2im overwrites only its image
    const c32 = Float32Array.from(c), before = c32.slice(), fast = new Float32Array(n).fill(5), slow = new Float32Array(n).fill(5);
    col2im(g, c32, 0, fast, 0);
    col2imJs(g, c32, 0, slow, 0);
    expect(sameBits(fast, slow)).toBe(true);
    expect(sameBits(c32, before)).toBe(true);
  });

  it("planeSums: float64 sums per plane, wasm = JS bits, against a float64 loop", () => {
    for (const [planes, len] of [[3, 1], [5, 7], [64, 1024], [2, 4099]]) {
      const x = rng(4).fillNormal(new Float32Array(planes * len + 1), 0, 1);
      const fast = new Float64Array(planes), slow = new Float64Array(planes);
      planeSums(planes, len, x, 1, fast);
      planeSumsJs(planes, len, x, 1, slow);
      expect(sameBits(fast, slow)).toBe(true);
      for (let p = 0; p < planes; p++) {
        let s = 0;
        for (let k = 0; k < len; k++) s += x[1 + p * len + k];
        expect(Math.abs(fast[p] - s)).toBeLessThanOrEqual(STATS_F64_ATOL);
      }
    }
  });

  it("explains bad arguments", () => {
    const g = geometry(1, 4, 4, 3, 3, 1, 1, 0, 0);
    expect(() => im2col(g, new Float32Array(16), 0, new Float32Array(3), 0)).toThrow("im2col: output needs 36 elements from offset 0 but has length 3");
    expect(() => im2col({ ...g, oh: 3 }, new Float32Array(16), 0, new Float32Array(100), 0)).toThrow("im2col: an output of 3x2 does not fit a 4x4 input with kernel 3x3, stride 1,1, padding 0,0");
    expect(() => col2im(g, new Float32Array(36), 0, new Float64Array(16), 0)).toThrow("col2im: expected two Float32Arrays or two Float64Arrays, got Float32Array(36) and Float64Array(16)");
    expect(() => planeSums(2, 3, new Float32Array(5), 0, new Float64Array(2))).toThrow("planeSums: needs 6 inputs from offset 0 (length 5) and 2 outputs (length 2)");
  });
});

describe("layer kernels on resident (wasm-memory) operands", () => {
  /** A resident copy of `a` at `offset` inside a block of at least 64 KiB (resident.ts's minimum). */
  function resident(a: Float32Array, offset: number): Float32Array {
    const r = residentFloat32(Math.max(1 << 14, a.length + offset), true);
    expect(r).not.toBeNull();
    r!.set(a, offset);
    return r!;
  }
  it("a batch of images is one [rows, N·oh·ow] matrix (image b in columns b·oh·ow..), in place and shared on two threads, bit for bit", async () => {
    expect(await threadsReady()).toBe(true);
    const g = geometry(32, 16, 16, 3, 3, 1, 1, 1, 1), K = g.c * g.kh * g.kw, hw = g.oh * g.ow, xs = g.c * g.h * g.w, N = 6, NH = N * hw;
    const x = rng(7).fillNormal(new Float32Array(N * xs), 0, 1), c = rng(8).fillNormal(new Float32Array(K * NH), 0, 1);
    // References image by image in the one-image layout, placed as the batch layout defines.
    const cols = new Float32Array((K + 1) * NH), dx = new Float32Array(N * xs), one = new Float32Array((K + 1) * hw), block = new Float32Array(K * hw);
    for (let b = 0; b < N; b++) {
      im2colJs(g, x, b * xs, one, 0, true);
      for (let r = 0; r <= K; r++) cols.set(one.subarray(r * hw, (r + 1) * hw), r * NH + b * hw);
      for (let r = 0; r < K; r++) block.set(c.subarray(r * NH + b * hw, r * NH + (b + 1) * hw), r * hw);
      col2imJs(g, block, 0, dx, b * xs);
    }
    for (const threads of [1, 2] as const) {
      setNumThreads(threads);
      const rx = resident(x, 0), rc = resident(c, 0), rcols = resident(new Float32Array(cols.length), 0), rdx = resident(new Float32Array(dx.length), 0);
      im2col(g, rx, 0, rcols, 0, true, N);
      col2im(g, rc, 0, rdx, 0, N);
      expect(sameBits(rcols.subarray(0, cols.length), cols)).toBe(true);
      expect(sameBits(rdx.subarray(0, dx.length), dx)).toBe(true);
      const jcols = new Float32Array(cols.length), jdx = new Float32Array(dx.length); // JS arrays: staged through the arena
      im2col(g, x, 0, jcols, 0, true, N);
      col2im(g, c, 0, jdx, 0, N);
      expect(sameBits(jcols, cols)).toBe(true);
      expect(sameBits(jdx, dx)).toBe(true);
      const sums = new Float64Array(K * N), ref = new Float64Array(K * N);
      planeSums(K * N, hw, rc, 0, sums);
      planeSumsJs(K * N, hw, c, 0, ref);
      expect(sameBits(sums, ref)).toBe(true);
      // swapAxes: [N, 32, hw] <-> [32, N, hw] and back.
      const t = resident(new Float32Array(N * xs), 0), back = resident(new Float32Array(N * xs), 0), tj = new Float32Array(N * xs);
      swapAxes(N, 32, hw, rx, 0, t, 0);
      swapAxesJs(N, 32, hw, x, 0, tj, 0);
      expect(sameBits(t.subarray(0, tj.length), tj)).toBe(true);
      expect(t[(3 * N + 2) * hw + 5]).toBe(x[(2 * 32 + 3) * hw + 5]);
      swapAxes(32, N, hw, t, 0, back, 0);
      expect(sameBits(back.subarray(0, x.length), x)).toBe(true);
    }
    setNumThreads(2);
  });
  it("im2col, col2im and planeSums read and write resident arrays in place with the same bits", () => {
    const g = geometry(3, 9, 11, 3, 3, 2, 1, 1, 1), K = g.c * g.kh * g.kw, hw = g.oh * g.ow, n = g.c * g.h * g.w;
    const x = rng(5).fillNormal(new Float32Array(n), 0, 1), c = rng(6).fillNormal(new Float32Array(K * hw), 0, 1);
    const cols = new Float32Array((K + 1) * hw), rx = resident(x, 7), rcols = resident(new Float32Array((K + 1) * hw), 5);
    im2col(g, x, 0, cols, 0, true);
    im2col(g, rx, 7, rcols, 5, true);
    expect(sameBits(rcols.subarray(5, 5 + cols.length), cols)).toBe(true);
    const dx = new Float32Array(n), rdx = resident(new Float32Array(n), 3);
    col2im(g, c, 0, dx, 0);
    col2im(g, resident(c, 1), 1, rdx, 3);
    expect(sameBits(rdx.subarray(3, 3 + n), dx)).toBe(true);
    const s = new Float64Array(K), rs = new Float64Array(K);
    planeSums(K, hw, c, 0, s);
    planeSums(K, hw, resident(c, 2), 2, rs);
    expect(sameBits(s, rs)).toBe(true);
  });
});
