import { describe, expect, it } from "vitest";
import { rng } from "../../../../../lib/random/index.js";
import { Tensor, tensor } from "../../../../../lib/tensor/index.js";
import { MixUp, CutMix, labelSmoothing, oneHot } from "../../../../../lib/augment/transforms/mix.js";
import { FiveCrop, TenCrop, multiScaleCrops, averagePredictions, RESNET_TEST_SCALES } from "../../../../../lib/augment/transforms/test-time.js";
import { Image } from "../../../../../lib/data/image.js";
import { imagesToTensor } from "../../../../../lib/data/tensor-image.js";
import { allClose, FLOAT64_ATOL, FLOAT64_RTOL } from "../../../tolerance.js";
import { SEEDS, ramp } from "./transforms.helpers.js";

const constant = (v: number, h = 8, w = 8) => new Image(new Float32Array(h * w * 3).fill(v), h, w, 3);

describe("label smoothing and one-hot", () => {
  it("the lecture's example: K = 3, epsilon = 0.15 gives 90% / 5% / 5%", () => {
    expect(allClose(labelSmoothing([0], 3, 0.15).toTypedArray(), [0.9, 0.05, 0.05])).toBe(true);
    expect(oneHot([2, 0], 3).toArray()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(() => labelSmoothing([3], 3, 0.1)).toThrow(/label 0 is 3; expected an integer class in \[0, 2\]/);
  });
});

describe("MixUp", () => {
  it("x = lam x_i + (1 - lam) x_{i-1}; labels mixed alike and summing to 1", () => {
    const images = [constant(0.2), constant(0.6), constant(1)];
    const t = new MixUp({ alpha: 1, numClasses: 4 });
    const { images: out, labels } = t.apply(images, [0, 1, 3], { lam: 0.7 });
    expect(allClose(out.map((x) => x.data[0]), [0.7 * 0.2 + 0.3 * 1, 0.7 * 0.6 + 0.3 * 0.2, 0.7 * 1 + 0.3 * 0.6])).toBe(true);
    expect(allClose(labels.toTypedArray(), [0.7, 0, 0, 0.3, 0.3, 0.7, 0, 0, 0, 0.3, 0, 0.7])).toBe(true);
  });
  it("lambda ~ Beta(alpha, alpha): in [0, 1], mean 1/2, U-shaped for small alpha; rows sum to 1", () => {
    const t = new MixUp({ alpha: 0.2, numClasses: 10 });
    let extreme = 0, sum = 0;
    for (const s of SEEDS) { const { lam } = t.makeParams({ height: 1, width: 1 }, rng(s)); expect(lam).toBeGreaterThanOrEqual(0); expect(lam).toBeLessThanOrEqual(1); sum += lam; if (lam < 0.1 || lam > 0.9) extreme++; }
    expect(extreme).toBeGreaterThan(SEEDS.length / 2); // Beta(0.2, 0.2) puts 62% of its mass outside [0.1, 0.9]
    expect(Math.abs(sum / SEEDS.length - 0.5)).toBeLessThan(0.1);
    const { labels } = t.call([constant(0.1), constant(0.2)], [1, 2], rng(4));
    const l = labels.toTypedArray();
    expect(allClose([l.slice(0, 10).reduce((a, b) => a + b), l.slice(10).reduce((a, b) => a + b)], [1, 1])).toBe(true);
  });
  it("tensor batches in and out; mismatched labels refused", () => {
    const batch = imagesToTensor([constant(0.5, 4, 4), constant(0.25, 4, 4)]);
    const { images } = new MixUp({ numClasses: 2 }).call(batch, tensor([0, 1], { dtype: "int32" }), rng(0));
    expect((images as Tensor).shape).toEqual([2, 4, 4, 3]);
    expect(() => new MixUp({ numClasses: 2 }).call([constant(0)], [0, 1], rng(0))).toThrow(/MixUp: the batch has 1 images but 2 labels/);
  });
});

describe("CutMix", () => {
  it("lambda equals the fraction of pixels kept from the image itself (after box clipping)", () => {
    const t = new CutMix({ numClasses: 2 });
    for (const s of SEEDS.slice(0, 50)) {
      const images = [constant(0, 12, 10), constant(1, 12, 10)];
      const p = t.makeParams({ height: 12, width: 10 }, rng(s));
      const { images: out, labels } = t.apply(images, [0, 1], p);
      // image 0 receives pixels of image 1 (value 1) inside the box
      const pasted = Array.from(out[0].data).filter((v) => v === 1).length / 3;
      expect(allClose([p.lam], [1 - pasted / 120], FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
      const l = labels.toTypedArray();
      expect(allClose([l[0], l[1]], [p.lam, 1 - p.lam])).toBe(true);
      expect(allClose([l[0] + l[1], l[2] + l[3]], [1, 1])).toBe(true);
      const [x1, y1, x2, y2] = p.box;
      expect(x1).toBeGreaterThanOrEqual(0); expect(x2).toBeLessThanOrEqual(10); expect(y2).toBeLessThanOrEqual(12);
    }
  });
});

describe("test-time crops", () => {
  it("FiveCrop, TenCrop and the ResNet 5-scale protocol (50 views)", () => {
    const img = ramp(300, 451);
    expect(new FiveCrop(224).call(img)).toHaveLength(5);
    expect(new TenCrop(224).call(img).map((c) => c.shape)).toEqual(new Array(10).fill([224, 224, 3]));
    expect(RESNET_TEST_SCALES).toEqual([224, 256, 384, 480, 640]);
    const views = multiScaleCrops(ramp(30, 45), { scales: [16, 20], cropSize: 16 });
    expect(views).toHaveLength(20);
    expect(() => multiScaleCrops(img, { scales: [100] })).toThrow(/scales must be integers >= cropSize \(224\)/);
  });
  it("averagePredictions averages the scores over the views, in batches", () => {
    const img = ramp(40, 60);
    const seen: number[] = [];
    // a fake model: score = mean pixel value of the view, and 1 - that
    const predict = (views: Image[]) => { seen.push(views.length); return views.map((v) => { let s = 0; for (const x of v.data) s += x; const m = s / v.data.length / 255; return [m, 1 - m]; }); };
    const avg = averagePredictions(img, predict, { scales: [32, 40], cropSize: 32, batchSize: 7 });
    expect(seen).toEqual([7, 7, 6]);
    const views = multiScaleCrops(img, { scales: [32, 40], cropSize: 32 });
    const want = views.reduce((s, v) => { let t = 0; for (const x of v.data) t += x; return s + t / v.data.length / 255; }, 0) / 20;
    expect(allClose([avg[0], avg[1]], [want, 1 - want])).toBe(true);
    expect(() => averagePredictions(img, () => [[1]], { views: "tenCrop", cropSize: 32 })).toThrow(/predict got 10 views but returned 1 score rows/);
  });
});
