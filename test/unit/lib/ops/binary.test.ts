import { describe, expect, it } from "vitest";
import * as ops from "../../../../lib/ops/index.js";
import { Tensor, tensor, zeros } from "../../../../lib/tensor/index.js";
import { layouts, randomShape, randomTensor, refElementwise, seeded, storeAs, values } from "./reference.js";

const ARITH: [string, (a: any, b: any) => Tensor, (x: number, y: number) => number][] = [
  ["add", ops.add, (x, y) => x + y],
  ["sub", ops.sub, (x, y) => x - y],
  ["mul", ops.mul, (x, y) => x * y],
  ["div", ops.div, (x, y) => x / y],
  ["maximum", ops.maximum, (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y))],
  ["minimum", ops.minimum, (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y))],
  ["pow", ops.pow, (x, y) => Math.pow(x, y)],
];
const CMP: [string, (a: any, b: any) => Tensor, (x: number, y: number) => boolean][] = [
  ["eq", ops.eq, (x, y) => x === y], ["ne", ops.ne, (x, y) => x !== y], ["lt", ops.lt, (x, y) => x < y],
  ["le", ops.le, (x, y) => x <= y], ["gt", ops.gt, (x, y) => x > y], ["ge", ops.ge, (x, y) => x >= y],
];

// Shape pairs covering NumPy broadcasting: equal, size-1 dims, missing leading dims, 0-d, zero-size.
const PAIRS: [number[], number[]][] = [
  [[3, 4], [3, 4]], [[3, 4], [4]], [[3, 1], [1, 4]], [[2, 3, 4], [3, 1]], [[5], []], [[], [2, 2]],
  [[0, 3], [3]], [[2, 0], [2, 1]], [[1], [0]], [[4, 1, 3], [5, 1]],
];

function expectExact(t: Tensor, shape: number[], expected: Float64Array): void {
  expect(t.shape).toEqual(shape);
  expect(Array.from(values(t))).toEqual(Array.from(expected));
}

describe("binary arithmetic against a float64 reference loop", () => {
  for (const [name, fn, ref] of ARITH) {
    it(`${name}: broadcast pairs, all layouts, float32 results rounded once from float64`, () => {
      const rand = seeded(7);
      for (const [sa, sb] of PAIRS) {
        const a = randomTensor(rand, sa), b = randomTensor(rand, sb);
        const r = refElementwise(ref, a, b);
        for (const [la, va] of layouts(a)) for (const [lb, vb] of layouts(b)) {
          const before = [values(va), values(vb)];
          const out = fn(va, vb);
          expect(out.dtype, `${la}/${lb}`).toBe("float32");
          expectExact(out, r.shape, storeAs(r.values, "float32"));
          expect(values(va)).toEqual(before[0]);
          expect(values(vb)).toEqual(before[1]);
        }
      }
    });
  }

  it("integer dtypes through every layout: int32 and uint8 results stored as C integers", () => {
    const rand = seeded(13);
    for (const [da, db, out] of [["int32", "int32", "int32"], ["uint8", "uint8", "uint8"], ["uint8", "int32", "int32"]] as const) {
      const a = randomTensor(rand, [3, 4], da), b = randomTensor(rand, [4], db);
      for (const [, fn, ref] of ARITH.filter(([n]) => ["add", "sub", "mul", "maximum", "minimum"].includes(n))) {
        const r = refElementwise(ref, a, b);
        // int32 products here stay far below 2^53, so the double product is exact before the wrap.
        for (const [la, va] of layouts(a)) {
          const o = fn(va, b);
          expect(o.dtype, la).toBe(out);
          expectExact(o, r.shape, storeAs(r.values, out));
        }
      }
    }
  });

  it("random shapes up to 4-d with random size-1 dims", () => {
    const rand = seeded(11);
    for (let trial = 0; trial < 40; trial++) {
      const nd = Math.floor(rand() * 5);
      const sa = randomShape(rand, nd);
      const sb = sa.slice(Math.floor(rand() * (nd + 1))).map((d) => (rand() < 0.3 ? 1 : d));
      const a = randomTensor(rand, sa, "float64"), b = randomTensor(rand, sb, "float64");
      const [name, fn, ref] = ARITH[trial % 4];
      const r = refElementwise(ref, a, b);
      expectExact(fn(a, b), r.shape, r.values);
      expectExact(fn(b, a), r.shape, refElementwise((x, y) => ref(y, x), a, b).values);
      expect(name).toBeTruthy();
    }
  });

  it("NaN and ±Infinity propagate as IEEE and np.maximum/np.minimum", () => {
    const a = tensor([NaN, 1, Infinity, -Infinity, 0, -0, NaN], { dtype: "float64" });
    const b = tensor([1, NaN, -Infinity, -Infinity, -0, 0, NaN], { dtype: "float64" });
    for (const [, fn, ref] of ARITH) expectExact(fn(a, b), [7], refElementwise(ref, a, b).values);
    expect(ops.maximum(a, b).toArray()).toEqual([NaN, NaN, Infinity, -Infinity, 0, 0, NaN]);
  });

  it("large transposed operands (copied to row-major first) match the reference", () => {
    const rand = seeded(83);
    const a = randomTensor(rand, [150, 120]), b = randomTensor(rand, [120, 150]);
    for (const [va, vb] of [[a, b.T], [a.T.contiguous().T, b.T], [a.slice(null, [null, null, -1]), b.T.slice(null, [null, null, -1])]]) {
      for (const [, fn, ref] of ARITH.slice(0, 4)) {
        const r = refElementwise(ref, va, vb);
        expectExact(fn(va, vb), r.shape, storeAs(r.values, "float32"));
      }
    }
    const col = randomTensor(rand, [150, 1]);
    const r = refElementwise((x, y) => x + y, b.T, col);
    expectExact(ops.add(b.T, col), r.shape, storeAs(r.values, "float32"));
  });

  it("expanded (stride-0) views broadcast like their materialized copies", () => {
    const rand = seeded(3);
    const col = randomTensor(rand, [3, 1]), row = randomTensor(rand, [4]);
    const e = col.expand(3, 4);
    expect(e.strides).toEqual([1, 0]);
    expect(ops.add(e, row).toArray()).toEqual(ops.add(e.contiguous(), row).toArray());
  });
});

