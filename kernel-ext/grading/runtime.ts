// Runs inside the student's kernel during `deeprob-ts grade`, loaded by the grader's first cell
// before any student code. It captures pristine references (the assertion helpers, fs.writeSync,
// JSON.stringify), freezes the grading modules so later code cannot swap a helper, and exposes
// one non-writable global named with the run's secret nonce. Each test cell the grader sends
// gets a fresh per-cell token; verdicts go, tagged with that token, to a side file the grader
// reads. Cell outputs (printed "PASS" lines, fake cards) never count, and a verdict without the
// cell's token is ignored. Threat model: student code that redefines, patches or prints; code
// that walks the V8 heap through node:inspector could still read a token (as in nbgrader/otter).
import fs from "node:fs";
import { CheckResult, errorText, TestContext, type Outcome } from "../../lib/grading/index.js";

/** One line of the verdict file. */
export interface Verdict {
  token: string;
  id: string;
  outcomes: Pick<Outcome, "name" | "passed" | "score" | "points" | "message" | "hidden">[];
  error: string | null;
}

/** The global's name for a nonce. @example globalName("ab12") // => "__deeprob_grader_ab12" */
export function globalName(nonce: string): string { return `__deeprob_grader_${nonce}`; }

/** Builtins whose methods test code and helpers use; restored before each question's tests. */
const BUILTINS = ["Math", "JSON", "Number", "Object", "Array", "String", "Boolean", "Set", "Map", "Float64Array", "Float32Array", "Int32Array", "Uint8Array", "Symbol", "Error", "TypeError", "RangeError", "Reflect"] as const;

/**
 * Snapshots the builtins (the global bindings, their static methods and their prototypes'
 * methods) and returns a function that puts back any that student code replaced, so that a
 * patched Math.abs or Array.prototype.every cannot change what a test computes.
 */
function snapshotBuiltins(): () => void {
  const G = globalThis as unknown as Record<string, object>;
  const getDesc = Object.getOwnPropertyDescriptor, getNames = Object.getOwnPropertyNames, define = Object.defineProperty;
  const saved: [object, string, PropertyDescriptor][] = [];
  const keep = (o: object) => { for (const k of getNames(o)) { const d = getDesc(o, k); if (d && d.configurable) saved[saved.length] = [o, k, d]; } };
  for (const name of BUILTINS) {
    const d = getDesc(G, name), v = G[name];
    if (d) saved[saved.length] = [G, name, d];
    if (v && (typeof v === "object" || typeof v === "function")) {
      keep(v);
      const proto = (v as { prototype?: object }).prototype;
      if (proto && typeof proto === "object") keep(proto);
    }
  }
  const protos = [Function.prototype];
  for (const p of protos) keep(p);
  return () => {
    for (let i = 0; i < saved.length; i++) {
      const [o, k, d] = saved[i];
      const now = getDesc(o, k);
      if (!now || now.value !== d.value || now.get !== d.get || now.set !== d.set) {
        try { define(o, k, d); } catch { /* frozen by the student: nothing to restore to */ }
      }
    }
  };
}

function freezeModules(freeze: typeof Object.freeze): void {
  // CommonJS output calls across modules through their exports objects (`values_1.toNumbers`):
  // freezing those objects keeps every internal call pointing at the original function.
  for (const key of Object.keys(require.cache)) {
    if (/[\\/]lib[\\/]grading[\\/]|[\\/]lib[\\/]nn[\\/]gradcheck\.js$|[\\/]kernel-ext[\\/]grading[\\/]runtime\.js$/.test(key)) {
      const m = require.cache[key];
      if (m) freeze(m.exports);
    }
  }
  for (const C of [TestContext, CheckResult]) { freeze(C.prototype); freeze(C); }
}

/**
 * Installs the grading runtime in this process (idempotent per nonce).
 * @example install({ nonce: "3f9c...", verdictFile: "/tmp/grade-x/verdicts" })
 */
export function install(opts: { nonce: string; verdictFile: string }): void {
  const freeze = Object.freeze, define = Object.defineProperty, stringify = JSON.stringify, write = fs.writeSync;
  const Str = String, Num = Number, Ctx = TestContext, Result = CheckResult, errText = errorText;
  const name = globalName(opts.nonce);
  if (Object.prototype.hasOwnProperty.call(globalThis, name)) return;
  const fd = fs.openSync(opts.verdictFile, "a");
  const restore = snapshotBuiltins();
  freezeModules(freeze);

  function grader(token: string) {
    let current: TestContext | null = null;
    return freeze({
      check(id: string, tests: (t: TestContext) => void): CheckResult {
        const t = new Ctx();
        let error: string | null = null;
        current = t;
        try {
          const r = tests(t) as unknown;
          if (r && typeof (r as Promise<unknown>).then === "function") error = "the test function returned a Promise; checks must be synchronous";
        } catch (e) {
          try { error = errText(e); } catch { error = "an exception that cannot be printed"; }
        } finally {
          current = null;
        }
        const outs: Verdict["outcomes"] = [];
        const recorded = t.outcomes;
        for (let i = 0; i < recorded.length; i++) {
          const o = recorded[i];
          outs[i] = { name: Str(o.name), passed: o.passed === true, score: Num(o.score), points: Num(o.points), message: Str(o.message), hidden: o.hidden === true };
        }
        write(fd, stringify({ token, id: Str(id), outcomes: outs, error }) + "\n");
        return new Result(Str(id), outs.map((o) => freeze({ ...o })), error);
      },
      hidden(fn: () => void): void {
        if (!current) throw new Error("grader.hidden: call it inside a grader.check(id, (t) => { ... }) test function");
        current.hidden(fn);
      },
    });
  }
  define(globalThis, name, { value: freeze({ grader, restore }), writable: false, configurable: false, enumerable: false });
}

/**
 * The cell the grader sends first: loads this runtime by absolute path and installs it.
 * @example preambleCode("/repo/dist/kernel-ext/grading/runtime.js", "ab", "/tmp/v") // => 'require("/repo/...").install(...)'
 */
export function preambleCode(runtimeJs: string, nonce: string, verdictFile: string): string {
  return `require(${JSON.stringify(runtimeJs)}).install(${JSON.stringify({ nonce, verdictFile })});`;
}

/**
 * The cell the grader sends before each question: puts back builtins student code replaced,
 * before the test cell is compiled (the type checker itself uses Math and Array methods).
 * @example restoreCode("ab") // => '(globalThis as any)["__deeprob_grader_ab"].restore();'
 */
export function restoreCode(nonce: string): string {
  return `(globalThis as any)[${JSON.stringify(globalName(nonce))}].restore();`;
}

/**
 * A question's test cell as the grader sends it: the source's code (public and hidden tests)
 * with `grader` bound, in a block, to the runtime's grader for this cell's token.
 * @example testCellCode("ab", "tok", 'grader.check("q1", (t) => t.ok(true));')
 */
export function testCellCode(nonce: string, token: string, code: string): string {
  // The annotation types `t` in strict cells; restore() runs again in case the student's code
  // ran something between cells (a timer).
  return `{\nconst __grading = (globalThis as any)[${JSON.stringify(globalName(nonce))}];\n__grading.restore();\n` +
    `const grader: import("deeprob-ts").grading.Grader = __grading.grader(${JSON.stringify(token)});\n${code}\n}`;
}
