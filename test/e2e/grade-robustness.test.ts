// A submission that hangs, exits and runs out of memory: each question scores 0 with its reason,
// the kernel is replaced after each death, the last question is still graded, and results.json
// is written. One grading run covers the four cases (each needs a fresh kernel anyway).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "./fixtures/env";
import { answer, code, insertAfter, readNb, writeNb } from "./fixtures/grading/submissions";

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-grade-rob-"));
  const a = await runCli(["assign", path.join(FIXTURES, "grading", "mini-source.ipynb"), "--out", path.join(dir, "release"), "--cell-timeout", "40", "--memory", "768"], { cwd: dir });
  if (a.code !== 0) throw new Error(a.stderr);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("grading a submission that loops, exits and exhausts memory", () => {
  it("scores each failure 0 with its reason and grades the rest", async () => {
    const nb = readNb(path.join(dir, "release", "student", "mini-source.ipynb"));
    answer(nb, "relu_impl", "function relu(x: number[]): number[] { while (true) { /* never returns */ } }");
    answer(nb, "square_impl", "function square(x: number): number { process.exit(3); }");
    answer(nb, "cube_impl", "function cube(x: number): number { const keep: number[][] = []; for (;;) keep.push(new Array(1 << 20).fill(x)); }");
    answer(nb, "abs_impl", "function absVal(x: number): number { return x < 0 ? -x : x; }");
    // A top-level cell that kills the kernel while the student's code runs: skipped in a fresh kernel.
    insertAfter(nb, "setup", code("process.exit(1);"));
    const file = path.join(dir, "sub.ipynb");
    writeNb(file, nb);
    const out = path.join(dir, "graded");
    const r = await runCli(["grade", file, "--autograder", path.join(dir, "release", "autograder"), "--out", out], { cwd: dir, timeoutMs: 900_000 });
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
    expect(res.tests.map((t: { name: string; score: number }) => [t.name, t.score])).toEqual([["q1_relu", 0], ["q2_square", 0], ["q3_cube", 0], ["q4_abs", 1]]);
    expect(res.tests[0].output).toMatch(/^timed out: /);
    expect(res.tests[1].output).toMatch(/^the kernel died while running these tests/);
    expect(res.tests[2].output).toContain("(the kernel ran out of memory)");
    expect(res.tests[3].output).toContain("✓ hidden test: absVal of a fraction [0.5/0.5]: passed");
    expect(res.output).toContain("cell 3: the kernel died running it (process.exit, a crash or out of memory); it was skipped in a fresh kernel");
    expect(res.score).toBe(1);
  });

  it("writes results.json for malformed JSON and for a file that is not a notebook", async () => {
    for (const [name, text, why] of [
      ["broken.ipynb", '{"cells": [', "could not read the submission: broken.ipynb is not a notebook: malformed JSON"],
      ["list.ipynb", "[1, 2, 3]", 'could not read the submission: list.ipynb is not a notebook: expected a JSON object with a "cells" list (nbformat 4)'],
    ] as const) {
      fs.writeFileSync(path.join(dir, name), text);
      const out = path.join(dir, `graded-${name}`);
      const r = await runCli(["grade", path.join(dir, name), "--autograder", path.join(dir, "release", "autograder"), "--out", out], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const res = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
      expect([res.score, res.max_score, res.tests.length]).toEqual([0, 7, 4]);
      expect(res.output).toContain(why);
    }
  });

  it("stops at the total time limit and reports the questions it could not reach", async () => {
    const nb = readNb(path.join(dir, "release", "student", "mini-source.ipynb"));
    insertAfter(nb, "setup", code("const t0 = Date.now();\nwhile (Date.now() - t0 < 120_000) { /* busy for two minutes */ }"));
    const file = path.join(dir, "slow.ipynb");
    writeNb(file, nb);
    const out = path.join(dir, "graded-slow");
    const r = await runCli(["grade", file, "--autograder", path.join(dir, "release", "autograder"), "--out", out, "--total-timeout", "25"], { cwd: dir, timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
    expect(res.score).toBe(0);
    expect(res.output).toContain("cell 3: timed out and was interrupted");
    for (const t of res.tests) expect(t.output).toBe("not graded: the total time limit (25 s) was reached");
  });
});
