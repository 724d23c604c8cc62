import { describe, expect, it } from "vitest";
import { Image } from "../../../../../lib/data/image.js";
import { horizontalFlip, verticalFlip } from "../../../../../lib/augment/functional/flip.js";
import { crop, centerCrop, fiveCrop, tenCrop } from "../../../../../lib/augment/functional/crop.js";
import { pad } from "../../../../../lib/augment/functional/pad.js";
import { arr, ramp, u8 } from "./helpers.js";

describe("flips", () => {
  it("mirror pixels and are involutions; input untouched", () => {
    const img = u8([[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[10, 11, 12], [13, 14, 15], [16, 17, 18]]]);
    const before = arr(img.data);
    expect(arr(horizontalFlip(img).data)).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3, 16, 17, 18, 13, 14, 15, 10, 11, 12]);
    expect(arr(verticalFlip(img).data)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const r = ramp(5, 7);
    expect(arr(horizontalFlip(horizontalFlip(r)).data)).toEqual(arr(r.data));
    expect(arr(verticalFlip(verticalFlip(r)).data)).toEqual(arr(r.data));
    expect(arr(img.data)).toEqual(before);
  });
  it("rejects a non-image", () => {
    expect(() => horizontalFlip({} as Image)).toThrow(/horizontalFlip: expected an Image/);
  });
});

describe("crop", () => {
  const img = u8([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
  it("takes the window and zero-fills outside, as torchvision", () => {
    expect(arr(crop(img, 1, 1, 2, 2).data)).toEqual([6, 7, 10, 11]);
    expect(arr(crop(img, -1, 3, 2, 2).data)).toEqual([0, 0, 4, 0]);
  });
  it("centerCrop uses Python's round (half to even) and pads when larger", () => {
    // (3 - 2) / 2 = 0.5 -> 0 ; (4 - 1) / 2 = 1.5 -> 2
    expect(arr(centerCrop(img, [2, 1]).data)).toEqual([3, 7]);
    expect(arr(centerCrop(u8([[5]]), 3).data)).toEqual([0, 0, 0, 0, 5, 0, 0, 0, 0]);
  });
  it("fiveCrop order is tl, tr, bl, br, center; tenCrop adds the crops of the mirror", () => {
    const r = ramp(6, 8, 1);
    const five = fiveCrop(r, [2, 3]);
    expect(five.map((c) => c.get(0, 0))).toEqual([r.get(0, 0), r.get(0, 5), r.get(4, 0), r.get(4, 5), r.get(2, 2)]);
    const ten = tenCrop(r, [2, 3]);
    expect(ten).toHaveLength(10);
    // crop 5 (top-left of the mirrored image) is the mirror of crop 1 (top-right)
    expect(arr(ten[5].data)).toEqual(arr(horizontalFlip(five[1]).data));
    // torchvision center-crops the mirrored image: with (8 - 3) / 2 = 2.5 rounding to 2 on both,
    // that window is not the mirror of the first center crop (columns 3..5 instead of 2..4)
    expect(arr(ten[9].data)).toEqual(arr(centerCrop(horizontalFlip(r), [2, 3]).data));
    expect(arr(ten[9].data)).not.toEqual(arr(horizontalFlip(five[4]).data));
    const tv = tenCrop(r, [2, 3], true);
    expect(arr(tv[5].data)).toEqual(arr(verticalFlip(five[2]).data));
    expect(() => fiveCrop(r, 7)).toThrow(/fiveCrop: requested crop size \[7, 7\] is bigger than the image \[6, 8\]/);
  });
});

describe("pad", () => {
  const row = u8([[1, 2, 3]]);
  it("constant, edge, reflect, symmetric as torch/numpy", () => {
    expect(arr(pad(row, [2, 0], { fill: 9 }).data)).toEqual([9, 9, 1, 2, 3, 9, 9]);
    expect(arr(pad(row, [2, 0], { paddingMode: "edge" }).data)).toEqual([1, 1, 1, 2, 3, 3, 3]);
    expect(arr(pad(row, [2, 0], { paddingMode: "reflect" }).data)).toEqual([3, 2, 1, 2, 3, 2, 1]);
    expect(arr(pad(row, [2, 0], { paddingMode: "symmetric" }).data)).toEqual([2, 1, 1, 2, 3, 3, 2]);
  });
  it("4-element padding is [left, top, right, bottom]; per-channel fill", () => {
    const p = pad(u8([[[1, 2, 3]]]), [1, 0, 0, 1], { fill: [7, 8, 9] });
    expect(p.shape).toEqual([2, 2, 3]);
    expect(arr(p.data)).toEqual([7, 8, 9, 1, 2, 3, 7, 8, 9, 7, 8, 9]);
  });
  it("bad padding gives clear errors", () => {
    expect(() => pad(row, [1, 2, 3])).toThrow(/pad: padding must be/);
    expect(() => pad(row, 3, { paddingMode: "reflect" })).toThrow(/reflect padding must be smaller/);
    expect(() => pad(row, 1, { paddingMode: "wrap" as never })).toThrow(/paddingMode must be one of/);
    expect(() => pad(u8([[[1, 2, 3]]]), 1, { fill: [1, 2] })).toThrow(/fill must be a number or an array of 1 or 3/);
  });
});
