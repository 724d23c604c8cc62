// setup.sh and run_autograder as bash runs them: syntax, the Node floor matching package.json,
// setup.sh stopping without a tarball, and run_autograder's results.json when the tool fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APT_PACKAGES, MIN_NODE, runAutograderScript, setupScript } from "../../../../kernel-ext/grading/autograder-files";
import { packageRoot } from "../../../../kernel-ext/jupyter-env";

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-agfiles-")); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text, { mode: 0o755 });
  return f;
}

describe("setup.sh", () => {
  it("parses, and requires the Node version package.json's engines names", () => {
    const f = script("setup.sh", setupScript());
    expect(spawnSync("bash", ["-n", f]).status).toBe(0);
    const engines = (JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${MIN_NODE[0]}.${MIN_NODE[1]}`);
    expect(setupScript()).toContain(`https://deb.nodesource.com/setup_${MIN_NODE[0]}.x`);
    // What `grade` imports in Python (nbclient, nbformat, jupyter_client) and the isolation tools.
    for (const p of ["python3-nbclient", "python3-nbformat", "python3-jupyter-client", "util-linux"]) expect(APT_PACKAGES).toContain(p);
  });

  // Debian 12 and Ubuntu 22.04 name these packages alike; apt's simulation (-s) checks every
  // name resolves without installing anything. Skipped where apt has no package lists.
  it.skipIf(!fs.existsSync("/usr/bin/apt-get") || fs.readdirSync("/var/lib/apt/lists").filter((f) => f.includes("_Packages")).length === 0)(
    "asks apt for packages that exist", () => {
      const r = spawnSync("apt-get", ["install", "-s", "--no-install-recommends", ...APT_PACKAGES], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(spawnSync("apt-get", ["install", "-s", "python3-no-such-package"], { encoding: "utf8" }).status).not.toBe(0);
    });

  it("stops with a message when the bundle has no deeprob-ts tarball (system steps skipped)", () => {
    const f = script("setup.sh", setupScript());
    const r = spawnSync("bash", [f], { encoding: "utf8", env: { ...process.env, DEEPROB_SETUP_SKIP_SYSTEM: "1" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`setup.sh: expected one deeprob-ts-*.tgz in ${dir}, found 0; re-run \`deeprob-ts assign\` and upload its autograder.zip\n`);
  });

  it("refuses a Node older than the floor", () => {
    const bin = path.join(dir, "old-node-bin");
    fs.mkdirSync(bin, { recursive: true });
    // A `node` that reports 20.18.9 (the last release below the floor) to the version check.
    fs.writeFileSync(path.join(bin, "node"), `#!/bin/sh\nif [ "$1" = --version ]; then echo v20.18.9; exit 0; fi\nexec ${process.execPath} -e "$(printf %s "$2" | sed 's/process.versions.node/"20.18.9"/')"\n`, { mode: 0o755 });
    const f = script("setup.sh", setupScript());
    const r = spawnSync("bash", [f], { encoding: "utf8", env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DEEPROB_SETUP_SKIP_SYSTEM: "1" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`setup.sh: deeprob-ts needs Node.js >= ${MIN_NODE[0]}.${MIN_NODE[1]}; found v20.18.9\n`);
  });
});

describe("run_autograder", () => {
  it("writes a valid results.json with the tool's error when grading cannot start", () => {
    const root = path.join(dir, "ag");
    fs.mkdirSync(root, { recursive: true });
    const f = script("run_autograder", runAutograderScript());
    const failing = script("failing-tool.sh", `echo 'deeprob-ts grade: cannot read "/x"\\y\ttab' >&2\nexit 3\n`);
    const r = spawnSync("bash", [f], { encoding: "utf8", env: { ...process.env, AUTOGRADER_ROOT: root, DEEPROB_TS: `bash ${failing}` } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("deeprob-ts grade: cannot read");
    const res = JSON.parse(fs.readFileSync(path.join(root, "results", "results.json"), "utf8"));
    expect(res).toEqual({ score: 0, output: 'The autograder failed to start (exit 3); please tell your instructor.\ndeeprob-ts grade: cannot read "/x"\\y tab\n', tests: [] });
  });
});
