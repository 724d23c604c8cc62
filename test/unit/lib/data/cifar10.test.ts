import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCIFAR10, CIFAR10_CLASSES } from "../../../../lib/data/cifar10.js";

// Writes records in the official format: label byte, then R plane, G plane, B plane (32x32 each).
function record(label: number, pixel: (c: number, y: number, x: number) => number): Uint8Array {
  const r = new Uint8Array(3073);
  r[0] = label;
  for (let c = 0; c < 3; c++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) r[1 + c * 1024 + y * 32 + x] = pixel(c, y, x);
  return r;
}

function folder(files: Record<string, Uint8Array[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cifar-"));
  for (const [name, recs] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), Buffer.concat(recs));
  return dir;
}

const px = (c: number, y: number, x: number) => (c * 80 + y * 2 + x) % 256;
const all = () => {
  const f: Record<string, Uint8Array[]> = {};
  for (let b = 1; b <= 5; b++) f[`data_batch_${b}.bin`] = [record(b, px), record(9, () => 7)];
  f["test_batch.bin"] = [record(3, px)];
  return f;
};

describe("loadCIFAR10 (official binary format)", () => {
  it("reads the five training batches in order, NHWC by default", () => {
    const dir = folder(all());
    const { images, labels, classes } = loadCIFAR10(dir);
    expect(images.shape).toEqual([10, 32, 32, 3]);
    expect(images.dtype).toBe("uint8");
    expect(Array.from(labels.toTypedArray())).toEqual([1, 9, 2, 9, 3, 9, 4, 9, 5, 9]);
    expect(classes[3]).toBe("cat");
    expect(CIFAR10_CLASSES).toHaveLength(10);
    // pixel (y=5, x=7) of image 0: R = 0*80 + 10 + 7, G = 80 + 17, B = 160 + 17
    expect(images.item(0, 5, 7, 0)).toBe(17);
    expect(images.item(0, 5, 7, 1)).toBe(97);
    expect(images.item(0, 5, 7, 2)).toBe(177);
    expect(images.item(1, 31, 31, 2)).toBe(7);
  });
  it("test split, NCHW layout and a subset of batches", () => {
    const dir = folder(all());
    const test = loadCIFAR10(dir, { train: false, layout: "NCHW" });
    expect(test.images.shape).toEqual([1, 3, 32, 32]);
    expect(test.images.item(0, 1, 5, 7)).toBe(97);
    expect(Array.from(test.labels.toTypedArray())).toEqual([3]);
    expect(loadCIFAR10(dir, { batches: [2] }).labels.shape).toEqual([2]);
  });
  it("clear errors: missing folder, missing file, truncated file, bad label", () => {
    expect(() => loadCIFAR10("/no/such/cifar")).toThrow(/loadCIFAR10: folder "\/no\/such\/cifar" does not exist; download "CIFAR-10 binary version"/);
    const f = all();
    delete f["data_batch_3.bin"];
    expect(() => loadCIFAR10(folder(f))).toThrow(/loadCIFAR10: data_batch_3.bin not found in/);
    const t = all();
    t["data_batch_2.bin"] = [record(1, px).subarray(0, 3000)];
    expect(() => loadCIFAR10(folder(t))).toThrow(/loadCIFAR10: data_batch_2.bin has 3000 bytes, not a whole number of 3073-byte records/);
    const b = all();
    b["test_batch.bin"] = [record(12, px)];
    expect(() => loadCIFAR10(folder(b), { train: false })).toThrow(/test_batch.bin record 0 has label 12; CIFAR-10 labels are 0..9/);
    expect(() => loadCIFAR10(folder(all()), { batches: [6] })).toThrow(/batches must be numbers 1..5/);
  });
});
