// `deeprob-ts report` input resolution and option checks (no kernel: those run in test/e2e/report.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReports, mathWarnings, reportInputs } from "../../../../kernel-ext/commands/report";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-report-unit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("reportInputs", () => {
  it("a folder gives its notebooks sorted, without executed copies or other files", () => {
    for (const f of ["b.ipynb", "a.ipynb", "a.nbconvert.ipynb", "notes.md"]) fs.writeFileSync(path.join(dir, f), "{}");
    expect(reportInputs(dir)).toEqual([path.join(dir, "a.ipynb"), path.join(dir, "b.ipynb")]);
    expect(reportInputs(path.join(dir, "b.ipynb"))).toEqual([path.join(dir, "b.ipynb")]);
  });

  it("names the problem for a missing path, a non-notebook file and an empty folder", () => {
    expect(() => reportInputs(path.join(dir, "absent.ipynb"))).toThrow(`report: ${path.join(dir, "absent.ipynb")}: no such file or folder`);
    expect(() => reportInputs(path.join(dir, "notes.md"))).toThrow("is not a notebook (.ipynb)");
    const empty = fs.mkdtempSync(path.join(dir, "empty-"));
    expect(() => reportInputs(empty)).toThrow("holds no .ipynb notebooks");
  });
});

describe("buildReports", () => {
  it("rejects an unknown format before running anything", async () => {
    await expect(buildReports(dir, { to: "docx" as never, noInput: false, out: path.join(dir, "out") })).rejects.toThrow('report: --to must be "html" or "pdf", got "docx"');
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });
});

describe("mathWarnings", () => {
  it("names the notebook, the formula and MathJax's message, one line per bad formula", () => {
    const lines = mathWarnings("01-act.ipynb", { formulas: 9, mathErrors: [{ tex: "\\frac{1}", message: "Missing argument for \\frac" }, { tex: "x^\n  {", message: "Math input error" }] });
    expect(lines).toEqual([
      'report: warning: 01-act.ipynb: TeX error in "\\frac{1}": Missing argument for \\frac (shown as red source in the report)',
      'report: warning: 01-act.ipynb: TeX error in "x^ {": Math input error (shown as red source in the report)',
    ]);
    expect(mathWarnings("a.ipynb", { formulas: 3, mathErrors: [] })).toEqual([]);
  });
});
