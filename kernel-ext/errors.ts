// Pure: failures -> the Jupyter `error` content (ename, evalue, traceback) that frontends and
// nbconvert show. Type errors are ename "TSError" with line:column; thrown values keep their
// class name and message, and their stack minus the kernel's own frames, with positions in cells
// given in the cell's TypeScript (not the compiled JavaScript) and the failing line shown.
import util from "node:util";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A diagnostic as tslab's converter reports it (0-based line and character). */
export interface CellDiagnostic {
  start: { line: number; character: number };
  messageText: string;
  fileName?: string;
}

/**
 * The error for type/syntax errors in a cell: one `line:column - message` per diagnostic.
 * @example
 * tsError([{ start: { line: 0, character: 6 }, messageText: "Type 'string' is not assignable to type 'number'." }]).evalue
 * // => "1:7 - Type 'string' is not assignable to type 'number'."
 */
export function tsError(diags: readonly CellDiagnostic[]): ErrorContent {
  const lines = diags.map((d) => `${d.fileName ? d.fileName + " " : ""}${d.start.line + 1}:${d.start.character + 1} - ${d.messageText}`);
  const evalue = lines.join("\n");
  return { ename: "TSError", evalue, traceback: lines.map((l) => `TSError: ${l}`) };
}

// Frames that belong to the kernel, Node internals or tslab, not to the user's code.
const INTERNAL = [/\(node:/, /at node:/, /node_modules[\\/]tslab[\\/]/, /[\\/]dist[\\/]kernel-ext[\\/]/, /[\\/]kernel-ext[\\/][\w-]+\.ts/,
  /\bnew Promise \(<anonymous>\)/, /Script\.runInThisContext/];

/**
 * The stack's "at ..." frames without the kernel's own (vm, tslab, kernel-ext, node internals).
 * @example
 * trimStack("Error: x\n    at cell[1]:1:7\n    at Script.runInThisContext (node:vm:1:1)") // => ["    at cell[1]:1:7"]
 */
export function trimStack(stack: string): string[] {
  return stack.split("\n").filter((l) => /^\s+at /.test(l) && !INTERNAL.some((re) => re.test(l)));
}

/** A cell's TypeScript source and the map from its compiled code's positions (1-based). */
export interface CellSource {
  lines: readonly string[];
  /** The name frames show instead of the compiled file's (a local module's .ts path). */
  name?: string;
  position(line: number, column: number): { line: number; column: number } | null;
}
/** The cell a stack frame's file name (e.g. `cell[3]`) belongs to, if any. */
export type CellLookup = (file: string) => CellSource | undefined;

const FRAME_POS = /([^\s()]+):(\d+):(\d+)(\)?)$/;

/**
 * Rewrites the positions of frames that point into cells to the cell's source line:column, and
 * returns the innermost such frame (the line to show), if any.
 * @example
 * mapFrames(["    at cell[1]:9:3"], () => ({ lines: ["a", "b"], position: () => ({ line: 2, column: 1 }) })).frames
 * // => ["    at cell[1]:2:1"]
 */
export function mapFrames(frames: readonly string[], cells: CellLookup): { frames: string[]; first?: { file: string; lines: readonly string[]; line: number; column: number } } {
  let first: { file: string; lines: readonly string[]; line: number; column: number } | undefined;
  const out = frames.flatMap((f) => {
    const m = FRAME_POS.exec(f);
    const cell = m ? cells(m[1]) : undefined;
    if (!m || !cell) return [f];
    const p = cell.position(Number(m[2]), Number(m[3]));
    // No source position: code the compiler made up (the kernel's wrapper call, import helpers).
    if (!p) return [];
    const file = cell.name ?? m[1];
    first ??= { file, lines: cell.lines, ...p };
    // Earlier cells' functions are called through the kernel's exports Proxy: V8 names the
    // receiver ("at Proxy.f"), which says nothing to the student.
    return [f.slice(0, m.index).replace(/^(\s+at )Proxy\./, "$1") + `${file}:${p.line}:${p.column}${m[4]}`];
  });
  return { frames: out, first };
}

/**
 * IPython's view of the failing line: the cell, an arrow at the line, a caret at the column,
 * and two lines of context either side.
 * @example
 * sourceContext("cell[3]", ["let a = 1;", "throw a;"], 2, 1)
 * // => ["Cell In[3], line 2", "      1 let a = 1;", "----> 2 throw a;", "        ^"]
 */
export function sourceContext(file: string, lines: readonly string[], line: number, column: number): string[] {
  if (line < 1 || line > lines.length) return [];
  const m = /^cell\[(\d+)\]$/.exec(file);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const width = String(to).length;
  const out = [m ? `Cell In[${m[1]}], line ${line}` : `${file}, line ${line}`];
  for (let i = from; i <= to; i++) {
    out.push(`${i === line ? "---->" : "     "} ${String(i).padStart(width)} ${lines[i - 1]}`);
    if (i === line) out.push(" ".repeat(6 + width + column) + "^");
  }
  return out;
}

function safeInspect(v: unknown): string {
  try { return util.inspect(v); } catch { return "(unprintable value)"; }
}

/**
 * The error for a thrown value: its class name, message and trimmed stack; with `cells`, frames
 * in cells carry the cell's own line:column and the innermost one's line is shown (IPython).
 * @example
 * thrownError(new RangeError("bad")).ename // => "RangeError"
 * thrownError("oops").evalue // => "'oops'"
 */
export function thrownError(e: unknown, cells?: CellLookup): ErrorContent {
  if (!(e instanceof Error)) {
    // `throw "oops"` or a rejection with a plain value, as Node prints it.
    const evalue = safeInspect(e);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  let ename = "Error";
  let evalue = "";
  let stack = "";
  try {
    ename = String(e.name || "Error");
    // `class ShapeError extends Error {}` keeps name "Error": the class name says more, as Python.
    const ctor = (e as { constructor?: { name?: unknown } }).constructor?.name;
    if (ename === "Error" && typeof ctor === "string" && ctor !== "" && ctor !== "Error") ename = ctor;
    evalue = String(e.message ?? "");
    stack = typeof e.stack === "string" ? e.stack : "";
  } catch { /* a hostile getter: keep what we have */ }
  const { frames, first } = cells ? mapFrames(trimStack(stack), cells) : { frames: trimStack(stack), first: undefined };
  const head = evalue ? `${ename}: ${evalue}` : ename;
  const cause = (e as { cause?: unknown }).cause;
  const tail = cause !== undefined ? [`[cause]: ${safeInspect(cause)}`] : [];
  const context = first ? sourceContext(first.file, first.lines, first.line, first.column) : [];
  return { ename, evalue, traceback: [head, ...frames, ...tail, ...(context.length ? ["", ...context] : [])] };
}
