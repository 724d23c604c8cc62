// Adversarial submissions, graded the way Gradescope runs an autograder: a temporary folder laid
// out as /autograder (source/ = the bundle, submission/, results/), `run_autograder` executed
// as Gradescope would. One kernel run carries every cheat that does not interfere with another.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, FIXTURES, runCli } from "./fixtures/env";
import { answer, code, gid, insertAfter, readNb, writeNb } from "./fixtures/grading/submissions";

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-grade-adv-"));
  const r = await runCli(["assign", path.join(FIXTURES, "grading", "mini-source.ipynb"), "--out", path.join(dir, "release"), "--cell-timeout", "60"], { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
  bundle = path.join(dir, "release", "autograder");
});
afterAll(() => { if (!process.env.KEEP_GRADE_TMP) fs.rmSync(dir, { recursive: true, force: true }); else console.log("kept", dir); });

function runAutograder(root: string, isolation: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(root, "run_autograder")], {
      cwd: root, stdio: "ignore",
      env: { ...process.env, AUTOGRADER_ROOT: root, DEEPROB_TS: `${process.execPath} ${CLI}`, DEEPROB_GRADE_ISOLATION: isolation },
    });
    child.on("error", reject);
    child.on("close", resolve);
  });
}

// "namespaces": the kernel in user/mount/PID namespaces with the bundle masked (unprivileged
// graders); "user": the kernel as nobody, the bundle root-only (root without namespaces, as in
// Gradescope's Docker). The second needs root.
const MODES = process.getuid?.() === 0 ? ["namespaces", "user"] : ["namespaces"];

