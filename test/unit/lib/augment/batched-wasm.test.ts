import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cropFlipJitterWasm } from "../../../../lib/augment/batched-wasm.js";
import { cropFlipJitterJS } from "../../../../lib/augment/batched-js.js";
import { makeCropFlipJitterParams, type CropFlipJitterParams } from "../../../../lib/augment/batched.js";
import { setNumThreads, threadsReady } from "../../../../lib/kernels/index.js";
import { rng } from "../../../../lib/random/index.js";

// The wasm kernel must reproduce the JS reference bit for bit (including -0 and the float32
// rounding of each step), so results are compared as raw 32-bit patterns, never with a tolerance.
function bits(a: Float32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}

function firstDifference(a: Float32Array, b: Float32Array): string {
  if (a.length !== b.length) return `lengths ${a.length} vs ${b.length}`;
  const x = bits(a), y = bits(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return "none";
}

function images(n: number, side: number, seed: number): Uint8Array {
  const g = rng(seed), data = new Uint8Array(n * side * side * 3);
  for (let i = 0; i < data.length; i++) data[i] = g.integers(0, 256);
  return data;
}

function wasm(src: Uint8Array, n: number, side: number, p: CropFlipJitterParams, offset = 0): Float32Array {
  const out = cropFlipJitterWasm(src, offset, n, side, p);
  if (out === null) throw new Error("this engine has no WebAssembly SIMD; the wasm path cannot be tested");
  return out;
}

function expectSameBits(src: Uint8Array, n: number, side: number, p: CropFlipJitterParams): Float32Array {
  const ref = cropFlipJitterJS(src, 0, n, side, p), got = wasm(src, n, side, p);
  expect(firstDifference(got, ref)).toBe("none");
  return got;
}

/** Parameters for n images all with the same values (fields given override the defaults). */
function fixed(n: number, size: number, padding: number, v: { top: number; left: number; flip?: number; bFirst?: number; b?: number; c?: number }): CropFlipJitterParams {
  return {
    top: new Int32Array(n).fill(v.top), left: new Int32Array(n).fill(v.left), flip: new Uint8Array(n).fill(v.flip ?? 0),
    brightnessFirst: new Uint8Array(n).fill(v.bFirst ?? 1), brightness: new Float64Array(n).fill(v.b ?? 1),
    contrast: new Float64Array(n).fill(v.c ?? 1), size, padding,
  };
}

describe("crop+flip+jitter wasm kernel == JS reference, bit for bit", () => {
  beforeAll(async () => { expect(await threadsReady()).toBe(true); });
  afterEach(() => setNumThreads(2));

  it("random parameters: CIFAR shape, odd sizes, crops smaller than the image, wide jitter", () => {
    const cases = [
      { n: 100, side: 32, o: {} },
      { n: 37, side: 7, o: { padding: 3, brightness: 0.9, contrast: 0.9 } },
      { n: 70, side: 12, o: { size: 5, padding: 1, p: 0.5, brightness: 1, contrast: 1 } },
      { n: 9, side: 1, o: { padding: 2, size: 3 } },
      { n: 65, side: 16, o: { padding: 0, size: 16 } },
    ];
    for (const [k, { n, side, o }] of cases.entries()) {
      const src = images(n, side, 100 + k);
      expectSameBits(src, n, side, makeCropFlipJitterParams(n, side, o, rng(k)));
    }
  });

  it("crops at every corner and the centre, with and without flip, in both jitter orders", () => {
    const side = 6, padding = 2, size = 5, span = side + 2 * padding - size, src = images(1, side, 7);
    for (const top of [0, span, span >> 1]) for (const left of [0, span, span >> 1]) for (const flip of [0, 1]) for (const bFirst of [0, 1]) {
      expectSameBits(src, 1, side, fixed(1, size, padding, { top, left, flip, bFirst, b: 1.3, c: 0.7 }));
    }
  });

  it("factors 0 and 2 (a black image; the grey mean; doubled) and all-black / all-white images", () => {
    const side = 8;
    const noisy = images(1, side, 3), black = new Uint8Array(side * side * 3), white = new Uint8Array(side * side * 3).fill(255);
    for (const src of [noisy, black, white]) for (const b of [0, 1, 2]) for (const c of [0, 1, 2]) for (const bFirst of [0, 1]) for (const flip of [0, 1]) {
      expectSameBits(src, 1, side, fixed(1, side, 4, { top: 3, left: 5, flip, bFirst, b, c }));
    }
  });

  it("pins values: brightness 0 gives zeros; contrast 0 gives the grey mean; white stays 1 under brightness 2", () => {
    const side = 4, white = new Uint8Array(side * side * 3).fill(255);
    expect(Array.from(new Set(wasm(images(1, side, 5), 1, side, fixed(1, side, 0, { top: 0, left: 0, b: 0, c: 1.5 }))))).toEqual([0]);
    const flat = wasm(white, 1, side, fixed(1, side, 0, { top: 0, left: 0, bFirst: 1, b: 2, c: 1 }));
    expect(Array.from(new Set(flat))).toEqual([1]);
    // Contrast 0 with half the window padded (black): mean gray = (0.2989 + 0.587 + 0.114 in float32) / 2
    const g = Math.fround((Math.fround(0.2989) + Math.fround(0.587) + Math.fround(0.114)) * 8 / 16);
    const half = wasm(white, 1, side, fixed(1, side, 2, { top: 2, left: 0, bFirst: 1, b: 1, c: 0 }));
    expect(Array.from(new Set(half))).toEqual([g]);
  });

  it("gives the same bytes on one and two threads, whatever the block split (n not a multiple of the block)", () => {
    const n = 203, side = 32, src = images(n, side, 11), p = makeCropFlipJitterParams(n, side, {}, rng(5));
    setNumThreads(1);
    const one = wasm(src, n, side, p);
    setNumThreads(2);
    const two = wasm(src, n, side, p);
    expect(firstDifference(two, one)).toBe("none");
    expect(firstDifference(two, cropFlipJitterJS(src, 0, n, side, p))).toBe("none");
  });

  it("reads from an offset into the source and leaves the source untouched", () => {
    const n = 66, side = 8, all = images(n + 2, side, 13), before = all.slice(), p = makeCropFlipJitterParams(n, side, {}, rng(2));
    const off = 2 * side * side * 3;
    const got = wasm(all, n, side, p, off), ref = cropFlipJitterJS(all, off, n, side, p);
    expect(firstDifference(got, ref)).toBe("none");
    expect(all).toEqual(before);
  });

  it("large images go through wasm memory in chunks (160 x 160: 87 images per 32 MiB pass), same bytes", () => {
    const n = 200, side = 160, src = images(n, side, 17), p = makeCropFlipJitterParams(n, side, { padding: 8 }, rng(4));
    expectSameBits(src, n, side, p);
  });
});
