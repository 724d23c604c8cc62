// Grades one submission: plans its cells, starts the nbclient driver with a private kernelspec,
// sends the student's code, then each question's tests (with a per-run nonce and per-question
// tokens), reads the verdicts from the side file, and returns Gradescope results. Never throws
// for a bad submission: every failure becomes a scored result with its reason.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { kernelSpec } from "../kernelspec.js";
import type { TestPlan } from "./assignment.js";
import type { GradeConfig } from "./bundle.js";
import { EVENT_PREFIX, GRADE_DRIVER, type DriverEvent, type DriverJob } from "./grade-driver.js";
import { isolatedArgv, NOBODY, unprivilegedArgv, type Isolation } from "./isolation.js";
import { readNotebook } from "./notebook.js";
import { planSubmission } from "./plan-submission.js";
import { gradescopeResults, type GradescopeResults } from "./results.js";
import { preambleCode, restoreCode, testCellCode } from "./runtime.js";
import { readVerdicts, scoreQuestion } from "./score.js";

export interface GradeEnv {
  python: string;
  /** dist/kernel-ext/launcher.js */
  launcher: string;
  /** dist/kernel-ext/grading/runtime.js */
  runtime: string;
  /** Folders the kernel must not see (the autograder bundle), masked under "namespaces". */
  hide?: string[];
  /** How the kernel is kept from the hidden tests (default "none"). */
  isolation?: Isolation;
  /** Called with each driver event (progress). */
  onEvent?: (e: DriverEvent) => void;
}

const KERNEL = "deeprob-ts-grader";

function cellNotes(events: DriverEvent[]): string[] {
  const notes: string[] = [];
  for (const e of events) {
    if (e.type === "cell" && !e.rerun && e.status !== "ok") {
      notes.push(e.status === "timeout" ? `${e.label}: timed out and was interrupted` : e.status === "dead" ? `${e.label}: ${e.error ? (e.error.split("\n")[0].slice(0, 200) + "; ") : "the kernel died running it (process.exit, a crash or out of memory); "}it was skipped in a fresh kernel`
        : `${e.label}: ${(e.error ?? "error").split("\n")[0].slice(0, 300)}`);
    }
    if (e.type === "kernel" && e.event === "restarted") notes.push("a fresh kernel was started and your code re-run");
    if (e.type === "kernel" && e.event === "failed") notes.push(`the kernel failed: ${e.message ?? ""}`);
  }
  return notes;
}

/**
 * Grades `file` against the plan; resolves with results (always).
 * @example (await gradeSubmission("alice.ipynb", plan, config, env)).score // => 12.5
 */
