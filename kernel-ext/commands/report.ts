// `deeprob-ts report <notebook|folder> --to html|pdf [--no-input] [--out dir]`: executes each
// notebook through the deeprob-ts kernel (the `run` command, so errors read the same) and
// exports it, as `jupyter nbconvert --execute --to html|webpdf` would, but offline: HTML with
// require.js and Plotly inline (interactive figures) and math typeset into SVG at export time,
// PDF printed by headless Chromium from an HTML that prefers the static PNG/SVG of each figure.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { defaultPython } from "../jupyter-env.js";
import { CommandError, EXIT } from "./command-error.js";
import { exportHtml, type ExportResult } from "../report/nbconvert.js";
import { printPdf } from "../report/pdf.js";

export type ReportFormat = "html" | "pdf";

/**
 * The notebooks a report covers: the file itself, or every .ipynb directly in a folder (sorted;
 * executed copies `*.nbconvert.ipynb` and checkpoints skipped).
 * @example reportInputs("notebooks/lectures") // ["notebooks/lectures/00-overview.ipynb", ...]
 */
export function reportInputs(target: string): string[] {
  let stat: fs.Stats;
  try { stat = fs.statSync(target); } catch { throw new CommandError(`report: ${target}: no such file or folder`, EXIT.badInput); }
  if (stat.isFile()) {
    if (!target.endsWith(".ipynb")) throw new CommandError(`report: ${target} is not a notebook (.ipynb)`, EXIT.badInput);
    return [target];
  }
  const found = fs.readdirSync(target).filter((f) => f.endsWith(".ipynb") && !f.endsWith(".nbconvert.ipynb")).sort().map((f) => path.join(target, f));
  if (!found.length) throw new CommandError(`report: ${target} holds no .ipynb notebooks`, EXIT.badInput);
  return found;
}

/** Executes `input` into `output` with this CLI's `run` (same kernel, same error messages). */
function execute(input: string, output: string): Promise<void> {
  const cli = path.join(__dirname, "..", "cli.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "run", input, "--out", output], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new CommandError(`report: ${input} did not run clean, so no report was written:\n${stderr.trim()}`, code ?? EXIT.failed))));
  });
}

/**
 * One stderr line per formula MathJax could not parse (the report still gets written, with
 * that formula as red TeX source, as Jupyter shows it).
 * @example mathWarnings("01.ipynb", { formulas: 3, mathErrors: [{ tex: "\\frac{1}", message: "Missing argument for \\frac" }] })
 * // ['report: warning: 01.ipynb: TeX error in "\\frac{1}": Missing argument for \\frac (shown as red source in the report)']
 */
export function mathWarnings(input: string, result: ExportResult): string[] {
  return result.mathErrors.map((e) => `report: warning: ${input}: TeX error in "${e.tex.replace(/\s+/g, " ").trim()}": ${e.message} (shown as red source in the report)`);
}

/**
 * Executes and exports each notebook; returns the written report files.
 * @example await buildReports("notebooks/lectures", { to: "html", noInput: false, out: "reports" })
 */
export async function buildReports(target: string, opts: { to: ReportFormat; noInput: boolean; out: string }): Promise<string[]> {
  if (opts.to !== "html" && opts.to !== "pdf") throw new CommandError(`report: --to must be "html" or "pdf", got "${String(opts.to)}"`, EXIT.badInput);
  const inputs = reportInputs(target);
  fs.mkdirSync(opts.out, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-report-"));
  const python = defaultPython();
  const written: string[] = [];
  try {
    for (const input of inputs) {
      const name = path.basename(input, ".ipynb");
      const executed = path.join(work, `${name}.ipynb`);
      await execute(input, executed);
      if (opts.to === "html") {
        const file = path.join(opts.out, `${name}.html`);
        const result = await exportHtml(python, executed, file, { noInput: opts.noInput, staticFigures: false, linkExtension: ".html" });
        for (const w of mathWarnings(input, result)) process.stderr.write(w + "\n");
        written.push(file);
      } else {
        const html = path.join(work, `${name}.html`);
        const result = await exportHtml(python, executed, html, { noInput: opts.noInput, staticFigures: true, linkExtension: ".pdf" });
        for (const w of mathWarnings(input, result)) process.stderr.write(w + "\n");
        const file = path.join(opts.out, `${name}.pdf`);
        await printPdf(html, file);
        written.push(file);
      }
      process.stdout.write(`report: wrote ${written[written.length - 1]}\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return written;
}

/** Registers `report` on the program. */
export function register(program: Command): void {
  program
    .command("report")
    .description("execute notebooks with the deeprob-ts kernel and export them to HTML (offline, interactive) or PDF (static figures)")
    .argument("<target>", "a notebook, or a folder whose notebooks are all reported")
    .option("--to <format>", "html or pdf", "html")
    .option("--no-input", "hide code cells (as nbconvert --no-input)")
    .option("--out <dir>", "folder for the reports", "reports")
    .addHelpText("after", "\nCell tags remove-input, remove-cell and remove-output are honoured (nbconvert's TagRemovePreprocessor).\nMath in markdown ($…$, $$…$$, \\\\(…\\\\) and \\\\[…\\\\] as Jupyter reads them, \\begin{align}…) is typeset\ninto SVG at export time (MathJax 3, with hidden MathML for screen readers): a report needs no\nMathJax, fonts or network to show it. A formula with a TeX error is shown as red source and\nnamed in a warning on stderr.")
    .action(async (target: string, o: { to: ReportFormat; input: boolean; out: string }) => {
      await buildReports(target, { to: o.to, noInput: !o.input, out: o.out });
    });
}
