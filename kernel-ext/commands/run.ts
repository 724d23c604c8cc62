// `deeprob-ts run <notebook>`: executes a notebook through the deeprob-ts kernel, as
// `jupyter nbconvert --execute --to notebook` does, and writes `<name>.nbconvert.ipynb` next to
// it (nbconvert's default; `--inplace` and `--out` as in nbconvert). Unlike nbconvert it prints
// the failing cell, its line and the kernel's real error, and it never touches the input file
// unless the run succeeded with --inplace. Writes go to a temp file that is renamed into place.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { defaultPython, kernelSpecMismatch, kernelSpecProblem, launcherPath, missingJupyter, probeJupyter } from "../jupyter-env.js";
import { KERNEL_NAME } from "../kernelspec.js";
import { CommandError, EXIT } from "./command-error.js";
import { DRIVER, RESULT_PREFIX, type DriverResult } from "./run-driver.js";


/**
 * nbconvert's default output name for `--to notebook`: `<name>.nbconvert.ipynb` beside the input.
 * @example defaultOutputPath("hw/hw1.ipynb") // => "hw/hw1.nbconvert.ipynb"
 */
export function defaultOutputPath(input: string): string {
  const dir = path.dirname(input);
  return path.join(dir, `${path.basename(input).replace(/\.ipynb$/i, "")}.nbconvert.ipynb`);
}

/**
 * Checks that `file` is a readable nbformat-4 notebook before any kernel starts; throws a
 * CommandError naming the file and the problem. Returns the parsed JSON.
 * @example checkNotebookFile("missing.ipynb") // throws "run: missing.ipynb: no such file"
 */
export function checkNotebookFile(file: string): { nbformat: number; cells: unknown[] } {
  let text: string;
  try {
    if (fs.statSync(file).isDirectory()) throw new CommandError(`run: ${file} is a directory, not a notebook (.ipynb) file`, EXIT.badInput);
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof CommandError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw new CommandError(`run: ${file}: ${why}`, EXIT.badInput);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CommandError(`run: ${file} is not a notebook: malformed JSON (${(e as Error).message})`, EXIT.badInput);
  }
  const nb = json as { nbformat?: unknown; cells?: unknown };
  if (json === null || typeof json !== "object" || Array.isArray(json) || typeof nb.nbformat !== "number" || !Array.isArray(nb.cells)) {
    throw new CommandError(`run: ${file} is not a notebook: expected a JSON object with "nbformat" and a "cells" list (nbformat 4)`, EXIT.badInput);
  }
  if (nb.nbformat !== 4) throw new CommandError(`run: ${file} is nbformat ${nb.nbformat}; expected 4 (open and save it in Jupyter to upgrade)`, EXIT.badInput);
  return nb as { nbformat: number; cells: unknown[] };
}

/**
 * The line of the failing cell's source the error points at (1-based), or null: a TypeScript
 * diagnostic's leading `L:C`, else the innermost stack frame in this cell (`cell[n]:L:C`, n the
 * execution count). Frames are trusted only when the traceback shows the kernel's "Cell In[k],
 * line L" block, the sign that they carry cell source positions: other kernels (plain tslab)
 * give positions in the compiled JavaScript, and a wrong line is worse than none.
 * @example errorLine({ evalue: "2:7 - Type 'string' is not assignable to type 'number'." }) // => 2
 * @example errorLine({ evalue: "x", execution_count: 4, traceback: ["Error: x", "    at f (cell[4]:3:9)", "", "Cell In[4], line 3"] }) // => 3
 */
