import { afterAll, describe, expect, test } from "vitest";
import { createConverter } from "../../../kernel-ext/converter";
import { cellSource } from "../../../kernel-ext/executor";
import { compose, decodeMappings, encodeMappings, lookup, splitInlineMap, withInlineMap, type LineMap } from "../../../kernel-ext/source-map";

describe("mappings codec", () => {
  test("decodes the v3 base64 VLQ fields of the spec's example (relative columns, lines)", () => {
    // "AAAA" = 0,0,0,0; "IAAI" = +4 col, same source line, +4 source col; ";" = next line;
    // "AACA" = +1 source line; "gBAAgB" = +16 and +16 (two-digit VLQ); "DAAD" = -1... encoded as D.
    expect(decodeMappings(";AAAA,IAAI;AACA,gBAAgB")).toEqual([[], [[0, 0, 0], [4, 0, 4]], [[0, 1, 4], [16, 1, 20]]]);
    expect(decodeMappings("AAAA,CAAD")).toEqual([[[0, 0, 0], [1, 0, -1]]]);
  });
  test("encode is the inverse of decode, with negative deltas", () => {
    const map: LineMap = [[[0, 5, 3], [2, 1, 0]], [], [[7, 40, 12]]];
    expect(decodeMappings(encodeMappings(map))).toEqual(map);
    expect(encodeMappings([[], [[0, 0, 0], [4, 0, 4]]])).toBe(";AAAA,IAAI");
  });
  test("rejects a character outside base64", () => {
    expect(() => decodeMappings("AA!A")).toThrow(/invalid base64 character "!"/);
  });
});

describe("lookup", () => {
  const map: LineMap = [[[2, 3, 2], [6, 3, 9], [20, 4, 0]], []];
  test("the last segment at or before the column", () => {
    expect(lookup(map, 0, 6)).toEqual({ line: 3, column: 9 });
    expect(lookup(map, 0, 19)).toEqual({ line: 3, column: 9 });
    expect(lookup(map, 0, 25)).toEqual({ line: 4, column: 0 });
  });
  test("before the first segment: the line's first; unmapped or missing lines: null", () => {
    expect(lookup(map, 0, 0)).toEqual({ line: 3, column: 2 });
    expect(lookup(map, 1, 0)).toBeNull();
    expect(lookup(map, 9, 0)).toBeNull();
  });
});

describe("compose and inline maps", () => {
  test("final -> intermediate -> source; segments on made-up intermediate lines drop", () => {
    const outer: LineMap = [[[0, 1, 0]], [[0, 0, 0], [4, 2, 3]]];
    const inner: LineMap = [[], [[0, 5, 2]], [[0, 7, 0], [3, 7, 8]]];
    expect(compose(outer, inner)).toEqual([[[0, 5, 2]], [[4, 7, 8]]]);
  });
  test("withInlineMap and splitInlineMap round-trip", () => {
    const map: LineMap = [[[0, 0, 0]], [[2, 1, 4]]];
    const js = withInlineMap("a;\n  b;", map, "cell.ts");
    expect(splitInlineMap(js)).toEqual({ code: "a;\n  b;", map });
    expect(splitInlineMap("no map")).toEqual({ code: "no map", map: null });
  });
});

describe("cellSource through tslab's two emits (real TypeScript)", () => {
  const conv = createConverter();
  afterAll(() => conv.close());
  // Type-only lines, blank lines and a multi-line expression shift the compiled lines; the
  // import adds CommonJS helpers (about 20 lines) above everything.
  const src = [
    `import * as fs from "node:fs";`, // 1
    `type Pair = { a: number; b: number };`, // 2
    `interface Box { p: Pair }`, // 3
    ``, // 4
    `const total = [1, 2,`, // 5
    `  3].reduce((s, x) => s + x, 0);`, // 6
    ``, // 7
    `function check(n: number): void {`, // 8
    `  if (n > fs.constants.F_OK) throw new RangeError("too big: " + n);`, // 9
    `}`, // 10
    `check(total);`, // 11
  ].join("\n");
  test("the compiled `new RangeError` and `check(total)` map to 9:36 and 11:1", () => {
    const out = conv.convert("", src);
    expect(out.diagnostics).toEqual([]);
    const { code, map } = splitInlineMap(out.output!);
    expect(map).not.toBeNull();
    const lines = code.split("\n");
    const at = (needle: string) => {
      const i = lines.findIndex((l) => l.includes(needle));
      expect(i).toBeGreaterThan(10); // really moved by the helpers
      return { line: i + 1, column: lines[i].indexOf(needle) + 1 };
    };
    const prefix = "(function(exports, require) { ";
    const cell = cellSource(src, map!, prefix.length);
    const thrown = at("new RangeError");
    expect(cell.position(thrown.line, thrown.column)).toEqual({ line: 9, column: 36 });
    const call = at("check(total)");
    expect(cell.position(call.line, call.column)).toEqual({ line: 11, column: 1 });
    expect(cell.lines[8]).toContain("throw new RangeError");
  });
  test("code the compiler made up (import helpers) maps to nothing", () => {
    const { map } = splitInlineMap(conv.convert("", src).output!);
    expect(cellSource(src, map!, 0).position(2, 1)).toBeNull();
  });
});
