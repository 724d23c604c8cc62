import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { rng } from "../../../../../lib/random/index.js";
import { AUTOAUGMENT_POLICIES, AUTOAUGMENT_SPACE, AutoAugment } from "../../../../../lib/augment/transforms/auto-augment-policy.js";
import { allClose } from "../../../tolerance.js";
import { META, SEEDS, ramp } from "./transforms.helpers.js";

// Policies and table as torchvision 0.14 lists them (fixtures/torchvision_reference.py)
const tv = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "torchvision-autoaugment.json"), "utf8"));

describe("AutoAugment", () => {
  it("policies are torchvision's, entry for entry", () => {
    for (const name of ["imagenet", "cifar10", "svhn"] as const) expect(AUTOAUGMENT_POLICIES[name]).toEqual(tv.policies[name]);
  });
  it("magnitude table matches (Solarize in pixels in 0.14, in [0, 1] here)", () => {
    expect(Object.keys(AUTOAUGMENT_SPACE)).toEqual(Object.keys(tv.space));
    for (const [op, e] of Object.entries(AUTOAUGMENT_SPACE)) {
      const ours = e.magnitudes(10, 40, 32), [mags, signed] = tv.space[op];
      expect(e.signed).toBe(signed);
      if (ours === null || op === "Posterize") expect(ours).toEqual(mags);
      else expect(allClose(op === "Solarize" ? ours.map((v) => v * 255) : ours, mags)).toBe(true);
    }
  });
  it("draws at most two ops of one policy pair; seeded; keeps the size", () => {
    const t = new AutoAugment({ policy: "cifar10" });
    const opsSeen = new Set<string>();
    for (const s of SEEDS) {
      const p = t.makeParams(META(32, 32), rng(s));
      expect(p.length).toBeLessThanOrEqual(2);
      p.forEach((o) => opsSeen.add(o.op));
    }
    expect(opsSeen.size).toBeGreaterThan(8);
    const img = ramp(32, 32);
    expect(Array.from(t.call(img, rng(5)).data)).toEqual(Array.from(t.call(img, rng(5)).data));
    expect(() => new AutoAugment({ policy: "mnist" as never })).toThrow(/AutoAugment: policy must be "imagenet", "cifar10" or "svhn"/);
  });
});
