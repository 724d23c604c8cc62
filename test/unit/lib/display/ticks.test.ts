import { describe, expect, it } from "vitest";
import { formatTick, logTicks, niceStep, niceTicks } from "../../../../lib/display/ticks.js";

describe("ticks", () => {
  it("picks 1-2-5 steps covering the range", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.9, 0.9, 3)).toEqual([-0.5, 0, 0.5]);
    expect(niceTicks(0, 100, 4)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.1, 0.15, 1)).toEqual([0.1, 0.15]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceStep(0.35)).toBe(0.5);
    expect(niceStep(0.25)).toBe(0.2);
    expect(niceStep(7)).toBe(10);
  });
  it("has no float drift in values (0.1 * 3 is 0.3)", () => {
    expect(niceTicks(0, 0.5, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });
  it("labels like plotly: plain decimals, exponents when tiny or huge", () => {
    expect(formatTick(0.30000000000000004)).toBe("0.3");
    expect(formatTick(0.0001)).toBe("1e-4");
    expect(formatTick(-2e-5)).toBe("-2e-5");
    expect(formatTick(123456)).toBe("1.23e5");
    expect(formatTick(2500)).toBe("2500");
    expect(formatTick(0)).toBe("0");
  });
  it("uses decades on log axes, 1-2-5 when the range is short", () => {
    expect(logTicks(1e-3, 10)).toEqual([1e-3, 1e-2, 0.1, 1, 10]);
    expect(logTicks(0.5, 2.4)).toEqual([0.5, 1, 2]);
  });
  it("rejects bad bounds with the operation named", () => {
    expect(() => niceTicks(0, Infinity)).toThrow("niceTicks: expected finite bounds, got [0, Infinity]");
    expect(() => logTicks(0, 1)).toThrow("logTicks: expected positive bounds");
  });
});
