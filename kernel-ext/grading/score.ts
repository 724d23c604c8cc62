// From driver events and verdicts to one score per question, with the feedback a student sees:
// public assertions with their messages, hidden ones with name, verdict and points only.
import type { TestPlan } from "./assignment.js";
import type { DriverEvent } from "./grade-driver.js";
import type { Verdict } from "./runtime.js";

export interface QuestionResult {
  id: string;
  score: number;
  maxScore: number;
  status: "passed" | "failed";
  /** Feedback lines. */
  output: string;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const fmtPts = (x: number) => String(round(x));

/**
 * A kernel's error line, trimmed so it cannot carry a test's source (first 3 lines, 300 chars each).
 * @example safeError("a\nb\nc\nd") // => "a\nb\nc"
 */
export function safeError(text: string | null): string {
  if (!text) return "";
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "").split("\n").filter((l) => l.trim()).slice(0, 3).map((l) => l.slice(0, 300)).join("\n");
}

/**
 * Scores one question. A verdict counts only if it carries the token the grader gave that
 * question's cell; a timeout or a dead kernel scores 0 with the reason.
 * Assertion points are scaled to the question's points when they do not add up to it.
 * @example scoreQuestion(q, { ...event, status: "timeout" }, undefined).score // => 0
 */
export function scoreQuestion(q: TestPlan["questions"][number], event: Extract<DriverEvent, { type: "question" }> | undefined, verdict: Verdict | undefined): QuestionResult {
  const fail = (why: string): QuestionResult => ({ id: q.id, score: 0, maxScore: q.points, status: "failed", output: why });
  if (!event) return fail("not graded: the grader stopped before this question");
  if (event.status === "timeout") return fail(`timed out: the tests did not finish within the per-cell time limit (an infinite loop?); 0/${fmtPts(q.points)}`);
  if (event.status === "dead") return fail(`the kernel died while running these tests (process.exit, a crash or out of memory); 0/${fmtPts(q.points)}`);
  if (event.status === "skipped") return fail(`not graded: ${event.error ?? "skipped"}`);
  if (!verdict) {
    const err = safeError(event.error);
    return fail(`the tests could not run${err ? `: ${err}` : ""}\n(is every function the question asks for defined, with the given name, in a cell that runs without errors?)`);
  }
  let earned = 0, declared = 0;
  const lines: string[] = [];
  for (const o of verdict.outcomes) {
    earned += o.score; declared += o.points;
    const mark = o.passed ? "✓" : o.score > 0 ? "~" : "✗";
    const pts = `[${fmtPts(o.score)}/${fmtPts(o.points)}]`;
    lines.push(o.hidden ? `${mark} hidden test: ${o.name} ${pts}: ${o.passed ? "passed" : "failed"}` : `${mark} ${o.name} ${pts}: ${o.message}`);
  }
  if (verdict.error) lines.push(`✗ the tests stopped: ${safeError(verdict.error)}`);
  let score: number;
  if (verdict.error) score = Math.min(earned, q.points);
  else score = declared > 0 ? (q.points * earned) / declared : 0;
  score = Math.max(0, Math.min(q.points, round(score)));
  const passed = !verdict.error && verdict.outcomes.length > 0 && verdict.outcomes.every((o) => o.passed);
  return { id: q.id, score, maxScore: q.points, status: passed ? "passed" : "failed", output: lines.join("\n") };
}

/**
 * Picks, for each token, the first verdict line with that token and the question's id.
 * Lines that are not JSON or carry an unknown token are ignored (student code can append to
 * the file but cannot know a token).
 * @example readVerdicts('{"token":"forged","id":"q1","outcomes":[],"error":null}', new Map([["t1", "q1"]])).size // => 0
 */
export function readVerdicts(text: string, tokens: Map<string, string>): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let v: Verdict;
    try { v = JSON.parse(line) as Verdict; } catch { continue; }
    if (!v || typeof v.token !== "string") continue;
    const id = tokens.get(v.token);
    if (id === undefined || v.id !== id || out.has(id) || !Array.isArray(v.outcomes)) continue;
    out.set(id, v);
  }
  return out;
}