describe("comparisons", () => {
  for (const [name, fn, ref] of CMP) {
    it(`${name} returns a uint8 mask equal to the reference, with NaN`, () => {
      const rand = seeded(5);
      const a = randomTensor(rand, [4, 3], "int32"), b = randomTensor(rand, [3], "int32");
      const out = fn(a, b);
      expect(out.dtype).toBe("uint8");
      expectExact(out, [4, 3], refElementwise((x, y) => +ref(x, y), a, b).values);
      const n = tensor([NaN, 1, NaN]), m = tensor([NaN, NaN, 1]);
      expect(Array.from(values(fn(n, m)))).toEqual([0, 1, 2].map((i) => +ref(values(n)[i], values(m)[i])));
    });
  }

  it("a number compares as float32 against float32 data (x == 0.1 as NumPy)", () => {
    expect(ops.eq(tensor([0.1, 0.2]), 0.1).toArray()).toEqual([1, 0]);
    expect(ops.eq(tensor([0.1], { dtype: "float64" }), 0.1).toArray()).toEqual([1]);
    // 300 is not wrapped to 44 against uint8 data.
    expect(ops.lt(tensor([44, 255], { dtype: "uint8" }), 300).toArray()).toEqual([1, 1]);
  });
});

describe("type promotion", () => {
  it("follows uint8 < int32 < float32 < float64 with weak numbers", () => {
    const u8 = tensor([1], { dtype: "uint8" }), i32 = tensor([1], { dtype: "int32" });
    const f32 = tensor([1]), f64 = tensor([1], { dtype: "float64" });
    expect(ops.add(u8, i32).dtype).toBe("int32");
    expect(ops.add(i32, f32).dtype).toBe("float32");
    expect(ops.add(f32, f64).dtype).toBe("float64");
    expect(ops.mul(f32, 0.01).dtype).toBe("float32");
    expect(ops.mul(i32, 2).dtype).toBe("int32");
    expect(ops.mul(i32, 0.5).dtype).toBe("float32");
    expect(ops.div(i32, 2).dtype).toBe("float32");
    expect(ops.div(tensor([7], { dtype: "int32" }), 2).toArray()).toEqual([3.5]);
  });

  it("a number is rounded to float32 before a float32 op, as NumPy/PyTorch", () => {
    const x = tensor([1], { dtype: "float32" });
    expect(ops.add(x, 0.1).item()).toBe(Math.fround(1 + Math.fround(0.1)));
    expect(ops.mul(0.01, x).item()).toBe(Math.fround(0.01));
  });

  it("int32 arithmetic wraps as C (mul uses exact 32-bit products)", () => {
    const big = tensor([2147483647, 65537], { dtype: "int32" });
    expect(ops.add(big, 1).toArray()).toEqual([-2147483648, 65538]);
    expect(ops.mul(big, tensor([2147483647, 65537], { dtype: "int32" })).toArray()).toEqual([1, Math.imul(65537, 65537)]);
  });

  it("uint8 arithmetic wraps modulo 256", () => {
    expect(ops.add(tensor([250], { dtype: "uint8" }), 10).toArray()).toEqual([4]);
  });
});

