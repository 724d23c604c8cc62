import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeAssignment } from "../../../../kernel-ext/grading/assignment";
import { parseNotebook, type Notebook } from "../../../../kernel-ext/grading/notebook";
import { planSubmission } from "../../../../kernel-ext/grading/plan-submission";

const MINI = path.resolve(__dirname, "../../../e2e/fixtures/grading/mini-source.ipynb");
const load = (): Notebook => parseNotebook(fs.readFileSync(MINI, "utf8"), "mini.ipynb");
const text = (c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join("") : c.source);

describe("makeAssignment", () => {
  it("stubs solutions, removes hidden tests, clears outputs and locks grade and locked cells", () => {
    const src = load();
    src.cells[2].outputs = [{ output_type: "stream", name: "stdout", text: "old" }];
    src.cells[2].execution_count = 7;
    const { student, plan } = makeAssignment(src, "mini.ipynb");
    expect(text(student.cells[2])).toBe('function relu(x: number[]): number[] {\n  // YOUR CODE HERE\n  throw new Error("not implemented");\n}');
    expect([student.cells[2].outputs, student.cells[2].execution_count]).toEqual([[], null]);
    expect(text(student.cells[3])).not.toContain("HIDDEN");
    expect(student.cells[3].metadata).toMatchObject({ editable: false, deletable: false, nbgrader: { grade: true, grade_id: "q1_relu", points: 2, locked: true, schema_version: 3 } });
    expect(student.cells[2].metadata.editable).toBeUndefined();
    expect(plan.questions.map((q) => [q.id, q.points])).toEqual([["q1_relu", 2], ["q2_square", 3], ["q3_cube", 1], ["q4_abs", 1]]);
    expect(plan.totalPoints).toBe(7);
    expect(plan.questions[0].code).toContain("grader.hidden(() => {");
    expect(Object.keys(plan.locked)).toEqual(["setup"]);
  });
  it("refuses duplicate grade ids, grade cells without points and hidden tests outside grade cells", () => {
    const dup = load();
    dup.cells[5].metadata.nbgrader!.grade_id = "q1_relu";
    expect(() => makeAssignment(dup, "mini.ipynb")).toThrow('mini.ipynb: cell 6: grade_id "q1_relu" is also used by cell 4; ids must be unique');
    const nopts = load();
    delete nopts.cells[3].metadata.nbgrader!.points;
    expect(() => makeAssignment(nopts, "mini.ipynb")).toThrow('mini.ipynb: cell 4: grade cell "q1_relu" needs nbgrader.points >= 0, got undefined');
    const leak = load();
    leak.cells[2].source = "// BEGIN HIDDEN TESTS\nx\n// END HIDDEN TESTS";
    expect(() => makeAssignment(leak, "mini.ipynb")).toThrow("mini.ipynb: cell 3: hidden tests outside a grade cell (nbgrader.grade: true) would leak to students");
  });
});

describe("planSubmission", () => {
  it("runs the student's code, never their test cells, and explains what it found", () => {
    const { student, plan } = makeAssignment(load(), "mini.ipynb");
    const nb = JSON.parse(JSON.stringify(student)) as Notebook;
    nb.cells[1].source = "const grader = { check: () => 'PASS' };"; // edited locked cell: restored
    delete nb.cells[5].metadata.nbgrader; // q2's tests without metadata: recognised by text
    nb.cells.splice(7, 1); // q3's tests deleted
    const p = planSubmission(nb, plan);
    expect(p.cells.map((c) => c.label)).toEqual(["cell 2", "cell 3", "cell 5", "cell 7", "cell 8"]);
    expect(p.cells[0].code).toBe('import * as dr from "deeprob-ts";\nconst grader = new dr.grading.Grader();');
    expect(p.notes).toEqual([
      'cell 2: the read-only cell "setup" was edited; its original code was run instead',
      'cell 6: the tests of "q2_square" without their grade metadata; graded with the original tests',
      'the test cell of "q3_cube" is missing from the notebook; graded with the original tests',
    ]);
  });
});
