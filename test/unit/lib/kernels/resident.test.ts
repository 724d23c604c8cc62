import { beforeAll, describe, expect, it } from "vitest";
import { affine, binary, fillNormalBlocks, fillUniformBlocks, gemm, setNumThreads, sum, max, threadsReady, unary, UNARY_OPS } from "../../../../lib/kernels/index.js";
import { RESIDENT_MIN_BYTES, residentFloat32, residentStats, setResidentBudget } from "../../../../lib/kernels/resident.js";
import { addressOf } from "../../../../lib/kernels/runtime.js";
import { rng } from "../../../../lib/random/index.js";
import { sameBits } from "./bits.js";

// Resident storage must change where data lives, never a single result bit: every kernel is run
// on the same values held in ordinary JS arrays and in wasm memory, on one and two threads.
const N = 300_007; // odd, above the two-thread thresholds, not a multiple of the SIMD width

function resident(src: Float32Array): Float32Array {
  const r = residentFloat32(src.length, false);
  if (r === null) throw new Error("expected a resident array");
  r.set(src);
  return r;
}
function data(n: number, seed: number): Float32Array {
  const x = rng(seed).fillNormal(new Float32Array(n), 0, 3);
  x.set([NaN, -0, Infinity, -Infinity, 1e-45]);
  return x;
}

beforeAll(async () => { await threadsReady(); });

describe("resident float32 storage", () => {
  it("is a zero-filled Float32Array view into wasm memory above the size threshold, null below", () => {
    expect(residentFloat32(RESIDENT_MIN_BYTES / 4 - 1, true)).toBeNull();
    const r = residentFloat32(N, true)!;
    expect(r).toBeInstanceOf(Float32Array);
    expect(r.length).toBe(N);
    expect(addressOf(r)).toBeGreaterThan(0);
    expect(addressOf(r) % 64).toBe(0);
    expect(r.every((v) => v === 0)).toBe(true);
    expect(addressOf(new Float32Array(N))).toBe(-1);
  });

  it("subarrays are resident too and keep a link to their parent (so its block is not reused)", () => {
    const r = residentFloat32(N, true)!, s = r.subarray(10, 20), t = s.subarray(1, 2);
    expect(addressOf(s)).toBe(addressOf(r) + 40);
    expect(addressOf(t)).toBe(addressOf(r) + 44);
    // The patched subarray is an own, non-enumerable property: equality and spreading see plain data.
    expect(Object.keys(s)).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
    expect(Object.getOwnPropertyDescriptor(t, "subarray")?.enumerable).toBe(false);
  });

  it("counts its bytes against a budget and falls back (null) when the budget is spent", () => {
    const before = residentStats();
    try {
      setResidentBudget(before.bytes + N * 4);
      expect(residentFloat32(N, false)).not.toBeNull();
      expect(residentFloat32(N, false)).toBeNull();
      expect(() => setResidentBudget(-1)).toThrow(/byte count >= 0/);
    } finally {
      setResidentBudget(before.budget);
    }
  });
});

