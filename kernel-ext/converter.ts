// tslab's converter (the TypeScript watch program that checks and emits each cell), loaded with
// our compiler options. tslab hard-codes its options in createConverter, and the TypeScript
// module's exports are non-configurable getters, so we load converter.js as a fresh module whose
// `require("@tslab/typescript-for-tslab")` returns a copy of the TS namespace with one function
// wrapped: createWatchCompilerHost, which receives those options.
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import { requireCached } from "./code-cache";
import { downlevelDeclarations } from "./dts-compat";
import * as prevCellRefs from "./prev-cell-refs";
import { PACKAGE_ROOT, packagePaths } from "./resolve";
import { compose, decodeMappings, splitInlineMap, withInlineMap } from "./source-map";

/** What tslab's converter exposes (tslab/dist/converter.d.ts), as much as the kernel uses. */
export interface Converter {
  close(): void;
  convert(prevDecl: string, src: string): ConvertResult;
  inspect(prevDecl: string, src: string, position: number): QuickInfo | undefined;
  complete(prevDecl: string, src: string, position: number): { start: number; end: number; candidates: string[] };
  addModule(name: string, content: string, meta?: unknown): Diagnostic[];
}
export interface Diagnostic { start: { line: number; character: number; offset: number }; length: number; messageText: string; category: number; code: number; fileName?: string }
export interface ConvertResult {
  output?: string;
  declOutput?: string;
  diagnostics: Diagnostic[];
  hasToplevelAwait?: boolean;
  sideOutputs?: { path: string; data: string }[];
  lastExpressionVar?: string;
}
export interface QuickInfo { displayParts?: { text: string }[]; documentation?: { text: string }[]; tags?: { name: string; text?: { text: string }[] }[] }

/**
 * Options added to tslab's: strict checking, `deeprob-ts` resolved to our dist/, and an inline
 * source map on each emit (source-map.ts composes it with the CommonJS pass for tracebacks).
 */
export function cellCompilerOptions(): Record<string, unknown> {
  return { strict: true, paths: packagePaths(), inlineSourceMap: true };
}

type Transpile = (input: string, opts: { compilerOptions?: Record<string, unknown>; fileName?: string }) => { outputText: string; sourceMapText?: string };

/**
 * tslab's second pass (ES module -> CommonJS, `esModuleToCommonJSModule`) through
 * `ts.transpileModule`, made to keep positions: the input's inline map (TypeScript -> ES module)
 * is composed with this pass's map and appended to the output as one inline map.
 */
function mappedTranspile(transpile: Transpile): Transpile {
  return (input, opts) => {
    const { code, map } = splitInlineMap(input);
    if (!map) return transpile(input, opts);
    const r = transpile(code, { ...opts, compilerOptions: { ...opts.compilerOptions, sourceMap: true } });
    const outText = r.outputText.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "");
    const outer = r.sourceMapText ? decodeMappings((JSON.parse(r.sourceMapText) as { mappings: string }).mappings) : null;
    return { outputText: outer ? withInlineMap(outText, compose(outer, map), "__tslab__.ts") : outText };
  };
}

type TsModule = Record<string, unknown> & { createWatchCompilerHost: (...args: unknown[]) => unknown; version: string };

const tslabDir = path.dirname(require.resolve("tslab/package.json"));
const converterRequire = Module.createRequire(path.join(tslabDir, "dist", "converter.js"));
/** Requires like tslab's converter.js would, but TypeScript itself through the V8 code cache. */
const tsRequire = (id: string): unknown =>
  id === "@tslab/typescript-for-tslab" ? requireCached(converterRequire.resolve(id)) : converterRequire(id);

/** The TypeScript version tslab compiles cells with (its fork of 5.0). */
export function cellTypeScriptVersion(): string {
  // From package.json: loading the compiler itself takes ~0.5 s, too slow for kernel_info.
  return (tsRequire("@tslab/typescript-for-tslab/package.json") as { version: string }).version;
}

