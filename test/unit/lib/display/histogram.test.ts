import { describe, expect, it } from "vitest";
import { histogramBins, histogramToBar } from "../../../../lib/display/histogram.js";
import { allClose, FLOAT64_ATOL, FLOAT64_RTOL } from "../../tolerance.js";

describe("histogram", () => {
  it("bins like numpy.histogram: half-open bins, last one closed", () => {
    expect(histogramBins([0, 1, 1, 2], { bins: 2 })).toEqual({ edges: [0, 1, 2], counts: [1, 3] });
    expect(histogramBins([0, 0.5, 1, NaN, Infinity], { bins: 4 }).counts).toEqual([1, 0, 1, 1]);
  });
  it("honours explicit start/end/size and drops values outside", () => {
    const b = histogramBins([-5, -1, 0, 0.99, 1, 5], { start: -1, end: 1, size: 0.5 });
    expect(b.edges).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(b.counts).toEqual([1, 0, 1, 2]);
  });
  it("becomes touching bars; a probability density integrates to 1", () => {
    const x = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    const bar = histogramToBar({ type: "histogram", x, nbinsx: 17, histnorm: "probability density", name: "h" });
    const size = bar.width!;
    const area = Array.from(bar.y).reduce((a, v) => a + v * size, 0);
    expect(allClose([area], [1], FLOAT64_RTOL * 100, FLOAT64_ATOL)).toBe(true);
    expect(bar.x.length).toBe(17);
    expect(bar.name).toBe("h");
  });
  it("rejects a bad bin count", () => {
    expect(() => histogramBins([1, 2], { bins: 0 })).toThrow("histogram: expected a positive integer bin count, got 0");
  });
});
