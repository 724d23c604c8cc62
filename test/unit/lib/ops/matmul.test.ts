import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { Tensor, tensor, zeros } from "../../../../lib/tensor/index.js";
import { FLOAT32_UNIT_ROUNDOFF, FLOAT64_UNIT_ROUNDOFF, matmulErrorBound } from "../../tolerance.js";
import { at, randomTensor, refBroadcast, seeded, unravel, values } from "./reference.js";

/** Naive float64 np.matmul (with 1-D promotion and batch broadcasting) and the |A||B| product. */
function refMatmul(a: Tensor, b: Tensor): { shape: number[]; values: number[]; abs: number[]; K: number } {
  const a1 = a.ndim === 1, b1 = b.ndim === 1;
  const as = a1 ? [1, a.shape[0]] : a.shape.slice(), bs = b1 ? [b.shape[0], 1] : b.shape.slice();
  const M = as[as.length - 2], K = as[as.length - 1], N = bs[bs.length - 1];
  const batch = refBroadcast(as.slice(0, -2), bs.slice(0, -2));
  const nb = batch.reduce((p, d) => p * d, 1);
  const vals: number[] = [], abs: number[] = [];
  const get = (t: Tensor, shp: number[], bi: number[], i: number, j: number, isVec: boolean, vecRow: boolean): number => {
    if (isVec) return at(t, [vecRow ? j : i]);
    const lead = shp.length - 2, k = bi.length - lead;
    const idx = shp.slice(0, lead).map((d, q) => (d === 1 ? 0 : bi[k + q]));
    return at(t, [...idx, i, j]);
  };
  for (let bIdx = 0; bIdx < nb; bIdx++) {
    const bi = unravel(bIdx, batch);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let s = 0, sa = 0;
      for (let k = 0; k < K; k++) {
        const p = get(a, as, bi, i, k, a1, true) * get(b, bs, bi, k, j, b1, false);
        s += p; sa += Math.abs(p);
      }
      vals.push(s); abs.push(sa);
    }
  }
  let shape = [...batch, M, N];
  if (a1) shape = shape.filter((_, i) => i !== shape.length - 2);
  if (b1) shape = shape.slice(0, -1);
  return { shape, values: vals, abs, K };
}

function expectMatmul(a: Tensor, b: Tensor, label: string): void {
  const before = [values(a), values(b)];
  const out = ops.matmul(a, b);
  const r = refMatmul(a, b);
  expect(out.shape, label).toEqual(r.shape);
  const got = values(out);
  const u = out.dtype === "float64" ? FLOAT64_UNIT_ROUNDOFF : FLOAT32_UNIT_ROUNDOFF;
  for (let i = 0; i < got.length; i++) {
    const err = Math.abs(got[i] - r.values[i]);
    if (!(err <= matmulErrorBound(r.K, r.abs[i], r.values[i], u))) {
      throw new Error(`${label}: element ${i} = ${got[i]}, reference ${r.values[i]}, error ${err}`);
    }
  }
  expect(values(a)).toEqual(before[0]);
  expect(values(b)).toEqual(before[1]);
}

