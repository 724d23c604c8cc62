// Which of a submission's cells the grader runs, and what it tells the student about the grade
// cells it found. Grading always uses the SOURCE's grade ids and test code: a student's test
// cells (deleted, duplicated, re-ordered, edited, or with edited metadata) are never run.
import type { TestPlan } from "./assignment.js";
import { removeHidden } from "./markers.js";
import { cellText, type Notebook } from "./notebook.js";

export interface SubmissionPlan {
  /** Student code cells to run, in notebook order. */
  cells: { label: string; code: string }[];
  /** Notes for the feedback (what was found, what was skipped or restored). */
  notes: string[];
}

/** Line endings and outer blank lines don't matter; an instructor's copy with hidden tests counts as unedited. */
const norm = (s: string) => {
  let t = s.replace(/\r\n/g, "\n");
  try { t = removeHidden(t); } catch { /* unbalanced markers: compare as is */ }
  return t.trim();
};

/**
 * Splits a submission into the student's code (run first) and notes about its grade cells.
 * @example planSubmission(nb, plan).cells[0].label // => "cell 2"
 */
export function planSubmission(nb: Notebook, plan: TestPlan): SubmissionPlan {
  const byId = new Map(plan.questions.map((q) => [q.id, q]));
  const byText = new Map(plan.questions.map((q) => [norm(q.studentCode), q.id]));
  const seen = new Map<string, number[]>();
  const cells: SubmissionPlan["cells"] = [];
  const notes: string[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== "code") return;
    const text = cellText(c);
    const gid = typeof c.metadata?.nbgrader?.grade_id === "string" ? c.metadata.nbgrader.grade_id : undefined;
    const textId = byText.get(norm(text));
    const qid = gid !== undefined && byId.has(gid) ? gid : textId;
    if (qid !== undefined) {
      seen.set(qid, [...(seen.get(qid) ?? []), i + 1]);
      if (gid !== undefined && gid !== qid) notes.push(`cell ${i + 1}: its metadata says grade_id "${gid}" but it holds the tests of "${qid}"; graded with the original tests`);
      else if (gid === undefined) notes.push(`cell ${i + 1}: the tests of "${qid}" without their grade metadata; graded with the original tests`);
      else if (norm(text) !== norm(byId.get(qid)!.studentCode)) notes.push(`cell ${i + 1}: the tests of "${qid}" were edited; graded with the original tests`);
      return;
    }
    if (gid !== undefined && plan.locked[gid] !== undefined) {
      if (norm(text) !== norm(plan.locked[gid])) notes.push(`cell ${i + 1}: the read-only cell "${gid}" was edited; its original code was run instead`);
      cells.push({ label: `cell ${i + 1}`, code: plan.locked[gid] });
      return;
    }
    if (text.trim()) cells.push({ label: `cell ${i + 1}`, code: text });
  });
  for (const q of plan.questions) {
    const at = seen.get(q.id);
    if (!at) notes.push(`the test cell of "${q.id}" is missing from the notebook; graded with the original tests`);
    else if (at.length > 1) notes.push(`the test cell of "${q.id}" appears ${at.length} times (cells ${at.join(", ")}); graded once, with the original tests`);
  }
  return { cells, notes };
}
