// `assign`'s pure core: from the instructor's source notebook (solutions and hidden tests
// inside markers, nbgrader metadata) to the student notebook and the autograder's test plan.
import { cellText, type Cell, type Notebook } from "./notebook.js";
import { hasHidden, hasSolution, hiddenForGrading, keepSolutions, MarkerError, removeHidden, stripSolutions } from "./markers.js";

/** One graded question: a grade cell of the source. */
export interface Question {
  id: string;
  points: number;
  /** The code the autograder runs (public and hidden tests; hidden blocks wrapped). */
  code: string;
  /** What the student sees in that cell (hidden tests removed), to recognise it without metadata. */
  studentCode: string;
}

/** The autograder's plan, saved as tests.json in the bundle. */
export interface TestPlan {
  schema: 1;
  notebook: string;
  totalPoints: number;
  questions: Question[];
  /** Locked non-grade cells by grade_id (restored from the source, as nbgrader does). */
  locked: Record<string, string>;
}

const SCHEMA = 3;

function meta(c: Cell): NonNullable<Cell["metadata"]["nbgrader"]> | undefined { return c.metadata?.nbgrader; }

function clean(c: Cell, source: string): Cell {
  const m = meta(c);
  const locked = !!m && (m.locked === true || (m.grade === true && m.solution !== true));
  const out: Cell = { cell_type: c.cell_type, metadata: { ...c.metadata }, source };
  if (c.id) out.id = c.id;
  if (c.attachments) out.attachments = c.attachments;
  if (c.cell_type === "code") { out.outputs = []; out.execution_count = null; }
  // Jupyter's own flags make locked cells read-only in Notebook and JupyterLab.
  if (locked) { out.metadata.editable = false; out.metadata.deletable = false; }
  return out;
}

/**
 * Builds the student notebook and the test plan. Throws an Error naming the cell for marker
 * problems, grade cells without a grade_id or points, and duplicate grade_ids.
 * @example makeAssignment(readNotebook("hw1-source.ipynb"), "hw1-source.ipynb").plan.totalPoints // => 19
 */
export function makeAssignment(source: Notebook, notebookName: string): { student: Notebook; plan: TestPlan } {
  const questions: Question[] = [];
  const locked: Record<string, string> = {};
  const ids = new Map<string, number>();
  const cells = source.cells.map((c, i) => {
    const where = `cell ${i + 1}`;
    const text = cellText(c);
    const m = meta(c);
    try {
      if (m?.grade_id !== undefined) {
        if (typeof m.grade_id !== "string" || !/^[A-Za-z0-9_.-]+$/.test(m.grade_id)) throw new Error(`grade_id ${JSON.stringify(m.grade_id)} must be letters, digits, _ . -`);
        if (ids.has(m.grade_id)) throw new Error(`grade_id "${m.grade_id}" is also used by cell ${ids.get(m.grade_id)! + 1}; ids must be unique`);
        ids.set(m.grade_id, i);
        if (m.schema_version !== undefined && m.schema_version !== SCHEMA) throw new Error(`nbgrader schema_version ${m.schema_version}; expected ${SCHEMA}`);
      }
      if (c.cell_type !== "code") {
        return clean(c, hasSolution(text) ? stripSolutions(text, true) : text);
      }
      if (m?.grade === true && m.solution !== true) {
        if (!m.grade_id) throw new Error("a grade cell needs nbgrader.grade_id");
        if (!(typeof m.points === "number" && m.points >= 0)) throw new Error(`grade cell "${m.grade_id}" needs nbgrader.points >= 0, got ${String(m.points)}`);
        if (hasSolution(text)) throw new Error(`grade cell "${m.grade_id}" contains a solution block; put solutions in a solution cell`);
        const studentCode = removeHidden(text);
        questions.push({ id: m.grade_id, points: m.points, code: hiddenForGrading(text), studentCode });
        return clean(c, studentCode);
      }
      if (hasHidden(text)) throw new Error("hidden tests outside a grade cell (nbgrader.grade: true) would leak to students");
      if (m?.locked === true && m.grade_id) locked[m.grade_id] = text;
      if (m?.solution === true && !hasSolution(text)) {
        // nbgrader: a solution cell without markers is replaced as a whole.
        return clean(c, text.trim() ? `// YOUR CODE HERE\nthrow new Error("not implemented");` : text);
      }
      return clean(c, stripSolutions(text));
    } catch (e) {
      const line = e instanceof MarkerError ? `, line ${e.line}` : "";
      throw new Error(`${notebookName}: ${where}${line}: ${(e as Error).message}`);
    }
  });
  if (questions.length === 0) throw new Error(`${notebookName}: no grade cells (nbgrader.grade: true with a grade_id and points); nothing to grade`);
  const totalPoints = questions.reduce((s, q) => s + q.points, 0);
  const student: Notebook = { ...source, cells, metadata: { ...source.metadata, deeprob: { assignment: notebookName.replace(/\.ipynb$/, ""), student: true } } };
  return { student, plan: { schema: 1, notebook: notebookName, totalPoints, questions, locked } };
}

/**
 * The source notebook with markers removed: what `grade` of the solution should score in full.
 * @example solutionCode("// BEGIN SOLUTION\nx = 1;\n// END SOLUTION") // => "x = 1;"
 */
export function solutionCode(code: string): string { return keepSolutions(code); }
