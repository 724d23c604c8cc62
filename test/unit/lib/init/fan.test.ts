import { describe, expect, it } from "vitest";
import { calculateFan, calculateFans } from "../../../../lib/init/fan.js";

describe("calculateFans (PyTorch layout)", () => {
  it("reads [out, in] for a Linear weight", () => {
    expect(calculateFans([512, 3072])).toEqual({ fanIn: 3072, fanOut: 512 });
    expect(calculateFans([10, 512])).toEqual({ fanIn: 512, fanOut: 10 });
  });
  it("multiplies by the receptive field kH*kW for a conv weight", () => {
    expect(calculateFans([32, 3, 3, 3])).toEqual({ fanIn: 27, fanOut: 288 });
    expect(calculateFans([64, 32, 3, 3])).toEqual({ fanIn: 288, fanOut: 576 });
    expect(calculateFans([16, 8, 5])).toEqual({ fanIn: 40, fanOut: 80 }); // conv1d
  });
  it("selects by mode, accepting PyTorch's spelling", () => {
    expect(calculateFan([64, 32, 3, 3], "fanIn")).toBe(288);
    expect(calculateFan([64, 32, 3, 3], "fan_out")).toBe(576);
    expect(() => calculateFan([2, 2], "in" as never)).toThrow(/calculateFan: mode must be "fanIn" or "fanOut", got "in"/);
  });
  it("refuses a 1-D tensor with a clear error", () => {
    expect(() => calculateFans([5])).toThrow(/calculateFans: .*at least 2 dimensions.*got shape \[5\]/);
  });
});
