// Source maps for cells. A cell is compiled twice (tslab: TypeScript -> ES module JavaScript,
// then ES module -> CommonJS with import helpers and `exports.x =` rewrites), so stack frames
// count lines of code the student never wrote. Both emits make a map; we compose them once per
// cell into decoded segments, and a lookup is a binary search on one line.

/** One mapping on a generated line: [generated column, source line, source column], 0-based. */
export type Segment = readonly [number, number, number];
/** Segments per generated line, each line sorted by generated column. */
export type LineMap = Segment[][];

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

function vlqDecode(field: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of field) {
    const digit = B64_VALUE.get(c);
    if (digit === undefined) throw new Error(`source map: invalid base64 character "${c}" in mappings`);
    value += (digit & 31) << shift;
    if (digit & 32) { shift += 5; continue; }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

function vlqEncode(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    s += B64[digit];
  } while (v > 0);
  return s;
}

/**
 * Decodes a v3 `mappings` string into segments per generated line (single-source maps, as
 * TypeScript writes for one file; segments without a source position are dropped).
 * @example decodeMappings(";AAAA,IAAI") // => [[], [[0, 0, 0], [4, 0, 4]]]
 */
export function decodeMappings(mappings: string): LineMap {
  const lines: LineMap = [];
  let srcLine = 0;
  let srcCol = 0;
  for (const text of mappings.split(";")) {
    const line: Segment[] = [];
    let genCol = 0;
    for (const field of text.split(",")) {
      if (field === "") continue;
      const f = vlqDecode(field);
      genCol += f[0];
      if (f.length < 4) continue;
      srcLine += f[2];
      srcCol += f[3];
      line.push([genCol, srcLine, srcCol]);
    }
    line.sort((a, b) => a[0] - b[0]);
    lines.push(line);
  }
  return lines;
}

/**
 * Encodes segments back into a v3 `mappings` string (source index 0, no names).
 * @example encodeMappings([[], [[0, 0, 0], [4, 0, 4]]]) // => ";AAAA,IAAI"
 */
export function encodeMappings(lines: LineMap): string {
  let srcLine = 0;
  let srcCol = 0;
  return lines.map((line) => {
    let genCol = 0;
    return line.map(([g, l, c]) => {
      const s = vlqEncode(g - genCol) + "A" + vlqEncode(l - srcLine) + vlqEncode(c - srcCol);
      genCol = g; srcLine = l; srcCol = c;
      return s;
    }).join(",");
  }).join(";");
}

/**
 * The source position of a generated position (0-based): the last segment on that line at or
 * before the column, else the line's first segment (a frame at the line's indentation), else
 * null (a line the compiler made up, such as an import helper).
 * @example lookup([[[0, 3, 2], [6, 3, 9]]], 0, 7) // => { line: 3, column: 9 }
 */
export function lookup(map: LineMap, line: number, column: number): { line: number; column: number } | null {
  const segs = map[line];
  if (!segs || segs.length === 0) return null;
  let lo = 0;
  let hi = segs.length - 1;
  if (column < segs[0][0]) return { line: segs[0][1], column: segs[0][2] };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid][0] <= column) lo = mid; else hi = mid - 1;
  }
  return { line: segs[lo][1], column: segs[lo][2] };
}

/**
 * Composes `outer` (final code -> intermediate code) with `inner` (intermediate -> source):
 * the map from final code to source. Outer segments that land on made-up lines are dropped.
 * @example compose([[[0, 1, 0]]], [[], [[0, 5, 2]]]) // => [[[0, 5, 2]]]
 */
export function compose(outer: LineMap, inner: LineMap): LineMap {
  return outer.map((segs) => {
    const out: Segment[] = [];
    for (const [g, l, c] of segs) {
      const p = lookup(inner, l, c);
      if (p) out.push([g, p.line, p.column]);
    }
    return out;
  });
}

const INLINE = /\n?\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * Splits JavaScript from its trailing inline source map (`//# sourceMappingURL=data:...`).
 * @example splitInlineMap("x;\n//# sourceMappingURL=data:application/json;base64,e30=").code // => "x;"
 */
export function splitInlineMap(js: string): { code: string; map: LineMap | null } {
  const m = INLINE.exec(js);
  if (!m) return { code: js, map: null };
  const json = JSON.parse(Buffer.from(m[1], "base64").toString("utf8")) as { mappings?: string };
  return { code: js.slice(0, m.index), map: typeof json.mappings === "string" ? decodeMappings(json.mappings) : null };
}

/**
 * `js` with `map` appended as an inline v3 source map for `source`.
 * @example withInlineMap("x;", [[[0, 0, 0]]], "cell.ts") // => "x;\n//# sourceMappingURL=data:application/json;base64,..."
 */
export function withInlineMap(js: string, map: LineMap, source: string): string {
  const json = JSON.stringify({ version: 3, sources: [source], names: [], mappings: encodeMappings(map) });
  return `${js}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(json).toString("base64")}`;
}
