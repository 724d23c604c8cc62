import { beforeAll, describe, expect, it } from "vitest";
import { affine, binary, binaryScalar, BINARY_OPS, setNumThreads, threadsReady, type BinaryOp } from "../../../../lib/kernels/index.js";
import { rng } from "../../../../lib/random/index.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL } from "../../tolerance.js";
import { sameBits } from "./bits.js";

const EDGES = [NaN, Infinity, -Infinity, 0, -0, 1e-30, 1, -1, 0.5, 3.4e38];
function input(n: number, seed: number): Float32Array {
  const x = rng(seed).fillNormal(new Float32Array(n), 0, 2);
  const at = Math.min(seed % 3, n);
  x.set(EDGES.slice(0, Math.min(n - at, EDGES.length)), at);
  return x;
}

beforeAll(async () => { await threadsReady(); });

describe("binary maps against their float64 definitions", () => {
  it.each(BINARY_OPS.map((op) => [op]))("%s: contiguous, scalar-broadcast a and b, edge values", (op) => {
    const f = binaryScalar(op);
    for (const n of [1, 7, 64, 1001, 150_001]) {
      const a = input(n, 1), b = input(n, 2), out = new Float32Array(n);
      binary(op, n, a, 0, 1, b, 0, 1, out, 0, 1);
      expect(allClose(out, Float32Array.from(a, (v, i) => f(v, b[i])), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
      binary(op, n, a, 0, 1, b, 5 % n, 0, out, 0, 1);
      expect(allClose(out, Float32Array.from(a, (v) => f(v, b[5 % n])), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
      binary(op, n, a, 2 % n, 0, b, 0, 1, out, 0, 1);
      expect(allClose(out, Float32Array.from(b, (v) => f(a[2 % n], v)), FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    }
  });

  it("backward maps at known points: relu' is 0 at 0 (as PyTorch), sigmoid'(y=0.5) = 0.25, gelu'(0) = 0.5", () => {
    const n = 64, g = new Float32Array(n).fill(2);
    const x = new Float32Array(n); x.set([-1, 0, -0, 1, NaN]);
    const out = new Float32Array(n);
    binary("reluBackward", n, x, 0, 1, g, 0, 1, out, 0, 1);
    expect(Array.from(out.subarray(0, 5))).toEqual([0, 0, 0, 2, 2]);
    binary("sigmoidBackward", n, new Float32Array(n).fill(0.5), 0, 1, g, 0, 1, out, 0, 1);
    expect(out[0]).toBe(0.5);
    binary("geluBackward", n, new Float32Array(n), 0, 1, g, 0, 1, out, 0, 1);
    expect(out[0]).toBe(1);
  });

  it("affine: x * scale + shift in float64, rounded once, same on every path", () => {
    const n = 10_007, x = input(n, 3), out = new Float32Array(n), js = new Float32Array(n);
    affine(n, x, 0, 1, 0.01, -3, out, 0, 1);
    for (let i = 0; i < n; i++) js[i] = x[i] * 0.01 - 3;
    expect(sameBits(out, js)).toBe(true);
    const strided = new Float32Array(3);
    affine(3, Float32Array.of(1, 9, 2, 9, 3), 0, 2, 10, 1, strided, 0, 1);
    expect(Array.from(strided)).toEqual([11, 21, 31]);
  });

  it("inputs are never modified; geluBackward on two threads is bit-identical to one", async () => {
    expect(await threadsReady()).toBe(true);
    const n = 600_001, a = input(n, 4), b = input(n, 5), a0 = a.slice(), b0 = b.slice();
    const o1 = new Float32Array(n), o2 = new Float32Array(n);
    setNumThreads(1); binary("geluBackward", n, a, 0, 1, b, 0, 1, o1, 0, 1);
    setNumThreads(2); binary("geluBackward", n, a, 0, 1, b, 0, 1, o2, 0, 1);
    expect(sameBits(o1, o2)).toBe(true);
    expect(sameBits(a, a0) && sameBits(b, b0)).toBe(true);
  });

  it("errors name the op and the operand", () => {
    const x = new Float32Array(4);
    expect(() => binary("add", 4, x, 0, 1, x, 1, 1, x, 0, 1)).toThrow(/binary\(add\): b needs indices 1..4 \(n=4, stride=1\) but has length 4/);
    expect(() => binary("frob" as BinaryOp, 1, x, 0, 1, x, 0, 1, x, 0, 1)).toThrow(/binary: unknown op "frob"/);
  });
});
