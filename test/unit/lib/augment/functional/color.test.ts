import { describe, expect, it } from "vitest";
import { Image } from "../../../../../lib/data/image.js";
import { adjustBrightness, adjustContrast, adjustSaturation, rgbToGrayscale } from "../../../../../lib/augment/functional/color.js";
import { adjustHue } from "../../../../../lib/augment/functional/hue.js";
import { invert, posterize, solarize } from "../../../../../lib/augment/functional/pointops.js";
import { autocontrast, equalize } from "../../../../../lib/augment/functional/histogram.js";
import { adjustSharpness } from "../../../../../lib/augment/functional/sharpness.js";
import { allClose } from "../../../tolerance.js";
import { arr, f32, ramp, u8 } from "./helpers.js";

describe("grayscale, brightness, contrast, saturation (torchvision formulas)", () => {
  it("grayscale weights sum to 0.9999, so uint8 white becomes 254 (torchvision truncates)", () => {
    expect(arr(rgbToGrayscale(u8([[[255, 255, 255]]])).data)).toEqual([254]);
    expect(arr(rgbToGrayscale(u8([[[100, 0, 0], [0, 100, 0]]]), 3).data)).toEqual([29, 29, 29, 58, 58, 58]);
  });
  it("brightness multiplies and clamps", () => {
    expect(arr(adjustBrightness(u8([[100, 200]]), 1.5).data)).toEqual([150, 255]);
    expect(allClose(adjustBrightness(f32([[0.5, 0.8]]), 1.5).data, [0.75, 1])).toBe(true);
    expect(arr(adjustBrightness(u8([[7]]), 0).data)).toEqual([0]);
  });
  it("contrast blends with the mean of the floored grayscale", () => {
    // gray(200,200,200) = 199.98 -> floor 199; mean (0 + 199) / 2 = 99.5; factor 0 -> 99 after truncation
    expect(arr(adjustContrast(u8([[[0, 0, 0], [200, 200, 200]]]), 0).data)).toEqual([99, 99, 99, 99, 99, 99]);
    // factor 2: 2 * x - 99.5, clamped: 0 -> 0, 200 -> 300.5 -> 255
    expect(arr(adjustContrast(u8([[[0, 0, 0], [200, 200, 200]]]), 2).data)).toEqual([0, 0, 0, 255, 255, 255]);
    // float: mean of gray of (0.2, 0.4) = 0.3 (times 0.9999 for RGB; here 1 channel, exact)
    expect(allClose(adjustContrast(f32([[0.2, 0.4]]), 0.5).data, [0.25, 0.35])).toBe(true);
  });
  it("saturation 0 gives the (floored) gray, 1 the original", () => {
    expect(arr(adjustSaturation(u8([[[255, 0, 0]]]), 0).data)).toEqual([76, 76, 76]);
    const img = ramp(3, 4);
    expect(arr(adjustSaturation(img, 1).data)).toEqual(arr(img.data));
    expect(arr(adjustSaturation(u8([[9, 8]]), 3).data)).toEqual([9, 8]); // 1 channel: unchanged
  });
  it("negative factors are refused", () => {
    expect(() => adjustBrightness(ramp(2, 2), -1)).toThrow(/adjustBrightness: brightnessFactor must be a number in \[0, Infinity\]/);
    expect(() => adjustContrast(new Image(new Uint8Array(8), 1, 2, 4), 1)).toThrow(/adjustContrast: expected an image with 1 or 3 channels; got 4/);
  });
});

describe("hue", () => {
  it("rotates pure colors around the wheel", () => {
    const red = u8([[[255, 0, 0]]]);
    expect(arr(adjustHue(red, 1 / 3).data)).toEqual([0, 255, 0]);
    expect(arr(adjustHue(red, -1 / 3).data)).toEqual([0, 0, 255]);
    expect(arr(adjustHue(red, 0.5).data)).toEqual([0, 255, 255]);
    expect(arr(adjustHue(u8([[[0, 255, 0]]]), 1 / 3).data)).toEqual([0, 0, 255]);
  });
  it("leaves grays alone and keeps float values", () => {
    expect(arr(adjustHue(u8([[[128, 128, 128]]]), 0.25).data)).toEqual([128, 128, 128]);
    expect(allClose(adjustHue(f32([[[1, 0.5, 0]]]), 0).data, [1, 0.5, 0])).toBe(true);
    expect(() => adjustHue(red(), 0.6)).toThrow(/hueFactor must be a number in \[-0.5, 0.5\]/);
  });
  const red = () => u8([[[255, 0, 0]]]);
});