describe.each([1, 2])("kernels give the same bits on resident and JS arrays (%i threads)", (threads) => {
  beforeAll(() => setNumThreads(threads));

  it.each(UNARY_OPS.map((op) => [op]))("unary %s, in place and out of place", (op) => {
    const x = data(N, 1), want = new Float32Array(N);
    unary(op, N, x, 0, 1, want, 0, 1);
    const rx = resident(x), got = residentFloat32(N, false)!;
    unary(op, N, rx, 0, 1, got, 0, 1);
    expect(sameBits(got, want)).toBe(true);
    unary(op, N - 3, rx, 3, 1, rx, 3, 1); // offsets, and in place
    expect(sameBits(rx.subarray(3), want.subarray(3))).toBe(true);
  });

  it("binary maps with a resident operand broadcast from a JS scalar, and mixed residency", () => {
    const a = data(N, 2), b = data(N, 3), s = Float32Array.of(0.5);
    for (const op of ["add", "mul", "div", "maximum", "geluBackward", "sigmoidBackward"] as const) {
      const want = new Float32Array(N), got = residentFloat32(N, false)!;
      binary(op, N, a, 0, 1, b, 0, 1, want, 0, 1);
      binary(op, N, resident(a), 0, 1, resident(b), 0, 1, got, 0, 1);
      expect(sameBits(got, want)).toBe(true);
      binary(op, N, a, 0, 1, s, 0, 0, want, 0, 1);
      binary(op, N, resident(a), 0, 1, s, 0, 0, got, 0, 1);
      expect(sameBits(got, want)).toBe(true);
      binary(op, N, a, 0, 1, b, 0, 1, want, 0, 1);
      binary(op, N, resident(a), 0, 1, b, 0, 1, got, 0, 1); // b stays in JS: the copying path
      expect(sameBits(got, want)).toBe(true);
    }
  });

  it("affine, sum and max", () => {
    const x = data(N, 4).map((v) => (Number.isFinite(v) ? v : 1)), rx = resident(x);
    const want = new Float32Array(N), got = residentFloat32(N, false)!;
    affine(N, x, 0, 1, 0.25, -3, want, 0, 1);
    affine(N, rx, 0, 1, 0.25, -3, got, 0, 1);
    expect(sameBits(got, want)).toBe(true);
    expect(sum(N, rx, 0, 1)).toBe(sum(N, x, 0, 1));
    expect(sum(N - 5, rx, 5, 1)).toBe(sum(N - 5, x, 5, 1));
    expect(max(N, rx, 0, 1)).toBe(max(N, x, 0, 1));
  });

  it("random fills write the same bytes straight into resident storage", () => {
    const n = 5 * 65536 + 123;
    const want = new Float32Array(n), got = residentFloat32(n, false)!;
    fillNormalBlocks(want, 7, 8, 0.5, 2);
    fillNormalBlocks(got, 7, 8, 0.5, 2);
    expect(sameBits(got, want)).toBe(true);
    fillUniformBlocks(want, 7, 9, -1, 1);
    fillUniformBlocks(got, 7, 9, -1, 1);
    expect(sameBits(got, want)).toBe(true);
  });

  it("gemm: resident A and B in place, C written in place or through the copy-back (alpha, beta, strides)", () => {
    const m = 67, k = 300, n = 129;
    const A = data(m * k, 5).map((v) => (Number.isFinite(v) ? v : 0)), B = data(k * n, 6).map((v) => (Number.isFinite(v) ? v : 0));
    const rA = resident(new Float32Array(Math.max(m * k, RESIDENT_MIN_BYTES / 4)).fill(0)), rB = resident(new Float32Array(Math.max(k * n, RESIDENT_MIN_BYTES / 4)));
    rA.set(A); rB.set(B);
    const view = (data: Float32Array, rs: number, cs: number, offset = 0) => ({ data, offset, rowStride: rs, colStride: cs });
    const C0 = data(m * n + 10, 7).map((v) => (Number.isFinite(v) ? v : 0));
    const cases: [string, number, number, boolean][] = [["plain", 1, 0, false], ["alpha beta", 0.5, 2, false], ["transposed B", 1, 0, true]];
    for (const [, alpha, beta, tb] of cases) {
      const want = C0.slice(), got = resident(new Float32Array(Math.max(C0.length, RESIDENT_MIN_BYTES / 4)));
      got.set(C0);
      const bv = (d: Float32Array) => (tb ? view(d, 1, k) : view(d, n, 1));
      const Bt = tb ? Float32Array.from({ length: k * n }, (_, i) => B[(i % k) * n + Math.floor(i / k)]) : B;
      const rBt = tb ? resident(new Float32Array(Math.max(k * n, RESIDENT_MIN_BYTES / 4))) : rB;
      if (tb) rBt.set(Bt);
      gemm(m, n, k, view(A, k, 1), bv(Bt), view(want, n, 1, 10), { alpha, beta });
      gemm(m, n, k, view(rA, k, 1), bv(rBt), view(got, n, 1, 10), { alpha, beta });
      expect(sameBits(got.subarray(0, C0.length), want)).toBe(true);
    }
  });
});
