// The source notebook's markers, as nbgrader spells them: `// BEGIN SOLUTION` ... `// END
// SOLUTION` (replaced by a stub that throws) and `// BEGIN HIDDEN TESTS` ... `// END HIDDEN
// TESTS` (removed from the student's copy, run only by the autograder). Pure string functions.

export const STUB = 'throw new Error("not implemented");';
const SOL_BEGIN = /^(\s*)\/\/\s*BEGIN SOLUTION\b.*$/;
const SOL_END = /^\s*\/\/\s*END SOLUTION\b.*$/;
const HID_BEGIN = /^(\s*)\/\/\s*BEGIN HIDDEN TESTS\b.*$/;
const HID_END = /^\s*\/\/\s*END HIDDEN TESTS\b.*$/;

/**
 * A marker problem, with the 1-based line it was found on.
 * @example new MarkerError(3, "unclosed").line // => 3
 */
export class MarkerError extends Error {
  constructor(readonly line: number, message: string) { super(message); this.name = "MarkerError"; }
}

interface Block { begin: number; end: number; indent: string }

function blocks(lines: readonly string[], begin: RegExp, end: RegExp, what: string): Block[] {
  const out: Block[] = [];
  let open: { at: number; indent: string } | null = null;
  lines.forEach((l, i) => {
    const b = begin.exec(l);
    if (b) {
      if (open) throw new MarkerError(i + 1, `"BEGIN ${what}" on line ${i + 1} inside the block opened on line ${open.at + 1}; close it with "// END ${what}" first`);
      open = { at: i, indent: b[1] };
    } else if (end.test(l)) {
      if (!open) throw new MarkerError(i + 1, `"END ${what}" on line ${i + 1} without a matching "// BEGIN ${what}"`);
      out.push({ begin: open.at, end: i, indent: open.indent });
      open = null;
    }
  });
  if (open) throw new MarkerError((open as { at: number }).at + 1, `"BEGIN ${what}" on line ${(open as { at: number }).at + 1} is never closed with "// END ${what}"`);
  return out;
}

/** True when the code has a solution block. @example hasSolution("// BEGIN SOLUTION\nx\n// END SOLUTION") // => true */
export function hasSolution(code: string): boolean { return code.split("\n").some((l) => SOL_BEGIN.test(l)); }
/** True when the code has a hidden-tests block. @example hasHidden("// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS") // => true */
export function hasHidden(code: string): boolean { return code.split("\n").some((l) => HID_BEGIN.test(l)); }

/**
 * The student's version of a code cell: each solution block becomes `// YOUR CODE HERE` and a
 * stub that throws "not implemented", at the block's indentation.
 * @example stripSolutions("function f() {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}")
 * // => 'function f() {\n  // YOUR CODE HERE\n  throw new Error("not implemented");\n}'
 */
export function stripSolutions(code: string, markdown = false): string {
  const lines = code.split("\n");
  const bs = blocks(lines, SOL_BEGIN, SOL_END, "SOLUTION");
  const out: string[] = [];
  let i = 0;
  for (const b of bs) {
    out.push(...lines.slice(i, b.begin));
    out.push(...(markdown ? [`${b.indent}YOUR ANSWER HERE`] : [`${b.indent}// YOUR CODE HERE`, `${b.indent}${STUB}`]));
    i = b.end + 1;
  }
  out.push(...lines.slice(i));
  return out.join("\n");
}

/**
 * The source without the solution markers (what the instructor's solution runs as).
 * @example keepSolutions("// BEGIN SOLUTION\nx = 1;\n// END SOLUTION") // => "x = 1;"
 */
export function keepSolutions(code: string): string {
  const lines = code.split("\n");
  blocks(lines, SOL_BEGIN, SOL_END, "SOLUTION");
  return lines.filter((l) => !SOL_BEGIN.test(l) && !SOL_END.test(l)).join("\n");
}

/**
 * The student's version of a test cell: hidden-test blocks removed (markers included).
 * @example removeHidden("a();\n// BEGIN HIDDEN TESTS\nb();\n// END HIDDEN TESTS\nc();") // => "a();\nc();"
 */
export function removeHidden(code: string): string {
  const lines = code.split("\n");
  const bs = blocks(lines, HID_BEGIN, HID_END, "HIDDEN TESTS");
  const drop = new Set<number>();
  for (const b of bs) for (let k = b.begin; k <= b.end; k++) drop.add(k);
  return lines.filter((_, k) => !drop.has(k)).join("\n");
}

/**
 * The autograder's version of a test cell: each hidden block runs inside `grader.hidden(...)`,
 * so its outcomes are reported as hidden (name and points, never the code).
 * @example hiddenForGrading("// BEGIN HIDDEN TESTS\nt.ok(x);\n// END HIDDEN TESTS")
 * // => "grader.hidden(() => {\nt.ok(x);\n});"
 */
export function hiddenForGrading(code: string): string {
  const lines = code.split("\n");
  const bs = blocks(lines, HID_BEGIN, HID_END, "HIDDEN TESTS");
  for (const b of bs) {
    lines[b.begin] = `${b.indent}grader.hidden(() => {`;
    lines[b.end] = `${b.indent}});`;
  }
  return lines.join("\n");
}