/** Number of syntax errors in `src` (tslab's TypeScript parser, no type checking). */
export function parseErrorCount(src: string): number {
  const ts = tsRequire("@tslab/typescript-for-tslab") as { createSourceFile(...a: unknown[]): { parseDiagnostics?: unknown[] }; ScriptTarget: { Latest: number }; ScriptKind: { TS: number } };
  return (ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS).parseDiagnostics ?? []).length;
}

function patchedTypeScript(extra: Record<string, unknown>, extraRoots: string[]): TsModule {
  const ts = tsRequire("@tslab/typescript-for-tslab") as TsModule;
  const descriptors = Object.getOwnPropertyDescriptors(ts);
  delete (descriptors as Record<string, unknown>).createWatchCompilerHost;
  delete (descriptors as Record<string, unknown>).sys;
  delete (descriptors as Record<string, unknown>).transpileModule;
  const copy = Object.defineProperties({}, descriptors) as TsModule;
  // converter.js reads real files through `ts.sys`: our dist declarations go through the
  // TS 5.9 -> 5.0 rewrite (dts-compat.ts).
  const realSys = ts.sys as { readFile(p: string, enc?: string): string | undefined; useCaseSensitiveFileNames: boolean };
  realSys.useCaseSensitiveFileNames = true; // what converter.js sets process-wide (tslab #82)
  const distDir = path.join(PACKAGE_ROOT, "dist") + path.sep;
  const sys = Object.create(realSys) as typeof realSys;
  sys.readFile = (p, enc) => {
    const text = realSys.readFile(p, enc);
    return text !== undefined && p.startsWith(distDir) && p.endsWith(".d.ts") ? downlevelDeclarations(text) : text;
  };
  copy.sys = sys;
  copy.transpileModule = mappedTranspile(ts.transpileModule as Transpile);
  copy.createWatchCompilerHost = (rootFiles: unknown, options: unknown, ...rest: unknown[]) =>
    ts.createWatchCompilerHost([...(rootFiles as string[]), ...extraRoots], { ...(options as Record<string, unknown>), ...extra }, ...rest);
  return copy;
}

interface ConverterModule { createConverter(opts: { isJS: boolean; isBrowser: boolean }): Converter; isCompleteCode(src: string): { completed: boolean; indent?: string } }
let loaded: ConverterModule | null = null;

/** tslab's converter.js, compiled once with the patched TypeScript. */
export function converterModule(): ConverterModule {
  if (loaded) return loaded;
  const file = path.join(tslabDir, "dist", "converter.js");
  // Our declarations are a root of the program, so they are parsed while the converter warms up
  // (right after kernel start) and the first `import "deeprob-ts"` only resolves names.
  const types = path.join(PACKAGE_ROOT, "dist", "kernel-ext", "index.d.ts");
  const ts = patchedTypeScript(cellCompilerOptions(), fs.existsSync(types) ? [types] : []);
  type Mod = Module & { _compile(src: string, file: string): void; paths: string[] };
  const mod = new Module(file, module) as Mod;
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const plainRequire = Module.createRequire(file);
  // Module.prototype.require is what the compiled wrapper's `require` calls.
  mod.require = ((id: string) =>
    id === "@tslab/typescript-for-tslab" ? ts : id === prevCellRefs.PREV_CELL_REFS_ID ? prevCellRefs : plainRequire(id)) as NodeJS.Require;
  // `{ rng }` naming an earlier cell's variable becomes `rng: exports.rng` (prev-cell-refs.ts).
  mod._compile(prevCellRefs.patchConverterSource(fs.readFileSync(file, "utf8")), file);
  loaded = mod.exports as ConverterModule;
  return loaded;
}

/** A converter for Node cells, rooted at the current directory (the notebook's folder). */
export function createConverter(): Converter {
  return converterModule().createConverter({ isJS: false, isBrowser: false });
}
