import { describe, expect, it } from "vitest";
import { calculateGain } from "../../../../lib/init/gain.js";

describe("calculateGain (torch.nn.init.calculate_gain's table)", () => {
  it("is 1 for linear, conv and sigmoid", () => {
    for (const n of ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose2d", "sigmoid"] as const) expect(calculateGain(n)).toBe(1);
  });
  it("is 5/3 for tanh, sqrt(2) for relu, 3/4 for selu", () => {
    expect(calculateGain("tanh")).toBe(5 / 3);
    expect(calculateGain("relu")).toBe(Math.SQRT2);
    expect(calculateGain("selu")).toBe(0.75);
  });
  it("is sqrt(2/(1+slope^2)) for leaky_relu, slope 0.01 by default", () => {
    expect(calculateGain("leaky_relu")).toBe(Math.sqrt(2 / (1 + 0.01 ** 2)));
    expect(calculateGain("leaky_relu", 0.1)).toBe(Math.sqrt(2 / 1.01));
    expect(calculateGain("leaky_relu", 0)).toBe(Math.SQRT2);
    expect(calculateGain("leaky_relu", Math.sqrt(5))).toBe(Math.sqrt(1 / 3)); // nn.Linear's default a
  });
  it("names the unsupported nonlinearity", () => {
    expect(() => calculateGain("swish" as never)).toThrow(/calculateGain: unsupported nonlinearity "swish"/);
  });
});
