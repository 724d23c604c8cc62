import { describe, expect, it } from "vitest";
import { Image } from "../../../../lib/data/image.js";
import { imagesFromTensor } from "../../../../lib/data/tensor-image.js";
import { applyCropFlipJitter, makeCropFlipJitterParams, randomCropFlipJitter } from "../../../../lib/augment/batched.js";
import { crop } from "../../../../lib/augment/functional/crop.js";
import { pad } from "../../../../lib/augment/functional/pad.js";
import { horizontalFlip } from "../../../../lib/augment/functional/flip.js";
import { adjustBrightness, adjustContrast } from "../../../../lib/augment/functional/color.js";
import { rng } from "../../../../lib/random/index.js";
import { Tensor, zeros } from "../../../../lib/tensor/index.js";
import { cropFlipJitterJS } from "../../../../lib/augment/batched-js.js";
import "../../../../lib/ops/index.js"; // installs Tensor methods (permute)
import { allClose } from "../../tolerance.js";

function batch(n: number, side: number): Tensor {
  const g = rng(9), data = new Uint8Array(n * side * side * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(128 + 50 * g.normal())));
  return new Tensor(data, [n, side, side, 3]);
}

describe("randomCropFlipJitter (fused CIFAR recipe)", () => {
  it("equals the per-image kernels (float, pad, crop, flip, brightness/contrast in the drawn order)", () => {
    const x = batch(16, 8);
    const p = makeCropFlipJitterParams(16, 8, { padding: 2 }, rng(3));
    const fused = imagesFromTensor(applyCropFlipJitter(x, p));
    const imgs = imagesFromTensor(x);
    expect(new Set(p.brightnessFirst).size).toBe(2); // both orders occur
    expect(new Set(p.flip).size).toBe(2);
    imgs.forEach((img, i) => {
      let ref: Image = crop(pad(img.toDType("float32"), 2), p.top[i], p.left[i], 8, 8);
      if (p.flip[i]) ref = horizontalFlip(ref);
      ref = p.brightnessFirst[i] ? adjustContrast(adjustBrightness(ref, p.brightness[i]), p.contrast[i]) : adjustBrightness(adjustContrast(ref, p.contrast[i]), p.brightness[i]);
      expect(allClose(fused[i].data, ref.data)).toBe(true);
    });
  });
  it("samples within torchvision's ranges, is seeded, and leaves the input alone", () => {
    const x = batch(64, 32), before = Array.from(x.toTypedArray());
    const p = makeCropFlipJitterParams(64, 32, {}, rng(1));
    for (let i = 0; i < 64; i++) {
      expect(p.top[i]).toBeGreaterThanOrEqual(0); expect(p.top[i]).toBeLessThanOrEqual(8);
      expect(p.brightness[i]).toBeGreaterThanOrEqual(0.6); expect(p.brightness[i]).toBeLessThan(1.4);
      expect(p.contrast[i]).toBeGreaterThanOrEqual(0.6); expect(p.contrast[i]).toBeLessThan(1.4);
    }
    const a = randomCropFlipJitter(x, {}, rng(2)), b = randomCropFlipJitter(x, {}, rng(2));
    expect(a.shape).toEqual([64, 32, 32, 3]);
    const va = a.toTypedArray(), vb = b.toTypedArray(), vx = x.toTypedArray();
    expect(va.every((v, i) => v === vb[i])).toBe(true);
    expect(vx.every((v, i) => v === before[i])).toBe(true);
    expect(va.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
  it("no jitter, no flip, no padding is ToFloat", () => {
    const x = batch(2, 4);
    const y = randomCropFlipJitter(x, { padding: 0, p: 0, brightness: 0, contrast: 0 }, rng(0));
    expect(allClose(y.toTypedArray(), Array.from(x.toTypedArray(), (v) => v / 255))).toBe(true);
  });
  it("refuses what it cannot do", () => {
    expect(() => randomCropFlipJitter(new Tensor(new Float32Array(12), [1, 2, 2, 3]), {}, rng(0))).toThrow(/expected a uint8 RGB batch \[N, H, W, 3\] \(NHWC\); got float32 \[1, 2, 2, 3\]/);
    expect(() => randomCropFlipJitter(batch(1, 4), { size: 20 }, rng(0))).toThrow(/size must be an integer in \[1, 12\]/);
    // hand-made parameters index memory, so they are checked before any kernel runs
    const x = batch(2, 4), ok = () => makeCropFlipJitterParams(2, 4, { padding: 1 }, rng(0));
    expect(() => applyCropFlipJitter(x, { ...ok(), top: new Int32Array([0, 3]) })).toThrow(/applyCropFlipJitter: image 1: top and left must be in \[0, 2\] \(padded side 6, crop 4\); got 3, /);
    expect(() => applyCropFlipJitter(x, { ...ok(), left: new Int32Array([-1, 0]) })).toThrow(/image 0: top and left must be in \[0, 2\]/);
    expect(() => applyCropFlipJitter(x, { ...ok(), flip: new Uint8Array(3) })).toThrow(/applyCropFlipJitter: params.flip must have one entry per image \(2\); got 3/);
    expect(() => applyCropFlipJitter(x, { ...ok(), contrast: new Float64Array([1, -0.5]) })).toThrow(/image 1: brightness and contrast factors must be finite and >= 0 \(torchvision\); got [0-9.]+, -0.5/);
    expect(() => applyCropFlipJitter(x, { ...ok(), size: 7 })).toThrow(/params.size must be an integer in \[1, 6\]; got 7/);
  });
  it("{ out } writes into an existing tensor (also an offset view), bit for bit the allocating result, and returns it", () => {
    const x = batch(70, 8), ref = randomCropFlipJitter(x, { padding: 2 }, rng(6)).toTypedArray() as Float32Array;
    const big = zeros([71, 8, 8, 3]), out = big.slice([1, null]); // contiguous, offset 192
    expect(out.offset).toBe(192);
    const got = randomCropFlipJitter(x, { padding: 2 }, rng(6), { out });
    expect(got).toBe(out);
    const all = big.toTypedArray() as Float32Array;
    expect(Array.from(all.subarray(0, 192))).toEqual(new Array(192).fill(0)); // nothing before the view
    expect(Buffer.from(all.buffer, 192 * 4).equals(Buffer.from(ref.buffer))).toBe(true);
    // the JS reference honours the same target
    const p = makeCropFlipJitterParams(70, 8, { padding: 2 }, rng(6)), into = new Float32Array(192 + 70 * 192);
    cropFlipJitterJS(x.data as Uint8Array, 0, 70, 8, p, { data: into, offset: 192 });
    expect(Buffer.from(into.buffer, 192 * 4).equals(Buffer.from(ref.buffer))).toBe(true);
    expect(() => randomCropFlipJitter(x, {}, rng(0), { out: zeros([70, 8, 8, 3], { dtype: "float64" }) })).toThrow(/applyCropFlipJitter: out must be a contiguous float32 tensor \[70, 8, 8, 3\]; got float64 \[70, 8, 8, 3\]/);
    expect(() => randomCropFlipJitter(x, {}, rng(0), { out: zeros([70, 8, 3, 8]).permute(0, 1, 3, 2) })).toThrow(/got float32 \[70, 8, 8, 3\] \(not contiguous\)/);
    expect(() => randomCropFlipJitter(x, { size: 6 }, rng(0), { out })).toThrow(/out must be a contiguous float32 tensor \[70, 6, 6, 3\]; got float32 \[70, 8, 8, 3\]/);
  });
});
