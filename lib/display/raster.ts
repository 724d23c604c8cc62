// SVG -> PNG in Node with resvg (no browser). The font file is passed explicitly so the picture
// never depends on what a system's font lookup finds (Debian: fonts-dejavu-core, installed by
// `npm run setup`); without it text would silently vanish from every figure.
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/** Absolute paths of the DejaVu Sans files found, regular first; [] when the package is missing. */
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

/**
 * One line of text as opaque RGBA pixels on white (captions in image grids): the image pixels
 * around it stay exact because only this strip goes through the rasteriser.
 * Returns undefined when no font is installed (the caller leaves the strip blank).
 * @example
 * textPixels("crop 24", 80, 16)?.length // 80 * 16 * 4
 */
export function textPixels(s: string, width: number, height: number, size = 11): Uint8Array | undefined {
  const fonts = fontFiles();
  if (!fonts.length) return undefined;
  const esc = s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="${width / 2}" y="${height - 4}" text-anchor="middle" font-family="DejaVu Sans" font-size="${size}" fill="#333">${esc}</text></svg>`;
  const r = new Resvg(svg, { font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" }, background: "#ffffff" });
  return new Uint8Array(r.render().pixels);
}
