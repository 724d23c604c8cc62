// `deeprob-ts run` end to end: the compiled CLI, Debian's nbclient and our real kernel, in an
// isolated Jupyter home. Outputs are found by type and content, not by position (STYLE 13).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installKernelSpec, kernelSpec } from "../../kernel-ext/kernelspec";
import { descendants, isAlive } from "./helpers/jupyter";
import { CLI, copyFixture, joined, jupyterHome, readCells, runCli, snapshot, type JupyterHome, type Output } from "./fixtures/env";

let home: JupyterHome;
let work: string;
beforeAll(() => {
  home = jupyterHome({ kernel: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-cli-run-"));
});
afterAll(() => {
  home?.cleanup();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const outputs = (file: string): Output[] => readCells(file).flatMap((c) => c.outputs ?? []);

describe("deeprob-ts run: success", () => {
  it("executes every cell and writes <name>.nbconvert.ipynb with all output kinds; the input is untouched", async () => {
    const dir = fs.mkdtempSync(path.join(work, "ok-"));
    const input = copyFixture("smoke.ipynb", dir);
    const before = snapshot(input);
    const r = await runCli(["run", input], { env: home.env, cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("5 code cell(s) ran; wrote smoke.nbconvert.ipynb");
    expect(snapshot(input)).toEqual(before);
    const out = outputs(path.join(dir, "smoke.nbconvert.ipynb"));
    expect(out.filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => joined(o.text))).toEqual(["stdout says 42\n"]);
    expect(out.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => joined(o.text))).toEqual(["stderr says 43\n"]);
    const results = out.filter((o) => o.output_type === "execute_result");
    expect(results.map((o) => [o.execution_count, joined(o.data?.["text/plain"])])).toEqual([[3, "21"], [5, "card 42"]]);
    expect(joined(results[1].data?.["text/html"])).toBe("<i>card 42</i>");
    const shown = out.filter((o) => o.output_type === "display_data");
    expect(shown.map((o) => [joined(o.data?.["text/html"]), joined(o.data?.["text/plain"])])).toEqual([['<b id="smoke">bold smoke</b>', "plain smoke"]]);
    expect(fs.readdirSync(dir).sort()).toEqual(["smoke.ipynb", "smoke.nbconvert.ipynb"]); // no temp files left
  });

  it("--inplace rewrites the input with its outputs after a clean run; --out writes elsewhere", async () => {
    const dir = fs.mkdtempSync(path.join(work, "inplace-"));
    const input = copyFixture("smoke.ipynb", dir);
    const r = await runCli(["run", "--inplace", "smoke.ipynb"], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(outputs(input).some((o) => o.output_type === "display_data")).toBe(true);
    const target = path.join(dir, "sub", "done.ipynb");
    const r2 = await runCli(["run", input, "--out", target], { env: home.env, cwd: dir });
    expect(r2.code, r2.stderr).toBe(0);
    expect(outputs(target).filter((o) => o.output_type === "execute_result").length).toBe(2);
  });
});

describe("deeprob-ts run: several notebooks", () => {
  it("runs each, writes each output, and exits 1 when any failed", async () => {
    const dir = fs.mkdtempSync(path.join(work, "many-"));
    const ok = copyFixture("smoke.ipynb", dir);
    const bad = copyFixture("failing.ipynb", dir);
    const r = await runCli(["run", bad, ok], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("smoke.ipynb: 5 code cell(s) ran; wrote smoke.nbconvert.ipynb");
    expect(r.stderr).toContain("RangeError: smoke failure 42");
    expect(r.stderr).toContain("run: not every notebook succeeded");
    expect(fs.readdirSync(dir).sort()).toEqual(["failing.ipynb", "failing.nbconvert.ipynb", "smoke.ipynb", "smoke.nbconvert.ipynb"]);
  });

  it("checks every input before running any, and refuses --out with several notebooks", async () => {
    const dir = fs.mkdtempSync(path.join(work, "many-bad-"));
    const ok = copyFixture("smoke.ipynb", dir);
    const r = await runCli(["run", ok, path.join(dir, "absent.ipynb")], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("absent.ipynb: no such file");
    expect(fs.readdirSync(dir)).toEqual(["smoke.ipynb"]); // smoke.ipynb did not run
    const r2 = await runCli(["run", ok, ok, "--out", "x.ipynb"], { env: home.env, cwd: dir });
    expect(r2.code, r2.stderr).toBe(2);
    expect(r2.stderr).toContain("run: --out names one output file, but 2 notebooks were given");
  });
});

describe("deeprob-ts run: a failing cell", () => {
  it("exits 1, prints cell, source, ename and evalue, writes the error to the output and leaves the input untouched", async () => {
    const dir = fs.mkdtempSync(path.join(work, "fail-"));
    const input = copyFixture("failing.ipynb", dir);
    const before = snapshot(input);
    const r = await runCli(["run", input], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`run: ${input}: error in cell 3 (In [2])`);
    // The line of the throw, from the kernel's cell-source frame (cell[2]:2:7 is `new`).
    expect(r.stderr).toContain("\n  line 2: throw new RangeError(`smoke failure ${n + 1}`);\n");
    expect(r.stderr).toContain("RangeError: smoke failure 42");
    expect(r.stderr).toContain("    at cell[2]:2:7");
    expect(r.stderr).toContain("----> 2 throw new RangeError(`smoke failure ${n + 1}`);");
    expect(snapshot(input)).toEqual(before);
    const cells = readCells(path.join(dir, "failing.nbconvert.ipynb"));
    expect((cells[2].outputs ?? []).filter((o) => o.output_type === "error").map((o) => [o.ename, o.evalue])).toEqual([["RangeError", "smoke failure 42"]]);
    expect(cells[3].outputs ?? []).toEqual([]); // the run stopped at the error
  });

  it("--inplace with a failing cell leaves the input byte-identical and writes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(work, "fail-inplace-"));
    const input = copyFixture("failing.ipynb", dir);
    const before = snapshot(input);
    const r = await runCli(["run", "--inplace", input], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`run: ${input} was not modified`);
    expect(snapshot(input)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(["failing.ipynb"]);
  });

  it("points at the line of a type error", async () => {
    const dir = fs.mkdtempSync(path.join(work, "tserr-"));
    const input = copyFixture("type-error.ipynb", dir);
    const r = await runCli(["run", input], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("error in cell 2 (In [2])");
    expect(r.stderr).toContain('line 2: const s: number = "not a number";');
    expect(r.stderr).toContain("TSError: 2:7 - Type 'string' is not assignable to type 'number'.");
  });

  it("--allow-errors runs every cell, reports the error, and exits 0", async () => {
    const dir = fs.mkdtempSync(path.join(work, "allow-"));
    const input = copyFixture("failing.ipynb", dir);
    const r = await runCli(["run", "--allow-errors", input], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("RangeError: smoke failure 42");
    const cells = readCells(path.join(dir, "failing.nbconvert.ipynb"));
    expect((cells[3].outputs ?? []).map((o) => joined(o.text))).toEqual(["must not run\n"]);
  });

  it("--timeout interrupts a cell that runs too long and says so", async () => {
    const dir = fs.mkdtempSync(path.join(work, "timeout-"));
    const input = path.join(dir, "loop.ipynb");
    fs.writeFileSync(input, JSON.stringify({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [{ cell_type: "code", id: "c1", metadata: {}, execution_count: null, outputs: [], source: "let i = 0;\nwhile (true) { i++; }" }],
    }));
    const before = snapshot(input);
    const r = await runCli(["run", "--timeout", "3", input], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`run: ${input}: cell 1 (In [1]) timed out`);
    expect(snapshot(input)).toEqual(before);
  });
});

describe("deeprob-ts run: Ctrl-C", () => {
  it("SIGINT during a busy cell stops the kernel, exits 130, and leaves the input and folder as they were", async () => {
    const dir = fs.mkdtempSync(path.join(work, "sigint-"));
    const input = path.join(dir, "loop.ipynb");
    fs.writeFileSync(input, JSON.stringify({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [{ cell_type: "code", id: "c1", metadata: {}, execution_count: null, outputs: [], source: "let i = 0;\nwhile (true) { i++; }" }],
    }));
    const before = snapshot(input);
    const child = spawn(process.execPath, [CLI, "run", input], { env: home.env, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const tracked = new Set<number>();
    try {
      // Wait until our kernel runs (a launcher.js process under the CLI), then interrupt.
      const isKernel = (p: number) => { try { return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("launcher.js"); } catch { return false; } };
      for (let i = 0; i < 600 && !descendants(child.pid!).some(isKernel); i++) await sleep(100);
      for (const p of descendants(child.pid!)) tracked.add(p);
      expect([...tracked].some(isKernel), stderr).toBe(true);
      await sleep(3000); // the busy cell is running by now
      for (const p of descendants(child.pid!)) tracked.add(p);
      child.kill("SIGINT");
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      expect(code, stderr).toBe(130);
      expect(stderr).toContain(`run: interrupted; ${input} was not modified`);
      expect(snapshot(input)).toEqual(before);
      expect(fs.readdirSync(dir)).toEqual(["loop.ipynb"]);
      let alive: number[] = [];
      for (let i = 0; i < 100; i++) {
        alive = [...tracked].filter(isAlive);
        if (alive.length === 0) break;
        await sleep(100);
      }
      expect(alive).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      for (const p of tracked) { try { process.kill(p, "SIGKILL"); } catch { /* gone */ } }
    }
  });
});

describe("deeprob-ts run: bad input never touches the file", () => {
  const cases: Array<[string, string | null, RegExp]> = [
    ["missing.ipynb", null, /run: .*missing\.ipynb: no such file/],
    ["broken.ipynb", '{"cells": [', /run: .*broken\.ipynb is not a notebook: malformed JSON/],
    ["list.ipynb", "[1, 2, 3]", /run: .*list\.ipynb is not a notebook: expected a JSON object with "nbformat" and a "cells" list/],
    ["old.ipynb", '{"nbformat": 3, "cells": []}', /run: .*old\.ipynb is nbformat 3; expected 4/],
    ["invalid.ipynb", '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": 7}]}', /run: .*invalid\.ipynb is not a valid notebook: /],
  ];
  it.each(cases)("%s: exit 2, a message naming the file and the problem", async (name, text, message) => {
    const dir = fs.mkdtempSync(path.join(work, "bad-"));
    const file = path.join(dir, name);
    if (text !== null) fs.writeFileSync(file, text);
    const before = text !== null ? snapshot(file) : null;
    const r = await runCli(["run", file], { env: home.env, cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    if (before) expect(snapshot(file)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(text !== null ? [name] : []);
  });

  it("a folder: exit 2", async () => {
    const r = await runCli(["run", work], { env: home.env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`run: ${work} is a directory, not a notebook (.ipynb) file`);
  });

  it("no notebook argument: exit 2 with usage", async () => {
    const r = await runCli(["run"], { env: home.env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("missing required argument 'notebooks'");
    expect(r.stderr).toContain("Usage: deeprob-ts run");
  });
});

describe("deeprob-ts run: environment problems say what to run", () => {
  it("Jupyter missing: exit 3, names npm run setup and the apt-get packages", async () => {
    const dir = fs.mkdtempSync(path.join(work, "nojup-"));
    const input = copyFixture("smoke.ipynb", dir);
    const before = snapshot(input);
    const r = await runCli(["run", input], { env: { ...home.env, DEEPROB_PYTHON: path.join(dir, "no-such-python3") }, cwd: dir });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain("no-such-python3 does not exist");
    expect(r.stderr).toContain("`npm run setup`");
    expect(r.stderr).toContain("apt-get install jupyter-notebook jupyter-nbconvert");
    expect(snapshot(input)).toEqual(before);
  });

  it("kernelspec not installed: exit 3, says to run deeprob-ts install", async () => {
    const bare = jupyterHome();
    try {
      const dir = fs.mkdtempSync(path.join(work, "nospec-"));
      const r = await runCli(["run", copyFixture("smoke.ipynb", dir)], { env: bare.env, cwd: dir });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain("the deeprob-ts kernelspec is not installed. Run `deeprob-ts install`");
    } finally {
      bare.cleanup();
    }
  });

  it("an old kernelspec (launcher moved away): exit 3, names the missing path and says to run deeprob-ts install", async () => {
    const old = jupyterHome();
    try {
      const gone = path.join(old.dir, "old-checkout", "dist", "kernel-ext", "launcher.js");
      installKernelSpec(old.kernelDir, kernelSpec({ nodePath: process.execPath, launcherPath: gone, version: "0.0.1" }));
      const dir = fs.mkdtempSync(path.join(work, "oldspec-"));
      const r = await runCli(["run", copyFixture("smoke.ipynb", dir)], { env: old.env, cwd: dir });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`is old: it points to ${gone}, which does not exist`);
      expect(r.stderr).toContain("`deeprob-ts install`");
    } finally {
      old.cleanup();
    }
  });
});
