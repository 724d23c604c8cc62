// Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/)
// and a self-contained feedback page, from a submission's question results.
import type { QuestionResult } from "./score.js";

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  visibility: "visible" | "hidden" | "after_due_date" | "after_published";
}

export interface GradescopeResults {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  visibility: "visible" | "hidden" | "after_due_date" | "after_published";
  stdout_visibility: "hidden" | "visible";
  tests: GradescopeTest[];
}

/**
 * Builds results.json. `notes` go to the top-level output (what the grader found in the notebook).
 * @example gradescopeResults([{ id: "q1", score: 1, maxScore: 2, status: "failed", output: "" }], [], 3.2).score // => 1
 */
export function gradescopeResults(questions: readonly QuestionResult[], notes: readonly string[], seconds: number, visibility: GradescopeTest["visibility"] = "visible"): GradescopeResults {
  const score = Math.round(questions.reduce((s, q) => s + q.score, 0) * 1e6) / 1e6;
  const max = questions.reduce((s, q) => s + q.maxScore, 0);
  return {
    score,
    max_score: max,
    execution_time: Math.round(seconds * 1000) / 1000,
    output: [`Score: ${score}/${max}`, ...notes].join("\n"),
    visibility,
    stdout_visibility: "hidden",
    tests: questions.map((q, i) => ({
      name: q.id, number: String(i + 1), score: q.score, max_score: q.maxScore, status: q.status, output: q.output, visibility,
    })),
  };
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A standalone HTML page of the results (no scripts, no external assets).
 * @example feedbackHtml("hw1", results).startsWith("<!doctype html>") // => true
 */
export function feedbackHtml(title: string, r: GradescopeResults): string {
  const rows = r.tests.map((t) => {
    const color = t.status === "passed" ? "#1a7f37" : t.score > 0 ? "#9a6700" : "#cf222e";
    return `<section style="border-left:4px solid ${color};margin:12px 0;padding:4px 12px">` +
      `<h2 style="font-size:1.05em;margin:4px 0;color:${color}">${esc(t.name)} — ${t.score}/${t.max_score}</h2>` +
      `<pre style="white-space:pre-wrap;margin:4px 0">${esc(t.output)}</pre></section>`;
  }).join("\n");
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}: ${r.score}/${r.max_score}</title></head>\n` +
    `<body style="font-family:sans-serif;max-width:60em;margin:2em auto">\n<h1>${esc(title)}: ${r.score}/${r.max_score}</h1>\n` +
    `<pre style="white-space:pre-wrap">${esc(r.output)}</pre>\n${rows}\n</body></html>\n`;
}
