// Subplot titles that never overlap: each title is fitted to its cell's pixel width (font scaled
// down, then word-wrapped), and the top margin and row gaps grow to hold the tallest title.
// The fitted text and size go into plain annotations, so plotly.js and the static SVG draw
// exactly the same lines at the same sizes.
import type { Figure } from "./figure.js";
import { resolveFigure } from "./resolve.js";
import type { Annotation } from "./types.js";

/**
 * Upper bound on DejaVu Sans' mean advance per character, in em, for title text (digits are
 * 0.636 em, lower-case letters 0.28..0.98, "=" 0.838; real titles average ~0.6). Layout uses
 * this bound so titles fit even where the browser's font is a little wider than ours.
 */
export const TITLE_CHAR_EM = 0.65;
const BASE_SIZE = 13, NOWRAP_MIN_SIZE = 11, MIN_SIZE = 10;
/** Space kept between neighbouring titles (and tick labels), px. */
const TITLE_GAP = 8;

/** Greedy word wrap of one line to at most `max` characters (a longer single word stays whole). */
function wrap(line: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  // A number stays with the word before it: "Layer 1", never "Layer" / "1".
  const words: string[] = [];
  for (const w of line.split(" ")) {
    if (words.length && /^\d/.test(w)) words[words.length - 1] += ` ${w}`;
    else words.push(w);
  }
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > max) { out.push(cur); cur = w; } else cur = cur ? `${cur} ${w}` : w;
  }
  out.push(cur);
  return out;
}

/**
 * Fit a title (lines split on `<br>`) into `width` px: the largest font from `maxSize` (13 px)
 * down to 11 px that needs no wrapping, else down to 10 px with at most one extra wrapped line, else the fewest lines at 10 px; a
 * word too long even then shrinks the font further (unreadably small beats overlapping).
 * @example
 * fitTitle("Xavier: Layer 1 σ=0.628", 109) // { lines: ["Xavier: Layer 1", "σ=0.628"], size: 11 }
 */
export function fitTitle(title: string, width: number, maxSize = BASE_SIZE): { lines: string[]; size: number } {
  const given = title.split(/<br\s*\/?>/i);
  const at = (size: number) => given.flatMap((l) => wrap(l, Math.max(1, Math.floor(width / (size * TITLE_CHAR_EM)))));
  const top = Math.max(MIN_SIZE, maxSize);
  // Shrinking a little (to 11 px) reads better than wrapping; wrapping once better than 10 px.
  let size = top, lines = at(size);
  while (size > NOWRAP_MIN_SIZE && lines.length > given.length) lines = at(--size);
  if (lines.length > given.length) {
    size = top; lines = at(size);
    while (size > MIN_SIZE && lines.length > given.length + 1) lines = at(--size);
  }
  const longest = Math.max(1, ...lines.map((l) => l.length));
  const fits = Math.floor((width / (longest * TITLE_CHAR_EM)) * 2) / 2;
  return { lines, size: Math.max(0.5, Math.min(size, maxSize, fits)) };
}

/** Height in px of a fitted title block (plotly.js's line spacing, 1.25 em, as the SVG renderer). */
function blockHeight(t: { lines: string[]; size: number }): number {
  return t.size + (t.lines.length - 1) * t.size * 1.25;
}

/**
 * Subplot titles, as plotly's make_subplots writes them: paper-anchored text over each cell,
 * fitted to the cell width so neighbours never overlap; the top margin grows to hold them.
 * Call after adding the traces (a legend narrows the cells).
 * @example
 * subplotTitles(Figure.subplots(1, 2), ["train", "val"]) // two centred 13 px titles above the cells
 */
export function subplotTitles(fig: Figure, titles: readonly string[]): void {
  const ann: Annotation[] = [...(fig.layout.annotations ?? [])];
  const R = resolveFigure({ data: fig.data, layout: fig.layout }).layout;
  const m = R.margin!, plotW = R.width! - m.l! - m.r!;
  // Room per title: its own cell, less a clear gap. Not the gap between cells: the next
  // cell's top y tick label sits there, level with the title.
  const cells = titles.map((t, i) => {
    const s = i === 0 ? "" : String(i + 1);
    const dx = fig.layout[`xaxis${s}`]?.domain, dy = fig.layout[`yaxis${s}`]?.domain;
    return dx && dy && t ? { t, dx, dy, w: (dx[1] - dx[0]) * plotW - TITLE_GAP } : undefined;
  });
  // One font size for all titles (the smallest any needs): mixed sizes read as a hierarchy.
  const size = Math.min(BASE_SIZE, ...cells.map((c) => (c ? fitTitle(c.t, c.w).size : BASE_SIZE)));
  let tallest = 0;
  cells.forEach((c) => {
    if (!c) return;
    const { dx, dy } = c;
    const f = fitTitle(c.t, c.w, size);
    tallest = Math.max(tallest, blockHeight(f));
    ann.push({ x: (dx[0] + dx[1]) / 2, y: dy[1], xref: "paper", yref: "paper", yanchor: "bottom", text: f.lines.join("<br>"), showarrow: false, font: { size: f.size } });
  });
  fig.layout.annotations = ann;
  // Title block + 3 px lift (yanchor bottom) + the figure title's band above it.
  const need = Math.ceil(tallest + 3 + 6 + (fig.layout.title ? 44 : 8));
  if ((fig.layout.margin?.t ?? m.t!) < need) fig.layout.margin = { ...fig.layout.margin, t: need };
}
