import { describe, expect, it } from "vitest";
import * as F from "../../../../../lib/augment/functional/index.js";
import { imageToTensor } from "../../../../../lib/data/tensor-image.js";
import { Image } from "../../../../../lib/data/image.js";
import { rng } from "../../../../../lib/random/index.js";
import * as T from "../../../../../lib/augment/transforms/index.js";
import { ramp } from "./helpers.js";

describe("kernels accept tensors and images interchangeably", () => {
  it("HWC and CHW tensors come back as tensors in their layout with the Image kernel's pixels", () => {
    const img = ramp(5, 7);
    const want = Array.from(F.horizontalFlip(img).data);
    const hwc = F.horizontalFlip(imageToTensor(img, "HWC"));
    expect(hwc.shape).toEqual([5, 7, 3]);
    expect(Array.from(hwc.toTypedArray())).toEqual(want);
    const chw = F.horizontalFlip(imageToTensor(img, "CHW"));
    expect(chw.shape).toEqual([3, 5, 7]);
    expect(Array.from(chw.toTypedArray())).toEqual(Array.from(imageToTensor(F.horizontalFlip(img), "CHW").toTypedArray()));
    expect(F.resize(imageToTensor(img, "CHW"), [10, 14]).shape).toEqual([3, 10, 14]);
    expect(F.fiveCrop(imageToTensor(img), 3).map((t) => t.shape)).toEqual(new Array(5).fill([3, 3, 3]));
  });
});

describe("no kernel or transform mutates its input", () => {
  const img = ramp(12, 14), u8 = Array.from(img.data);
  const f = img.toDType("float32"), f32 = Array.from(f.data);
  const kernels: [string, (x: Image) => unknown][] = [
    ["hflip", (x) => F.horizontalFlip(x)], ["vflip", (x) => F.verticalFlip(x)], ["crop", (x) => F.crop(x, -1, 2, 5, 6)],
    ["centerCrop", (x) => F.centerCrop(x, 8)], ["tenCrop", (x) => F.tenCrop(x, 6)], ["pad", (x) => F.pad(x, 2, { paddingMode: "reflect" })],
    ["resize", (x) => F.resize(x, [7, 9])], ["affine", (x) => F.affine(x, { angle: 20, shear: [5, 3], interpolation: "bilinear", fill: 1 })],
    ["rotate", (x) => F.rotate(x, 33, { expand: true })], ["gray", (x) => F.rgbToGrayscale(x, 3)], ["brightness", (x) => F.adjustBrightness(x, 1.5)],
    ["contrast", (x) => F.adjustContrast(x, 0.5)], ["saturation", (x) => F.adjustSaturation(x, 2)], ["hue", (x) => F.adjustHue(x, 0.3)],
    ["invert", (x) => F.invert(x)], ["solarize", (x) => F.solarize(x, x.bound / 2)], ["posterize", (x) => (x.dtype === "uint8" ? F.posterize(x, 3) : null)],
    ["equalize", (x) => F.equalize(x)], ["autocontrast", (x) => F.autocontrast(x)], ["sharpness", (x) => F.adjustSharpness(x, 2)],
    ["RandAugment", (x) => new T.RandAugment({ numOps: 4 }).call(x, rng(1))], ["TrivialAugmentWide", (x) => new T.TrivialAugmentWide().call(x, rng(2))],
    ["ColorJitter", (x) => new T.ColorJitter({ brightness: 0.5, contrast: 0.5, saturation: 0.5, hue: 0.2 }).call(x, rng(3))],
    ["RandomErasing", (x) => new T.RandomErasing({ p: 1 }).call(x, rng(4))], ["Cutout", (x) => new T.Cutout({ length: 4 }).call(x, rng(5))],
    ["RandomResizedCrop", (x) => new T.RandomResizedCrop(8).call(x, rng(6))], ["PCALighting", (x) => new T.PCALighting().call(x, rng(7))],
    ["MixUp", (x) => new T.MixUp({ numClasses: 2 }).call([x, F.invert(x)], [0, 1], rng(8))],
    ["CutMix", (x) => new T.CutMix({ numClasses: 2 }).call([x, F.invert(x)], [0, 1], rng(9))],
  ];
  for (const [name, fn] of kernels) {
    it(name, () => {
      fn(img);
      fn(f);
      expect(Array.from(img.data)).toEqual(u8);
      expect(Array.from(f.data)).toEqual(f32);
    });
  }
});
