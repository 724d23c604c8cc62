import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Image } from "../../../../lib/data/image.js";
import { decodeImage, encodePNG, loadImage, saveImage } from "../../../../lib/data/codec.js";
import { sampleImage } from "../../../../lib/data/samples.js";
import { dataDir } from "../../../../lib/data/paths.js";
import { makeGrid } from "../../../../lib/data/grid.js";
import { imageFromTensor, imageToTensor, imagesFromTensor, imagesToTensor } from "../../../../lib/data/tensor-image.js";
import { tensor } from "../../../../lib/tensor/index.js";
import { JPEG_DECODER_LEVELS } from "../../tolerance.js";

describe("Image", () => {
  it("validates its buffer and sizes", () => {
    expect(() => new Image(new Uint8Array(5), 1, 2, 3)).toThrow(/Image: data has 5 values but height\*width\*channels = 1\*2\*3 = 6/);
    expect(() => new Image(new Uint8Array(4), 1, 2, 2)).toThrow(/channels must be 1 \(gray\), 3 \(RGB\) or 4 \(RGBA\); got 2/);
    expect(() => new Image([1, 2, 3] as never, 1, 1, 3)).toThrow(/data must be a Uint8Array or Float32Array; got Array/);
  });
  it("converts dtypes as torchvision's to_dtype(scale=True) and back", () => {
    const img = new Image(new Uint8Array([0, 128, 255]), 1, 1, 3);
    const f = img.toDType("float32");
    expect(Array.from(f.data)).toEqual([0, Math.fround(128 / 255), 1]);
    expect(Array.from(f.toDType("uint8").data)).toEqual([0, 128, 255]);
    // 0.999 * 255.999 = 255.74 -> 255; 0.5 -> 127.9995 -> 127 (truncation, not rounding)
    expect(Array.from(new Image(new Float32Array([0.999, 0.5, -1]), 1, 1, 3).toDType("uint8").data)).toEqual([255, 127, 0]);
  });
  it("CHW round trip and tensor conversions (HWC/CHW, batches)", () => {
    const img = new Image(Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i), 2, 3, 3);
    const chw = img.toCHW();
    expect(Array.from(chw.subarray(0, 6))).toEqual([0, 3, 6, 9, 12, 15]); // the R plane
    expect(Array.from(Image.fromCHW(chw, 2, 3, 3).data)).toEqual(Array.from(img.data));
    const t = imageToTensor(img, "CHW");
    expect(t.shape).toEqual([3, 2, 3]);
    // [3, 2, 3] is ambiguous (channels first or last); the guess prefers HWC, so say CHW
    expect(Array.from(imageFromTensor(t, "CHW").data)).toEqual(Array.from(img.data));
    expect(Array.from(imageFromTensor(imageToTensor(img)).data)).toEqual(Array.from(img.data));
    const batch = imagesToTensor([img, img], "CHW");
    expect(batch.shape).toEqual([2, 3, 2, 3]);
    expect(imagesFromTensor(batch, "CHW").map((x) => x.shape)).toEqual([[2, 3, 3], [2, 3, 3]]);
    expect(imagesFromTensor(imagesToTensor([img], "CHW").reshape([1, 3, 2, 3]).contiguous(), "CHW")[0].get(1, 2, 2)).toBe(img.get(1, 2, 2));
    expect(imageFromTensor(tensor([[[0.5]]], { dtype: "float64" })).dtype).toBe("float32");
    expect(() => imageFromTensor(tensor([[[1, 2], [3, 4]], [[1, 2], [3, 4]]]))).toThrow(/cannot tell the channel axis of shape \[2, 2, 2\]/);
  });
  it("renders itself as PNG through the display protocol", () => {
    type Shown = { data: Record<string, string>; metadata: Record<string, { width: number }> };
    const show = (img: Image) => (img as unknown as Record<symbol, () => Shown>)[Symbol.for("Jupyter.display")]();
    const { data, metadata } = show(new Image(new Uint8Array(12), 2, 2, 3));
    expect(data["text/plain"]).toBe("Image(2x2x3 uint8)");
    expect(Buffer.from(data["image/png"], "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(decodeImage(Buffer.from(data["image/png"], "base64")).shape).toEqual([2, 2, 3]);
    expect(metadata["image/png"].width).toBe(128); // small images are shown enlarged
    expect(show(Image.zeros(32, 200, 3)).metadata).toEqual({});
  });
});

describe("makeGrid", () => {
  it("tiles with torchvision's padding and nrow; sizes and gray images handled", () => {
    const a = new Image(new Uint8Array(2 * 2 * 3).fill(200), 2, 2, 3), g = new Image(new Uint8Array([50]), 1, 1, 1);
    const grid = makeGrid([a, a, g], { nrow: 2, padding: 1 });
    // 2 columns of 2 + 3 padding = 7 wide; 2 rows of 2 + 3 padding = 7 high
    expect(grid.shape).toEqual([7, 7, 3]);
    expect([grid.get(0, 0, 0), grid.get(1, 1, 0), grid.get(1, 4, 2), grid.get(4, 1, 1), grid.get(4, 2, 0)]).toEqual([0, 200, 200, 50, 0]);
    expect(makeGrid([a], { padValue: 255 }).get(0, 0, 0)).toBe(255);
    expect(() => makeGrid([])).toThrow(/makeGrid: expected at least one image/);
  });
});

describe("codecs and shipped images", () => {
  // reference pixels printed by Pillow (np.asarray(Image.open(f).convert("RGB")))
  const REF: Record<string, { shape: number[]; px: number[][] }> = {
    chelsea: { shape: [300, 451, 3], px: [[143, 120, 104], [76, 39, 13], [162, 138, 128]] },
    coffee: { shape: [400, 600, 3], px: [[21, 13, 8], [203, 143, 85], [143, 60, 29]] },
    astronaut: { shape: [512, 512, 3], px: [[154, 147, 151], [81, 57, 17], [0, 0, 0]] },
    rocket: { shape: [427, 640, 3], px: [[17, 33, 58], [43, 57, 92], [83, 61, 37]] },
  };
  for (const [name, ref] of Object.entries(REF)) {
    it(`${name}: size and pixels (0,0), (100,200), last`, () => {
      const img = sampleImage(name as never);
      expect(img.shape).toEqual(ref.shape);
      const [h, w] = ref.shape;
      const got = [[0, 0], [100, 200], [h - 1, w - 1]].map(([y, x]) => [0, 1, 2].map((k) => img.get(y, x, k)));
      if (name === "rocket") {
        got.flat().forEach((v, i) => expect(Math.abs(v - ref.px.flat()[i])).toBeLessThanOrEqual(JPEG_DECODER_LEVELS));
      } else expect(got).toEqual(ref.px);
    });
  }
  it("sampleImage works from any working directory and names the valid samples", () => {
    const cwd = process.cwd();
    try {
      process.chdir(os.tmpdir());
      expect(sampleImage("chelsea").width).toBe(451);
      expect(fs.existsSync(path.join(dataDir(), "README.md"))).toBe(true);
    } finally { process.chdir(cwd); }
    expect(() => sampleImage("dog" as never)).toThrow(/sampleImage: unknown sample "dog"; expected one of chelsea, coffee, astronaut, rocket/);
  });
  it("PNG encode/decode round trip (RGB, gray, RGBA modes) and clear errors", () => {
    const img = new Image(Uint8Array.from({ length: 4 * 5 * 3 }, (_, i) => (i * 13) % 256), 4, 5, 3);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "img-")), "x.png");
    saveImage(img, file);
    expect(Array.from(loadImage(file).data)).toEqual(Array.from(img.data));
    expect(loadImage(file, { mode: "rgba" }).channels).toBe(4);
    expect(decodeImage(encodePNG(img), { mode: "gray" }).shape).toEqual([4, 5, 1]);
    expect(() => loadImage("/no/such/file.png")).toThrow(/loadImage: cannot read "\/no\/such\/file.png" \(ENOENT\)/);
    expect(() => decodeImage(new Uint8Array([1, 2, 3, 4]))).toThrow(/decodeImage: expected PNG \(89 50 4e 47\) or JPEG \(ff d8 ff\) bytes; got a file starting with 01 02 03 04/);
  });
});
