import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { rng } from "../../../../../lib/random/index.js";
import { RANDAUGMENT_SPACE, RandAugment, TRIVIALAUGMENT_WIDE_SPACE, TrivialAugmentWide, applyAugmentOp, linspace32 } from "../../../../../lib/augment/transforms/auto-augment.js";
import { affine, rotate } from "../../../../../lib/augment/functional/affine.js";
import { posterize, solarize } from "../../../../../lib/augment/functional/pointops.js";
import { adjustBrightness } from "../../../../../lib/augment/functional/color.js";
import { META, SEEDS, ramp } from "./transforms.helpers.js";
import { allClose } from "../../../tolerance.js";

// Magnitude tables printed by torchvision 0.14 (RandAugment / TrivialAugmentWide._augmentation_space(31, (40, 32)))
const tv = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "torchvision-magnitudes.json"), "utf8")).spaces;

describe("magnitude tables (torchvision's published constants)", () => {
  for (const [name, space] of [["RandAugment", RANDAUGMENT_SPACE], ["TrivialAugmentWide", TRIVIALAUGMENT_WIDE_SPACE]] as const) {
    it(`${name}: same ops, same order, same magnitudes and signs`, () => {
      expect(Object.keys(space)).toEqual(Object.keys(tv[name]));
      for (const [op, entry] of Object.entries(space)) {
        const [mags, signed] = tv[name][op];
        expect(entry.signed).toBe(signed);
        const ours = entry.magnitudes(31, 40, 32);
        if (ours === null || op === "Posterize") { expect(ours).toEqual(mags); continue; }
        // torch's float32 linspace is vectorized (8 lanes from a chunk base), so entries may differ in
        // the last float32 bit; torchvision 0.14 also tabulated Solarize in pixels (255..0), v2 in 1..0
        const scaled = op === "Solarize" ? ours.map((v) => v * 255) : ours;
        expect(allClose(scaled, mags)).toBe(true);
      }
    });
  }
  it("RandAugment has the slide's 14 ops; M=9 of 31 bins gives the familiar values", () => {
    expect(Object.keys(RANDAUGMENT_SPACE)).toHaveLength(14);
    expect(RANDAUGMENT_SPACE.Rotate.magnitudes(31, 32, 32)![9]).toBe(9);
    expect(RANDAUGMENT_SPACE.Posterize.magnitudes(31, 32, 32)![9]).toBe(7);
    expect(allClose([RANDAUGMENT_SPACE.Solarize.magnitudes(31, 32, 32)![9]], [0.7])).toBe(true);
    expect(allClose([RANDAUGMENT_SPACE.Brightness.magnitudes(31, 32, 32)![9]], [0.27])).toBe(true);
    expect(allClose([RANDAUGMENT_SPACE.TranslateX.magnitudes(31, 32, 32)![9]], [((150 / 331) * 32 * 9) / 30])).toBe(true);
    expect(linspace32(0, 1, 1)).toEqual([0]);
  });
});

describe("RandAugment sampler", () => {
  it("draws numOps ops, all at bin M, signs both ways, every op eventually", () => {
    const t = new RandAugment({ numOps: 2, magnitude: 9 });
    const ops = new Set<string>();
    let neg = 0, pos = 0;
    for (const s of SEEDS) {
      const p = t.makeParams(META(32, 32), rng(s));
      expect(p).toHaveLength(2);
      for (const { op, magnitude } of p) {
        ops.add(op);
        const table = RANDAUGMENT_SPACE[op].magnitudes(31, 32, 32);
        if (table === null) expect(magnitude).toBe(0);
        else expect(Math.abs(magnitude)).toBe(table[9]);
        if (RANDAUGMENT_SPACE[op].signed) { if (magnitude < 0) neg++; else pos++; }
      }
    }
    expect(ops.size).toBe(14);
    expect(neg).toBeGreaterThan(0);
    expect(pos).toBeGreaterThan(0);
    expect(new RandAugment({ numOps: 0 }).makeParams(META(8, 8), rng(0))).toEqual([]);
  });
  it("apply is the op kernels in order, deterministic per seed, and keeps the size", () => {
    const img = ramp(32, 32);
    const t = new RandAugment();
    const a = t.call(img, rng(11)), b = t.call(img, rng(11));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(a.shape).toEqual([32, 32, 3]);
    const p = [{ op: "Rotate" as const, magnitude: -9 }, { op: "Posterize" as const, magnitude: 7 }];
    expect(Array.from(t.apply(img, p).data)).toEqual(Array.from(posterize(rotate(img, -9), 7).data));
  });
  it("op semantics follow torchvision's _apply_image_or_video_transform", () => {
    const img = ramp(16, 16);
    expect(Array.from(applyAugmentOp(img, "Solarize", 0.7).data)).toEqual(Array.from(solarize(img, 255 * 0.7).data));
    expect(Array.from(applyAugmentOp(img, "Brightness", -0.27).data)).toEqual(Array.from(adjustBrightness(img, 0.73).data));
    expect(Array.from(applyAugmentOp(img, "TranslateX", 5.8).data)).toEqual(Array.from(affine(img, { translate: [5, 0] }).data));
    const deg = (Math.atan(0.3) * 180) / Math.PI;
    expect(Array.from(applyAugmentOp(img, "ShearY", 0.3).data)).toEqual(Array.from(affine(img, { shear: [0, deg], center: [0, 0] }).data));
    expect(Array.from(applyAugmentOp(img, "Identity", 0).data)).toEqual(Array.from(img.data));
  });
  it("bad options refused", () => {
    expect(() => new RandAugment({ magnitude: 31 })).toThrow(/RandAugment: magnitude must be an integer bin in \[0, 30\]; got 31/);
    expect(() => new RandAugment({ numOps: -1 })).toThrow(/numOps should be a non-negative integer/);
  });
});

describe("TrivialAugmentWide", () => {
  it("one op with a uniformly drawn bin", () => {
    const t = new TrivialAugmentWide();
    const bins = new Set<number>();
    for (const s of SEEDS) {
      const [p] = t.makeParams(META(32, 32), rng(s));
      const table = TRIVIALAUGMENT_WIDE_SPACE[p.op].magnitudes(31, 32, 32);
      if (table !== null) { const i = table.indexOf(Math.abs(p.magnitude)); expect(i).toBeGreaterThanOrEqual(0); bins.add(i); }
    }
    expect(bins.size).toBeGreaterThan(20);
    expect(t.call(ramp(32, 32), rng(1)).shape).toEqual([32, 32, 3]);
  });
});
