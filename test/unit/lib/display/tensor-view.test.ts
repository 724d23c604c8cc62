import { describe, expect, it } from "vitest";
import { tensor, arange } from "../../../../lib/tensor/index.js";
import { colorAt, parseColor } from "../../../../lib/display/colors.js";
import { decodePng } from "../../../../lib/display/png.js";
import { tensorBundle } from "../../../../lib/display/tensor-view.js";

function imgOf(html: string): { width: number; height: number; data: Uint8Array } {
  const m = html.match(/<img src="data:image\/png;base64,([^"]+)"/);
  expect(m).not.toBeNull();
  return decodePng(Buffer.from(m![1], "base64"));
}

describe("tensor view", () => {
  it("keeps the repr and adds shape, dtype and statistics", () => {
    const b = tensorBundle(tensor([[1, 2], [3, 4]]));
    expect(b["text/plain"]).toBe("tensor([[1., 2.],\n        [3., 4.]])\nshape=[2, 2] float32 mean=2.5 std=1.12 min=1 max=4");
    expect(b["text/html"]).toContain("<pre");
    expect(b["text/html"]).not.toContain("<img");
  });

  it("counts non-finite values", () => {
    expect(tensorBundle(tensor([1, NaN, Infinity]))["text/plain"]).toContain("mean=1 std=0 min=1 max=1 non-finite=2");
  });

  it("previews a large 2-D tensor as a Viridis heatmap, row 0 on top", () => {
    const t = arange(0, 400).reshape([20, 20]);
    const img = imgOf(tensorBundle(t)["text/html"] as string);
    const s = img.width / 20;
    const px = (r: number, c: number) => Array.from(img.data.subarray(((r * s) * img.width + c * s) * 4, ((r * s) * img.width + c * s) * 4 + 3));
    expect(px(0, 0)).toEqual(parseColor(colorAt("Viridis", 0)));
    expect(px(19, 19)).toEqual(parseColor(colorAt("Viridis", 1)));
  });

  it("previews a long 1-D tensor as a histogram of its values", () => {
    const t = tensor(Float32Array.from({ length: 400 }, (_, i) => (i < 300 ? 0 : 1)));
    const img = imgOf(tensorBundle(t)["text/html"] as string);
    expect([img.width, img.height]).toEqual([240, 48]);
    const col = (x: number) => { let n = 0; for (let y = 0; y < 47; y++) if (img.data[(y * 240 + x) * 4] === 31) n++; return n; };
    expect(col(2)).toBe(47); // the first bin holds the most values: full height
    expect(col(238 - 3)).toBe(Math.round((100 / 300) * 47)); // the last bin a third of it
    expect(col(120)).toBe(0); // empty bins in between
  });

  it("shows an H x W x 3 uint8 tensor as the picture itself", () => {
    const data = new Uint8Array(8 * 8 * 3).map((_, i) => (i * 7) % 256);
    const t = tensor(data, { shape: [8, 8, 3], dtype: "uint8" });
    const img = imgOf(tensorBundle(t)["text/html"] as string);
    const s = img.width / 8;
    expect(Array.from(img.data.subarray(0, 3))).toEqual([0, 7, 14]);
    const k = ((7 * s) * img.width + 7 * s) * 4, src = (7 * 8 + 7) * 3;
    expect(Array.from(img.data.subarray(k, k + 3))).toEqual(Array.from(data.subarray(src, src + 3)));
  });
});
