// RandAugment's ops against torchvision's own `_apply_op` (fixtures/torchvision_reference.py writes
// the reference with Debian's torchvision 0.14: interpolation NEAREST, fill None, bins 9 and 30).
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Image } from "../../../../lib/data/image.js";
import { applyAugmentOp, type AugmentOp } from "../../../../lib/augment/transforms/auto-augment.js";

const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "torchvision-randaugment-ops.json"), "utf8"));
const vals = new Uint8Array(6 * 7 * 3);
for (let i = 0; i < vals.length; i++) vals[i] = (37 * i + ((i * i) % 13)) % 256;
const img = new Image(vals, 6, 7, 3);

describe(`RandAugment ops match torchvision ${ref.torchvision}'s _apply_op (uint8, nearest, no fill)`, () => {
  for (const [name, c] of Object.entries(ref.ops) as [string, { op: AugmentOp; magnitude: number; out: number[] }][]) {
    it(name, () => {
      // torchvision 0.14 tabulates Solarize thresholds in pixels (255..0); v2 and we use 1..0 times the bound
      const m = c.op === "Solarize" ? c.magnitude / 255 : c.magnitude;
      const got = Array.from(applyAugmentOp(img, c.op, m).data);
      if (c.op === "Sharpness") {
        // We follow v2: the border is copied and the interior is x + (1 - f) (blur - x). 0.14's v1 blends
        // f x + (1 - f) blur everywhere (the border with itself), so float32 truncation can lose one level.
        got.forEach((v, i) => {
          expect(Math.abs(v - c.out[i])).toBeLessThanOrEqual(1);
          const p = Math.floor(i / 3), y = Math.floor(p / 7), x = p % 7;
          if (y === 0 || y === 5 || x === 0 || x === 6) expect(v).toBe(img.data[i]);
        });
      } else if (c.op === "AutoContrast") {
        // v2 divides by (max - min) / 255 in float32 (254.99997 -> 254); v1 multiplied by 255 / (max - min)
        got.forEach((v, i) => expect(v === c.out[i] || (v === 254 && c.out[i] === 255)).toBe(true));
      } else {
        expect(got).toEqual(c.out);
      }
    });
  }
});
