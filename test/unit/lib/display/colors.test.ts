import { describe, expect, it } from "vitest";
import { colorAt, colorscaleStops, parseColor } from "../../../../lib/display/colors.js";

describe("colors", () => {
  it("interpolates colorscales in RGB as plotly.js", () => {
    expect(colorAt("Greys", 0)).toBe("rgb(0,0,0)");
    expect(colorAt("Greys", 0.5)).toBe("rgb(128,128,128)");
    expect(colorAt("Viridis", 0)).toBe("rgb(68,1,84)");
    expect(colorAt("Viridis", 1)).toBe("rgb(253,231,37)");
    expect(colorAt("Viridis", 2)).toBe("rgb(253,231,37)"); // clipped
    expect(colorAt([[0, "#000000"], [1, "#ff0000"]], 0.25)).toBe("rgb(64,0,0)");
  });
  it("parses hex and rgb() and names what it expected", () => {
    expect(parseColor("#1f77b4")).toEqual([31, 119, 180]);
    expect(parseColor("#fff")).toEqual([255, 255, 255]);
    expect(parseColor("rgb(1, 2, 3)")).toEqual([1, 2, 3]);
    expect(() => parseColor("red")).toThrow('parseColor: expected "#rrggbb" or "rgb(r,g,b)", got "red"');
    expect(() => colorscaleStops("Jet")).toThrow('colorscale: unknown name "Jet"; expected one of Viridis, RdBu, Greys, Hot');
  });
});
