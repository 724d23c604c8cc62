import { describe, expect, it } from "vitest";
import { rng } from "../../../../../lib/random/index.js";
import { ColorJitter } from "../../../../../lib/augment/transforms/color-jitter.js";
import { RandomErasing, Cutout, erase } from "../../../../../lib/augment/transforms/erasing.js";
import { RandomRotation, RandomAffine } from "../../../../../lib/augment/transforms/random-affine.js";
import { PCALighting, IMAGENET_PCA, fitPCALighting } from "../../../../../lib/augment/transforms/lighting.js";
import { Normalize, ToFloat, IMAGENET_MEAN, IMAGENET_STD } from "../../../../../lib/augment/transforms/normalize.js";
import { adjustBrightness, adjustContrast, adjustSaturation } from "../../../../../lib/augment/functional/color.js";
import { adjustHue } from "../../../../../lib/augment/functional/hue.js";
import { rotate, affine } from "../../../../../lib/augment/functional/affine.js";
import { Image } from "../../../../../lib/data/image.js";
import { allClose, EIGH_ULPS } from "../../../tolerance.js";
import { META, SEEDS, ramp } from "./transforms.helpers.js";

describe("ColorJitter", () => {
  it("factor ranges follow torchvision's _check_input", () => {
    const t = new ColorJitter({ brightness: 0.4, contrast: [0.5, 2], saturation: 1.5, hue: 0.1 });
    expect(t.brightness).toEqual([0.6, 1.4]);
    expect(t.contrast).toEqual([0.5, 2]);
    expect(t.saturation).toEqual([0, 2.5]); // 1 - 1.5 clipped at 0
    expect(t.hue).toEqual([-0.1, 0.1]);
    expect(new ColorJitter({ brightness: 0 }).brightness).toBeNull(); // [1, 1]: no-op
    expect(() => new ColorJitter({ hue: 0.7 })).toThrow(/ColorJitter: hue values should be between \[-0.5,0.5\], but got \[-0.7,0.7\]/);
    expect(() => new ColorJitter({ brightness: -1 })).toThrow(/must be non negative/);
  });
  it("samples within the ranges, a random order (all 24 permutations occur)", () => {
    const t = new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 });
    const orders = new Set<string>();
    for (let s = 0; s < 400; s++) {
      const p = t.makeParams(META(8, 8), rng(s));
      orders.add(p.order.join(""));
      expect(p.brightnessFactor!).toBeGreaterThanOrEqual(0.6);
      expect(p.brightnessFactor!).toBeLessThan(1.4);
      expect(Math.abs(p.hueFactor!)).toBeLessThanOrEqual(0.1);
    }
    expect(orders.size).toBe(24);
  });
  it("apply runs the kernels in the drawn order", () => {
    const img = ramp(6, 6), t = new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 });
    const p = { order: [3, 1, 0, 2], brightnessFactor: 1.2, contrastFactor: 0.7, saturationFactor: 1.3, hueFactor: -0.05 };
    const ref = adjustSaturation(adjustBrightness(adjustContrast(adjustHue(img, -0.05), 0.7), 1.2), 1.3);
    expect(Array.from(t.apply(img, p).data)).toEqual(Array.from(ref.data));
    expect(Array.from(new ColorJitter().call(img, rng(0)).data)).toEqual(Array.from(img.data));
  });
});

describe("RandomErasing", () => {
  it("torchvision defaults; p=0 never erases; p=1 erases a box within scale and ratio bounds", () => {
    const t = new RandomErasing();
    expect([t.p, t.scale, t.ratio, t.value]).toEqual([0.5, [0.02, 0.33], [0.3, 3.3], [0]]);
    const img = ramp(32, 32);
    expect(Array.from(new RandomErasing({ p: 0 }).call(img, rng(1)).data)).toEqual(Array.from(img.data));
    const always = new RandomErasing({ p: 1 });
    for (const s of SEEDS) {
      const p = always.makeParams(META(32, 32), rng(s));
      expect(p.value).toEqual([0]);
      const area = (p.height * p.width) / (32 * 32);
      // the rounded box keeps the sampled area within the scale range up to rounding of each side
      expect(area).toBeGreaterThan(0.01);
      expect(area).toBeLessThan(0.4);
      expect(p.height).toBeLessThan(32);
      expect(p.top + p.height).toBeLessThanOrEqual(32);
      expect(p.left + p.width).toBeLessThanOrEqual(32);
    }
  });
  it("the kernel writes exactly the box (per-channel value) and nothing else", () => {
    const img = ramp(5, 6);
    const out = erase(img, { top: 1, left: 2, height: 2, width: 3, value: [1, 2, 3], values: null });
    for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++) for (let k = 0; k < 3; k++) {
      const inside = y >= 1 && y < 3 && x >= 2 && x < 5;
      expect(out.get(y, x, k)).toBe(inside ? k + 1 : img.get(y, x, k));
    }
  });
  it("value 'random' draws normals; bad values refused", () => {
    const p = new RandomErasing({ p: 1, value: "random" }).makeParams(META(16, 16), rng(2));
    expect(p.values!.length).toBe(p.height * p.width * 3);
    expect(() => new RandomErasing({ value: [1, 2] }).call(ramp(4, 4), rng(0))).toThrow(/value should have a single value or 3/);
    expect(() => new RandomErasing({ scale: [0.5, 2] })).toThrow(/RandomErasing: scale must be \[min, max\] within \[0, 1\]/);
  });
});

