import { beforeAll, describe, expect, it } from "vitest";
import { setNumThreads, threadsReady, unary, unaryScalar, UNARY_OPS, type UnaryOp } from "../../../../lib/kernels/index.js";
import { rng } from "../../../../lib/random/index.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL } from "../../tolerance.js";
import { sameBits } from "./bits.js";

const EDGES = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30, 1e-45, 3.4e38, -3.4e38, 88, 89, -104, 0.005, -0.005, 20, -20, 40, -40];
function input(n: number, seed = 1): Float32Array {
  const x = rng(seed).fillNormal(new Float32Array(n), 0, 3);
  x.set(EDGES.slice(0, Math.min(n, EDGES.length)));
  return x;
}
// Reference: the op's float64 definition, rounded to float32. Identical expectations for NaN and -0.
function reference(op: UnaryOp, x: Float32Array): Float32Array {
  const f = unaryScalar(op);
  return x.map((v) => f(v));
}

beforeAll(async () => { await threadsReady(); });

describe("unary maps against their float64 definitions", () => {
  it.each(UNARY_OPS.map((op) => [op]))("%s: contiguous float32 (wasm path), edge values included", (op) => {
    for (const n of [1, 3, 63, 64, 67, 1000, 200_003]) {
      const x = input(n), out = new Float32Array(n);
      unary(op, n, x, 0, 1, out, 0, 1);
      expect(allClose(out, reference(op, x), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    }
  });

  it("tanh and gelu over a dense sweep of [-12, 12], across the branch points of the wasm approximations", () => {
    // tanh: rational approximation clamped at 7.9988, +-1 from 9, x itself below 0.0004; gelu:
    // the erfc formula's sign switch at 0. Every float32 within the tolerance of the float64 definition.
    const pts = [0.0004, 7.99881172180175781, 9, 0].flatMap((b) => [b, -b, Math.fround(b * (1 + 2 ** -23)), Math.fround(b * (1 - 2 ** -23))]);
    const x = Float32Array.from([...pts, ...Array.from({ length: 240_001 }, (_, i) => -12 + i / 10_000)]);
    for (const op of ["tanh", "gelu"] as const) {
      const out = new Float32Array(x.length);
      unary(op, x.length, x, 0, 1, out, 0, 1);
      expect(allClose(out, reference(op, x), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    }
    // Documented: the wasm gelu flushes to -0 below x = -13.2 (|gelu| < 1e-37), never to garbage.
    const far = Float32Array.of(-13.3, -14, -30, ...new Array(61).fill(-20)), g = new Float32Array(far.length);
    unary("gelu", far.length, far, 0, 1, g, 0, 1);
    expect(Array.from(g).every((v) => Object.is(v, -0))).toBe(true);
  });

  it("edge values exactly: NaN propagates, relu(-0) = +0, saturation at +-Infinity, gelu(-Infinity) = -0", () => {
    const x = Float32Array.of(NaN, -0, Infinity, -Infinity, ...new Array(100).fill(1));
    const run = (op: UnaryOp) => { const o = new Float32Array(x.length); unary(op, x.length, x, 0, 1, o, 0, 1); return Array.from(o.subarray(0, 4)); };
    expect(run("relu")).toEqual([NaN, 0, Infinity, 0]);
    expect(Object.is(run("relu")[1], 0)).toBe(true);
    expect(run("sigmoid")).toEqual([NaN, 0.5, 1, 0]);
    expect(run("tanh")).toEqual([NaN, -0, 1, -1]);
    expect(Object.is(run("tanh")[1], -0)).toBe(true);
    expect(run("gelu")).toEqual([NaN, -0, Infinity, -0]);
    expect(run("exp")).toEqual([NaN, 1, Infinity, 0]);
  });

  it("published values: gelu(1) = 0.8413447460685429, sigmoid(2) = 0.8807970779778823, tanh(0.5) = 0.46211715726000974", () => {
    const x = new Float32Array(64).fill(1); x[1] = 2; x[2] = 0.5;
    const out = (op: UnaryOp) => { const o = new Float32Array(64); unary(op, 64, x, 0, 1, o, 0, 1); return o; };
    expect(allClose([out("gelu")[0], out("sigmoid")[1], out("tanh")[2]], [0.8413447460685429, 0.8807970779778823, 0.46211715726000974])).toBe(true);
  });

  it("strided spans and float64 arrays take the JS path with the same definitions", () => {
    const x = input(301), out = new Float64Array(100);
    unary("tanh", 100, x, 1, 3, out, 0, 1);
    const want = Array.from({ length: 100 }, (_, i) => Math.tanh(x[1 + 3 * i]));
    expect(allClose(out, want)).toBe(true);
    const x64 = Float64Array.from(x), o64 = new Float64Array(301);
    unary("gelu", 301, x64, 0, 1, o64, 0, 1);
    expect(allClose(o64, Array.from(x64, unaryScalar("gelu")))).toBe(true);
  });

  it("in place (out === x) works and a separate input is never modified", () => {
    const x = input(5000), x0 = x.slice(), out = new Float32Array(5000);
    unary("gelu", 5000, x, 0, 1, out, 0, 1);
    expect(sameBits(x, x0)).toBe(true);
    unary("gelu", 5000, x, 0, 1, x, 0, 1);
    expect(sameBits(x, out)).toBe(true);
  });

  it.each([["tanh"], ["gelu"], ["sigmoid"], ["exp"], ["relu"]] as const)("%s: two threads are bit-identical to one", async (op) => {
    expect(await threadsReady()).toBe(true);
    const n = 1_000_001, x = input(n), a = new Float32Array(n), b = new Float32Array(n);
    setNumThreads(1); unary(op, n, x, 0, 1, a, 0, 1);
    setNumThreads(2); unary(op, n, x, 0, 1, b, 0, 1);
    expect(sameBits(a, b)).toBe(true);
  });

  it("errors name the op and the bad span", () => {
    const x = new Float32Array(4);
    expect(() => unary("relu", 5, x, 0, 1, x, 0, 1)).toThrow(/unary\(relu\): x needs indices 0..4 \(n=5, stride=1\) but has length 4/);
    expect(() => unary("nope" as UnaryOp, 1, x, 0, 1, x, 0, 1)).toThrow(/unary: unknown op "nope"; expected one of relu, sigmoid/);
    expect(() => unary("relu", 1, [1] as unknown as Float32Array, 0, 1, x, 0, 1)).toThrow(/unary\(relu\): expected typed arrays, got x=object/);
  });
});
