// SVG -> PNG in Node with resvg (no browser). The font file is passed explicitly so the picture
// never depends on what a system's font lookup finds (Debian: fonts-dejavu-core, installed by
// `npm run setup`); without it text would silently vanish from every figure.
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];
// Regular only: nothing is drawn bold, and each font file costs ~10 ms of parsing per render.
const FONT_FILES = ["DejaVuSans.ttf"];

/**
 * Absolute paths of the DejaVu Sans files found, regular first; [] when the package is missing.
 * @example
 * fontFiles() // ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]
 */
export function fontFiles(): string[] {
  for (const d of FONT_DIRS) {
    const files = FONT_FILES.map((f) => `${d}/${f}`).filter(existsSync);
    if (files.length) return files;
  }
  return [];
}

/**
 * Rasterise an SVG document to PNG bytes at `scale` (1 = the SVG's own pixel size).
 * @example
 * svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>').length > 0 // true
 */
export function svgToPng(svg: string, scale = 1): Buffer {
  const fonts = fontFiles();
  if (!fonts.length && /<text/.test(svg)) {
    throw new Error("svgToPng: no DejaVu Sans font found (looked in " + FONT_DIRS.join(", ") + "); run `npm run setup` or `apt-get install fonts-dejavu-core`");
  }
  const r = new Resvg(svg, {
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    fitTo: scale === 1 ? { mode: "original" } : { mode: "zoom", value: scale },
    background: "#ffffff",
  });
  return Buffer.from(r.render().asPng());
}

/** A caption to draw: centred at x (px), baseline at y (px). */
export interface TextItem { x: number; y: number; text: string }

/**
 * Many short labels drawn in ONE rasteriser pass (each pass costs tens of ms) as RGBA on a
 * transparent canvas; the caller blends it where it wants text, so image pixels elsewhere stay
 * exact. Returns undefined when no font is installed (captions are then left out).
 * @example
 * textLayer(80, 16, [{ x: 40, y: 12, text: "crop 24" }])?.length // 80 * 16 * 4
 */
export function textLayer(width: number, height: number, items: readonly TextItem[], size = 11): Uint8Array | undefined {
  const fonts = fontFiles();
  if (!fonts.length || !items.length) return undefined;
  const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  const body = items.map((t) => `<text x="${t.x}" y="${t.y}" text-anchor="middle">${esc(t.text)}</text>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g font-family="DejaVu Sans" font-size="${size}" fill="#333">${body}</g></svg>`;
  const r = new Resvg(svg, { font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" } });
  return new Uint8Array(r.render().pixels);
}
