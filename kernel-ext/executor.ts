// Runs cells: tslab's converter checks and emits each cell, and the JavaScript runs in this
// process (vm.runInThisContext) so variables persist. A fork of tslab's src/executor.ts that
// returns what happened (value or error) instead of printing it, so the kernel can publish
// execute_result and error messages.
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import vm from "node:vm";
import type { Converter, Diagnostic, QuickInfo } from "./converter";
import { currentWriter } from "./channel";
import { thrownError, tsError, type CellLookup, type CellSource, type ErrorContent } from "./errors";
import { lookup, splitInlineMap, type LineMap } from "./source-map";

export type Outcome =
  | { status: "ok"; hasValue: false }
  | { status: "ok"; hasValue: true; value: unknown }
  | { status: "error"; error: ErrorContent };

export interface Executor {
  execute(src: string, opts?: { filename?: string }): Promise<Outcome>;
  inspect(src: string, pos: number): QuickInfo | undefined;
  complete(src: string, pos: number): { start: number; end: number; candidates: string[] };
  interrupt(): void;
  close(): void;
  /** The cell a stack frame's file name points into (for errors thrown outside a cell run). */
  cells?: CellLookup;
}

/** The error a SIGINT (Jupyter's interrupt) produces, named as in IPython. */
export const interruptedError = (): ErrorContent => ({
  ename: "KeyboardInterrupt", evalue: "execution interrupted", traceback: ["KeyboardInterrupt: execution interrupted"],
});

function isInterrupt(e: unknown): boolean {
  return e instanceof Error && ((e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" || e.message === "Interrupted asynchronously");
}

type Req = NodeJS.Require;

/**
 * Wraps `require` so a cell can import local .ts files (compiled by the converter as side
 * outputs) and `tslab` (tslab's public API, for notebooks written for plain tslab).
 */
function wrapRequire(req: Req, dirname: string, sideOutputs: Map<string, string>, sideModules: Map<string, Module>): Req {
  function fromSideOutputs(id: string): unknown {
    let filename = path.join(dirname, id);
    if (path.extname(filename) === "") filename += ".js";
    const cached = sideModules.get(filename);
    if (cached) return cached.exports;
    const code = sideOutputs.get(filename);
    if (code === undefined) return null;
    type Mod = Module & { _compile(src: string, file: string): void; paths: string[] };
    const mod = new Module(filename, module) as Mod;
    mod.filename = filename;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
    mod.require = wrapRequire(mod.require.bind(mod) as Req, path.dirname(filename), sideOutputs, sideModules);
    sideModules.set(filename, mod);
    mod._compile(code, filename);
    return mod.exports;
  }
  return new Proxy(req, {
    apply: (_target, thisArg, args: unknown[]) => {
      if (args.length !== 1 || typeof args[0] !== "string") return Reflect.apply(req, thisArg, args);
      const id = args[0];
      if (id === "tslab") return tslabCompat();
      if (id.startsWith(".")) {
        const mod = fromSideOutputs(id);
        if (mod !== null) return mod;
      }
      return Reflect.apply(req, thisArg, args);
    },
  });
}

const diagError = (diags: Diagnostic[]) => tsError(diags);

/** Lines tslab puts before the cell in the file it compiles (`export {};\n`). */
const TSLAB_PREFIX_LINES = 1;

/**
 * A cell's positions: V8's 1-based line:column in the code run (`prefix` + compiled code on
 * its first line) -> the cell's TypeScript line:column, through the composed source map.
 * @example cellSource("throw 1;", [[[0, 1, 0]]], 0).position(1, 1) // => { line: 1, column: 1 }
 */
export function cellSource(src: string, map: LineMap, prefixLength: number, prefixLines = TSLAB_PREFIX_LINES, name?: string): CellSource {
  return {
    lines: src.split(/\r?\n/),
    name,
    position(line, column) {
      const p = lookup(map, line - 1, column - 1 - (line === 1 ? prefixLength : 0));
      if (!p || p.line < prefixLines) return null;
      return { line: p.line - prefixLines + 1, column: p.column + 1 };
    },
  };
}

/** A local .ts module a cell imported (`util.js` compiled from `util.ts`), if its source is there. */
function sideSource(jsPath: string, map: LineMap | null): CellSource | undefined {
  const tsPath = jsPath.replace(/\.js$/, ".ts");
  if (!map || tsPath === jsPath) return undefined;
  try { return cellSource(fs.readFileSync(tsPath, "utf8"), map, 0, 0, tsPath); } catch { return undefined; }
}

/**
 * tslab's public API (`import * as tslab from "tslab"; tslab.display.html(...)`) for notebooks
 * written for plain tslab: its display writer is pointed at our channel, so it never throws
 * "Not ready" and its output lands in the calling cell.
 */
function tslabCompat(): unknown {
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  jupyter.lastWriteDisplayData = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient?: { display_id?: string } }, update: boolean) => {
    const w = currentWriter();
    const payload = { data: content.data, metadata: content.metadata, transient: { display_id: content.transient?.display_id ?? "" } };
    if (!content.transient?.display_id) delete (payload.transient as { display_id?: string }).display_id;
    if (w) w.display(payload, update);
    else if (typeof content.data["text/plain"] === "string") process.stdout.write(content.data["text/plain"] + "\n");
  };
  return require("tslab");
}

