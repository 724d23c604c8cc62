import { describe, expect, it } from "vitest";
import { contiguousStrides, reshapeStrides, shapeSize } from "../../../../lib/tensor/index.js";
import { unravel } from "../ops/reference.js";

// Offsets of every element in row-major order under (shape, strides).
function offsets(shape: number[], strides: readonly number[]): number[] {
  const n = shapeSize(shape), out: number[] = [];
  for (let k = 0; k < n; k++) out.push(unravel(k, shape).reduce((s, i, d) => s + i * strides[d], 0));
  return out;
}

describe("reshapeStrides (view when possible)", () => {
  it("whenever it returns strides, they visit exactly the elements a copy would, in order", () => {
    const cases: [number[], number[], number[]][] = [
      [[2, 3], [3, 1], [3, 2]], [[2, 3, 4], [12, 4, 1], [6, 4]], [[4, 6], [1, 4], [2, 2, 6]],
      [[4, 6], [1, 4], [24]], [[3, 4], [8, 2], [12]], [[3, 4], [8, 2], [3, 2, 2]], [[1, 5, 1], [7, 1, 3], [5, 1]],
      [[6], [2], [2, 3]], [[2, 3], [3, 1], [1, 6, 1]], [[2, 1, 3], [3, 99, 1], [6]],
    ];
    let views = 0;
    for (const [shape, strides, target] of cases) {
      const r = reshapeStrides(shape, strides, target);
      if (r === null) continue;
      views++;
      expect(offsets(target, r), `${shape} ${strides} -> ${target}`).toEqual(offsets(shape, strides));
    }
    expect(views).toBeGreaterThanOrEqual(7);
  });
  it("refuses when a copy is needed (transposed into flat)", () => {
    expect(reshapeStrides([4, 6], [1, 4], [24])).toBeNull();
    expect(reshapeStrides([3, 4], [10, 2], [12])).toBeNull();
    expect(reshapeStrides([3, 4], [8, 2], [12])).toEqual([2]);
    expect(reshapeStrides([2, 3], contiguousStrides([2, 3]), [6])).toEqual([1]);
  });
});
