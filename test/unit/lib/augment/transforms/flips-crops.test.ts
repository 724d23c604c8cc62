import { describe, expect, it } from "vitest";
import { rng } from "../../../../../lib/random/index.js";
import { zeros } from "../../../../../lib/tensor/index.js";
import { horizontalFlip } from "../../../../../lib/augment/functional/flip.js";
import { crop } from "../../../../../lib/augment/functional/crop.js";
import { pad } from "../../../../../lib/augment/functional/pad.js";
import { RandomHorizontalFlip, RandomVerticalFlip } from "../../../../../lib/augment/transforms/flips.js";
import { CenterCrop, RandomCrop, RandomResizedCrop, Resize, ScaleAugment } from "../../../../../lib/augment/transforms/crops.js";
import { compose } from "../../../../../lib/augment/transforms/compose.js";
import { META, SEEDS, ramp } from "./transforms.helpers.js";

describe("RandomHorizontalFlip / RandomVerticalFlip", () => {
  it("p=0 never applies, p=1 always; p=0.5 about half the time", () => {
    const img = ramp(4, 5);
    const g = rng(1);
    for (let i = 0; i < 50; i++) {
      expect(Array.from(new RandomHorizontalFlip({ p: 0 }).call(img, g).data)).toEqual(Array.from(img.data));
      expect(Array.from(new RandomHorizontalFlip({ p: 1 }).call(img, g).data)).toEqual(Array.from(horizontalFlip(img).data));
      expect(new RandomVerticalFlip({ p: 0 }).makeParams(META(4, 5), g).applied).toBe(false);
    }
    let count = 0;
    const t = new RandomHorizontalFlip();
    for (let i = 0; i < 2000; i++) count += t.makeParams(META(4, 5), g).applied ? 1 : 0;
    expect(count).toBeGreaterThan(900); // Binomial(2000, 0.5): mean 1000, sd 22
    expect(count).toBeLessThan(1100);
  });
  it("same seed, same result; input not mutated; bad p refused", () => {
    const img = ramp(4, 5), before = Array.from(img.data);
    const a = new RandomHorizontalFlip().batch([img, img, img, img], rng(7)).map((x) => Array.from(x.data));
    const b = new RandomHorizontalFlip().batch([img, img, img, img], rng(7)).map((x) => Array.from(x.data));
    expect(a).toEqual(b);
    expect(Array.from(img.data)).toEqual(before);
    expect(() => new RandomHorizontalFlip({ p: 1.5 })).toThrow(/RandomHorizontalFlip: p must be a probability in \[0, 1\]; got 1.5/);
    expect(() => new RandomHorizontalFlip().call(img, undefined as never)).toThrow(/expected a random generator/);
  });
});

describe("RandomCrop", () => {
  it("with padding 4 on 32x32: top, left uniform in 0..8 and the kernel is pad-then-crop", () => {
    const t = new RandomCrop(32, { padding: 4 });
    const seen = new Set<number>();
    for (const s of SEEDS) {
      const p = t.makeParams(META(32, 32), rng(s));
      expect(p.top).toBeGreaterThanOrEqual(0);
      expect(p.top).toBeLessThanOrEqual(8);
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.left).toBeLessThanOrEqual(8);
      seen.add(p.top);
    }
    expect(seen.size).toBe(9);
    const img = ramp(32, 32);
    const p = { top: 1, left: 7, height: 32, width: 32, padding: [4, 4, 4, 4] as [number, number, number, number] };
    expect(Array.from(t.apply(img, p).data)).toEqual(Array.from(crop(pad(img, 4), 1, 7, 32, 32).data));
  });
  it("padIfNeeded pads small images; too-large crops are refused", () => {
    const t = new RandomCrop(8, { padIfNeeded: true });
    expect(t.call(ramp(5, 6), rng(0)).shape).toEqual([8, 8, 3]);
    expect(() => new RandomCrop(8).call(ramp(5, 6), rng(0))).toThrow(/RandomCrop: required crop size \[8, 8\] is larger than the \(padded\) input image size \[5, 6\]/);
  });
  it("accepts tensors in HWC and CHW and returns the same layout", () => {
    const chw = zeros([3, 32, 32], { dtype: "uint8" });
    expect(new RandomCrop(28).call(chw, rng(0)).shape).toEqual([3, 28, 28]);
    const nhwc = zeros([4, 32, 32, 3], { dtype: "uint8" });
    expect(new RandomCrop(28).batch(nhwc, rng(0)).shape).toEqual([4, 28, 28, 3]);
  });
});

