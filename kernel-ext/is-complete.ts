// is_complete_request: "complete", "incomplete" (with the indent for the next line) or
// "invalid" (a syntax error that more typing cannot fix), as IPython answers.

/** tslab's own check: incomplete when the parser stops at the end expecting more. */
export type TslabIsComplete = (src: string) => { completed: boolean; indent?: string };

/**
 * @example
 * isComplete("for (let i = 0; i < 3; i++) {", check, count) // => { status: "incomplete", indent: "  " }
 * isComplete("let = 5", check, count) // => { status: "invalid" }
 */
export function isComplete(code: string, tslabCheck: TslabIsComplete, parseErrorCount: (src: string) => number):
  { status: "complete" | "invalid" } | { status: "incomplete"; indent: string } {
  const r = tslabCheck(code);
  if (!r.completed) return { status: "incomplete", indent: r.indent ?? "" };
  return parseErrorCount(code) > 0 ? { status: "invalid" } : { status: "complete" };
}
