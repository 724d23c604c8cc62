// The autograder bundle `assign` writes and `grade` reads: tests.json (the test plan, with the
// hidden tests) and config.json (limits). Readers validate and name the file on any problem.
import fs from "node:fs";
import path from "node:path";
import type { TestPlan } from "./assignment.js";

export interface GradeConfig {
  /** The notebook's file name, e.g. "hw1.ipynb". */
  notebook: string;
  /** Seconds one cell (student code or one question's tests) may run. */
  cellTimeout: number;
  /** Seconds for the whole submission. */
  totalTimeout: number;
  /** Fresh kernels allowed after a crash or a hang. */
  maxRestarts: number;
  /** The kernel's V8 heap limit (MB): a runaway allocation kills the kernel, not the machine. */
  memoryMb: number;
  /** Gradescope visibility of the results (e.g. "after_published" to release scores later). */
  visibility: "visible" | "hidden" | "after_due_date" | "after_published";
}

export const DEFAULT_CONFIG: Omit<GradeConfig, "notebook"> = { cellTimeout: 60, totalTimeout: 900, maxRestarts: 3, memoryMb: 2048, visibility: "visible" };
const VISIBILITY = ["visible", "hidden", "after_due_date", "after_published"];

function readJson(file: string): unknown {
  let text: string;
  try { text = fs.readFileSync(file, "utf8"); } catch (e) {
    throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file (is this the folder `deeprob-ts assign` wrote as autograder/?)" : (e as Error).message}`);
  }
  try { return JSON.parse(text); } catch (e) { throw new Error(`${file}: malformed JSON (${(e as Error).message})`); }
}

/**
 * Reads and checks an autograder bundle folder.
 * @example readBundle("release/hw1/autograder").config.cellTimeout // => 60
 */
export function readBundle(dir: string): { plan: TestPlan; config: GradeConfig } {
  const plan = readJson(path.join(dir, "tests.json")) as TestPlan;
  if (plan?.schema !== 1 || !Array.isArray(plan.questions)) throw new Error(`${path.join(dir, "tests.json")}: not a deeprob-ts test plan (schema 1 with questions)`);
  const raw = readJson(path.join(dir, "config.json")) as Partial<GradeConfig>;
  const config = { ...DEFAULT_CONFIG, notebook: plan.notebook, ...raw } as GradeConfig;
  for (const k of ["cellTimeout", "totalTimeout", "maxRestarts", "memoryMb"] as const) {
    if (!(typeof config[k] === "number" && config[k] >= 0 && Number.isFinite(config[k]))) throw new Error(`${path.join(dir, "config.json")}: ${k} must be a number >= 0, got ${JSON.stringify(config[k])}`);
  }
  if (!VISIBILITY.includes(config.visibility)) throw new Error(`${path.join(dir, "config.json")}: visibility must be one of ${VISIBILITY.join(", ")}, got ${JSON.stringify(config.visibility)}`);
  return { plan, config };
}
