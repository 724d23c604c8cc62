// `deeprob-ts grade <submission.ipynb|folder> --autograder <dir> [--out <dir>]`: runs each
// submission in a fresh kernel with the hidden tests after the student's code, and writes
// Gradescope's results.json and feedback.html (atomically). A folder of submissions is graded
// in parallel (one kernel per core), with a progress bar and summary.csv.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { readBundle, type GradeConfig } from "../grading/bundle.js";
import { gradeSubmission, type GradeEnv } from "../grading/grade-run.js";
import { accessMessage, kernelUserProblem, requireProblem } from "../grading/isolation-check.js";
import { chooseIsolation, isolationAvailable, type Isolation } from "../grading/isolation.js";
import { writeAtomic } from "../grading/notebook.js";
import { feedbackHtml, gradescopeResults, type GradescopeResults } from "../grading/results.js";
import { defaultPython, launcherPath, missingJupyter, packageRoot, probeJupyter } from "../jupyter-env.js";
import { CommandError, EXIT } from "./command-error.js";

export interface GradeOptions { autograder: string; out?: string; jobs?: string; gradescope?: boolean; cellTimeout?: string; totalTimeout?: string; python?: string; isolation?: string }

const ISOLATIONS = ["auto", "namespaces", "user", "none"];

/**
 * The submissions under `target`: the file itself; in a folder with one notebook (Gradescope's
 * submission/), that notebook; else every .ipynb in the folder and its direct subfolders.
 * @example findSubmissions("hw1/alice.ipynb", "hw1.ipynb") // => ["hw1/alice.ipynb"]
 */
export function findSubmissions(target: string, notebook: string): string[] {
  if (!fs.existsSync(target)) throw new CommandError(`grade: ${target}: no such file or folder`, EXIT.badInput);
  if (!fs.statSync(target).isDirectory()) return [target];
  const here = fs.readdirSync(target).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort();
  if (here.includes(notebook) && here.length === 1) return [path.join(target, notebook)];
  const out = here.map((f) => path.join(target, f));
  for (const d of fs.readdirSync(target, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith(".")).sort((a, b) => a.name.localeCompare(b.name))) {
    for (const f of fs.readdirSync(path.join(target, d.name)).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort()) out.push(path.join(target, d.name, f));
  }
  if (out.length === 0) throw new CommandError(`grade: ${target} holds no .ipynb notebooks`, EXIT.badInput);
  return out;
}

