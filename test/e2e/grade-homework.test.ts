// The homework end to end: `assign` the real hw1 source, then `grade` a folder holding the
// solution notebook and the released student notebook (two kernels in parallel, CSV summary).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/jupyter";
import { joined, jupyterHome, readCells, runCli } from "./fixtures/env";

const SOURCE = path.join(REPO_ROOT, "notebooks", "homework", "hw1-activations-and-init", "hw1-source.ipynb");
let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-grade-hw-")); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("hw1: assign and grade", () => {
  it("releases a student notebook without solutions or hidden tests, and a bundle with them", async () => {
    const r = await runCli(["assign", SOURCE, "--out", path.join(dir, "release")], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("hw1-source.ipynb: 7 question(s), 19 point(s)");
    const student = fs.readFileSync(path.join(dir, "release", "student", "hw1-source.ipynb"), "utf8");
    for (const leak of ["BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "Math.exp(v) / (1 + Math.exp(v))", "forward on tiny and signed-zero inputs"]) expect(student).not.toContain(leak);
    expect(student.match(/throw new Error\(\\"not implemented\\"\);/g)?.length).toBe(15); // one per function to implement
    const tests = fs.readFileSync(path.join(dir, "release", "autograder", "tests.json"), "utf8");
    expect(tests).toContain("forward on tiny and signed-zero inputs");
    expect(fs.statSync(path.join(dir, "release", "autograder", "tests.json")).mode & 0o077).toBe(0);
    for (const f of ["setup.sh", "run_autograder"]) expect(fs.statSync(path.join(dir, "release", "autograder", f)).mode & 0o100).toBe(0o100);
  });

  it("scores the solution 19/19 and the released notebook 0 with 'not implemented', hiding hidden tests' code", async () => {
    const subs = path.join(dir, "subs");
    fs.mkdirSync(path.join(subs, "alice"), { recursive: true });
    fs.copyFileSync(SOURCE, path.join(subs, "solution.ipynb"));
    fs.copyFileSync(path.join(dir, "release", "student", "hw1-source.ipynb"), path.join(subs, "alice", "hw1-source.ipynb"));
    const out = path.join(dir, "graded");
    const r = await runCli(["grade", subs, "--autograder", path.join(dir, "release", "autograder"), "--out", out, "--jobs", "2"], { cwd: dir, timeoutMs: 600_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("2 submission(s) graded with 2 kernel(s) at a time");
    expect(r.stderr).toContain("grade: 2/2");
    const sol = JSON.parse(fs.readFileSync(path.join(out, "solution", "results.json"), "utf8"));
    expect([sol.score, sol.max_score]).toEqual([19, 19]);
    expect(sol.tests.map((t: { name: string; score: number; status: string }) => [t.name, t.score, t.status])).toEqual([
      ["q1_relu", 2, "passed"], ["q2_sigmoid", 2, "passed"], ["q3_prelu", 3, "passed"], ["q4_init", 3, "passed"],
      ["q5_dropout", 3, "passed"], ["q6_batchnorm", 4, "passed"], ["q7_cutout", 2, "passed"]]);
    const stu = JSON.parse(fs.readFileSync(path.join(out, "alice__hw1-source", "results.json"), "utf8"));
    expect(stu.score).toBe(0);
    for (const t of stu.tests) expect(t.output).toContain("the tests stopped: Error: not implemented");
    // Hidden tests show their name and verdict in feedback, never their code.
    const q1 = sol.tests[0].output as string;
    expect(q1).toContain("✓ hidden test: forward on tiny and signed-zero inputs [0.5/0.5]: passed");
    const all = fs.readFileSync(path.join(out, "solution", "results.json"), "utf8") + fs.readFileSync(path.join(out, "solution", "feedback.html"), "utf8");
    for (const leak of ["reluForward([-7", "BEGIN HIDDEN", "grader.hidden"]) expect(all).not.toContain(leak);
    expect(fs.readFileSync(path.join(out, "summary.csv"), "utf8")).toBe(
      "submission,score,max_score,q1_relu,q2_sigmoid,q3_prelu,q4_init,q5_dropout,q6_batchnorm,q7_cutout,notes\n" +
      "solution,19,19,2,2,3,3,3,4,2,\nalice__hw1-source,0,19,0,0,0,0,0,0,0,\n");
  });

  it("shows students a pass/fail card (text/html + text/plain) from grader.check in the real kernel", async () => {
    const home = jupyterHome({ kernel: true });
    try {
      const nb = path.join(dir, "release", "student", "hw1-source.ipynb");
      const out = path.join(dir, "ran.ipynb");
      const r = await runCli(["run", nb, "--allow-errors", "--out", out], { cwd: dir, env: home.env, timeoutMs: 300_000 });
      expect(r.code, r.stderr).toBe(0);
      const cells = readCells(out);
      const card = cells.flatMap((c) => c.outputs ?? []).find((o) => joined(o.data?.["text/plain"]).startsWith("q1_relu: FAILED"));
      expect(card, JSON.stringify(cells[4]?.outputs)).toBeDefined();
      expect(joined(card!.data!["text/plain"])).toBe("q1_relu: FAILED (stopped before any assertion)\n  ✗ the test stopped: Error: not implemented " +
        "(replace the stub that throws with your code, then re-run that cell and this one)");
      expect(joined(card!.data!["text/html"])).toContain('<b style="color:#cf222e">q1_relu: failed</b>');
    } finally {
      home.cleanup();
    }
  });
});
