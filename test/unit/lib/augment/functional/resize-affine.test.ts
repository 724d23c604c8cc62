import { describe, expect, it } from "vitest";
import { Image } from "../../../../../lib/data/image.js";
import { resize, resizedOutputSize } from "../../../../../lib/augment/functional/resize.js";
import { affine, rotate, inverseAffineMatrix } from "../../../../../lib/augment/functional/affine.js";
import { allClose } from "../../../tolerance.js";
import { arr, f32, ramp, u8 } from "./helpers.js";

describe("resize", () => {
  it("antialiased shrink uses PyTorch's widened triangle filter", () => {
    // weights (0.75, 0.75, 0.25) / 1.75 and (0.25, 0.75, 0.75) / 1.75
    const out = resize(f32([[0, 10, 20, 30]]), [1, 2]);
    expect(allClose(out.data, [12.5 / 1.75, 40 / 1.75])).toBe(true);
  });
  it("without antialias it is align_corners=False bilinear", () => {
    expect(allClose(resize(f32([[0, 10, 20, 30]]), [1, 2], { antialias: false }).data, [5, 25])).toBe(true);
  });
  it("upscaling: bilinear with clamped borders (same with or without antialias)", () => {
    for (const antialias of [true, false]) {
      expect(allClose(resize(f32([[0, 10]]), [1, 4], { antialias }).data, [0, 2.5, 7.5, 10])).toBe(true);
    }
  });
  it("uint8 rounds half to even; nearest takes floor(dst * in / out)", () => {
    expect(arr(resize(u8([[0, 5]]), [1, 4]).data)).toEqual([0, 1, 4, 5]); // 1.25 -> 1, 3.75 -> 4
    expect(arr(resize(u8([[1, 2, 3, 4, 5, 6]]), [1, 4], { interpolation: "nearest" }).data)).toEqual([1, 2, 4, 5]);
  });
  it("a number resizes the smaller edge as torchvision (truncating the other); maxSize caps it", () => {
    expect(resizedOutputSize(300, 451, 256)).toEqual([256, 384]);
    expect(resizedOutputSize(451, 300, 256)).toEqual([384, 256]);
    expect(resizedOutputSize(300, 600, 256, 400)).toEqual([200, 400]);
    expect(resize(ramp(30, 45), 16).shape).toEqual([16, 24, 3]);
  });
  it("a constant image stays constant; the input is not mutated", () => {
    const c = new Image(new Uint8Array(10 * 14 * 3).fill(77), 10, 14, 3);
    expect(arr(resize(c, [7, 5]).data).every((v) => v === 77)).toBe(true);
    expect(arr(c.data).every((v) => v === 77)).toBe(true);
  });
  it("bad sizes give clear errors", () => {
    expect(() => resize(ramp(4, 4), 0)).toThrow(/resize: size must be a positive integer/);
    expect(() => resize(ramp(4, 4), [2, 2], { maxSize: 9 })).toThrow(/maxSize is only allowed/);
    expect(() => resize(ramp(4, 4), 2, { interpolation: "bicubic" as never })).toThrow(/interpolation must be/);
  });
});

describe("affine and rotate", () => {
  const sq = u8([[1, 2], [3, 4]]);
  it("rotate is counter-clockwise and exact at 90 degrees (torch.rot90)", () => {
    expect(arr(rotate(sq, 90).data)).toEqual([2, 4, 1, 3]);
    expect(arr(rotate(sq, 180).data)).toEqual([4, 3, 2, 1]);
    expect(arr(rotate(sq, 360).data)).toEqual([1, 2, 3, 4]);
    expect(arr(affine(sq, { angle: 90 }).data)).toEqual([3, 1, 4, 2]); // affine's angle is clockwise
  });
  it("rotate with expand grows the canvas to the rotated bounds", () => {
    expect(rotate(ramp(4, 6, 1), 90, { expand: true }).shape).toEqual([6, 4, 1]);
    // ceil(5 + 5 * sqrt(2)) - floor(5 - 5 * sqrt(2)) = 13 - (-3)
    expect(rotate(ramp(10, 10, 1), 45, { expand: true }).shape).toEqual([16, 16, 1]);
  });
  it("translate shifts in pixels and fills", () => {
    const row = u8([[1, 2, 3, 4]]);
    expect(arr(affine(row, { translate: [1, 0], fill: 9 }).data)).toEqual([9, 1, 2, 3]);
    expect(arr(affine(row, { translate: [-2, 0] }).data)).toEqual([3, 4, 0, 0]);
  });
  it("shear about the top-left corner (RandAugment's center [0, 0]) follows x_in = x + tan(s) * (y + 0.5)", () => {
    const img = ramp(4, 8, 1);
    const deg = (Math.atan(0.5) * 180) / Math.PI;
    const out = affine(img, { shear: [deg, 0], center: [0, 0] });
    const shift = [0, 1, 1, 2]; // round(0.5 * (y + 0.5)): 0.25, 0.75, 1.25, 1.75
    for (let y = 0; y < 4; y++) for (let x = 0; x < 8; x++) {
      const sx = x + shift[y];
      expect(out.get(y, x)).toBe(sx < 8 ? img.get(y, sx) : 0);
    }
  });
  it("bilinear blends neighbours and the fill through the warped mask", () => {
    const row = f32([[0, 1, 0.5, 0.25]]);
    const out = affine(row, { translate: [0.5, 0], interpolation: "bilinear", fill: 1 });
    // x_in = x - 0.5: x=0 mixes fill (weight 0.5) and pixel 0
    expect(allClose(out.data, [0.5, 0.5, 0.75, 0.375])).toBe(true);
  });
  it("the inverse matrix of the identity is the identity; scale 2 halves", () => {
    expect(allClose(inverseAffineMatrix([0, 0], 0, [0, 0], 1, [0, 0]), [1, 0, 0, 0, 1, 0])).toBe(true);
    expect(allClose(inverseAffineMatrix([0, 0], 0, [0, 0], 2, [0, 0]), [0.5, 0, 0, 0, 0.5, 0])).toBe(true);
  });
  it("bad arguments give clear errors", () => {
    expect(() => affine(sq, { scale: 0 })).toThrow(/affine: scale must be positive/);
    expect(() => affine(sq, { translate: [1] })).toThrow(/affine: translate must be/);
    expect(() => rotate(sq, Number.NaN)).toThrow(/rotate: angle must be a finite number/);
  });
});