/** Creates the executor for cells whose relative imports resolve from `rootDir`. */
export function createExecutor(rootDir: string, conv: Converter): Executor {
  const sideOutputs = new Map<string, string>();
  const sideModules = new Map<string, Module>();
  const locals: Record<string, unknown> = {};
  // TypeScript emits named imports as defineProperty getters; store plain values so that a later
  // cell may rebind an imported name (as tslab does).
  const exportsProxy = new Proxy(locals, {
    defineProperty: (_t, prop, attrs) => {
      if (prop === "__esModule") return true;
      locals[prop as string] = attrs.get ? attrs.get() : attrs.value;
      return true;
    },
  });
  const req = wrapRequire(Module.createRequire(path.join(rootDir, "src.js")), rootDir, sideOutputs, sideModules);
  // Passed through a global because the cell code is compiled by vm in this context.
  vm.runInThisContext("(x) => { globalThis.__tslab__ = x; }")({ exports: exportsProxy, require: req });

  // Functions defined in one cell run in later ones: every cell's map is kept, by file name.
  const cellSources = new Map<string, CellSource>();
  const cells: CellLookup = (file) => cellSources.get(file);
  let prevDecl = "";
  let rejectInterrupt: (e: Error) => void = () => {};
  let interruptPromise: Promise<never>;
  const resetInterrupt = () => {
    interruptPromise = new Promise<never>((_, reject) => { rejectInterrupt = reject; });
    interruptPromise.catch(() => {}); // observed only when a cell awaits
  };
  resetInterrupt();

  async function execute(src: string, opts: { filename?: string } = {}): Promise<Outcome> {
    const converted = conv.convert(prevDecl, src);
    for (const out of converted.sideOutputs ?? []) {
      sideModules.delete(out.path);
      const { code, map } = splitInlineMap(out.data);
      sideOutputs.set(out.path, code);
      const side = sideSource(out.path, map);
      if (side) cellSources.set(out.path, side); else cellSources.delete(out.path);
    }
    if (converted.diagnostics.length > 0) return { status: "error", error: diagError(converted.diagnostics) };
    if (!converted.output) {
      prevDecl = converted.declOutput ?? "";
      return { status: "ok", hasValue: false };
    }
    const prefix = converted.hasToplevelAwait ? "(async function(exports, require) { " : "(function(exports, require) { ";
    const { code, map } = splitInlineMap(converted.output);
    const filename = opts.filename ?? "cell";
    if (map) cellSources.set(filename, cellSource(src, map, prefix.length));
    else cellSources.delete(filename);
    const wrapped = prefix + code + "\n})(__tslab__.exports, __tslab__.require)";
    try {
      const ret: unknown = vm.runInThisContext(wrapped, { breakOnSigint: true, filename });
      if (converted.hasToplevelAwait) await Promise.race([ret, interruptPromise]);
    } catch (e) {
      // Declarations that ran before the throw still exist; keep their types for later cells.
      prevDecl = converted.declOutput ?? prevDecl;
      return { status: "error", error: isInterrupt(e) ? interruptedError() : thrownError(e, cells) };
    }
    prevDecl = converted.declOutput ?? "";
    const name = converted.lastExpressionVar;
    if (name && locals[name] != null) {
      const value = locals[name];
      delete locals[name];
      return { status: "ok", hasValue: true, value };
    }
    if (name) delete locals[name];
    return { status: "ok", hasValue: false };
  }

  return {
    execute,
    inspect: (src, pos) => conv.inspect(prevDecl, src, pos),
    complete: (src, pos) => conv.complete(prevDecl, src, pos),
    interrupt: () => { rejectInterrupt(new Error("Interrupted asynchronously")); resetInterrupt(); },
    close: () => conv.close(),
    cells,
  };
}