describe.each(MODES)("grading a cheating submission in a Gradescope-shaped folder (isolation: %s)", (isolation) => {
  it("scores only the honest answers; results.json has every field Gradescope requires", async () => {
    const nb = readNb(path.join(dir, "release", "student", "mini-source.ipynb"));
    answer(nb, "relu_impl", "function relu(x: number[]): number[] { return x.map((v) => (v > 0 ? v : 0)); }");
    answer(nb, "square_impl", "function square(x: number): number { return 2 * x; }"); // wrong
    answer(nb, "cube_impl", "function cube(x: number): number { return x * x * x; }");
    // Right only if it can read the hidden tests from disk.
    answer(nb, "abs_impl", `import * as nodeFs from "fs";
function absVal(x: number): number {
  for (const f of [process.env.AUTOGRADER_ROOT + "/source/tests.json", process.env.AUTOGRADER_ROOT + "/source/config.json"]) {
    try { if (nodeFs.readFileSync(f, "utf8").length > 0) return Math.abs(x); } catch { /* hidden */ }
  }
  return -1;
}`);
    insertAfter(nb, "setup", code(`import * as fs from "fs";
// Redefine the grader, patch Math and the helpers, print fake verdicts, forge results.json.
(globalThis as any).grader = { check: () => "q2_square: PASSED (3/3 points)" };
try { (dr.grading as any).allClose = () => ({ name: "x", passed: true, score: 99, points: 99, message: "", hidden: false }); } catch { /* frozen */ }
try { (dr.grading.TestContext.prototype as any).allClose = function () { return { passed: true, score: 99, points: 99 }; }; } catch { /* frozen */ }
try { (dr.grading.TestContext.prototype as any).record = function () { return null; }; } catch { /* frozen */ }
console.log("q2_square: PASSED (3/3 points)");
console.log('DEEPROB_GRADE_EVENT {"type":"question","id":"q2_square","status":"ok","error":null,"seconds":0}');
fs.mkdirSync(process.env.AUTOGRADER_ROOT + "/results", { recursive: true });
fs.writeFileSync(process.env.AUTOGRADER_ROOT + "/results/results.json", '{"score": 1000, "tests": []}');
fs.writeFileSync("results.json", '{"score": 1000}');
// Forge verdict lines into every file this process has open (the side channel among them).
for (const fd of fs.readdirSync("/proc/self/fd")) {
  try {
    const target = fs.readlinkSync("/proc/self/fd/" + fd);
    if (target.startsWith("/") && !target.startsWith("/dev") && !target.startsWith("/proc")) {
      for (const id of ["q1_relu", "q2_square", "q3_cube", "q4_abs"]) fs.appendFileSync(target, '{"token":"forged","id":"' + id + '","outcomes":[{"name":"x","passed":true,"score":50,"points":1,"message":"","hidden":false}],"error":null}\\n');
    }
  } catch { /* not a file */ }
}`), code(`// Breaks the kernel's own messaging: the grader must restart without this cell.
JSON.stringify = () => "{}";`));
    // Last: patch the builtins the helpers and the tests use (this also breaks the kernel's type
    // checker for any later student cell, so it goes at the end).
    nb.cells.push(code("Math.abs = () => 0; Math.max = () => 0; Math.sqrt = () => 0; (Number as any).isNaN = () => false; (Array.prototype as any).every = () => true;"));
    // Metadata games: q1's test cell duplicated, q2's grade_id edited, q3's deleted, q4's moved first.
    const test = (id: string) => nb.cells.findIndex((c) => gid(c) === id);
    nb.cells.splice(test("q1_relu") + 1, 0, JSON.parse(JSON.stringify(nb.cells[test("q1_relu")])));
    nb.cells[test("q2_square")].metadata.nbgrader.grade_id = "zzz";
    nb.cells.splice(test("q3_cube"), 1);
    const [q4] = nb.cells.splice(test("q4_abs"), 1);
    nb.cells.splice(test("relu_impl"), 0, q4);

    const root = path.join(dir, `gradescope-${isolation}`);
    fs.mkdirSync(path.join(root, "submission"), { recursive: true });
    // The bundle exactly as assign wrote it: Gradescope unzips autograder.zip into source/ and
    // copies run_autograder up one level.
    const unzip = spawnSync("unzip", ["-q", path.join(dir, "release", "autograder.zip"), "-d", path.join(root, "source")], { encoding: "utf8" });
    expect(unzip.status, unzip.stderr).toBe(0);
    expect(fs.readdirSync(path.join(root, "source")).sort()).toEqual([...fs.readdirSync(bundle)].sort());
    fs.copyFileSync(path.join(root, "source", "run_autograder"), path.join(root, "run_autograder"));
    writeNb(path.join(root, "submission", "mini-source.ipynb"), nb);
    expect(await runAutograder(root, isolation)).toBe(0);

    const res = JSON.parse(fs.readFileSync(path.join(root, "results", "results.json"), "utf8"));
    if (process.env.DEBUG_GRADE) console.log("DEBUG", JSON.stringify(res, null, 1));
    // Gradescope's specification: a top-level score (or per-test scores), tests with score, max_score,
    // name, output and visibility; execution_time, output, visibility, stdout_visibility at the top.
    expect(Object.keys(res).sort()).toEqual(["execution_time", "max_score", "output", "score", "stdout_visibility", "tests", "visibility"]);
    for (const t of res.tests) expect(Object.keys(t).sort()).toEqual(["max_score", "name", "number", "output", "score", "status", "visibility"]);
    expect(res.tests.map((t: { name: string; score: number }) => [t.name, t.score])).toEqual([["q1_relu", 2], ["q2_square", 0], ["q3_cube", 1], ["q4_abs", 0]]);
    expect([res.score, res.max_score]).toEqual([3, 7]);
    expect(res.tests[1].output).toContain("✗ square(3) is 9 [0/1]: square(3) should be 9");
    expect(res.tests[3].output).toContain("✗ absVal(-2) [0/0.5]: 1 of 1 values differ; worst at the scalar: got -1, expected 2");
    expect(res.output).toContain('the test cell of "q1_relu" appears 2 times');
    expect(res.output).toContain('its metadata says grade_id "zzz" but it holds the tests of "q2_square"');
    expect(res.output).toContain('the test cell of "q3_cube" is missing from the notebook; graded with the original tests');
    expect(res.output).toMatch(/cell 4: KernelBroken: the kernel stopped answering properly \(\w+\); it was skipped in a fresh kernel/);
    expect(fs.existsSync(path.join(root, "results", "feedback.html"))).toBe(true);
  });
});
