// Finding the parts of nbconvert's HTML that hold a given MIME type, as string offsets, so that
// a later step can rewrite just those parts and leave every other byte of the page (code, text
// outputs, the inline Plotly and require.js) exactly as nbconvert wrote it. The `lab` template
// wraps each rendered MIME bundle in `<div ... data-mime-type="text/markdown">` (markdown cells
// too); the end is found by balancing <div> tags, skipping comments and script/style bodies.

/** The inner HTML of one element: `html.slice(start, end)`. */
export interface Region {
  start: number;
  end: number;
  mimeType: string;
}

// A comment, a raw-text element skipped whole (its body may hold "<div" in a string), or a
// div tag. Raw-text bodies end at the first matching close tag, as in an HTML parser.
const TAGS = /<!--[\s\S]*?-->|<(script|style|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)div\b[^>]*>/gi;
const OPENER = /<div\b[^>]*\bdata-mime-type="([^"]*)"[^>]*>/gi;

/** Offset of the `</div>` that closes a div whose opening tag ends at `from`, or -1. */
function closingDiv(html: string, from: number): number {
  TAGS.lastIndex = from;
  let depth = 1;
  for (let m = TAGS.exec(html); m; m = TAGS.exec(html)) {
    if (m[2] === undefined) continue; // a comment or a raw-text element
    depth += m[2] === "/" ? -1 : 1;
    if (depth === 0) return m.index;
  }
  return -1;
}

/**
 * The inner ranges of every `<div data-mime-type="…">` whose type is in `mimeTypes`, in page
 * order and never nested (a match inside an earlier region is part of it). An element that is
 * never closed is skipped rather than guessed at.
 * @example mimeRegions('<div data-mime-type="text/markdown"><p>$x$</p></div>', ["text/markdown"])
 * // [{ start: 36, end: 46, mimeType: "text/markdown" }]
 */
export function mimeRegions(html: string, mimeTypes: readonly string[]): Region[] {
  const regions: Region[] = [];
  OPENER.lastIndex = 0;
  for (let m = OPENER.exec(html); m; m = OPENER.exec(html)) {
    if (!mimeTypes.includes(m[1])) continue;
    const start = m.index + m[0].length;
    const end = closingDiv(html, start);
    if (end < 0) continue;
    regions.push({ start, end, mimeType: m[1] });
    OPENER.lastIndex = end;
  }
  return regions;
}