describe("where", () => {
  it("selects with a broadcast condition and matches the reference, NaN as true", () => {
    const rand = seeded(9);
    const c = tensor([[1], [0], [NaN]]), a = randomTensor(rand, [3, 4]), b = randomTensor(rand, [4]);
    const r = refElementwise((cc, x, y) => (cc !== 0 ? x : y), c, a, b);
    expectExact(ops.where(c, a, b), r.shape, r.values);
    expect(ops.where(ops.gt(a, 0), a, 0).toArray()).toEqual(ops.maximum(a, 0).toArray());
  });
});

describe("foreign tensors", () => {
  it("accepts a Tensor from another copy of the library (instanceof fails across copies)", () => {
    class Tensor { constructor(readonly data: Float32Array, readonly shape: number[], readonly strides: number[], readonly offset: number) {} }
    const foreign = new Tensor(new Float32Array([1, 2, 3]), [3], [1], 0);
    expect(ops.add(foreign as never, 1).toArray()).toEqual([2, 3, 4]);
  });
});

describe("bad input", () => {
  it("names the op and both shapes", () => {
    expect(() => ops.add(zeros([2, 3]), zeros([4]))).toThrow("add: shapes [2, 3] and [4] cannot be broadcast");
    expect(() => ops.lt(zeros([2]), zeros([3]))).toThrow("lt: shapes [2] and [3] cannot be broadcast");
    expect(() => ops.where(zeros([2]), zeros([3]), 0)).toThrow("where: shapes [2] and [3] cannot be broadcast");
  });
  it("rejects non-numeric operands", () => {
    expect(() => ops.add(zeros([2]), "1" as never)).toThrow(/add: expected a Tensor, a number or nested arrays/);
  });
  it("refuses integers to negative integer powers, as NumPy and PyTorch do (1 / 2 is not an integer)", () => {
    const x = tensor([1, 2, 3], { dtype: "int32" });
    expect(() => ops.pow(x, -1)).toThrow('pow: integers to negative integer powers are not allowed (an int32 base with exponent -1); use a float base, e.g. pow(x.astype("float32"), -1)');
    expect(() => ops.pow(x, tensor([[2], [-3]], { dtype: "int32" }))).toThrow("(an int32 base with exponent -3)");
    expect(() => ops.pow(2, tensor([0, -2], { dtype: "int32" }))).toThrow("(an int32 base with exponent -2)");
    expect(() => ops.pow(tensor([4], { dtype: "uint8" }), -1)).toThrow('pow: -1 is out of range for a uint8 tensor (0 to 255); convert the tensor first, e.g. x.astype("int32")');
    // Non-negative integer exponents stay integer; a float base or a fractional exponent is float.
    const ok = ops.pow(x, tensor([3, 0, 2], { dtype: "int32" }));
    expect([ok.dtype, ok.toArray()]).toEqual(["int32", [1, 1, 9]]);
    expect(ops.pow(x.astype("float32"), -1).toArray()).toEqual([1, 0.5, Math.fround(1 / 3)]);
    expect(ops.pow(x, -0.5).dtype).toBe("float32");
  });
  it("refuses a number out of an integer tensor's range instead of wrapping it (NumPy 2)", () => {
    const u = tensor([4, 200], { dtype: "uint8" }), i = tensor([1], { dtype: "int32" });
    expect(() => ops.add(u, 300)).toThrow('add: 300 is out of range for a uint8 tensor (0 to 255); convert the tensor first, e.g. x.astype("int32")');
    expect(() => ops.sub(u, -1)).toThrow("sub: -1 is out of range for a uint8 tensor");
    expect(() => ops.mul(2 ** 31, i)).toThrow('mul: 2147483648 is out of range for an int32 tensor (-2147483648 to 2147483647); convert the tensor first, e.g. x.astype("float64")');
    expect(() => u.add_(256)).toThrow("add_: 256 is out of range for a uint8 tensor");
    // In range, integer arithmetic still wraps as C integers do (NumPy, PyTorch).
    expect(ops.add(u, 100).toArray()).toEqual([104, 44]);
    expect(ops.sub(u, 255).toArray()).toEqual([5, 201]);
    // Against integer tensors, comparisons take any number exactly; fractions promote to float.
    expect(ops.lt(u, 300).toArray()).toEqual([1, 1]);
    expect(ops.add(u, 0.5).toArray()).toEqual([4.5, 200.5]);
  });
});
