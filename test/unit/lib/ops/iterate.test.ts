import { describe, expect, it } from "vitest";
import { forEachRowN, needsRelayout } from "../../../../lib/ops/iterate.js";
import { shapeSize } from "../../../../lib/tensor/index.js";
import { unravel } from "./reference.js";

function visit(shape: number[], strides: number[][], offsets: number[]): number[][] {
  const seen: number[][] = strides.map(() => []);
  forEachRowN(shape, strides, offsets, (o, n, s) => {
    for (let i = 0; i < n; i++) for (let k = 0; k < o.length; k++) seen[k].push(o[k] + i * s[k]);
  });
  return seen;
}

describe("forEachRowN", () => {
  it("visits every element in row-major order for each operand, merging dims where it can", () => {
    const cases: [number[], number[][], number[]][] = [
      [[2, 3, 4], [[12, 4, 1], [0, 1, 3], [4, 0, 1]], [0, 5, 2]],
      [[3, 1, 2], [[2, 2, 1], [-2, 7, 1]], [0, 4]],
      [[5], [[1], [0]], [0, 9]],
      [[], [[], []], [3, 4]],
    ];
    for (const [shape, strides, offs] of cases) {
      const seen = visit(shape, strides, offs);
      for (let k = 0; k < strides.length; k++) {
        const expected = Array.from({ length: shapeSize(shape) }, (_, j) => offs[k] + unravel(j, shape).reduce((s, i, d) => s + i * strides[k][d], 0));
        expect(seen[k]).toEqual(expected);
      }
    }
  });
  it("contiguous operands collapse to one row; zero-size shapes make no call", () => {
    let calls = 0;
    forEachRowN([4, 5, 6], [[30, 6, 1], [30, 6, 1]], [0, 0], (_o, n) => { calls++; expect(n).toBe(120); });
    expect(calls).toBe(1);
    forEachRowN([3, 0], [[0, 1]], [0], () => { throw new Error("called"); });
  });
});

describe("needsRelayout", () => {
  it("asks for a row-major copy only for large views whose inner stepped stride is not 0 or 1", () => {
    expect(needsRelayout([4000, 1000], [1, 4000])).toBe(true);
    expect(needsRelayout([1000, 4000], [4000, 1])).toBe(false);
    expect(needsRelayout([1000, 4000], [1, 0])).toBe(false);
    expect(needsRelayout([4000, 1000, 1], [1, 4000, 7])).toBe(true);
    expect(needsRelayout([4000, 1000], [2000, -1])).toBe(true);
    expect(needsRelayout([40, 10], [1, 40])).toBe(false);
  });
});
