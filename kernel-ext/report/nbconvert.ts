// Exporting an executed notebook to HTML with Debian's nbconvert (the `lab` template), with the
// cell tags `remove-input`, `remove-cell` and `remove-output` honoured by nbconvert's own
// TagRemovePreprocessor, then made self-contained: the require.js that nbconvert links from a
// CDN is inlined from /usr/share/javascript (Debian's libjs-requirejs), and the math is typeset
// into SVG here (math.ts) instead of by a MathJax linked from this machine.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CommandError, EXIT } from "../commands/command-error.js";
import { stripMathJax, typesetMath, type MathError } from "./math.js";

/** Where Debian keeps the JavaScript nbconvert's templates link to a CDN. */
export const SYSTEM_JS = "/usr/share/javascript";

export interface ExportOptions {
  /** Drop every input cell (nbconvert --no-input). */
  noInput: boolean;
  /** Prefer static images over scripts (for printing to PDF). */
  staticFigures: boolean;
  /** Rewrite relative links to sibling notebooks (`01-x.ipynb`) to their reports (`01-x.html`). */
  linkExtension?: ".html" | ".pdf";
}

/**
 * Points relative links to sibling notebooks at their reports, so a folder's reports link to
 * each other as its notebooks do; absolute URLs and other files are left alone.
 * @example relinkNotebooks('<a href="01-act.ipynb">', ".html") // '<a href="01-act.html">'
 */
export function relinkNotebooks(html: string, extension: ".html" | ".pdf"): string {
  return html.replace(/href="([^"/:#?]+)\.ipynb(#[^"]*)?"/g, (_m, name: string, hash?: string) => `href="${name}${extension}${hash ?? ""}"`);
}

/**
 * The traitlets config (Python) for nbconvert: tag removal always, and for static output a
 * MIME priority that puts PNG/SVG before text/html (Plotly's HTML needs scripts and a layout pass).
 * @example nbconvertConfig({ noInput: false, staticFigures: true }) // "c.TagRemovePreprocessor.enabled = True\n..."
 */
export function nbconvertConfig(opts: ExportOptions): string {
  const lines = [
    "c.TagRemovePreprocessor.enabled = True",
    "c.TagRemovePreprocessor.remove_cell_tags = {'remove-cell'}",
    "c.TagRemovePreprocessor.remove_input_tags = {'remove-input'}",
    "c.TagRemovePreprocessor.remove_all_outputs_tags = {'remove-output'}",
  ];
  if (opts.noInput) lines.push("c.TemplateExporter.exclude_input = True", "c.TemplateExporter.exclude_input_prompt = True", "c.TemplateExporter.exclude_output_prompt = True");
  if (opts.staticFigures) {
    lines.push("c.NbConvertBase.display_data_priority = ['image/png', 'image/svg+xml', 'image/jpeg', 'text/markdown', 'text/latex', 'text/html', 'application/javascript', 'text/plain']");
  }
  return lines.join("\n") + "\n";
}

/**
 * Replaces nbconvert's `<script src=".../require(.min).js">` with the script inline.
 * @example inlineRequireJs('<script src="https://cdn/require.min.js"></script>', "/*r*\/") // "<script>/*r*\/</script>"
 */
export function inlineRequireJs(html: string, requireSource: string): string {
  const safe = requireSource.replace(/<\/script/gi, "<\\/script");
  return html.replace(/<script src="[^"]*require(?:\.min)?\.js"><\/script>/g, () => `<script>${safe}</script>`);
}

function runPython(python: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

/** What an export found worth telling the user. */
export interface ExportResult {
  /** Formulas typeset into the page. */
  formulas: number;
  /** Formulas with TeX errors, shown in the page as red source. */
  mathErrors: MathError[];
}

/**
 * Exports `executed` (an .ipynb with outputs) to `outFile` (.html), self-contained: scripts
 * inline, math already typeset. Throws a CommandError with nbconvert's message on failure.
 * @example await exportHtml("/usr/bin/python3", "run/01.ipynb", "reports/01.html", { noInput: false, staticFigures: false }) // { formulas: 42, mathErrors: [] }
 */
export async function exportHtml(python: string, executed: string, outFile: string, opts: ExportOptions): Promise<ExportResult> {
  const dir = fs.mkdtempSync(path.join(path.dirname(outFile), ".report-"));
  try {
    const config = path.join(dir, "report_config.py");
    fs.writeFileSync(config, nbconvertConfig(opts));
    const name = path.basename(outFile, ".html");
    const r = await runPython(python, ["-m", "nbconvert", "--to", "html", "--template", "lab", `--config=${config}`, "--output-dir", dir, "--output", name, executed]);
    const produced = path.join(dir, `${name}.html`);
    if (r.code !== 0 || !fs.existsSync(produced)) throw new CommandError(`report: nbconvert could not export ${executed} to HTML:\n${r.stderr.trim()}`, EXIT.failed);
    const requireJs = fs.readFileSync(path.join(SYSTEM_JS, "requirejs", "require.min.js"), "utf8");
    let html = inlineRequireJs(fs.readFileSync(produced, "utf8"), requireJs);
    let math;
    try {
      math = await typesetMath(stripMathJax(html));
    } catch (e) {
      throw new CommandError(`report: typesetting the math of ${executed} failed (a MathJax bug, not your TeX): ${(e as Error).stack ?? String(e)}`, EXIT.failed);
    }
    html = math.html;
    // Printed pages cannot scroll: wrap long code lines instead of cutting them off.
    html = html.replace("</head>", `<style>@media print { pre { white-space: pre-wrap; overflow-wrap: anywhere; } }</style>\n</head>`);
    if (opts.linkExtension) html = relinkNotebooks(html, opts.linkExtension);
    fs.writeFileSync(outFile, html);
    return { formulas: math.formulas, mathErrors: math.errors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
