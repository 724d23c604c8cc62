import { describe, expect, test } from "vitest";
import { mapFrames, sourceContext, thrownError, trimStack, tsError, type CellLookup } from "../../../kernel-ext/errors";

describe("tsError", () => {
  test("one 1-based line:column line per diagnostic", () => {
    const e = tsError([
      { start: { line: 0, character: 6 }, messageText: "Type 'string' is not assignable to type 'number'." },
      { start: { line: 2, character: 0 }, messageText: "Cannot find name 'foo'.", fileName: "util.ts" },
    ]);
    expect(e).toEqual({
      ename: "TSError",
      evalue: "1:7 - Type 'string' is not assignable to type 'number'.\nutil.ts 3:1 - Cannot find name 'foo'.",
      traceback: ["TSError: 1:7 - Type 'string' is not assignable to type 'number'.", "TSError: util.ts 3:1 - Cannot find name 'foo'."],
    });
  });
});

describe("trimStack", () => {
  test("keeps the user's frames, drops vm, tslab, kernel-ext and node internals", () => {
    const stack = [
      "Error: x",
      "    at inner (cell[3]:2:9)",
      "    at cell[3]:4:1",
      "    at Script.runInThisContext (node:vm:137:12)",
      "    at Object.runInThisContext (node:vm:317:38)",
      "    at execute (/repo/dist/kernel-ext/executor.js:99:40)",
      "    at /repo/node_modules/tslab/dist/converter.js:10:1",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
      "    at helper (/home/u/nb/util.js:3:3)",
    ].join("\n");
    expect(trimStack(stack)).toEqual(["    at inner (cell[3]:2:9)", "    at cell[3]:4:1", "    at helper (/home/u/nb/util.js:3:3)"]);
  });
});

describe("thrownError", () => {
  test("an Error keeps its name, message and user frames", () => {
    const e = new RangeError("index 7 out of range");
    e.stack = "RangeError: index 7 out of range\n    at cell[1]:1:7\n    at Script.runInThisContext (node:vm:137:12)";
    expect(thrownError(e)).toEqual({ ename: "RangeError", evalue: "index 7 out of range", traceback: ["RangeError: index 7 out of range", "    at cell[1]:1:7"] });
  });

  test("a subclass that keeps name 'Error' is named by its class, as Python names exceptions", () => {
    class ShapeError extends Error {}
    expect(thrownError(new ShapeError("bad shape")).ename).toBe("ShapeError");
  });

  test("non-Error throws are shown as Node shows them", () => {
    expect(thrownError("oops")).toEqual({ ename: "Uncaught", evalue: "'oops'", traceback: ["Uncaught 'oops'"] });
    expect(thrownError(undefined).evalue).toBe("undefined");
    expect(thrownError({ code: 3 }).evalue).toBe("{ code: 3 }");
  });

  test("a cause is appended; an empty message gives just the name", () => {
    const e = new Error("outer", { cause: new Error("inner") });
    e.stack = "Error: outer";
    expect(thrownError(e).traceback).toEqual(["Error: outer", expect.stringContaining("[cause]: Error: inner")]);
    const bare = new TypeError();
    bare.stack = "TypeError";
    expect(thrownError(bare)).toEqual({ ename: "TypeError", evalue: "", traceback: ["TypeError"] });
  });

  test("hostile getters on the error do not throw", () => {
    const e = new Error("m");
    Object.defineProperty(e, "message", { get() { throw new Error("getter"); } });
    expect(() => thrownError(e)).not.toThrow();
  });
});

describe("cell positions in tracebacks", () => {
  // A fake cell map: compiled line L maps to source line L - 20 (the helpers' lines), column kept.
  const cell = { lines: ["type T = number;", "", "const a: T = 1;", "throw new Error(`a=${a}`);", "// end"],
    position: (l: number, c: number) => (l > 20 ? { line: l - 20, column: c } : null) };
  const cells: CellLookup = (f) => (f === "cell[4]" ? cell : undefined);

  test("mapFrames rewrites cell frames, keeps others, drops made-up cell code", () => {
    const r = mapFrames(["    at Proxy.f (cell[4]:24:7)", "    at cell[4]:3:1", "    at g (/x/lib.js:9:2)", "    at cell[9]:5:5"], cells);
    expect(r.frames).toEqual(["    at f (cell[4]:4:7)", "    at g (/x/lib.js:9:2)", "    at cell[9]:5:5"]);
    expect(r.first).toEqual({ file: "cell[4]", lines: cell.lines, line: 4, column: 7 });
  });

  test("a local module's frames name its .ts source", () => {
    const util = { ...cell, name: "/nb/util.ts" };
    const r = mapFrames(["    at boom (/nb/util.js:25:15)"], (f) => (f === "/nb/util.js" ? util : undefined));
    expect(r.frames).toEqual(["    at boom (/nb/util.ts:5:15)"]);
    expect(sourceContext(r.first!.file, r.first!.lines, r.first!.line, 1)[0]).toBe("/nb/util.ts, line 5");
  });

  test("sourceContext: IPython's arrow at the line, a caret at the column, two lines of context", () => {
    expect(sourceContext("cell[4]", cell.lines, 4, 7)).toEqual([
      "Cell In[4], line 4",
      "      2 ",
      "      3 const a: T = 1;",
      "----> 4 throw new Error(`a=${a}`);",
      "              ^",
      "      5 // end",
    ]);
    expect(sourceContext("cell[4]", cell.lines, 9, 1)).toEqual([]);
  });

  test("thrownError maps the stack and appends the failing line", () => {
    const e = new Error("a=1");
    e.stack = "Error: a=1\n    at cell[4]:24:7\n    at Script.runInThisContext (node:vm:1:1)";
    expect(thrownError(e, cells).traceback).toEqual(["Error: a=1", "    at cell[4]:4:7", "",
      "Cell In[4], line 4", "      2 ", "      3 const a: T = 1;", "----> 4 throw new Error(`a=${a}`);", "              ^", "      5 // end"]);
    expect(thrownError(e).traceback).toEqual(["Error: a=1", "    at cell[4]:24:7"]);
  });
});
