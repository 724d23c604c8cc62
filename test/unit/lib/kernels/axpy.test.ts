import { beforeAll, describe, expect, it } from "vitest";
import { axpy, reluBackwardNaN, setNumThreads, threadsReady } from "../../../../lib/kernels/index.js";
import { runtime } from "../../../../lib/kernels/runtime.js";
import { residentFloat32 } from "../../../../lib/kernels/resident.js";
import { rng } from "../../../../lib/random/index.js";
import { sameBits } from "./bits.js";

beforeAll(async () => { expect(await threadsReady()).toBe(true); });

describe("axpy", () => {
  it("runs float32 in WebAssembly here", () => { expect(runtime()).not.toBeNull(); });

  it.each([1, 7, 1023, 1024, 1027, 150_001])("n = %i: y + alpha·x in float64 rounded once per element (wasm = the JS loop bit for bit)", (n) => {
    const x = rng(1).fillNormal(new Float32Array(n + 2), 0, 1), y0 = rng(2).fillNormal(new Float32Array(n + 3), 0, 1);
    x[2] = NaN; if (n > 3) { x[3] = Infinity; y0[4] = -0; }
    const xBefore = x.slice(), y = y0.slice(), alpha = -0.01;
    axpy(n, alpha, x, 2, y, 3);
    const ref = y0.slice();
    for (let i = 0; i < n; i++) ref[3 + i] = Math.fround(y0[3 + i] + alpha * x[2 + i]);
    expect(sameBits(y, ref)).toBe(true);
    expect(sameBits(x, xBefore)).toBe(true);
  });

  it("updates a resident (wasm-memory) y in place, on one or two threads, with the same bits", () => {
    const n = 300_001, x = rng(5).fillNormal(new Float32Array(n), 0, 1), y = rng(6).fillNormal(new Float32Array(n), 0, 1);
    const y1 = y.slice(), out = new Float32Array(n);
    axpy(n, 0.37, x, 0, y1, 0);
    reluBackwardNaN(x, y, out);
    for (const threads of [1, 2] as const) {
      setNumThreads(threads);
      const ry = residentFloat32(n, false)!, rx = residentFloat32(n, false)!, rout = residentFloat32(n, false)!;
      ry.set(y); rx.set(x);
      reluBackwardNaN(rx, ry, rout);
      expect(sameBits(rout, out)).toBe(true);
      axpy(n, 0.37, rx, 0, ry, 0);
      expect(sameBits(ry, y1)).toBe(true);
    }
    setNumThreads(2);
  });

  it("float64 and errors", () => {
    const y = Float64Array.of(1, 1);
    axpy(2, -0.5, Float64Array.of(2, 4), 0, y, 0);
    expect(Array.from(y)).toEqual([0, -1]);
    expect(() => axpy(3, 1, new Float32Array(2), 0, new Float32Array(3), 0)).toThrow("axpy: x needs indices 0..2 (n=3, stride=1) but has length 2");
    expect(() => axpy(1, 1, [1] as never, 0, new Float32Array(1), 0)).toThrow("axpy: expected float arrays, got x=object, y=Float32Array(1)");
  });
});