describe("invert, solarize, posterize", () => {
  it("follow their definitions", () => {
    expect(arr(invert(u8([[0, 55, 255]])).data)).toEqual([255, 200, 0]);
    expect(arr(solarize(u8([[127, 128, 200]]), 128).data)).toEqual([127, 127, 55]);
    expect(allClose(solarize(f32([[0.25, 0.75]]), 0.5).data, [0.25, 0.25])).toBe(true);
    expect(arr(posterize(u8([[255, 100, 37]]), 2).data)).toEqual([192, 64, 0]);
    expect(arr(posterize(u8([[255]]), 0).data)).toEqual([0]);
    expect(arr(posterize(u8([[255, 3]]), 8).data)).toEqual([255, 3]);
    expect(allClose(posterize(f32([[0.99, 0.3]]), 1).data, [0.5, 0])).toBe(true);
    expect(() => solarize(u8([[1]]), 256)).toThrow(/solarize: threshold must be <= 255/);
    expect(() => posterize(u8([[1]]), 9)).toThrow(/posterize: bits must be an integer in \[0, 8\]/);
  });
});

describe("equalize and autocontrast", () => {
  it("equalize uses Pillow's LUT", () => {
    // 255 zeros, 255 ones, one 2: step = floor((511 - 1) / 255) = 2; lut[1] = floor((255 + 1) / 2) = 128; lut[2] = 255
    const data = new Uint8Array(511);
    data.fill(1, 255, 510);
    data[510] = 2;
    const out = equalize(new Image(data, 1, 511, 1));
    expect([out.data[0], out.data[300], out.data[510]]).toEqual([0, 128, 255]);
  });
  it("equalize flattens a skewed histogram", () => {
    const n = 64 * 64, data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = Math.floor(255 * Math.sqrt(i / n)); // most pixels bright
    const out = equalize(new Image(data, 64, 64, 1)).data;
    // the empirical CDF of the output is close to the uniform CDF v / 255
    const sorted = Array.from(out).sort((a, b) => a - b);
    let worst = 0;
    for (let q = 1; q < 16; q++) worst = Math.max(worst, Math.abs(sorted[Math.floor((q * n) / 16)] / 255 - q / 16));
    // torchvision 0.14's F.equalize on the same image gives the same worst deviation, 0.0585784
    expect(worst).toBe(0.058578431372549034);
    let before = 0;
    const s0 = Array.from(data).sort((a, b) => a - b);
    for (let q = 1; q < 16; q++) before = Math.max(before, Math.abs(s0[Math.floor((q * n) / 16)] / 255 - q / 16));
    expect(before).toBeGreaterThan(4 * worst); // 0.248 before equalization
  });
  it("equalize leaves a constant image alone", () => {
    expect(arr(equalize(u8([[5, 5, 5]])).data)).toEqual([5, 5, 5]);
  });
  it("autocontrast stretches each channel to [0, bound], with torchvision v2's float32 division", () => {
    // v2 divides by (max - min) * float32(1/255): 50 / 0.19607845 = 254.99997 -> 254 and
    // 10 / 0.039215688 = 254.99998 -> 254 (torchvision 0.14's v1 kernel multiplied by 255 / 50: 255)
    expect(arr(autocontrast(u8([[[50, 10, 7], [100, 20, 7]]])).data)).toEqual([0, 0, 7, 254, 254, 7]);
    expect(allClose(autocontrast(f32([[0.25, 0.5]])).data, [0, 1])).toBe(true);
  });
});

describe("sharpness", () => {
  it("factor 1 is the identity, 0 the 3x3 smoothing on the interior (borders kept)", () => {
    const img = u8([[0, 0, 0], [0, 13, 0], [0, 0, 0]]);
    expect(arr(adjustSharpness(img, 1).data)).toEqual(arr(img.data));
    expect(arr(adjustSharpness(img, 0).data)).toEqual([0, 0, 0, 0, 5, 0, 0, 0, 0]);
    // factor 2: 13 + (-1) * (5 - 13) = 21
    expect(arr(adjustSharpness(img, 2).data)).toEqual([0, 0, 0, 0, 21, 0, 0, 0, 0]);
    expect(arr(adjustSharpness(u8([[1, 2], [3, 4]]), 0).data)).toEqual([1, 2, 3, 4]);
  });
});
