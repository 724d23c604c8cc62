// How a Tensor shows itself in a notebook: shape, dtype and statistics always; then the values
// when few, a heatmap for a 2-D matrix, the picture for an H x W x 3 image. No scripts, so it
// reads the same in trusted and untrusted notebooks and in nbconvert HTML.
import { histogramBins } from "./histogram.js";
import { gridPixels } from "./image-grid.js";
import { matrixImage } from "./matrix-image.js";
import { pngDataUri } from "./png.js";
import { fmt, stats } from "./stats.js";
import { esc } from "./svg.js";
import type { TensorLike } from "./image-convert.js";
import type { MimeBundle } from "./types.js";

/** Few enough elements to print them all, as NumPy's default threshold keeps it readable. */
const SHOW_VALUES = 100;

function isImageShape(s: readonly number[]): boolean {
  return s.length === 3 && (s[2] === 3 || s[2] === 4) && s[0] >= 4 && s[1] >= 4;
}

/**
 * The MIME bundle of a tensor (text/plain keeps the tensor's own repr first).
 * @example
 * tensorBundle(tensor([[1, 2], [3, 4]]))["text/plain"]
 * // "tensor([[1, 2],\n        [3, 4]], dtype=float32)\nshape=[2, 2] float32 mean=2.5 std=1.118 min=1 max=4"
 */
export function tensorBundle(t: TensorLike & { toString(): string }): MimeBundle {
  const shape = [...t.shape];
  const values = t.toTypedArray();
  const s = stats(values);
  const nonFinite = s.count - s.finite;
  const summary = `shape=[${shape.join(", ")}] ${t.dtype ?? ""} mean=${fmt(s.mean)} std=${fmt(s.std)} min=${fmt(s.min)} max=${fmt(s.max)}${nonFinite ? ` non-finite=${nonFinite}` : ""}`;
  let repr: string;
  try { repr = t.toString(); } catch { repr = "Tensor"; }
  let preview = "";
  if (isImageShape(shape)) {
    const g = gridPixels(t, { layout: "HWC", range: t.dtype === "uint8" ? undefined : [0, 1], padding: 0 });
    preview = `<img src="${pngDataUri(g.rgba, g.width, g.height)}" width="${g.width}" height="${g.height}" style="image-rendering:pixelated" alt="image ${shape.join("x")}">`;
  } else if (shape.length === 2 && values.length > SHOW_VALUES) {
    const m = matrixImage(values, shape[0], shape[1]);
    preview = `<img src="${m.uri}" width="${m.width}" height="${m.height}" style="image-rendering:pixelated" alt="heatmap ${shape.join("x")}"><div style="font-size:11px;color:#666">heatmap, Viridis from ${esc(fmt(s.min))} (dark) to ${esc(fmt(s.max))} (yellow)</div>`;
  } else if (values.length > SHOW_VALUES && s.finite > 0) {
    const h = histogramSparkline(values);
    preview = `<img src="${h}" width="240" height="48" alt="histogram of values"><div style="font-size:11px;color:#666">histogram of values, ${esc(fmt(s.min))} to ${esc(fmt(s.max))}</div>`;
  }
  // The repr is always shown: lib/tensor already elides large tensors NumPy-style.
  const valuesHtml = `<pre style="margin:4px 0">${esc(repr)}</pre>`;
  const html = `<div class="deeprob-tensor"><div style="font-family:monospace;font-size:12px"><b>Tensor</b> ${esc(summary)}</div>${valuesHtml}${preview}</div>`;
  return { "text/plain": `${repr}\n${summary}`, "text/html": html };
}

/**
 * A 240 x 48 px histogram (40 bins) of the finite values: the shape of a distribution at a glance.
 * @example
 * histogramSparkline([0, 1, 1, 2]).startsWith("data:image/png") // true
 */
export function histogramSparkline(values: ArrayLike<number>): string {
  const W = 240, H = 48, bins = 40, bw = W / bins;
  const { counts } = histogramBins(values, { bins });
  const max = Math.max(1, ...counts);
  const rgba = new Uint8Array(W * H * 4).fill(255);
  counts.forEach((c, i) => {
    const h = Math.round((c / max) * (H - 1));
    for (let y = H - 1 - h; y < H - 1; y++) for (let x = Math.round(i * bw); x < Math.round((i + 1) * bw) - 1; x++) rgba.set([31, 119, 180, 255], (y * W + x) * 4);
  });
  for (let x = 0; x < W; x++) rgba.set([68, 68, 68, 255], ((H - 1) * W + x) * 4);
  return pngDataUri(rgba, W, H);
}
