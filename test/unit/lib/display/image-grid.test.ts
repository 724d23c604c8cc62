import { describe, expect, it } from "vitest";
import { gridPixels, imageGrid } from "../../../../lib/display/image-grid.js";
import { decodePng } from "../../../../lib/display/png.js";

const at = (img: { data: Uint8Array; width: number }, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));

describe("image grid", () => {
  it("upscales nearest-neighbour into padded cells and decodes to the same pixels", () => {
    const a = { data: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]), width: 2, height: 2, channels: 3 };
    const b = { data: new Uint8Array([0, 0, 0, 50, 50, 50, 100, 100, 100, 200, 200, 200]), width: 2, height: 2, channels: 3 };
    const g = imageGrid([a, b], { scale: 3, padding: 1 });
    const img = decodePng(g.png);
    expect([img.width, img.height]).toEqual([2 * 6 + 3, 6 + 2]);
    expect(at(img, 0, 0)).toEqual([255, 255, 255]); // padding
    expect(at(img, 1, 1)).toEqual([255, 0, 0]);
    expect(at(img, 3, 1)).toEqual([255, 0, 0]); // still the first source pixel (x 0..2)
    expect(at(img, 4, 1)).toEqual([0, 255, 0]);
    expect(at(img, 6, 6)).toEqual([10, 20, 30]);
    expect(at(img, 8, 1)).toEqual([0, 0, 0]); // second image starts at 1 + 6 + 1
    expect(at(img, 13, 6)).toEqual([200, 200, 200]);
  });

  it("reads float CHW, NHWC batches and grayscale from tensor-likes", () => {
    const chw = { shape: [3, 1, 2], dtype: "float32", toTypedArray: () => new Float32Array([0, 1, 0.5, 0.5, 1, -1]) };
    const px = gridPixels(chw, { scale: 1, padding: 0 });
    expect(at({ data: px.rgba, width: px.width }, 0, 0)).toEqual([0, 128, 255]);
    expect(at({ data: px.rgba, width: px.width }, 1, 0)).toEqual([255, 128, 0]); // -1 clipped to 0
    const nhwc = { shape: [2, 1, 1, 3], dtype: "uint8", toTypedArray: () => new Uint8Array([1, 2, 3, 4, 5, 6]) };
    const p2 = gridPixels(nhwc, { scale: 1, padding: 0, columns: 2 });
    expect(at({ data: p2.rgba, width: p2.width }, 1, 0)).toEqual([4, 5, 6]);
    const gray = { shape: [2, 2], dtype: "uint8", toTypedArray: () => new Uint8Array([0, 64, 128, 255]) };
    const p3 = gridPixels(gray, { scale: 1, padding: 0 });
    expect(at({ data: p3.rgba, width: p3.width }, 1, 1)).toEqual([255, 255, 255]);
    expect(at({ data: p3.rgba, width: p3.width }, 1, 0)).toEqual([64, 64, 64]);
  });

  it("draws captions as text and soft labels as bars below each image", () => {
    const img = { data: new Uint8Array(8 * 8 * 3).fill(90), width: 8, height: 8, channels: 3 };
    const plain = gridPixels([img], { scale: 4, padding: 0 });
    const cap = gridPixels([img], { scale: 4, padding: 0, captions: [{ text: "rot 15", probs: [1, 0] }] });
    expect(cap.height).toBeGreaterThan(plain.height + 20);
    let dark = 0;
    for (let y = 32; y < 32 + 17; y++) for (let x = 0; x < 32; x++) if (cap.rgba[(y * 32 + x) * 4] < 128) dark++;
    expect(dark).toBeGreaterThan(5); // glyph pixels
    const barTop = cap.height - 16 - 1 + 2; // the bar for probability 1 fills its column
    expect(at({ data: cap.rgba, width: 32 }, 2, barTop + 1)).toEqual([31, 119, 180]);
    expect(at({ data: cap.rgba, width: 32 }, 20, barTop + 1)).toEqual([255, 255, 255]); // probability 0
  });

  it("rejects empty batches, mismatched captions and odd channels, naming the operation", () => {
    expect(() => imageGrid([])).toThrow("imageGrid: expected at least one image, got an empty batch");
    const img = { data: new Uint8Array(3), width: 1, height: 1 };
    expect(() => imageGrid([img], { captions: ["a", "b"] })).toThrow("imageGrid: expected one caption per image (1), got 2");
    expect(() => imageGrid({ data: new Uint8Array(2), width: 1, height: 1 })).toThrow("imageGrid: expected 1, 3 or 4 channels, got 2");
    expect(() => imageGrid({ shape: [1, 2, 3, 4, 5], toTypedArray: () => new Float32Array(120) })).toThrow("got shape [1, 2, 3, 4, 5]");
  });
});