export async function gradeSubmission(file: string, plan: TestPlan, config: GradeConfig, env: GradeEnv): Promise<GradescopeResults> {
  const t0 = Date.now();
  const zero = (why: string) => gradescopeResults(plan.questions.map((q) => ({ id: q.id, score: 0, maxScore: q.points, status: "failed" as const, output: why })), [why], 0, config.visibility);
  let sub;
  try {
    const nb = readNotebook(file);
    sub = planSubmission(nb, plan);
  } catch (e) {
    return zero(`could not read the submission: ${(e as Error).message.replace(file, path.basename(file))}`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-grade-"));
  try {
    // Three folders: the kernel's cwd (a copy of the notebook only), the side channel, and a
    // private kernelspec; none holds the tests.
    const work = path.join(tmp, "work"), side = path.join(tmp, "side"), kdir = path.join(tmp, "jupyter", "kernels", KERNEL);
    fs.mkdirSync(work, { recursive: true }); fs.mkdirSync(side); fs.mkdirSync(kdir, { recursive: true });
    fs.copyFileSync(file, path.join(work, path.basename(file)));
    const spec = kernelSpec({ nodePath: process.execPath, launcherPath: env.launcher, version: "grader" });
    spec.argv.splice(1, 0, `--max-old-space-size=${config.memoryMb}`);
    const isolation = env.isolation ?? "none";
    const argv = isolation === "namespaces" ? isolatedArgv(spec.argv, env.hide ?? []) : isolation === "user" ? unprivilegedArgv(spec.argv) : spec.argv;
    fs.writeFileSync(path.join(kdir, "kernel.json"), JSON.stringify({ ...spec, argv, display_name: "deeprob-ts (grader)" }));
    const kernelLog = path.join(tmp, "kernel-stderr.log");
    const verdictFile = path.join(side, "verdicts.jsonl");
    fs.writeFileSync(verdictFile, "", { mode: 0o600 });
    const runtimeDir = path.join(tmp, "runtime");
    fs.mkdirSync(runtimeDir);
    if (isolation === "user") {
      // nobody must reach its cwd, the verdict file and the connection file, and nothing else here.
      for (const d of [tmp, side, runtimeDir]) fs.chmodSync(d, 0o711);
      fs.chmodSync(path.join(work, path.basename(file)), 0o644);
      fs.chownSync(work, NOBODY, NOBODY);
      fs.chownSync(verdictFile, NOBODY, NOBODY);
    }
    const nonce = crypto.randomBytes(16).toString("hex");
    const tokens = new Map<string, string>();
    const questions = plan.questions.map((q) => {
      const token = crypto.randomBytes(16).toString("hex");
      tokens.set(token, q.id);
      return { id: q.id, code: testCellCode(nonce, token, q.code) };
    });
    const job: DriverJob = {
      kernel_name: KERNEL, cwd: work, preamble: preambleCode(env.runtime, nonce, verdictFile), restore: restoreCode(nonce), cells: sub.cells, questions,
      cell_timeout: config.cellTimeout, total_timeout: config.totalTimeout, max_restarts: config.maxRestarts, kernel_log: kernelLog,
      kernel_uid: isolation === "user" ? NOBODY : null, runtime_dir: runtimeDir,
    };
    const events: DriverEvent[] = [];
    let stderr = "";
    await new Promise<void>((resolve) => {
      const child = spawn(env.python, ["-c", GRADE_DRIVER], {
        stdio: ["pipe", "pipe", "pipe"],
        env: { ...process.env, JUPYTER_PATH: path.join(tmp, "jupyter"), JUPYTER_RUNTIME_DIR: runtimeDir, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      });
      let buf = "";
      child.stdout.on("data", (d: Buffer) => {
        buf += d.toString();
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
          if (!line.startsWith(EVENT_PREFIX)) continue;
          try { const ev = JSON.parse(line.slice(EVENT_PREFIX.length)) as DriverEvent; events.push(ev); env.onEvent?.(ev); } catch { /* partial line */ }
        }
      });
      child.stderr.on("data", (d: Buffer) => { stderr = (stderr + d.toString()).slice(-20000); });
      // A hard stop beyond the total limit, for a driver that hangs on a kernel that ignores SIGINT.
      // SIGTERM lets the driver kill its kernels; SIGKILL 10 s later if it cannot.
      const hard = setTimeout(() => {
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }, (config.totalTimeout + 180) * 1000);
      child.on("error", () => { clearTimeout(hard); resolve(); });
      child.on("close", () => { clearTimeout(hard); resolve(); });
      child.stdin.end(JSON.stringify(job));
    });
    const klog = fs.existsSync(kernelLog) ? fs.readFileSync(kernelLog, "utf8").slice(-20000) : "";
    const verdicts = readVerdicts(fs.readFileSync(verdictFile, "utf8"), tokens);
    const byQ = new Map<string, Extract<DriverEvent, { type: "question" }>>();
    for (const e of events) if (e.type === "question" && !byQ.has(e.id)) byQ.set(e.id, e);
    const results = plan.questions.map((q) => {
      const r = scoreQuestion(q, byQ.get(q.id), verdicts.get(q.id));
      if (byQ.get(q.id)?.status === "dead" && /heap out of memory|Reached heap limit/.test(klog)) r.output += "\n(the kernel ran out of memory)";
      return r;
    });
    const notes = [...sub.notes, ...cellNotes(events)];
    if (events.some((e) => e.type === "kernel" && e.event === "failed") && klog.trim()) notes.push(`kernel log: ${klog.trim().split("\n").filter((l) => !/^\s+at /.test(l)).slice(-3).join(" | ").slice(0, 500)}`);
    if (!events.some((e) => e.type === "done")) notes.push(`the grader's kernel driver stopped early${/Error|Traceback/.test(stderr) ? `: ${stderr.trim().split("\n").slice(-1)[0].slice(0, 300)}` : ""}`);
    return gradescopeResults(results, notes, (Date.now() - t0) / 1000, config.visibility);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
