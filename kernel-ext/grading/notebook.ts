// Minimal nbformat-4 types and readers for the grading commands. A notebook that is not valid
// JSON, not nbformat 4, or has no cells list is rejected with the reason, never half-read.
import fs from "node:fs";

export interface NbgraderMeta {
  grade?: boolean;
  grade_id?: string;
  points?: number;
  solution?: boolean;
  locked?: boolean;
  task?: boolean;
  schema_version?: number;
  [k: string]: unknown;
}

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { nbgrader?: NbgraderMeta; editable?: boolean; deletable?: boolean; [k: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
  id?: string;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/**
 * A cell's source as one string (nbformat allows a list of lines).
 * @example cellText({ source: ["a\n", "b"] } as Cell) // => "a\nb"
 */
export function cellText(c: Pick<Cell, "source">): string {
  return Array.isArray(c.source) ? c.source.join("") : typeof c.source === "string" ? c.source : "";
}

/**
 * Parses notebook text; throws an Error saying what is wrong (for `what`, e.g. the file name).
 * @example parseNotebook('{"nbformat": 4, "cells": []}', "x.ipynb").cells // => []
 */
export function parseNotebook(text: string, what: string): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not a notebook: malformed JSON (${(e as Error).message})`);
  }
  const nb = json as Partial<Notebook> | null;
  if (nb === null || typeof nb !== "object" || Array.isArray(nb) || !Array.isArray(nb.cells)) {
    throw new Error(`${what} is not a notebook: expected a JSON object with a "cells" list (nbformat 4)`);
  }
  if (nb.nbformat !== 4) throw new Error(`${what} is nbformat ${String(nb.nbformat)}; expected 4`);
  nb.cells.forEach((c, i) => {
    if (c === null || typeof c !== "object" || !["code", "markdown", "raw"].includes((c as Cell).cell_type)) {
      throw new Error(`${what}: cell ${i + 1} is not a notebook cell (expected cell_type code, markdown or raw)`);
    }
    if (typeof c.metadata !== "object" || c.metadata === null) c.metadata = {};
  });
  return { nbformat: 4, nbformat_minor: nb.nbformat_minor ?? 5, metadata: nb.metadata ?? {}, cells: nb.cells as Cell[] };
}

/**
 * Reads and parses a notebook file; errors name the file.
 * @example readNotebook("missing.ipynb") // throws "missing.ipynb: no such file"
 */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a notebook" : (e as Error).message}`);
  }
  return parseNotebook(text, file);
}

/**
 * Writes `data` to `file` atomically: a temp file beside it, then rename (readers never see a
 * half-written file; a crash leaves the old one).
 * @example writeAtomic("graded/results.json", JSON.stringify(results))
 */
export function writeAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
  fs.renameSync(tmp, file);
}
