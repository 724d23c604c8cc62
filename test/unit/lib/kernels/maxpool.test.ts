import { beforeAll, describe, expect, it } from "vitest";
import { maxPool2x2, maxPool2x2Backward, setNumThreads, threadsReady } from "../../../../lib/kernels/index.js";
import { maxPool2x2BackwardJs, maxPool2x2Js } from "../../../../lib/kernels/maxpool.js";
import { runtime } from "../../../../lib/kernels/runtime.js";
import { residentFloat32 } from "../../../../lib/kernels/resident.js";
import { rng } from "../../../../lib/random/index.js";
import { sameBits } from "./bits.js";

/** PyTorch's rule by definition: scan the window in order, take v if v > best or v is NaN and best is not. */
function poolRef(planes: number, h: number, w: number, x: ArrayLike<number>): { y: number[]; pos: number[] } {
  const y: number[] = [], pos: number[] = [];
  for (let p = 0; p < planes; p++) for (let oy = 0; oy < h >> 1; oy++) for (let ox = 0; ox < w >> 1; ox++) {
    let best = NaN, bi = -1;
    [[0, 0], [0, 1], [1, 0], [1, 1]].forEach(([i, j], k) => {
      const v = x[(p * h + 2 * oy + i) * w + 2 * ox + j];
      if (bi < 0 || v > best || (Number.isNaN(v) && !Number.isNaN(best))) { best = v; bi = k; }
    });
    y.push(best); pos.push(bi);
  }
  return { y, pos };
}

/** Random planes with ties, NaN, ±Infinity and -0 sprinkled in. */
function input(n: number, seed: number): Float32Array {
  const g = rng(seed), x = g.fillNormal(new Float32Array(n), 0, 1);
  const special = [NaN, Infinity, -Infinity, -0, 0, 1, 1, 1];
  for (let i = 0; i < n; i += 1 + g.integers(0, 5)) x[i] = special[g.integers(0, special.length)];
  return x;
}

beforeAll(async () => { expect(await threadsReady()).toBe(true); });

describe("maxPool2x2", () => {
  it("runs float32 in WebAssembly here", () => { expect(runtime()).not.toBeNull(); });

  it.each([[1, 2, 2], [3, 5, 7], [4, 8, 8], [2, 16, 18], [7, 11, 34], [256, 32, 32]])("%i planes of %ix%i: wasm = definition = JS (ties, NaN, ±Infinity, odd edges)", (planes, h, w) => {
    const x = input(planes * h * w + 4, planes + h), before = x.slice(), o = planes * (h >> 1) * (w >> 1);
    const y = new Float32Array(o), code = new Uint8Array(o), yj = new Float32Array(o), cj = new Uint8Array(o);
    maxPool2x2(planes, h, w, x, 4, y, code);
    maxPool2x2Js(planes, h, w, x, 4, yj, cj);
    expect(sameBits(y, yj)).toBe(true);
    expect(sameBits(code, cj)).toBe(true);
    const ref = poolRef(planes, h, w, x.subarray(4));
    expect(Array.from(y)).toEqual(ref.y);
    expect(Array.from(code)).toEqual(ref.pos);
    expect(sameBits(x, before)).toBe(true);
  });

  it.each([[3, 5, 7], [2, 16, 18], [256, 32, 32]])("backward of %i planes of %ix%i: dy at each winner, 0 elsewhere (-0 as +0), wasm = JS", (planes, h, w) => {
    const x = input(planes * h * w, 9), o = planes * (h >> 1) * (w >> 1);
    const y = new Float32Array(o), code = new Uint8Array(o);
    maxPool2x2(planes, h, w, x, 0, y, code);
    const dy = rng(10).fillNormal(new Float32Array(o), 0, 1);
    dy[0] = -0;
    const dx = new Float32Array(planes * h * w).fill(3), dxj = dx.slice(), ref = new Float32Array(planes * h * w);
    maxPool2x2Backward(planes, h, w, dy, code, dx);
    maxPool2x2BackwardJs(planes, h, w, dy, code, dxj);
    let k = 0;
    for (let p = 0; p < planes; p++) for (let oy = 0; oy < h >> 1; oy++) for (let ox = 0; ox < w >> 1; ox++, k++) {
      ref[(p * h + 2 * oy + (code[k] >> 1)) * w + 2 * ox + (code[k] & 1)] += dy[k];
    }
    expect(sameBits(dx, ref)).toBe(true);
    expect(sameBits(dxj, ref)).toBe(true);
    expect(Object.is(dx[code[0] === 0 ? 0 : code[0] === 1 ? 1 : code[0] === 2 ? w : w + 1], 0)).toBe(true);
  });

  it("reads and writes resident (wasm-memory) arrays in place, on one or two threads, with the same bits", () => {
    const planes = 300, h = 32, w = 32, n = planes * h * w, o = n / 4; // large enough to share with the worker
    const x = input(n, 11), y = new Float32Array(o), code = new Uint8Array(o), dx = new Float32Array(n);
    maxPool2x2(planes, h, w, x, 0, y, code);
    maxPool2x2Backward(planes, h, w, y, code, dx);
    for (const threads of [1, 2] as const) {
      setNumThreads(threads);
      const rx = residentFloat32(n, false)!, ry = residentFloat32(o, false)!, rdx = residentFloat32(n, false)!, rcode = new Uint8Array(o);
      rx.set(x);
      maxPool2x2(planes, h, w, rx, 0, ry, rcode);
      expect(sameBits(ry, y)).toBe(true);
      expect(sameBits(rcode, code)).toBe(true);
      maxPool2x2Backward(planes, h, w, ry, rcode, rdx);
      expect(sameBits(rdx, dx)).toBe(true);
    }
    setNumThreads(2);
  });

  it("float64 runs the same rules", () => {
    const x = Float64Array.of(1, 4, NaN, 2, 4, 2, 3, 5), y = new Float64Array(2), code = new Uint8Array(2);
    maxPool2x2(1, 2, 4, x, 0, y, code);
    expect(Array.from(y)).toEqual([4, NaN]);
    expect(Array.from(code)).toEqual([1, 0]);
  });

  it("explains bad arguments", () => {
    expect(() => maxPool2x2(1, 1, 4, new Float32Array(4), 0, new Float32Array(2), new Uint8Array(2))).toThrow("maxPool2x2: planes must be at least 2x2, got 1x4");
    expect(() => maxPool2x2(2, 4, 4, new Float32Array(32), 0, new Float32Array(8), new Uint8Array(7))).toThrow("maxPool2x2: 2 planes of 4x4 need x of 32, y and code of 8 elements; got 32, 8, 7");
    expect(() => maxPool2x2Backward(1, 2, 2, new Float32Array(1), new Uint8Array(1), new Float64Array(4))).toThrow("maxPool2x2Backward: expected two Float32Arrays or two Float64Arrays and a Uint8Array, got Float64Array(4), Float32Array(1), Uint8Array(1)");
  });
});
