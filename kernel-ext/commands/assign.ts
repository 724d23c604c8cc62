// `deeprob-ts assign <source.ipynb> --out <dir>`: from the instructor's source notebook, writes
// the student notebook (solutions stubbed, hidden tests removed, outputs cleared, locked cells
// read-only) to <dir>/student/ and the autograder bundle (tests.json with the hidden tests,
// config.json, Gradescope setup.sh and run_autograder, the deeprob-ts package tarball) to
// <dir>/autograder/, and the same files zipped flat as <dir>/autograder.zip for Gradescope.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { makeAssignment } from "../grading/assignment.js";
import { runAutograderScript, setupScript } from "../grading/autograder-files.js";
import { DEFAULT_CONFIG, type GradeConfig } from "../grading/bundle.js";
import { readNotebook, writeAtomic } from "../grading/notebook.js";
import { putTarball } from "../grading/package-tarball.js";
import { zipBytes } from "../grading/zip.js";
import { packageRoot } from "../jupyter-env.js";
import { CommandError, EXIT } from "./command-error.js";

export interface AssignOptions {
  out: string; cellTimeout?: string; totalTimeout?: string; memory?: string;
  /** A deeprob-ts tarball to bundle instead of packing the running package. */
  package?: string;
  /** false (--no-gradescope): skip the tarball and autograder.zip (local grading only). */
  gradescope?: boolean;
}

function seconds(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!(n > 0 && Number.isFinite(n))) throw new CommandError(`assign: ${name} expects a positive number, got "${v}"`, EXIT.badInput);
  return n;
}

/**
 * Writes the student notebook and the bundle; returns a one-line summary.
 * @example assign("hw1-source.ipynb", { out: "release" }) // => "assign: hw1-source.ipynb: 7 question(s), 19 point(s); wrote ..."
 */
export function assign(source: string, opts: AssignOptions): string {
  if (!opts.out) throw new CommandError("assign: --out <dir> is required (the student notebook and the autograder bundle go there)", EXIT.badInput);
  let nb;
  try { nb = readNotebook(source); } catch (e) { throw new CommandError(`assign: ${(e as Error).message}`, EXIT.badInput); }
  const name = path.basename(source);
  let made;
  try { made = makeAssignment(nb, name); } catch (e) { throw new CommandError(`assign: ${(e as Error).message}`, EXIT.badInput); }
  const config: GradeConfig = {
    ...DEFAULT_CONFIG, notebook: name,
    cellTimeout: seconds("--cell-timeout", opts.cellTimeout, DEFAULT_CONFIG.cellTimeout),
    totalTimeout: seconds("--total-timeout", opts.totalTimeout, DEFAULT_CONFIG.totalTimeout),
    memoryMb: seconds("--memory", opts.memory, DEFAULT_CONFIG.memoryMb),
  };
  const out = path.resolve(opts.out);
  if (path.resolve(path.dirname(source)) === path.join(out, "student")) throw new CommandError("assign: --out would overwrite the source notebook; choose another folder", EXIT.badInput);
  const student = path.join(out, "student"), bundle = path.join(out, "autograder");
  fs.mkdirSync(student, { recursive: true });
  fs.mkdirSync(bundle, { recursive: true });
  writeAtomic(path.join(student, name), JSON.stringify(made.student, null, 1) + "\n");
  // The bundle holds the hidden tests: readable by its owner only.
  writeAtomic(path.join(bundle, "tests.json"), JSON.stringify(made.plan, null, 1) + "\n", 0o600);
  writeAtomic(path.join(bundle, "config.json"), JSON.stringify(config, null, 1) + "\n");
  writeAtomic(path.join(bundle, "setup.sh"), setupScript(), 0o755);
  writeAtomic(path.join(bundle, "run_autograder"), runAutograderScript(), 0o755);
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const wrote = `${name}: ${made.plan.questions.length} question(s), ${made.plan.totalPoints} point(s); wrote ${rel(path.join(student, name))} and ${rel(bundle)}/ (tests.json, config.json, setup.sh, run_autograder`;
  const zip = path.join(out, "autograder.zip");
  if (opts.gradescope === false) {
    fs.rmSync(zip, { force: true }); // a stale zip would hold other tests
    return `assign: ${wrote})`;
  }
  let tarball;
  try {
    tarball = putTarball(bundle, { root: packageRoot(), given: opts.package });
  } catch (e) {
    throw new CommandError(`assign: wrote ${wrote}), but not the Gradescope package: ${(e as Error).message}`, EXIT.environment);
  }
  // Gradescope wants setup.sh and run_autograder at the zip's root; the zip holds the hidden tests.
  const files = ["setup.sh", "run_autograder", path.basename(tarball.file), "tests.json", "config.json"];
  writeAtomic(zip, zipBytes(files.map((f) => ({ name: f, data: fs.readFileSync(path.join(bundle, f)), mode: fs.statSync(path.join(bundle, f)).mode & 0o777 }))), 0o600);
  return `assign: ${wrote}, ${path.basename(tarball.file)}) and ${rel(zip)} (upload it to Gradescope as the autograder)`;
}

/** Registers `assign` on the program. @example register(new Command("deeprob-ts")) */
export function register(program: Command): void {
  program
    .command("assign")
    .description("make the student notebook and the autograder bundle from a source notebook with solutions")
    .argument("<source>", "the instructor's notebook (.ipynb) with // BEGIN SOLUTION and // BEGIN HIDDEN TESTS blocks and nbgrader metadata")
    .requiredOption("-o, --out <dir>", "output folder: <dir>/student/<name>.ipynb and <dir>/autograder/")
    .option("--cell-timeout <seconds>", `time limit per cell when grading (default ${DEFAULT_CONFIG.cellTimeout})`)
    .option("--total-timeout <seconds>", `time limit per submission (default ${DEFAULT_CONFIG.totalTimeout})`)
    .option("--memory <MB>", `kernel heap limit when grading (default ${DEFAULT_CONFIG.memoryMb})`)
    .option("--package <tgz>", "the deeprob-ts tarball to bundle (default: `npm pack` of the deeprob-ts running this command)")
    .option("--no-gradescope", "skip the package tarball and autograder.zip (for grading on this machine only)")
    .addHelpText("after", `
Markers (nbgrader's): a solution block is replaced by a stub that throws "not implemented";
a hidden-tests block (only in grade cells) is removed from the student notebook and kept in
autograder/tests.json. For Gradescope, upload <dir>/autograder.zip (setup.sh, run_autograder,
the deeprob-ts package, tests.json, config.json); Gradescope runs setup.sh once (Ubuntu 22.04:
Jupyter from apt, Node 20 from NodeSource, the package with npm) and run_autograder for each
submission. Exit codes: 0 ok, 2 bad input, 3 the package could not be packed.`)
    .action((source: string, opts: AssignOptions) => {
      process.stdout.write(assign(source, opts) + "\n");
    });
}