describe("RandomResizedCrop", () => {
  it("samples windows within the image, area and ratio within bounds (up to rounding)", () => {
    const t = new RandomResizedCrop(16);
    for (const s of SEEDS) {
      const p = t.makeParams(META(300, 451), rng(s));
      expect(p.top).toBeGreaterThanOrEqual(0);
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.top + p.height).toBeLessThanOrEqual(300);
      expect(p.left + p.width).toBeLessThanOrEqual(451);
      const frac = (p.height * p.width) / (300 * 451);
      expect(frac).toBeGreaterThan(0.07);
      expect(frac).toBeLessThanOrEqual(1);
      const ratio = p.width / p.height;
      expect(ratio).toBeGreaterThan(0.7);
      expect(ratio).toBeLessThan(1.42);
    }
    expect(t.call(ramp(30, 45), rng(3)).shape).toEqual([16, 16, 3]);
  });
  it("falls back to torchvision's center crop when all 10 attempts fail", () => {
    // a 1 x 100 strip can never hold a crop with ratio in [3/4, 4/3] and area >= 8%: fallback
    const t = new RandomResizedCrop(4);
    const p = t.makeParams(META(1, 100), rng(0));
    // in_ratio 100 > 4/3: h = 1, w = round(1 * 4/3) = 1, centered
    expect(p).toEqual({ top: 0, left: 49, height: 1, width: 1 });
    const tall = t.makeParams(META(100, 1), rng(0));
    expect(tall).toEqual({ top: 49, left: 0, height: 1, width: 1 });
  });
  it("bad scale/ratio refused", () => {
    expect(() => new RandomResizedCrop(8, { scale: [0.5, 0.1] })).toThrow(/RandomResizedCrop: scale must be \[min, max\]/);
  });
});

describe("ScaleAugment (ResNet)", () => {
  it("short side L in [256, 480], then a 224 crop inside the resized image", () => {
    const t = new ScaleAugment();
    const Ls = new Set<number>();
    for (const s of SEEDS) {
      const p = t.makeParams(META(300, 451), rng(s));
      expect(p.shortSide).toBeGreaterThanOrEqual(256);
      expect(p.shortSide).toBeLessThanOrEqual(480);
      const longSide = Math.trunc((p.shortSide * 451) / 300);
      expect(p.top + 224).toBeLessThanOrEqual(p.shortSide);
      expect(p.left + 224).toBeLessThanOrEqual(longSide);
      Ls.add(p.shortSide);
    }
    expect(Ls.size).toBeGreaterThan(100);
    const small = ScaleAugment.forCrop(32);
    expect([small.minSize, small.maxSize, small.cropSize]).toEqual([37, 69, 32]);
    expect(small.call(ramp(32, 32), rng(0)).shape).toEqual([32, 32, 3]);
  });
});

describe("compose", () => {
  it("draws all parameters first (sizes propagate) and equals sequential application", () => {
    const pipeline = compose([new Resize(40), new RandomCrop(32, { padding: 2 }), new RandomHorizontalFlip(), new CenterCrop(24)]);
    const img = ramp(50, 60);
    const params = pipeline.makeParams(img, rng(5));
    expect((params[1] as { height: number }).height).toBe(32);
    const viaApply = pipeline.apply(img, params);
    const viaCall = pipeline.call(img, rng(5));
    expect(viaApply.shape).toEqual([24, 24, 3]);
    expect(Array.from(viaCall.data)).toEqual(Array.from(viaApply.data));
    expect(() => pipeline.apply(img, [])).toThrow(/Compose.apply: expected 4 parameter sets/);
    expect(pipeline.toString()).toContain("RandomCrop(size=[32,32]");
  });
});
