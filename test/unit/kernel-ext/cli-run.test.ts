// kernel-ext/commands/run.ts: input checks (on real temp files), output naming, and the error
// message built from the driver's report (the real kernel is exercised in test/e2e/cli-run).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkNotebookFile, defaultOutputPath, errorLine, formatFailure } from "../../../kernel-ext/commands/run";
import type { DriverResult } from "../../../kernel-ext/commands/run-driver";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-cli-run-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe("defaultOutputPath", () => {
  it("follows nbconvert: <name>.nbconvert.ipynb beside the input", () => {
    expect(defaultOutputPath("hw/hw1.ipynb")).toBe(path.join("hw", "hw1.nbconvert.ipynb"));
    expect(defaultOutputPath("/a/b.IPYNB")).toBe("/a/b.nbconvert.ipynb");
    expect(defaultOutputPath("/a/notes.json")).toBe("/a/notes.json.nbconvert.ipynb");
  });
});

describe("checkNotebookFile", () => {
  it("accepts an nbformat 4 notebook", () => {
    const p = write("ok.ipynb", JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }));
    expect(checkNotebookFile(p).cells).toEqual([]);
  });
  it("names a missing file", () => {
    expect(() => checkNotebookFile(path.join(dir, "missing.ipynb"))).toThrow(`run: ${path.join(dir, "missing.ipynb")}: no such file`);
  });
  it("names malformed JSON with the parser's position", () => {
    const p = write("broken.ipynb", '{"nbformat": 4, "cells": [');
    expect(() => checkNotebookFile(p)).toThrow(new RegExp(`^run: ${p} is not a notebook: malformed JSON \\(.*\\)$`));
  });
  it.each([["array", "[1, 2]"], ["object without cells", '{"nbformat": 4}'], ["string", '"hi"'], ["null", "null"]])(
    "rejects JSON that is not a notebook (%s)", (_label, text) => {
      const p = write("notnb.ipynb", text);
      expect(() => checkNotebookFile(p)).toThrow(`run: ${p} is not a notebook: expected a JSON object with "nbformat" and a "cells" list (nbformat 4)`);
    });
  it("rejects nbformat 3 and says how to upgrade", () => {
    const p = write("v3.ipynb", JSON.stringify({ nbformat: 3, cells: [] }));
    expect(() => checkNotebookFile(p)).toThrow(/is nbformat 3; expected 4/);
  });
  it("rejects a folder", () => {
    expect(() => checkNotebookFile(dir)).toThrow(`run: ${dir} is a directory, not a notebook (.ipynb) file`);
  });
});

const base: DriverResult = {
  status: "cell_error", cell_index: 2, execution_count: 2, source: "const n = 41;\nthrow new RangeError(`boom ${n + 1}`);",
  ename: "RangeError", evalue: "boom 42", traceback: ["RangeError: boom 42", "    at cell[2]:2:7"], stderr: "", message: null, cells_run: 2,
};

describe("errorLine", () => {
  it("reads the line from a TypeScript diagnostic's leading line:column", () => {
    expect(errorLine({ evalue: "2:7 - Type 'string' is not assignable to type 'number'." })).toBe(2);
    expect(errorLine({ evalue: "\x1b[31m12:1\x1b[0m - Cannot find name 'y'." })).toBe(12);
  });
  it("ignores plain messages, and frames without the kernel's source block (compiled lines)", () => {
    expect(errorLine({ evalue: "boom 42" })).toBeNull();
    expect(errorLine({ evalue: "failed at cell[2]:5:7" })).toBeNull();
    expect(errorLine({ evalue: "x", execution_count: 2, traceback: ["Error: x", "    at cell[2]:25:7"] })).toBeNull();
  });
  it("reads the innermost frame in the failing cell when frames carry source positions", () => {
    const traceback = ["Error: x", "    at check (cell[1]:8:20)", "    at cell[2]:3:1", "", "Cell In[1], line 8", "---->  8 throw new Error('x')"];
    expect(errorLine({ evalue: "x", execution_count: 2, traceback })).toBe(3);
    expect(errorLine({ evalue: "x", execution_count: 1, traceback })).toBe(8);
    expect(errorLine({ evalue: "x", execution_count: 5, traceback })).toBeNull();
  });
});

describe("formatFailure", () => {
  it("names the file, cell (1-based, with In [n]), line and source, and ename: evalue", () => {
    const msg = formatFailure("hw.ipynb", base);
    expect(msg.split("\n").slice(0, 4)).toEqual([
      "run: hw.ipynb: error in cell 3 (In [2])",
      "  1 | const n = 41;",
      "  2 | throw new RangeError(`boom ${n + 1}`);",
      "RangeError: boom 42",
    ]);
    // The traceback's own "RangeError: boom 42" head is not printed twice; its frame is kept.
    expect(msg.split("\n").slice(4)).toEqual(["    at cell[2]:2:7"]);
  });
  it("points at the line of a thrown error when the kernel's frames carry cell source positions", () => {
    const traceback = ["RangeError: boom 42", "    at cell[2]:2:7", "", "Cell In[2], line 2", "      1 const n = 41;", "----> 2 throw new RangeError(`boom ${n + 1}`);", "              ^"];
    const msg = formatFailure("hw.ipynb", { ...base, traceback });
    expect(msg.split("\n").slice(0, 3)).toEqual([
      "run: hw.ipynb: error in cell 3 (In [2])",
      "  line 2: throw new RangeError(`boom ${n + 1}`);",
      "RangeError: boom 42",
    ]);
  });
  it("points at the line of a type error", () => {
    const msg = formatFailure("hw.ipynb", { ...base, source: "const a = 1;\nconst s: number = 'x';", ename: "TSError",
      evalue: "2:7 - Type 'string' is not assignable to type 'number'.", traceback: ["TSError: 2:7 - Type 'string' is not assignable to type 'number'."] });
    expect(msg).toBe([
      "run: hw.ipynb: error in cell 3 (In [2])",
      "  line 2: const s: number = 'x';",
      "TSError: 2:7 - Type 'string' is not assignable to type 'number'.",
    ].join("\n"));
  });
  it("never prints a blank error: falls back to the cell's stderr, then to the driver's message", () => {
    const blank = { ...base, ename: "<Error>", evalue: "", traceback: [], stderr: "Error: printed on stderr\n" };
    expect(formatFailure("hw.ipynb", blank)).toContain("Error: printed on stderr");
    expect(formatFailure("hw.ipynb", { ...blank, stderr: "" })).toContain("the kernel reported an error without a message");
  });
  it("reports a timeout as such", () => {
    const msg = formatFailure("hw.ipynb", { ...base, status: "timeout", ename: null, evalue: null, traceback: [], message: "Cell execution timed out" });
    expect(msg).toMatch(/^run: hw\.ipynb: cell 3 \(In \[2\]\) timed out/);
    expect(msg).toContain("Cell execution timed out");
  });
});
