import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { downlevelDeclarations } from "../../../kernel-ext/dts-compat";

const root = path.resolve(__dirname, "../../..");
const dist = path.join(root, "dist");

describe("downlevelDeclarations", () => {
  test("drops the buffer argument of typed arrays, nothing else", () => {
    expect(downlevelDeclarations("data: Float32Array<ArrayBuffer>; b: Uint8Array<ArrayBufferLike> | Int32Array< SharedArrayBuffer >;"))
      .toBe("data: Float32Array; b: Uint8Array | Int32Array;");
    expect(downlevelDeclarations("m: Map<string, Float64Array<ArrayBuffer>>; p: Promise<Buffer>;"))
      .toBe("m: Map<string, Float64Array>; p: Promise<Buffer>;");
    expect(downlevelDeclarations("x: MyFloat32Array<ArrayBuffer>;")).toBe("x: MyFloat32Array<ArrayBuffer>;");
  });
});

// Regression guard: every declaration file the library ships must type-check under the
// TypeScript that checks notebook cells (tslab's 5.0), after the kernel's rewrite. Otherwise a
// notebook silently loses the types of the affected members.
describe.skipIf(!fs.existsSync(path.join(dist, "kernel-ext", "index.d.ts")))("dist declarations under tslab's TypeScript", () => {
  test("zero syntactic and semantic diagnostics", () => {
    const ts = require(path.join(root, "node_modules", "@tslab", "typescript-for-tslab")) as typeof import("typescript");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".d.ts")) files.push(p);
      }
    };
    walk(dist);
    const options = {
      strict: true, noEmit: true, skipLibCheck: false, types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")],
      lib: ["lib.es2022.d.ts"], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true,
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    host.readFile = (p) => { const t = read(p); return t !== undefined && p.startsWith(dist) ? downlevelDeclarations(t) : t; };
    const program = ts.createProgram(files, options, host);
    const diags = [...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(),
      ...files.flatMap((f) => program.getSemanticDiagnostics(program.getSourceFile(f)))];
    const text = diags.map((d) => `${d.file ? path.relative(root, d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    expect(text).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
  });
});