/** A stable, unique folder name for a submission's outputs. @example submissionName("subs/alice/hw1.ipynb", "subs") // => "alice__hw1" */
export function submissionName(file: string, root: string): string {
  return path.relative(root, file).replace(/\.ipynb$/, "").split(path.sep).join("__").replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** One CSV field, quoted as RFC 4180 when needed. @example csvField('a,"b"') // => '"a,""b"""' */
export function csvField(s: string | number): string {
  const t = String(s);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function progressBar(done: number, total: number, width = 30): string {
  const n = Math.round((done / total) * width);
  return `[${"#".repeat(n)}${"-".repeat(width - n)}] ${done}/${total}`;
}

/**
 * The isolation to grade with: --isolation, else DEEPROB_GRADE_ISOLATION, else the strongest
 * the machine allows. A mode the machine cannot provide is an error, not a silent downgrade.
 * @example pickIsolation("none") // => "none"
 */
export function pickIsolation(option: string | undefined): Isolation {
  if (option !== undefined && !ISOLATIONS.includes(option)) throw new CommandError(`grade: --isolation expects one of ${ISOLATIONS.join(", ")}, got "${option}"`, EXIT.badInput);
  const mode = option === undefined || option === "auto" ? chooseIsolation() : (option as Isolation);
  if (mode === "namespaces" && !isolationAvailable()) throw new CommandError("grade: isolation \"namespaces\" needs unprivileged user namespaces (`unshare --user --map-root-user --mount --pid` failed here); use --isolation user (as root) or --isolation none", EXIT.environment);
  if (mode === "user" && process.getuid?.() !== 0) throw new CommandError(`grade: isolation "user" runs kernels as nobody and needs root (this is uid ${process.getuid?.() ?? "unknown"}); use --isolation namespaces or none`, EXIT.environment);
  return mode;
}

/** Fails fast when nobody cannot reach the files the kernel needs (else every question scores 0). */
function checkKernelUser(env: GradeEnv): void {
  const root = packageRoot();
  const resolve = (id: string, from: string) => { try { return require.resolve(id, { paths: [from] }); } catch { return null; } };
  const tslab = resolve("tslab/package.json", root);
  const files = [env.launcher, env.runtime, path.join(root, "dist", "lib", "index.js"), path.join(root, "dist", "kernel-ext", "index.js"), tslab,
    tslab && resolve("@tslab/typescript-for-tslab", path.dirname(tslab)), tslab && resolve("zeromq", path.dirname(tslab))].filter((f): f is string => !!f);
  let problem;
  try {
    // The kernel's working folder is made under os.tmpdir(): nobody must be able to enter it.
    problem = kernelUserProblem([{ path: process.execPath, exec: true }, ...files.map((f) => ({ path: f })), { path: os.tmpdir(), dir: true }]) ??
      requireProblem([env.runtime, path.join(root, "dist", "kernel-ext", "converter.js")]);
  } catch (e) {
    throw new CommandError(`grade: --isolation user: ${(e as Error).message}`, EXIT.environment);
  }
  if (problem) throw new CommandError(accessMessage(problem, root), EXIT.environment);
}

function writeResults(dir: string, title: string, r: GradescopeResults): void {
  fs.mkdirSync(dir, { recursive: true });
  writeAtomic(path.join(dir, "results.json"), JSON.stringify(r, null, 1) + "\n");
  writeAtomic(path.join(dir, "feedback.html"), feedbackHtml(title, r));
}

/**
 * Grades; resolves with the exit code.
 * @example await grade("submissions/", { autograder: "release/autograder", out: "graded" }) // => 0
 */
export async function grade(target: string, opts: GradeOptions): Promise<number> {
  if (!opts.autograder) throw new CommandError("grade: --autograder <dir> is required (the autograder/ folder `deeprob-ts assign` wrote)", EXIT.badInput);
  let bundle;
  try { bundle = readBundle(opts.autograder); } catch (e) { throw new CommandError(`grade: ${(e as Error).message}`, EXIT.badInput); }
  const config: GradeConfig = { ...bundle.config };
  for (const [k, v] of [["cellTimeout", opts.cellTimeout], ["totalTimeout", opts.totalTimeout]] as const) {
    if (v === undefined) continue;
    const n = Number(v);
    if (!(n > 0 && Number.isFinite(n))) throw new CommandError(`grade: --${k === "cellTimeout" ? "cell-timeout" : "total-timeout"} expects seconds (a positive number), got "${v}"`, EXIT.badInput);
    config[k] = n;
  }
  let subs = findSubmissions(target, config.notebook);
  if (opts.gradescope && subs.length > 1) {
    // Gradescope: one submission per run. Prefer the assignment's own file name; with several
    // other notebooks, say which were found rather than guessing.
    const named = subs.filter((f) => path.basename(f) === config.notebook);
    if (named.length === 1) subs = named;
    else {
      const why = `expected one notebook named ${config.notebook}; found ${subs.map((f) => path.relative(target, f)).join(", ")}. Submit only your ${config.notebook}.`;
      const out = path.resolve(opts.out ?? "graded");
      writeResults(out, config.notebook, gradescopeResults(bundle.plan.questions.map((q) => ({ id: q.id, score: 0, maxScore: q.points, status: "failed" as const, output: why })), [why], 0));
      process.stdout.write(`grade: ${why}\n`);
      return EXIT.ok;
    }
  }
  const single = subs.length === 1 && (opts.gradescope || !fs.statSync(target).isDirectory() || subs[0] === path.join(target, config.notebook));
  const python = opts.python ?? defaultPython();
  const missing = missingJupyter(probeJupyter(python), ["nbclient", "nbformat", "jupyter_client"], "grade");
  if (missing) throw new CommandError(missing, EXIT.environment);
  const env: GradeEnv = { python, launcher: launcherPath(), runtime: path.join(packageRoot(), "dist", "kernel-ext", "grading", "runtime.js"), hide: [path.resolve(opts.autograder)], isolation: pickIsolation(opts.isolation) };
  if (!fs.existsSync(env.runtime)) throw new CommandError(`grade: ${env.runtime} is missing; run \`npm run build\` first`, EXIT.environment);
  if (env.isolation === "user") checkKernelUser(env);
  if (env.isolation === "none") process.stderr.write("grade: note: neither user namespaces nor root are available here, so submissions could read the autograder folder (hidden tests)\n");
  if (env.isolation === "user") {
    // The kernel runs as nobody: keep the bundle (hidden tests) unreadable to it.
    for (const f of ["tests.json"]) fs.chmodSync(path.join(opts.autograder, f), 0o600);
    fs.chmodSync(opts.autograder, 0o700);
  }
  const out = path.resolve(opts.out ?? "graded");

  if (single) {
    const r = await gradeSubmission(subs[0], bundle.plan, config, env);
    writeResults(out, path.basename(subs[0]), r);
    process.stdout.write(`grade: ${path.basename(subs[0])}: ${r.score}/${r.max_score}; wrote ${path.join(out, "results.json")} and feedback.html\n`);
    return EXIT.ok;
  }

  const root = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  if (opts.jobs !== undefined && !/^[1-9]\d*$/.test(opts.jobs)) throw new CommandError(`grade: --jobs expects a positive integer, got "${opts.jobs}"`, EXIT.badInput);
  const jobs = opts.jobs !== undefined ? Number(opts.jobs) : Math.max(1, os.availableParallelism());
  const rows: string[][] = new Array(subs.length);
  let next = 0, done = 0;
  const tty = process.stderr.isTTY;
  const show = () => process.stderr.write(tty ? `\rgrade: ${progressBar(done, subs.length)}` : `grade: ${done}/${subs.length}\n`);
  show();
  const worker = async () => {
    while (next < subs.length) {
      const i = next++;
      const name = submissionName(subs[i], root);
      const r = await gradeSubmission(subs[i], bundle.plan, config, env);
      writeResults(path.join(out, name), name, r);
      rows[i] = [name, String(r.score), String(r.max_score), ...r.tests.map((t) => String(t.score)), r.tests.some((t) => /timed out|kernel died/.test(t.output)) ? "see feedback" : ""];
      done++;
      show();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, subs.length) }, worker));
  if (tty) process.stderr.write("\n");
  const header = ["submission", "score", "max_score", ...bundle.plan.questions.map((q) => q.id), "notes"];
  writeAtomic(path.join(out, "summary.csv"), [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n");
  process.stdout.write(`grade: ${subs.length} submission(s) graded with ${Math.min(jobs, subs.length)} kernel(s) at a time; wrote ${path.join(out, "summary.csv")}\n`);
  return EXIT.ok;
}

/** Registers `grade` on the program. @example register(new Command("deeprob-ts")) */
export function register(program: Command): void {
  program
    .command("grade")
    .description("grade submissions with the hidden tests; write Gradescope results.json and feedback.html")
    .argument("<submission>", "a submitted .ipynb, or a folder of them (graded in parallel)")
    .requiredOption("-a, --autograder <dir>", "the autograder/ folder written by `deeprob-ts assign`")
    .option("-o, --out <dir>", "where results go (default ./graded); a folder gets <out>/<name>/results.json and summary.csv")
    .option("-j, --jobs <n>", "kernels to run at once for a folder (default: the number of cores)")
    .option("--gradescope", "treat the folder as one Gradescope submission (results.json directly in --out)")
    .option("--cell-timeout <seconds>", "override the bundle's per-cell time limit")
    .option("--total-timeout <seconds>", "override the bundle's per-submission time limit")
    .option("--isolation <mode>", "keep kernels from the hidden tests: namespaces (unshare), user (run as nobody; root only), none (trusted runs), or auto (default: DEEPROB_GRADE_ISOLATION, else the strongest available)")
    .addHelpText("after", `
Each submission runs in a fresh kernel: the student's code cells (their test cells are never
run), then each question's original tests, public and hidden. A loop scores "timed out", a
crash restarts the kernel; results.json is always written. Exit codes: 0 graded, 2 bad input,
3 environment (Jupyter missing, or files the isolated kernel user cannot read).`)
    .action(async (submission: string, opts: GradeOptions) => {
      process.exitCode = await grade(submission, opts);
    });
}