export function errorLine(r: Pick<DriverResult, "evalue"> & Partial<Pick<DriverResult, "traceback" | "execution_count">>): number | null {
  const lead = /^\s*(\d+):(\d+)\b/.exec((r.evalue ?? "").replace(/\x1b\[[0-9;]*m/g, ""));
  if (lead) return Number(lead[1]);
  const tb = (r.traceback ?? []).flatMap((t) => t.replace(/\x1b\[[0-9;]*m/g, "").split("\n"));
  if (r.execution_count == null || !tb.some((l) => /^Cell In\[\d+\], line \d+$/.test(l))) return null;
  const frame = new RegExp(`^\\s+at (?:.*\\()?cell\\[${r.execution_count}\\]:(\\d+):\\d+\\)?$`);
  for (const l of tb) {
    const m = frame.exec(l);
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * The message for a failed run: which cell, which line (with its source), ename: evalue, and
 * the traceback, never a blank error (falls back to the cell's stderr, then the kernel's reply).
 * @example
 * formatFailure("hw.ipynb", result).split("\n")[0] // => "run: hw.ipynb: error in cell 3 (In [2])"
 */
export function formatFailure(file: string, r: DriverResult): string {
  const out: string[] = [];
  const cellNo = r.cell_index === null ? "" : `cell ${r.cell_index + 1}${r.execution_count ? ` (In [${r.execution_count}])` : ""}`;
  const head = r.status === "timeout" ? `${cellNo} timed out` : r.status === "dead_kernel" ? `the kernel died during ${cellNo || "startup"}` : `error in ${cellNo}`;
  out.push(`run: ${file}: ${head}`);
  const lines = (r.source ?? "").split("\n");
  const line = errorLine(r);
  if (line !== null && line >= 1 && line <= lines.length) out.push(`  line ${line}: ${lines[line - 1].trim()}`);
  else if (r.source) out.push(...lines.slice(0, 6).map((l, i) => `  ${i + 1} | ${l}`), ...(lines.length > 6 ? [`  ... (${lines.length - 6} more lines)`] : []));
  const ename = r.ename && r.ename !== "<Error>" ? r.ename : "";
  const evalue = r.evalue ?? "";
  if (ename || evalue) out.push(`${ename}${ename && evalue ? ": " : ""}${evalue}`);
  // The traceback usually repeats "ename: evalue" (one line per TypeScript diagnostic): skip those.
  const dup = new Set([`${ename}: ${evalue}`, ...evalue.split("\n").map((l) => `${ename}: ${l}`)]);
  const tb = r.traceback.flatMap((t) => t.replace(/\x1b\[[0-9;]*m/g, "").split("\n")).filter((l) => l.trim() !== "" && !dup.has(l)).join("\n");
  if (tb) out.push(tb);
  if (!ename && !evalue) out.push(r.stderr.trim() || r.message || "the kernel reported an error without a message");
  else if (r.message) out.push(r.message);
  return out.join("\n");
}

export interface RunOptions { out?: string; inplace?: boolean; timeout?: string; kernel: string; allowErrors?: boolean; python?: string }

/**
 * Runs the notebook; resolves to the exit code. Prints progress to stdout, errors to stderr;
 * throws a CommandError for bad input or a missing Jupyter/kernelspec.
 * @example await runNotebook("hw1.ipynb", { kernel: "deeprob-ts" }) // => 0, hw1.nbconvert.ipynb written
 */
export async function runNotebook(file: string, opts: RunOptions): Promise<number> {
  checkNotebookFile(file);
  const input = path.resolve(file);
  if (opts.inplace && opts.out) throw new CommandError("run: give either --inplace or --out, not both", EXIT.badInput);
  const output = path.resolve(opts.inplace ? input : opts.out ?? defaultOutputPath(input));
  if (fs.existsSync(output) && fs.statSync(output).isDirectory()) throw new CommandError(`run: --out ${opts.out} is a directory; give a file name`, EXIT.badInput);
  const timeout = opts.timeout === undefined ? -1 : Number(opts.timeout);
  if (!Number.isFinite(timeout)) throw new CommandError(`run: --timeout expects seconds (a number), got "${opts.timeout}"`, EXIT.badInput);

  const python = opts.python ?? defaultPython();
  const probe = probeJupyter(python);
  const missing = missingJupyter(probe, ["nbclient", "nbformat", "jupyter_client"], "run");
  if (missing) throw new CommandError(missing, EXIT.environment);
  if (opts.kernel === KERNEL_NAME) {
    const problem = kernelSpecProblem(probe.kernelSpec);
    if (problem) throw new CommandError(`run: ${problem}`, EXIT.environment);
    const mismatch = kernelSpecMismatch(probe.kernelSpec!, launcherPath());
    if (mismatch) process.stderr.write(`run: ${mismatch}\n`);
  }

  // The temp file sits beside the output so that the final rename stays on one filesystem.
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  const args = { input, output: tmp, kernel: opts.kernel, timeout, cwd: path.dirname(input), allow_errors: !!opts.allowErrors };
  let stdout = "";
  let stderr = "";
  let signals = 0;
  let child: ChildProcess | undefined;
  // The driver runs in its own process group, so a terminal's Ctrl-C reaches it exactly once,
  // from us: nbclient then shuts the kernel down. A second Ctrl-C (or SIGTERM) kills the group.
  const onSignal = () => {
    signals += 1;
    if (!child?.pid || child.exitCode !== null) return;
    try { process.kill(-child.pid, signals === 1 ? "SIGINT" : "SIGKILL"); } catch { /* gone */ }
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, onSignal);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child = spawn(python, ["-c", DRIVER, JSON.stringify(args)], { stdio: ["ignore", "pipe", "pipe"], detached: true });
      child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", resolve);
    });
    const interrupted = signals > 0;
    if (interrupted) throw new CommandError(`run: interrupted; ${file} was not modified`, EXIT.interrupted);
    const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
    if (!line) throw new CommandError(`run: the nbclient driver failed (exit ${code}):\n${stderr.trim().split("\n").slice(-8).join("\n")}`, EXIT.environment);
    const r = JSON.parse(line.slice(RESULT_PREFIX.length)) as DriverResult;
    if (r.status === "invalid") throw new CommandError(`run: ${file} is not a valid notebook: ${r.message}`, EXIT.badInput);
    if (r.status === "kernel_error" && r.cell_index === null) {
      throw new CommandError(`run: the ${opts.kernel} kernel could not run ${file}: ${r.message}`, EXIT.environment);
    }
    const failed = r.status !== "ok";
    const keep = !failed || (output !== input && fs.existsSync(tmp));
    if (keep) fs.renameSync(tmp, output);
    const rel = path.relative(process.cwd(), output) || output;
    if (!failed) {
      process.stdout.write(`run: ${file}: ${r.cells_run} code cell(s) ran; wrote ${rel}\n`);
      return EXIT.ok;
    }
    process.stderr.write(formatFailure(file, r) + "\n");
    process.stderr.write(keep ? `run: wrote the executed notebook, with the error, to ${rel}\n` : `run: ${file} was not modified\n`);
    return opts.allowErrors && r.status === "cell_error" ? EXIT.ok : EXIT.failed;
  } finally {
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.off(sig, onSignal);
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Runs several notebooks one after another (as `jupyter nbconvert --execute a.ipynb b.ipynb`):
 * every input is checked before anything runs; the exit code is 1 if any notebook failed.
 * @example await runNotebooks(["hw1.ipynb", "hw2.ipynb"], { kernel: "deeprob-ts" }) // => 0 or 1
 */
export async function runNotebooks(files: string[], opts: RunOptions): Promise<number> {
  if (files.length > 1 && opts.out) throw new CommandError(`run: --out names one output file, but ${files.length} notebooks were given; drop --out (each gets <name>.nbconvert.ipynb)`, EXIT.badInput);
  for (const f of files) checkNotebookFile(f);
  let worst: number = EXIT.ok;
  for (const f of files) {
    const code = await runNotebook(f, opts);
    if (code === EXIT.interrupted) return code;
    worst = Math.max(worst, code);
  }
  if (files.length > 1 && worst !== EXIT.ok) process.stderr.write(`run: not every notebook succeeded (see above)\n`);
  return worst;
}

/**
 * Registers `run` on the program.
 * @example register(new Command("deeprob-ts")) // adds `deeprob-ts run <notebooks...>`
 */
export function register(program: Command): void {
  program
    .command("run")
    .description("execute a notebook with the deeprob-ts kernel (like `jupyter nbconvert --execute --to notebook`)")
    .argument("<notebooks...>", ".ipynb files to execute, one after another (each runs in its own folder)")
    .option("-o, --out <path>", "where to write the executed notebook (default: <name>.nbconvert.ipynb beside it)")
    .option("--inplace", "overwrite the input notebook, only if every cell succeeded")
    .option("--timeout <seconds>", "per-cell time limit in seconds (default: none)")
    .option("--allow-errors", "run every cell even after an error, and exit 0 (as nbconvert --allow-errors)")
    .option("--kernel <name>", "kernelspec to execute with", KERNEL_NAME)
    .addHelpText("after", `
On a cell error the command prints the cell, its line and the kernel's error (ename: evalue),
writes the executed notebook with the error to the output (never to the input), and exits 1.
Exit codes: 0 ok, 1 a cell failed or timed out (in any of the notebooks), 2 bad input (missing file, not a notebook),
3 Jupyter or the kernelspec missing, 130 interrupted.
Python: DEEPROB_PYTHON, else /usr/bin/python3 (Debian's Jupyter, python3-nbclient).`)
    .action(async (notebooks: string[], opts: RunOptions) => {
      process.exitCode = await runNotebooks(notebooks, opts);
    });
}
