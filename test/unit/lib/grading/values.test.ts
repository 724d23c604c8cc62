import { describe, expect, it } from "vitest";
import { fmt, toNumbers, unravel } from "../../../../lib/grading/values";

describe("toNumbers", () => {
  it("reads numbers, nested arrays, typed arrays and booleans into float64 with a shape", () => {
    expect(toNumbers(3)).toEqual({ shape: [], data: new Float64Array([3]) });
    expect(toNumbers([[1, 2], [3, 4]])).toEqual({ shape: [2, 2], data: new Float64Array([1, 2, 3, 4]) });
    expect(toNumbers(new Int32Array([5, -6]))).toEqual({ shape: [2], data: new Float64Array([5, -6]) });
    expect(toNumbers([true, false]).data).toEqual(new Float64Array([1, 0]));
    expect(toNumbers([]).shape).toEqual([0]);
  });
  it("explains ragged arrays, strings inside arrays and unsupported values", () => {
    expect(() => toNumbers([[1, 2], [3]], "your result")).toThrow("your result: ragged nested array (expected length 2 at depth 1, found 1)");
    expect(() => toNumbers([["a"]], "your result")).toThrow('your result: expected numbers inside the array, found the string "a"');
    expect(() => toNumbers({ x: 1 }, "your result")).toThrow("your result: expected a number, an array, a typed array or a Tensor, got an object of type Object");
  });
});

describe("message helpers", () => {
  it("formats indices and numbers as NumPy prints them", () => {
    expect(unravel(5, [2, 3])).toBe("[1, 2]");
    expect([fmt(1 / 3), fmt(1e-9), fmt(NaN), fmt(-Infinity), fmt(2e7)]).toEqual(["0.333333", "1e-9", "nan", "-inf", "2e+7"]);
  });
});
