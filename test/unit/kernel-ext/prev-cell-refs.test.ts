// The shorthand expansion, through tslab's real converter (no kernel, no Jupyter).
import fs from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { createConverter } from "../../../kernel-ext/converter";
import { patchConverterSource, PREV_CELL_REFS_ID } from "../../../kernel-ext/prev-cell-refs";
import { splitInlineMap } from "../../../kernel-ext/source-map";

describe("patchConverterSource", () => {
  const real = fs.readFileSync(require.resolve("tslab/dist/converter.js"), "utf8");
  test("inserts one call at the top of wrapPrevIdentifier, keeping the line count", () => {
    const patched = patchConverterSource(real);
    expect(patched.split("\n")).toHaveLength(real.split("\n").length);
    expect(patched.split(`require("${PREV_CELL_REFS_ID}").expandShorthand(ts, checker, declsFile, node, wrapPrevIdentifier)`)).toHaveLength(2);
    expect(patched.replace(/ const __shorthand = .*? if \(__shorthand\) return __shorthand;/, "")).toBe(real);
  });
  test("a converter.js without the anchor is refused with a message naming the file to update", () => {
    expect(() => patchConverterSource("function other() {}")).toThrow(/patchConverterSource: expected tslab 1\.0\.22's converter\.js.*kernel-ext\/prev-cell-refs\.ts/);
  });
});

describe("cells compiled by the patched converter", () => {
  const conv = createConverter();
  afterAll(() => conv.close());
  /** Converts `cells` in order; the last one's JavaScript without its source map. */
  function emit(...cells: string[]): string {
    let prev = "";
    let out = "";
    for (const c of cells) {
      const r = conv.convert(prev, c);
      expect(r.diagnostics).toEqual([]);
      prev = r.declOutput ?? prev;
      out = splitInlineMap(r.output ?? "").code;
    }
    return out;
  }
  test("a shorthand naming an earlier cell's variable reads exports", () => {
    expect(emit("const rng = 42;", "const o = { rng };")).toContain("const o = { rng: exports.rng };");
  });
  test("a shorthand with a default in an assignment pattern assigns exports", () => {
    expect(emit("let p = 0, q = 0; const d = 9;", "({ p, q = d } = { p: 3 });")).toContain("({ p: exports.p, q: exports.q = exports.d } = { p: 3 });");
  });
  test("a shorthand naming this cell's or a parameter's binding is untouched", () => {
    expect(emit("const rng = 42;", "const rng = 1; const o = { rng };")).toContain("const o = { rng };");
    expect(emit("const rng = 42;", "function f(rng: number) { return { rng }; }")).toContain("return { rng };");
  });
});
