// The Gradescope autograder as Gradescope uses it, minus apt and Node (DEEPROB_SETUP_SKIP_SYSTEM):
// `assign` writes autograder.zip; it is unzipped into <root>/source, setup.sh installs the bundled
// deeprob-ts tarball with npm (offline, from the npm cache) into a temp prefix and the kernelspec
// into a temp Jupyter prefix; run_autograder then grades with the *installed* deeprob-ts (not this
// checkout) and writes results.json. Then the same install inside a private (0700) folder: with
// isolation "user" grading refuses to start and says which folder nobody cannot search.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTarball } from "../../kernel-ext/grading/package-tarball";
import { FIXTURES, runCli, runProcess } from "./fixtures/env";

const MINI = path.join(FIXTURES, "grading", "mini-source.ipynb");
const AS_ROOT = process.getuid?.() === 0;
let dir: string, root: string, prefix: string, jupyterPrefix: string;

// npx/npm run export npm_config_prefix=/usr (and more) to this process: drop every npm_* variable,
// or npm would install into the machine's real global prefix.
const withoutNpmVars = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const setupEnv = () => ({ ...withoutNpmVars(), DEEPROB_SETUP_SKIP_SYSTEM: "1", npm_config_prefix: prefix, npm_config_offline: "true", npm_config_update_notifier: "false", DEEPROB_JUPYTER_PREFIX: jupyterPrefix });
// The installed command first on PATH, as after setup.sh on Gradescope; no DEEPROB_TS override.
const gradeEnv = (isolation: string) => {
  const env: NodeJS.ProcessEnv = { ...withoutNpmVars(), PATH: `${path.join(prefix, "bin")}:${process.env.PATH}`, AUTOGRADER_ROOT: root, DEEPROB_GRADE_ISOLATION: isolation };
  delete env.DEEPROB_TS;
  return env;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-gradescope-"));
  fs.chmodSync(dir, 0o755); // mkdtemp makes it 0700; the private case below puts that back
  root = path.join(dir, "autograder");
  prefix = path.join(dir, "npm-prefix");
  jupyterPrefix = path.join(dir, "jupyter-prefix");
  const r = await runCli(["assign", MINI, "--out", path.join(dir, "release")], { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
  // Gradescope: the zip into /autograder/source, run_autograder copied to /autograder.
  fs.mkdirSync(path.join(root, "source"), { recursive: true });
  fs.mkdirSync(path.join(root, "submission"));
  const unzip = await runProcess("unzip", ["-q", path.join(dir, "release", "autograder.zip"), "-d", path.join(root, "source")]);
  if (unzip.code !== 0) throw new Error(unzip.stderr);
  fs.copyFileSync(path.join(root, "source", "run_autograder"), path.join(root, "run_autograder"));
  fs.copyFileSync(MINI, path.join(root, "submission", "mini-source.ipynb")); // the solution: full marks
});
afterAll(() => { if (!process.env.KEEP_GRADE_TMP) fs.rmSync(dir, { recursive: true, force: true }); else console.log("kept", dir); });

describe("Gradescope bundle: setup.sh then run_autograder with the installed package", () => {
  it("setup.sh installs the bundled tarball and the kernelspec, and can run again", { timeout: 400_000 }, async () => {
    const globalBin = path.join(path.dirname(path.dirname(process.execPath)), "bin", "deeprob-ts");
    const wasGlobal = fs.existsSync(globalBin);
    const first = await runProcess("bash", [path.join(root, "source", "setup.sh")], { cwd: path.join(root, "source"), env: setupEnv(), timeoutMs: 170_000 });
    expect(first.code, first.stderr).toBe(0);
    const pkg = path.join(prefix, "lib", "node_modules", "deeprob-ts");
    const kernelDir = path.join(jupyterPrefix, "share", "jupyter", "kernels", "deeprob-ts");
    expect(first.stdout).toContain(`Kernel "TypeScript (deeprob-ts)" installed in ${kernelDir}`);
    expect(fs.existsSync(path.join(pkg, "test"))).toBe(false);
    // Jupyter resolves the kernelspec to the installed launcher.
    const ks = await runProcess("/usr/bin/jupyter", ["kernelspec", "list", "--json"], { env: { ...process.env, JUPYTER_PATH: path.join(jupyterPrefix, "share", "jupyter") } });
    const spec = (JSON.parse(ks.stdout) as { kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[] } }> }).kernelspecs["deeprob-ts"];
    expect(spec.resource_dir).toBe(kernelDir);
    expect(spec.spec.argv.slice(1)).toEqual([path.join(pkg, "dist", "kernel-ext", "launcher.js"), "{connection_file}"]);
    // The installed command documents the Gradescope options.
    const help = await runProcess(path.join(prefix, "bin", "deeprob-ts"), ["grade", "--help"], { env: withoutNpmVars() });
    expect(help.code).toBe(0);
    for (const s of ["--isolation <mode>", "3 environment (Jupyter missing, or files the isolated kernel user cannot read)"]) expect(help.stdout.replace(/\s+/g, " ")).toContain(s);
    const assignHelp = await runProcess(path.join(prefix, "bin", "deeprob-ts"), ["assign", "--help"], { env: withoutNpmVars() });
    for (const s of ["--package <tgz>", "--no-gradescope", "upload <dir>/autograder.zip"]) expect(assignHelp.stdout.replace(/\s+/g, " ")).toContain(s);
    // assign run from the installed package (no checkout, no build) bundles an equivalent tarball.
    const again2 = path.join(dir, "release-from-installed");
    const re = await runProcess(path.join(prefix, "bin", "deeprob-ts"), ["assign", MINI, "--out", again2], { cwd: dir, env: withoutNpmVars() });
    expect(re.code, re.stderr).toBe(0);
    const tgz = fs.readdirSync(path.join(root, "source")).find((f) => f.endsWith(".tgz"))!;
    expect(checkTarball(path.join(again2, "autograder", tgz)).files.sort()).toEqual(checkTarball(path.join(root, "source", tgz)).files.sort());
    // The installed library computes, and finds its shipped data.
    const lib = await runProcess(process.execPath, ["-e", `const dr = require(${JSON.stringify(pkg)}); console.log(dr.tensor([1, 2, 4]).sum().item(), dr.data.loadDigits().X.shape.join("x"))`], { cwd: os.tmpdir() });
    expect(lib.stdout.trim(), lib.stderr).toBe("7 1797x64");
    const again = await runProcess("bash", [path.join(root, "source", "setup.sh")], { cwd: path.join(root, "source"), env: setupEnv(), timeoutMs: 170_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Kernel "TypeScript (deeprob-ts)" is already installed in ${kernelDir} (unchanged).`);
    expect(fs.existsSync(globalBin), "setup.sh must install into the temp prefix only").toBe(wasGlobal);
  });

  it("run_autograder grades the submission with the installed deeprob-ts into a results.json Gradescope accepts", async () => {
    const isolation = AS_ROOT ? "user" : "namespaces"; // Gradescope's Docker runs as root without namespaces
    const r = await runProcess("bash", [path.join(root, "run_autograder")], { cwd: root, env: gradeEnv(isolation), timeoutMs: 170_000 });
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(fs.readFileSync(path.join(root, "results", "results.json"), "utf8"));
    // Gradescope's specification: score, execution_time, output, visibility, stdout_visibility, and
    // tests with score, max_score, name, number, output, status, visibility.
    expect(Object.keys(res).sort()).toEqual(["execution_time", "max_score", "output", "score", "stdout_visibility", "tests", "visibility"]);
    expect(res.tests.map((t: Record<string, unknown>) => [t.name, t.score, t.max_score, t.status, t.visibility])).toEqual([
      ["q1_relu", 2, 2, "passed", "visible"], ["q2_square", 3, 3, "passed", "visible"], ["q3_cube", 1, 1, "passed", "visible"], ["q4_abs", 1, 1, "passed", "visible"]]);
    expect([res.score, res.max_score]).toEqual([7, 7]);
    expect(typeof res.execution_time).toBe("number");
  });
});

describe.skipIf(!AS_ROOT)("isolation \"user\" with the package inside a private (0700) folder", () => {
  it("grade stops with exit 3, names the folder and the fixes, and writes no results.json", async () => {
    fs.chmodSync(dir, 0o700);
    try {
      const out = path.join(root, "private-out");
      const r = await runProcess(path.join(prefix, "bin", "deeprob-ts"), ["grade", path.join(root, "submission"), "--autograder", path.join(root, "source"), "--out", out, "--gradescope", "--isolation", "user"], { cwd: os.tmpdir() });
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(`deeprob-ts grade: isolation "user" runs the kernels as nobody (uid 65534), who cannot search the folder ${dir} (mode 0700), ` +
        `on the way to ${path.join(prefix, "lib", "node_modules", "deeprob-ts", "dist", "kernel-ext", "launcher.js")}; every kernel would fail to start and every question would score 0. ` +
        `Fix one of: \`chmod o+x ${dir}\` (and \`chmod -R o+rX ${path.join(prefix, "lib", "node_modules", "deeprob-ts")}\` if its files are private too); ` +
        "install deeprob-ts where everyone can read it (`npm install -g <deeprob-ts-*.tgz>`, as the Gradescope setup.sh does); " +
        "or run with --isolation namespaces (where user namespaces work) or, for trusted submissions only, --isolation none.\n");
      expect(fs.existsSync(path.join(out, "results.json"))).toBe(false);
      // run_autograder still leaves Gradescope a results.json, carrying that reason.
      fs.rmSync(path.join(root, "results"), { recursive: true, force: true });
      const ag = await runProcess("bash", [path.join(root, "run_autograder")], { cwd: os.tmpdir(), env: gradeEnv("user") });
      expect(ag.code).toBe(0);
      const res = JSON.parse(fs.readFileSync(path.join(root, "results", "results.json"), "utf8"));
      expect(res.score).toBe(0);
      expect(res.tests).toEqual([]);
      expect(res.output).toContain(`The autograder failed to start (exit 3); please tell your instructor.\ndeeprob-ts grade: isolation "user" runs the kernels as nobody (uid 65534), who cannot search the folder ${dir} (mode 0700)`);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});
