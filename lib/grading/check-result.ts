// A check's result: the question id, its outcomes, points, and an error that stopped the test
// function early. Renders itself as a pass/fail card (text/html + text/plain) through the
// Jupyter display protocol, so `grader.check(...)` as a cell's last line shows the card.
import type { Outcome } from "./outcome.js";
import { fmt } from "./values.js";

const DISPLAY = Symbol.for("Jupyter.display");

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The result of `grader.check(id, fn)`.
 * @example new CheckResult("q1", [], "Error: not implemented").toString()
 * // => "q1: FAILED (stopped before any assertion)\n  ✗ the test stopped: Error: not implemented (replace the stub ...)"
 */
export class CheckResult {
  constructor(
    readonly id: string,
    readonly outcomes: readonly Outcome[],
    /** "Error: not implemented" when the test function threw, else null. */
    readonly error: string | null,
  ) { Object.freeze(this); }

  /** Points earned. @example new CheckResult("q1", [], null).score // => 0 */
  get score(): number { let s = 0; for (const o of this.outcomes) s += o.score; return s; }
  /** Points the recorded assertions were worth. */
  get points(): number { let s = 0; for (const o of this.outcomes) s += o.points; return s; }
  /** All assertions passed and nothing threw. */
  get passed(): boolean { return this.error === null && this.outcomes.length > 0 && this.outcomes.every((o) => o.passed); }

  /** Plain-text card, one line per assertion. */
  toString(): string {
    // "0/0 points" would read as "nothing to do": say that the test never got to an assertion.
    const pts = this.outcomes.length === 0 && this.error ? "stopped before any assertion" : `${fmt(this.score)}/${fmt(this.points)} points`;
    const head = `${this.id}: ${this.passed ? "PASSED" : "FAILED"} (${pts})`;
    const lines = this.outcomes.map((o) => `  ${o.passed ? "✓" : o.score > 0 ? "~" : "✗"} ${o.name} [${fmt(o.score)}/${fmt(o.points)}]: ${o.message}`);
    if (this.error) lines.push(`  ✗ the test stopped: ${this.error}${hint(this.error)}`);
    if (this.outcomes.length === 0 && !this.error) lines.push("  (no assertions ran)");
    return [head, ...lines].join("\n");
  }

  /** The card as a MIME bundle. */
  [DISPLAY](): Record<string, string> {
    const color = this.passed ? "#1a7f37" : this.score > 0 ? "#9a6700" : "#cf222e";
    const rows = this.outcomes.map((o) => `<tr><td>${o.passed ? "✓" : o.score > 0 ? "~" : "✗"}</td><td>${esc(o.name)}</td>` +
      `<td style="text-align:right">${fmt(o.score)}/${fmt(o.points)}</td><td>${esc(o.message)}</td></tr>`).join("");
    const err = this.error ? `<p style="margin:4px 0;color:#cf222e">The test stopped: <code>${esc(this.error)}</code>${esc(hint(this.error))}</p>` : "";
    const html = `<div class="deeprob-check" style="border-left:4px solid ${color};padding:4px 10px;font-family:sans-serif">` +
      `<b style="color:${color}">${esc(this.id)}: ${this.passed ? "passed" : "failed"}</b> — ` +
      (this.outcomes.length === 0 && this.error ? "stopped before any assertion" : `${fmt(this.score)}/${fmt(this.points)} points`) +
      (rows ? `<table style="border-collapse:collapse;margin-top:4px">${rows}</table>` : "") + err + `</div>`;
    return { "text/html": html, "text/plain": this.toString() };
  }
}

function hint(error: string): string {
  if (/not implemented/i.test(error)) return " (replace the stub that throws with your code, then re-run that cell and this one)";
  if (/is not defined/.test(error)) return " (run the cell that defines it first)";
  return "";
}