describe("Cutout", () => {
  it("squares of side `length` centred uniformly, clipped at the borders", () => {
    const t = new Cutout({ length: 8 });
    for (const s of SEEDS) {
      const [h] = t.makeParams(META(32, 32), rng(s));
      expect(h.height).toBeLessThanOrEqual(8);
      expect(h.width).toBeLessThanOrEqual(8);
      expect(h.top).toBeGreaterThanOrEqual(0);
      expect(h.top + h.height).toBeLessThanOrEqual(32);
    }
    const out = t.apply(ramp(32, 32), [{ top: 0, left: 0, height: 4, width: 4, value: [0], values: null }]);
    expect(out.get(3, 3, 2)).toBe(0);
    expect(new Cutout({ p: 0 }).makeParams(META(8, 8), rng(0))).toEqual([]);
  });
});

describe("RandomRotation / RandomAffine", () => {
  it("angles within degrees; apply is the kernel; expand changes the size", () => {
    const t = new RandomRotation(30);
    for (const s of SEEDS) { const { angle } = t.makeParams(META(8, 8), rng(s)); expect(Math.abs(angle)).toBeLessThanOrEqual(30); }
    const img = ramp(9, 9);
    expect(Array.from(t.apply(img, { angle: 17 }).data)).toEqual(Array.from(rotate(img, 17, { fill: 0 }).data));
    const e = new RandomRotation([45, 45], { expand: true });
    const p = e.makeParams(META(10, 10), rng(0));
    expect(e.outputMeta(META(10, 10), p)).toEqual(META(16, 16));
    expect(e.apply(ramp(10, 10), p).shape).toEqual([16, 16, 3]);
  });
  it("RandomAffine draws translate in pixels (rounded), scale and shear in range", () => {
    const t = new RandomAffine({ degrees: 10, translate: [0.1, 0.2], scale: [0.9, 1.1], shear: [-5, 5, -3, 3] });
    for (const s of SEEDS) {
      const p = t.makeParams(META(40, 50), rng(s));
      expect(Math.abs(p.translate[0])).toBeLessThanOrEqual(5);
      expect(Math.abs(p.translate[1])).toBeLessThanOrEqual(8);
      expect(Number.isInteger(p.translate[0])).toBe(true);
      expect(p.scale).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(p.shear[1])).toBeLessThanOrEqual(3);
    }
    const img = ramp(12, 12), p = { angle: 5, translate: [1, -2] as [number, number], scale: 1.05, shear: [3, 0] as [number, number] };
    expect(Array.from(t.apply(img, p).data)).toEqual(Array.from(affine(img, { ...p, fill: 0 }).data));
    expect(() => new RandomAffine({ degrees: 5, translate: [2, 0] })).toThrow(/translate values should be between 0 and 1/);
  });
});

describe("PCALighting (AlexNet)", () => {
  it("offset = eigvec (alpha * eigval); alpha ~ N(0, 0.1) with the ImageNet constants by default", () => {
    const t = new PCALighting();
    expect(t.stats).toBe(IMAGENET_PCA);
    const o = t.offset([1, 0, 0]);
    expect(allClose(o, [-0.5675 * 0.2175, -0.5808 * 0.2175, -0.5836 * 0.2175])).toBe(true);
    let sum = 0, sq = 0;
    const g = rng(3);
    for (let i = 0; i < 2000; i++) { const { alpha } = t.makeParams(META(1, 1), g); sum += alpha[0]; sq += alpha[0] ** 2; }
    const sd = Math.sqrt(sq / 2000 - (sum / 2000) ** 2);
    expect(sd).toBeGreaterThan(0.09); // sample sd of 2000 normals with sd 0.1: 0.1 +- 0.0016
    expect(sd).toBeLessThan(0.11);
    const img = new Image(new Uint8Array([100, 100, 100]), 1, 1, 3);
    // alpha (1, 0, 0): offsets -0.1234, -0.1263, -0.1269 in [0, 1] units -> x 255, rounded
    expect(Array.from(t.apply(img, { alpha: [1, 0, 0] }).data)).toEqual([69, 68, 68]);
  });
  it("fitPCALighting recovers the principal color axis of a dataset", () => {
    // pixels vary only along (1, 1, 1) / sqrt(3): one nonzero eigenvalue, that eigenvector
    const data = new Uint8Array(300);
    for (let p = 0; p < 100; p++) data.fill(p * 2, p * 3, p * 3 + 3);
    const st = fitPCALighting([new Image(data, 10, 10, 3)]);
    expect(st.eigval[1]).toBeLessThan(st.eigval[0] * EIGH_ULPS * 3 * 2 ** -52);
    const v = [st.eigvec[0][0], st.eigvec[1][0], st.eigvec[2][0]].map(Math.abs);
    expect(allClose(v, [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)])).toBe(true);
  });
});

describe("Normalize / ToFloat", () => {
  it("(x - mean) / std per channel on float images, as torchvision", () => {
    const img = new Image(new Float32Array([0.485, 0.456, 0.406, 0.714, 0.68, 0.631]), 1, 2, 3);
    const out = new Normalize(IMAGENET_MEAN, IMAGENET_STD).call(img, rng(0));
    expect(allClose(out.data, [0, 0, 0, 1, 1, 1])).toBe(true);
    expect(() => new Normalize(IMAGENET_MEAN, IMAGENET_STD).call(ramp(2, 2), rng(0))).toThrow(/Normalize: input should be a float32 image; got uint8/);
    expect(() => new Normalize([0], [0])).toThrow(/std evaluated to zero/);
    expect(new ToFloat().call(ramp(2, 2), rng(0)).dtype).toBe("float32");
  });
});