describe("matmul against a naive float64 loop (Higham's error bound)", () => {
  it("odd sizes 1, 3, 17, 255 in all combinations of M, K, N (float32)", () => {
    const rand = seeded(21);
    const sizes = [1, 3, 17, 255];
    for (const M of sizes) for (const K of sizes) for (const N of sizes) {
      if (M * K * N > 255 * 17 * 255) continue;
      expectMatmul(randomTensor(rand, [M, K]), randomTensor(rand, [K, N]), `${M}x${K}x${N}`);
    }
  });

  it("K = 1025 and M = 1025 (few cases), float32 and float64", () => {
    const rand = seeded(22);
    expectMatmul(randomTensor(rand, [3, 1025]), randomTensor(rand, [1025, 17]), "3x1025x17");
    expectMatmul(randomTensor(rand, [1025, 17], "float64"), randomTensor(rand, [17, 3], "float64"), "1025x17x3 f64");
  });

  it("transposed, stepped and expanded operand views", () => {
    const rand = seeded(23);
    const A = randomTensor(rand, [17, 3]), B = randomTensor(rand, [5, 17]);
    expectMatmul(A.T, B.T, "A.T @ B.T");
    const W = randomTensor(rand, [34, 6]);
    expectMatmul(W.slice([null, null, 2], [null, null, 2]).T, W.slice([1, null, 2], [null, null, 2]), "stepped");
    expectMatmul(randomTensor(rand, [4, 1]).expand(4, 5), randomTensor(rand, [5, 3]), "expanded");
    expectMatmul(W.slice([null, null, -1]).T, randomTensor(rand, [34, 2]), "negative stride");
  });

  it("1-D operands and batched broadcasting as np.matmul", () => {
    const rand = seeded(24);
    expectMatmul(randomTensor(rand, [7]), randomTensor(rand, [7]), "vec.vec");
    expectMatmul(randomTensor(rand, [7]), randomTensor(rand, [7, 3]), "vec@mat");
    expectMatmul(randomTensor(rand, [2, 3, 7]), randomTensor(rand, [7]), "batch@vec");
    expectMatmul(randomTensor(rand, [2, 1, 3, 4]), randomTensor(rand, [5, 4, 2]), "broadcast batch");
    expectMatmul(randomTensor(rand, [3, 4]), randomTensor(rand, [2, 4, 5]).permute(0, 2, 1).permute(0, 2, 1), "2-d @ batch");
    expect(ops.matmul(randomTensor(rand, [7]), randomTensor(rand, [7])).shape).toEqual([]);
  });

  it("dtypes: int32 products are exact, float32 x float64 promotes, inputs are not converted in place", () => {
    const a = tensor([[1, 2], [3, 4]], { dtype: "int32" }), b = tensor([[5, 6], [7, 8]], { dtype: "int32" });
    const c = ops.matmul(a, b);
    expect(c.dtype).toBe("int32");
    expect(c.toArray()).toEqual([[19, 22], [43, 50]]);
    expect(ops.matmul(tensor([[1, 2]]), tensor([[3], [4]], { dtype: "float64" })).dtype).toBe("float64");
    expect(ops.matmul(tensor([[1, 2]], { dtype: "uint8" }), tensor([[3], [4]])).dtype).toBe("float32");
  });

  it("zero-size dims: K = 0 gives zeros, M = 0 an empty result", () => {
    expect(ops.matmul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(ops.matmul(zeros([0, 4]), zeros([4, 3])).shape).toEqual([0, 3]);
  });

  it("NaN and Infinity propagate (0 * Inf is NaN, no skipped zeros)", () => {
    const c = ops.matmul(tensor([[0, 1], [1, 1]]), tensor([[Infinity, 0], [1, NaN]]));
    expect(c.toArray()).toEqual([[NaN, NaN], [Infinity, NaN]]);
  });

  it("dot: vectors, matrices, scalars; x.dot(W) as the lecture writes it", () => {
    expect(ops.dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item()).toBe(32);
    const x = tensor([[1, 2]]), W = tensor([[1, 0, 2], [0, 1, 3]]);
    expect(x.dot(W).toArray()).toEqual([[1, 2, 8]]);
    expect(ops.dot(tensor(2), tensor([1, 2])).toArray()).toEqual([2, 4]);
    expect(() => ops.dot(zeros([2, 2, 2]), zeros([2, 2]))).toThrow("dot: supports operands of at most 2 dimensions; got [2, 2, 2] and [2, 2] (use matmul for batched products)");
  });

  it("errors name the op and both shapes", () => {
    expect(() => ops.matmul(zeros([16, 4096]), zeros([2048, 4096]))).toThrow("matmul: inner dimensions differ: [16, 4096] @ [2048, 4096]");
    expect(() => ops.matmul(zeros([2, 3, 4]), zeros([5, 4, 2]))).toThrow("matmul: batch dimensions [2] and [5] cannot be broadcast: [2, 3, 4] @ [5, 4, 2]");
    expect(() => ops.matmul(tensor(1), zeros([2]))).toThrow("matmul: operands must have at least 1 dimension");
  });
});
