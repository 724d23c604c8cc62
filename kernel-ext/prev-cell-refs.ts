// Shorthand properties that name a variable of an earlier cell. tslab's converter rewrites
// every identifier bound in an earlier cell to `exports.<name>` (`wrapPrevIdentifier` in
// tslab/dist/converter.js), but it asks the checker for the symbol *at* the identifier, and
// the name of a shorthand property `{ rng }` is the declaration of the new property, not a use
// of `rng`. So `{ rng }` stayed as is and threw `ReferenceError: rng is not defined`, and a
// shorthand in a destructuring assignment (`({ p } = obj)`) silently wrote a global `p`.
// We expand such a shorthand to `rng: exports.rng` (`p: exports.p = init` in an assignment
// pattern) before tslab's visitor sees it.

/** The parts of the TypeScript API this transform uses (tslab's TypeScript 5.0 fork). */
export interface TsApi {
  isShorthandPropertyAssignment(node: unknown): boolean;
  factory: {
    createIdentifier(text: string): unknown;
    createPropertyAccessExpression(expr: unknown, name: unknown): unknown;
    createPropertyAssignment(name: unknown, init: unknown): unknown;
    createAssignment(left: unknown, right: unknown): unknown;
  };
  setTextRange<T>(node: T, range: unknown): T;
  setOriginalNode<T>(node: T, original: unknown): T;
  visitNode(node: unknown, visitor: (n: unknown) => unknown): unknown;
}
interface Checker { getShorthandAssignmentValueSymbol(node: unknown): { declarations?: { getSourceFile(): unknown }[] } | undefined }
interface Shorthand { name: { escapedText: string; text: string }; objectAssignmentInitializer?: unknown }

/**
 * The replacement for a shorthand property assignment whose value is a variable declared in an
 * earlier cell (in `declsFile`), or undefined for any other node (tslab's visitor handles it).
 * The new node keeps the shorthand's text range, so source maps still point at the cell.
 * @example
 * // cell 1: const rng = 42;   cell 2: const o = { rng };
 * expandShorthand(ts, checker, declsFile, shorthandNode, visit); // node for `rng: exports.rng`
 */
export function expandShorthand(ts: TsApi, checker: Checker, declsFile: unknown, node: unknown, visit: (n: unknown) => unknown): unknown {
  if (!ts.isShorthandPropertyAssignment(node)) return undefined;
  const decls = checker.getShorthandAssignmentValueSymbol(node)?.declarations ?? [];
  if (!decls.some((d) => d.getSourceFile() === declsFile)) return undefined;
  const sh = node as Shorthand;
  const f = ts.factory;
  const key = ts.setTextRange(f.createIdentifier(sh.name.text), sh.name);
  let value = ts.setTextRange(f.createPropertyAccessExpression(f.createIdentifier("exports"), f.createIdentifier(sh.name.text)), sh.name);
  // `({ p = 9 } = obj)`: the default is an expression of this cell and may name earlier cells too.
  if (sh.objectAssignmentInitializer) value = f.createAssignment(value, ts.visitNode(sh.objectAssignmentInitializer, visit));
  return ts.setOriginalNode(ts.setTextRange(f.createPropertyAssignment(key, value), node), node);
}

/** Where the call goes in converter.js: first statement of tslab's identifier visitor. */
const ANCHOR = "function wrapPrevIdentifier(node) {\n            var _a, _b;";
/** The module id converter.js requires this file by (answered by converter.ts). */
export const PREV_CELL_REFS_ID = "deeprob-ts:prev-cell-refs";

/**
 * tslab 1.0.22's converter.js with `expandShorthand` called at the top of `wrapPrevIdentifier`,
 * on the same line (line numbers of converter.js stay as published).
 * @example
 * mod._compile(patchConverterSource(fs.readFileSync(converterJs, "utf8")), converterJs);
 */
export function patchConverterSource(src: string): string {
  const at = src.indexOf(ANCHOR);
  if (at < 0 || src.indexOf(ANCHOR, at + 1) >= 0) {
    throw new Error("patchConverterSource: expected tslab 1.0.22's converter.js with one `function wrapPrevIdentifier(node) { var _a, _b;`, but it was not found once; tslab changed, update kernel-ext/prev-cell-refs.ts");
  }
  const call = ` const __shorthand = require(${JSON.stringify(PREV_CELL_REFS_ID)}).expandShorthand(ts, checker, declsFile, node, wrapPrevIdentifier); if (__shorthand) return __shorthand;`;
  return src.slice(0, at + ANCHOR.length) + call + src.slice(at + ANCHOR.length);
}
