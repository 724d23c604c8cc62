// Pure: failures -> the Jupyter `error` content (ename, evalue, traceback) that frontends and
// nbconvert show. Type errors are ename "TSError" with line:column; thrown values keep their
// class name and message, and their stack minus the kernel's own frames.
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

function safeInspect(v: unknown): string {
  try { return util.inspect(v); } catch { return "(unprintable value)"; }
}

/**
 * The error for a thrown value: its class name, message and trimmed stack.
 * @example
 * thrownError(new RangeError("bad")).ename // => "RangeError"
 * thrownError("oops").evalue // => "'oops'"
 */
export function thrownError(e: unknown): ErrorContent {
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
  const frames = trimStack(stack);
  const head = evalue ? `${ename}: ${evalue}` : ename;
  const cause = (e as { cause?: unknown }).cause;
  const tail = cause !== undefined ? [`[cause]: ${safeInspect(cause)}`] : [];
  return { ename, evalue, traceback: [head, ...frames, ...tail] };
}
