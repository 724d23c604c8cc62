// `assign` and `grade` input checks (the commands live in kernel-ext/commands/; these tests sit
// with the grading tests because the grading engineer owns both).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assign } from "../../../../kernel-ext/commands/assign";
import { findSubmissions, grade, pickIsolation } from "../../../../kernel-ext/commands/grade";
import { checkTarball } from "../../../../kernel-ext/grading/package-tarball";

const MINI = path.resolve(__dirname, "../../../e2e/fixtures/grading/mini-source.ipynb");
let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-grading-cmd-")); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("assign", () => {
  it("writes the student notebook and a bundle whose tests.json only its owner can read", () => {
    const msg = assign(MINI, { out: path.join(dir, "rel") });
    expect(msg).toMatch(/^assign: mini-source\.ipynb: 4 question\(s\), 7 point\(s\); wrote /);
    const version = (JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../../package.json"), "utf8")) as { version: string }).version;
    const tgz = `deeprob-ts-${version}.tgz`;
    expect(msg).toMatch(new RegExp(`\\(tests\\.json, config\\.json, setup\\.sh, run_autograder, ${tgz.replace(/\./g, "\\.")}\\) and .*rel/autograder\\.zip \\(upload it to Gradescope as the autograder\\)$`));
    expect(fs.readdirSync(path.join(dir, "rel", "autograder")).sort()).toEqual(["config.json", tgz, "run_autograder", "setup.sh", "tests.json"]);
    // The tarball is an installable build: the CLI is in it, the tests are not.
    const files = checkTarball(path.join(dir, "rel", "autograder", tgz)).files;
    expect(files).toContain("dist/kernel-ext/cli.js");
    expect(files.filter((f) => f.startsWith("test/"))).toEqual([]);
    // autograder.zip: Gradescope's layout (setup.sh and run_autograder at the root), owner-only.
    const zip = path.join(dir, "rel", "autograder.zip");
    expect(fs.statSync(zip).mode & 0o777).toBe(0o600);
    const listed = spawnSync("unzip", ["-Z1", zip], { encoding: "utf8" }).stdout.trim().split("\n");
    expect(listed).toEqual(["setup.sh", "run_autograder", tgz, "tests.json", "config.json"]);
    expect(fs.statSync(path.join(dir, "rel", "autograder", "tests.json")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "rel", "autograder", "config.json"), "utf8"))).toEqual({ cellTimeout: 60, totalTimeout: 900, maxRestarts: 3, memoryMb: 2048, visibility: "visible", notebook: "mini-source.ipynb" });
  });
  it("with --no-gradescope writes no tarball and removes a stale autograder.zip", () => {
    const out = path.join(dir, "local");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "autograder.zip"), "stale");
    expect(assign(MINI, { out, gradescope: false })).toMatch(/\(tests\.json, config\.json, setup\.sh, run_autograder\)$/);
    expect(fs.readdirSync(path.join(out, "autograder")).sort()).toEqual(["config.json", "run_autograder", "setup.sh", "tests.json"]);
    expect(fs.existsSync(path.join(out, "autograder.zip"))).toBe(false);
  });
  it("bundles a given --package tarball, and says what it wrote when the tarball is unusable", () => {
    const given = path.join(dir, "rel", "autograder", fs.readdirSync(path.join(dir, "rel", "autograder")).find((f) => f.endsWith(".tgz"))!);
    expect(assign(MINI, { out: path.join(dir, "given"), package: given })).toContain(path.basename(given));
    const bogus = path.join(dir, "bogus.tgz");
    fs.writeFileSync(bogus, "x");
    expect(() => assign(MINI, { out: path.join(dir, "bogus"), package: bogus })).toThrow(/^assign: wrote mini-source\.ipynb: .*, but not the Gradescope package: .*bogus\.tgz: not a readable \.tgz/);
  });
  it("names the cell and line of a marker problem, and rejects bad limits", () => {
    const nb = JSON.parse(fs.readFileSync(MINI, "utf8"));
    nb.cells[2].source = "function relu() {\n  // BEGIN SOLUTION\n  return 1;\n}";
    const bad = path.join(dir, "bad.ipynb");
    fs.writeFileSync(bad, JSON.stringify(nb));
    expect(() => assign(bad, { out: path.join(dir, "x") })).toThrow('assign: bad.ipynb: cell 3, line 2: "BEGIN SOLUTION" on line 2 is never closed with "// END SOLUTION"');
    expect(() => assign(MINI, { out: path.join(dir, "y"), cellTimeout: "soon" })).toThrow('assign: --cell-timeout expects a positive number, got "soon"');
    expect(() => assign(path.join(dir, "none.ipynb"), { out: path.join(dir, "z") })).toThrow(/assign: .*none\.ipynb: no such file/);
  });
});

describe("readBundle", () => {
  it("rejects a visibility Gradescope does not know", async () => {
    const { readBundle } = await import("../../../../kernel-ext/grading/bundle");
    const cfg = path.join(dir, "rel", "autograder", "config.json");
    const saved = fs.readFileSync(cfg, "utf8");
    fs.writeFileSync(cfg, JSON.stringify({ ...JSON.parse(saved), visibility: "later" }));
    expect(() => readBundle(path.join(dir, "rel", "autograder"))).toThrow(`${cfg}: visibility must be one of visible, hidden, after_due_date, after_published, got "later"`);
    fs.writeFileSync(cfg, saved);
  });
});

describe("grade input checks", () => {
  it("explains a folder that is not an autograder bundle, and finds submissions in a folder", async () => {
    await expect(grade(MINI, { autograder: dir })).rejects.toThrow(`grade: ${path.join(dir, "tests.json")}: no such file (is this the folder \`deeprob-ts assign\` wrote as autograder/?)`);
    const subs = path.join(dir, "subs");
    fs.mkdirSync(path.join(subs, "bob"), { recursive: true });
    for (const f of ["a.ipynb", "bob/hw.ipynb", ".hidden.ipynb", "notes.txt"]) fs.writeFileSync(path.join(subs, f), "{}");
    expect(findSubmissions(subs, "hw.ipynb").map((f) => path.relative(subs, f))).toEqual(["a.ipynb", "bob/hw.ipynb"]);
    expect(findSubmissions(path.join(subs, "bob"), "hw.ipynb").map((f) => path.relative(subs, f))).toEqual(["bob/hw.ipynb"]);
    expect(() => findSubmissions(path.join(dir, "nope"), "hw.ipynb")).toThrow(`grade: ${path.join(dir, "nope")}: no such file or folder`);
  });
  it("takes --isolation, rejects unknown modes, and never falls back silently from the one asked for", () => {
    expect(pickIsolation("none")).toBe("none");
    expect(() => pickIsolation("sandbox")).toThrow('grade: --isolation expects one of auto, namespaces, user, none, got "sandbox"');
    if (process.getuid?.() === 0) expect(pickIsolation("user")).toBe("user");
    else expect(() => pickIsolation("user")).toThrow(/^grade: isolation "user" runs kernels as nobody and needs root/);
  });
});
