import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import * as ops from "../../../../lib/ops/index.js";
import { Tensor, tensor } from "../../../../lib/tensor/index.js";

describe("Tensor methods installed by lib/ops", () => {
  it("every listed method exists and forwards to the function of the same name", () => {
    const x = tensor([[1, -2], [3, 4]]);
    for (const name of ops.TENSOR_OP_METHODS) expect(typeof (Tensor.prototype as any)[name], name).toBe("function");
    expect(x.add(1).toArray()).toEqual(ops.add(x, 1).toArray());
    expect(x.sum(0, { keepdims: true }).toArray()).toEqual([[4, 2]]);
    expect(x.var(1).toArray()).toEqual(ops.variance(x, 1).toArray());
    expect(x.matmul(x).toArray()).toEqual(ops.matmul(x, x).toArray());
    expect(x.maskedSelect(x.gt(0)).toArray()).toEqual([1, 3, 4]);
  });

  it("the lecture's init loop reads like NumPy and keeps float32", () => {
    const x = tensor([[0.5, -1, 2]]);
    const W = tensor([[1, 0], [0, 1], [1, 1]]).div(Math.sqrt(3));
    const h = ops.tanh(x.dot(W));
    expect(h.dtype).toBe("float32");
    expect(h.shape).toEqual([1, 2]);
  });
});

const require = createRequire(import.meta.url);

describe("CommonJS build", () => {
  it("tsc output loads with require() in any order and methods work", () => {
    const root = resolve(__dirname, "../../../..");
    // Under node_modules so the build resolves the project's dependencies (pngjs, ...).
    mkdirSync(join(root, "node_modules/.cache"), { recursive: true });
    const out = mkdtempSync(join(root, "node_modules/.cache/deeprob-cjs-"));
    try {
      // --noCheck: emit only (type errors are tsc's other job); the CommonJS output is the same.
      try { execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.json"), "--outDir", out, "--noCheck"], { stdio: "pipe" }); } catch { /* emitted anyway */ }
      const script = `
        const ops = require(${JSON.stringify(join(out, "lib/ops/index.js"))});
        const t = require(${JSON.stringify(join(out, "lib/tensor/index.js"))});
        const dr = require(${JSON.stringify(join(out, "lib/index.js"))});
        const x = dr.tensor([[1, 2], [3, 4]]);
        process.stdout.write(JSON.stringify([x.T.matmul(x).sum().item(), typeof dr.var, t.Tensor === dr.Tensor, typeof ops.add]));`;
      const res = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
      expect(JSON.parse(res)).toEqual([58, "function", true, "function"]);
      // Notebook cells are type-checked by tslab's TypeScript 5.0 fork: our .d.ts must parse
      // there (TS 5.7+ emits generic typed arrays like Float32Array<ArrayBuffer> it rejects).
      const cell = join(out, "cell.ts");
      writeFileSync(cell, [
        `import * as dr from "./lib/index";`,
        `const x = dr.tensor([[1, 2], [3, 4]]);`,
        `const W = dr.ones([2, 3]).div(Math.sqrt(2));`,
        `const h: dr.Tensor = dr.tanh(x.dot(W)).sub(dr.mean(x, 0, { keepdims: true }).sum());`,
        `const v: number = dr.var(h, { axis: 0, correction: 1 }).max().item();`,
        `const parts = dr.concat([x.T, x.slice(0, [null, null, -1]).reshape(-1, 1).T.reshape(2, 2)]);`,
        `const data: Float32Array | Float64Array | Int32Array | Uint8Array = parts.toTypedArray();`,
      ].join("\n"));
      const ts = require(join(root, "node_modules/@tslab/typescript-for-tslab"));
      const program = ts.createProgram([cell], { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, moduleResolution: ts.ModuleResolutionKind.NodeJs, types: ["node"], typeRoots: [join(root, "node_modules/@types")] });
      const ours = ts.getPreEmitDiagnostics(program)
        .filter((d: any) => !d.file || /cell\.ts$|lib\/(tensor|ops)\//.test(d.file.fileName))
        .map((d: any) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
      expect(ts.version.startsWith("5.0")).toBe(true);
      expect(ours).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000); // a full tsc emit takes 10 s alone and minutes on a loaded 2-core machine
});
