import { describe, expect, it } from "vitest";
import { imageFigure, imageTrace } from "../../../../lib/display/image-figure.js";
import { decodePng } from "../../../../lib/display/png.js";
import { SVG_PX_ATOL } from "../../tolerance.js";
import { marks } from "./svg-helpers.js";

describe("image figure", () => {
  const img = { shape: [2, 3, 3], dtype: "uint8", toTypedArray: () => new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9, 8, 8, 8, 7, 7, 7]) };

  it("encodes the pixels losslessly as the trace's PNG source", () => {
    const t = imageTrace(img);
    expect([t.width, t.height]).toEqual([3, 2]);
    const png = decodePng(Buffer.from(t.source.replace("data:image/png;base64,", ""), "base64"));
    expect(Array.from(png.data.subarray(4, 8))).toEqual([0, 255, 0, 255]);
    expect(Array.from(png.data.subarray(20, 24))).toEqual([7, 7, 7, 255]);
  });

  it("draws the image with square pixels, top row first, and the same pixels in the PNG", () => {
    const fig = imageFigure(img, { title: "rgb" });
    const svg = fig.toSvg();
    const im = marks(svg, "image", "image")[0];
    expect(Math.abs(Number(im.width) / 3 - Number(im.height) / 2)).toBeLessThanOrEqual(SVG_PX_ATOL);
    const png = decodePng(fig.toPng());
    const px = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    const cw = Number(im.width) / 3, x0 = Number(im.x), y0 = Number(im.y);
    expect(px(Math.round(x0 + cw * 0.5), Math.round(y0 + cw * 0.5))).toEqual([255, 0, 0]);
    expect(px(Math.round(x0 + cw * 2.5), Math.round(y0 + cw * 1.5))).toEqual([7, 7, 7]);
  });

  it("rejects batches", () => {
    expect(() => imageTrace([img, img])).toThrow("imageTrace: expected one image, got a batch of 2 (use imageGrid for batches)");
  });
});
