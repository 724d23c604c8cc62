import { describe, expect, it } from "vitest";
import { rng } from "../../../../../lib/random/index.js";
import { RandomApply, RandomChoice, RandomOrder } from "../../../../../lib/augment/transforms/random-apply.js";
import { Grayscale, RandomGrayscale, RandomInvert, RandomPosterize, RandomSolarize, RandomEqualize, RandomAutocontrast, RandomAdjustSharpness } from "../../../../../lib/augment/transforms/color-random.js";
import { RandomHorizontalFlip, RandomVerticalFlip } from "../../../../../lib/augment/transforms/flips.js";
import { RandomCrop, Resize } from "../../../../../lib/augment/transforms/crops.js";
import { horizontalFlip, verticalFlip } from "../../../../../lib/augment/functional/flip.js";
import { invert, posterize, solarize } from "../../../../../lib/augment/functional/pointops.js";
import { rgbToGrayscale } from "../../../../../lib/augment/functional/color.js";
import { META, ramp } from "./transforms.helpers.js";

const data = (x: { data: ArrayLike<number> }) => Array.from(x.data);

describe("RandomApply / RandomChoice / RandomOrder", () => {
  it("RandomApply: p=0 never, p=1 always; sizes propagate", () => {
    const img = ramp(10, 12);
    const inner = [new RandomHorizontalFlip({ p: 1 }), new RandomCrop(8)];
    expect(data(new RandomApply(inner, { p: 0 }).call(img, rng(0)))).toEqual(data(img));
    const t = new RandomApply(inner, { p: 1 });
    const p = t.makeParams(META(10, 12), rng(1));
    expect(t.outputMeta(META(10, 12), p)).toEqual(META(8, 8));
    expect(t.apply(img, p).shape).toEqual([8, 8, 3]);
  });
  it("RandomChoice follows its weights; RandomOrder applies all", () => {
    const img = ramp(6, 6);
    const c = new RandomChoice([new RandomHorizontalFlip({ p: 1 }), new RandomVerticalFlip({ p: 1 })], { p: [1, 0] });
    for (let s = 0; s < 20; s++) expect(data(c.call(img, rng(s)))).toEqual(data(horizontalFlip(img)));
    const counts = [0, 0];
    const u = new RandomChoice([new Resize(4), new Resize(5)]);
    for (let s = 0; s < 400; s++) counts[u.makeParams(META(6, 6), rng(s)).index]++;
    expect(counts[0]).toBeGreaterThan(150);
    expect(counts[1]).toBeGreaterThan(150);
    const o = new RandomOrder([new RandomHorizontalFlip({ p: 1 }), new RandomVerticalFlip({ p: 1 })]);
    expect(data(o.call(img, rng(2)))).toEqual(data(verticalFlip(horizontalFlip(img))));
    expect(() => new RandomChoice([new Resize(4)], { p: [0] })).toThrow(/RandomChoice: p must have one non-negative weight per transform/);
  });
});

describe("single-op color transforms", () => {
  it("apply their kernels with probability p (p=1 always, p=0 never)", () => {
    const img = ramp(5, 5);
    expect(data(new RandomInvert({ p: 1 }).call(img, rng(0)))).toEqual(data(invert(img)));
    expect(data(new RandomInvert({ p: 0 }).call(img, rng(0)))).toEqual(data(img));
    expect(data(new RandomPosterize(3, { p: 1 }).call(img, rng(0)))).toEqual(data(posterize(img, 3)));
    expect(data(new RandomSolarize(100, { p: 1 }).call(img, rng(0)))).toEqual(data(solarize(img, 100)));
    expect(new RandomEqualize({ p: 1 }).call(img, rng(0)).shape).toEqual([5, 5, 3]);
    expect(new RandomAutocontrast().p).toBe(0.5);
    expect(new RandomAdjustSharpness(2).p).toBe(0.5);
    expect(new RandomGrayscale().p).toBe(0.1);
    expect(data(new RandomGrayscale({ p: 1 }).call(img, rng(0)))).toEqual(data(rgbToGrayscale(img, 3)));
    expect(new Grayscale().call(img, rng(0)).shape).toEqual([5, 5, 1]);
    expect(() => new RandomPosterize(9)).toThrow(/RandomPosterize: bits must be an integer in \[0, 8\]/);
  });
});

describe("GaussianBlur", () => {
  it("sigma ~ U(0.1, 2.0) by default; the kernel is a normalized Gaussian; bad sizes refused", async () => {
    const { GaussianBlur } = await import("../../../../../lib/augment/transforms/color-random.js");
    const { gaussianKernel1d, gaussianBlur } = await import("../../../../../lib/augment/functional/blur.js");
    const t = new GaussianBlur(5);
    for (let s = 0; s < 100; s++) { const { sigma } = t.makeParams(META(8, 8), rng(s)); expect(sigma).toBeGreaterThanOrEqual(0.1); expect(sigma).toBeLessThan(2); }
    const k = gaussianKernel1d(3, 1);
    const e = Math.exp(-0.5);
    const { allClose, FLOAT64_RTOL, FLOAT64_ATOL } = await import("../../../tolerance.js");
    expect(allClose(k, [e / (1 + 2 * e), 1 / (1 + 2 * e), e / (1 + 2 * e)], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    const img = ramp(8, 8);
    expect(Array.from(t.apply(img, { sigma: 1.3 }).data)).toEqual(Array.from(gaussianBlur(img, [5, 5], [1.3, 1.3]).data));
    expect(() => new GaussianBlur(4)).toThrow(/GaussianBlur: kernelSize values should be odd and positive/);
  });
});
