// The deeprob-ts kernel end to end: a real jupyter_server, the real kernel process, messages
// matched by type and parent as JSON subsets (STYLE rule 13).
import fs from "node:fs";
import path from "node:path";
import type { Kernel } from "@jupyterlab/services";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execute, findMessages, REPO_ROOT, startJupyter, startKernel, streamText, type AnyMessage, type JupyterServer } from "./helpers/jupyter";

let server: JupyterServer;
let kernel: Kernel.IKernelConnection;
/** Every iopub message of the kernel, for output that arrives after its cell finished. */
const allIopub: AnyMessage[] = [];

beforeAll(async () => {
  server = await startJupyter();
  ({ kernel } = await startKernel(server));
  kernel.iopubMessage.connect((_, msg) => { allIopub.push(msg as unknown as AnyMessage); });
  await execute(kernel, `import { display, clearOutput, registerFormatter } from "deeprob-ts";`);
});

afterAll(async () => {
  const survivors = await server?.stop();
  expect(survivors).toEqual([]);
});

const tsVersion = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules/@tslab/typescript-for-tslab/package.json"), "utf8")) as { version: string }).version;
const pkgVersion = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("kernel_info", () => {
  test("names the kernel and the real TypeScript version cells are compiled with", async () => {
    const reply = await kernel.requestKernelInfo();
    expect(reply?.content).toMatchObject({
      status: "ok", implementation: "deeprob-ts", implementation_version: pkgVersion,
      language_info: { name: "typescript", version: tsVersion, mimetype: "text/typescript", file_extension: ".ts",
        pygments_lexer: "typescript", codemirror_mode: "typescript" },
    });
    expect(tsVersion).toMatch(/^5\.\d+\.\d+$/); // not tslab's hard-coded "3.7.2"
  });
});

describe("results", () => {
  test("the last value is an execute_result with text/plain and its execution count", async () => {
    const r = await execute(kernel, "const answer = 6 * 7;\nanswer");
    const count = (r.reply.content as { execution_count: number }).execution_count;
    expect(findMessages(r.iopub, "execute_input", { code: "const answer = 6 * 7;\nanswer", execution_count: count })).toHaveLength(1);
    expect(findMessages(r.iopub, "execute_result", { execution_count: count, data: { "text/plain": "42" } })).toHaveLength(1);
    expect(streamText(r.iopub, "stdout")).toBe(""); // not printed as text as plain tslab does
  });

  test("a value with [Symbol.for('Jupyter.display')] gives its bundle plus text/plain", async () => {
    const r = await execute(kernel, `({ [Symbol.for("Jupyter.display")]() { return { "text/html": "<b>hi</b>", "application/json": { a: 1 } }; } })`);
    const [m] = findMessages(r.iopub, "execute_result", { data: { "text/html": "<b>hi</b>", "application/json": { a: 1 } } });
    expect((m.content as { data: Record<string, string> }).data["text/plain"]).toContain("Jupyter.display");
  });

  test("an async display method is awaited", async () => {
    const r = await execute(kernel, `({ async [Symbol.for("Jupyter.display")]() { return { "text/markdown": "**async**" }; } })`);
    expect(findMessages(r.iopub, "execute_result", { data: { "text/markdown": "**async**" } })).toHaveLength(1);
  });

  test("null and undefined give no result, as IPython's None", async () => {
    for (const code of ["null", "undefined", "let nothing: number | undefined; nothing"]) {
      const r = await execute(kernel, code);
      expect(r.reply.content).toMatchObject({ status: "ok" });
      expect(findMessages(r.iopub, "execute_result")).toHaveLength(0);
    }
  });

  test("a registered formatter renders instances of a class and its subclasses", async () => {
    const r = await execute(kernel, [
      "class Point { constructor(public x: number, public y: number) {} }",
      "class Point3 extends Point {}",
      "registerFormatter(Point, (p) => ({ 'text/html': `<b>(${p.x}, ${p.y})</b>` }));",
      "new Point3(1, 2)",
    ].join("\n"));
    expect(findMessages(r.iopub, "execute_result", { data: { "text/html": "<b>(1, 2)</b>" } })).toHaveLength(1);
  });

  test("a throwing display method shows an error, falls back to text/plain, and the kernel lives on", async () => {
    const r = await execute(kernel, `({ v: 1, [Symbol.for("Jupyter.display")]() { throw new Error("render failed"); } })`);
    expect(r.reply.content).toMatchObject({ status: "ok" });
    const [m] = findMessages(r.iopub, "execute_result");
    expect((m.content as { data: Record<string, string> }).data["text/plain"]).toContain("v: 1");
    expect(streamText(r.iopub, "stderr")).toContain("Error: render failed");
    const next = await execute(kernel, "1 + 1");
    expect(findMessages(next.iopub, "execute_result", { data: { "text/plain": "2" } })).toHaveLength(1);
  });
});

describe("display", () => {
  test("display sends one multi-MIME display_data; handle.update sends update_display_data with the same id", async () => {
    const r = await execute(kernel, [
      `const h = display({ "text/html": "<b>1</b>", "text/plain": "1" }, { id: "progress" });`,
      `h.update({ "text/html": "<b>2</b>", "text/plain": "2" });`,
    ].join("\n"));
    expect(findMessages(r.iopub, "display_data", { data: { "text/html": "<b>1</b>", "text/plain": "1" }, transient: { display_id: "progress" } })).toHaveLength(1);
    expect(findMessages(r.iopub, "update_display_data", { data: { "text/html": "<b>2</b>", "text/plain": "2" }, transient: { display_id: "progress" } })).toHaveLength(1);
    expect(findMessages(r.iopub, "execute_result")).toHaveLength(0);
  });

  test("bytes are base64-encoded and metadata is passed through", async () => {
    const r = await execute(kernel, `display({ "image/png": new Uint8Array([137, 80, 78, 71]) }, { metadata: { "image/png": { width: 4 } } })`);
    expect(findMessages(r.iopub, "display_data", { data: { "image/png": "iVBORw==" }, metadata: { "image/png": { width: 4 } } })).toHaveLength(1);
    expect(findMessages(r.iopub, "execute_result")).toHaveLength(0); // the handle is not echoed
  });

  test("display of a value uses the protocol, with text/plain", async () => {
    const r = await execute(kernel, `display({ [Symbol.for("Jupyter.display")]: () => ({ "text/latex": "$x^2$" }) })`);
    expect(findMessages(r.iopub, "display_data", { data: { "text/latex": "$x^2$" } })).toHaveLength(1);
  });

  test("clearOutput sends clear_output with wait", async () => {
    const r = await execute(kernel, `clearOutput({ wait: true }); clearOutput();`);
    expect(findMessages(r.iopub, "clear_output", { wait: true })).toHaveLength(1);
    expect(findMessages(r.iopub, "clear_output", { wait: false })).toHaveLength(1);
  });

  test("display from a timer after its cell finished goes to that cell's output", async () => {
    const first = await execute(kernel, `setTimeout(() => { display({ "text/plain": "late" }); console.log("late log"); }, 300); "scheduled"`);
    const parent = first.reply.parent_header as { msg_id: string };
    await execute(kernel, `await new Promise((r) => setTimeout(r, 800)); "second"`);
    const late = allIopub.filter((m) => (m.parent_header as { msg_id?: string }).msg_id === parent.msg_id);
    expect(findMessages(late, "display_data", { data: { "text/plain": "late" } })).toHaveLength(1);
    expect(streamText(late, "stdout")).toBe("late log\n");
  });
});

describe("notebooks written for plain tslab", () => {
  test("tslab.display.html works (no 'Not ready') and lands in the cell", async () => {
    const r = await execute(kernel, `import * as tslab from "tslab";\ntslab.display.html("<b>from tslab</b>");`);
    expect(r.reply.content).toMatchObject({ status: "ok" });
    expect(findMessages(r.iopub, "display_data", { data: { "text/html": "<b>from tslab</b>" } })).toHaveLength(1);
  });
});

describe("state across cells", () => {
  test("variables declared before a throw in the same cell stay usable, as in IPython", async () => {
    await execute(kernel, `let beforeThrow = 5;\nthrow new Error("after the declaration");`);
    const r = await execute(kernel, `beforeThrow * 2`);
    expect(findMessages(r.iopub, "execute_result", { data: { "text/plain": "10" } })).toHaveLength(1);
  });
});

describe("names of earlier cells (tslab rewrites them to exports.<name>)", () => {
  /** Runs the cells in order; the last one's text/plain result. */
  async function resultOf(...cells: string[]): Promise<string> {
    let r = await execute(kernel, cells[0]);
    for (const code of cells.slice(1)) r = await execute(kernel, code);
    expect(r.reply.content).toMatchObject({ status: "ok" });
    const [m] = findMessages(r.iopub, "execute_result");
    return (m.content as { data: Record<string, string> }).data["text/plain"];
  }
  // `{ rng }` used to throw "ReferenceError: rng is not defined" (tslab left the shorthand as is).
  test("a shorthand property names a const of an earlier cell", async () => {
    expect(await resultOf("const shRng = 42;", "const shObj = { shRng }; shObj")).toBe("{ shRng: 42 }");
    expect(await resultOf("({ shRng: shRng })")).toBe("{ shRng: 42 }");
    expect(await resultOf("(() => ({ twice: 2 * shRng, shRng }))()")).toBe("{ twice: 84, shRng: 42 }");
  });
  test("defaults and shorthand in destructuring patterns, spread, template literals, typeof", async () => {
    expect(await resultOf("const { shA = shRng, ...shRest } = { shB: 1 } as { shA?: number; shB: number }; [shA, shRest]"))
      .toBe("[ 42, { shB: 1 } ]");
    expect(await resultOf("const shCfg = { lr: 0.1 };", "({ ...shCfg, shRng })")).toBe("{ lr: 0.1, shRng: 42 }");
    expect(await resultOf("`rng=${shRng}`")).toBe("'rng=42'");
    expect(await resultOf("typeof shRng")).toBe("'number'");
  });
  test("a re-declaration in a later cell shadows the earlier one", async () => {
    expect(await resultOf("const shRe = 1;", "const shRe = 2; ({ shRe })")).toBe("{ shRe: 2 }");
    expect(await resultOf("function shLocal(shRng: number) { return { shRng }; } shLocal(7)")).toBe("{ shRng: 7 }");
  });
  test("functions, classes, enums and imports of earlier cells as shorthands", async () => {
    expect(await resultOf("function shF() { return 7; }", "({ shF }).shF()")).toBe("7");
    expect(await resultOf("class ShK { v = 3; }", "new ({ ShK }).ShK().v")).toBe("3");
    expect(await resultOf("class ShC { m() { return { shRng }; } }", "new ShC().m()")).toBe("{ shRng: 42 }");
    expect(await resultOf("enum ShE { A = 5 }", "({ ShE }).ShE.A")).toBe("5");
    expect(await resultOf(`import * as shPath from "node:path";`, "({ shPath }).shPath.sep")).toBe("'/'");
  });
  test("a let reassigned in a later cell is read through a shorthand with its new value", async () => {
    expect(await resultOf("let shCnt = 1;", "shCnt = 5;", "({ shCnt })")).toBe("{ shCnt: 5 }");
    expect(await resultOf("shCnt += 1; ({ shCnt })")).toBe("{ shCnt: 6 }");
  });
  test("a shorthand in a destructuring assignment writes the earlier cell's let (not a global)", async () => {
    expect(await resultOf("let shP = 0, shQ = 0;", "({ shP, shQ = shRng } = { shP: 3 } as { shP: number; shQ?: number }); [shP, shQ]"))
      .toBe("[ 3, 42 ]");
    expect(await resultOf("[shP, shQ] = [shQ, shP]; [shP, shQ, typeof (globalThis as Record<string, unknown>).shP]"))
      .toBe("[ 42, 3, 'undefined' ]");
  });
  test("a traceback line in a cell with a shorthand still points at the cell's line", async () => {
    const r = await execute(kernel, "const shO = {\n  shRng };\nthrow new Error(`boom ${shO.shRng}`);");
    const n = (r.reply.content as { execution_count: number }).execution_count;
    const [m] = findMessages(r.iopub, "error", { ename: "Error", evalue: "boom 42" });
    // `new` is column 7 of line 3, as without the shorthand.
    expect((m.content as { traceback: string[] }).traceback.slice(0, 2)).toEqual(["Error: boom 42", `    at cell[${n}]:3:7`]);
  });
});

describe("streams", () => {
  test("stdout and stderr arrive as streams, in order with display_data", async () => {
    const r = await execute(kernel, `console.log("out 1"); console.error("err 1"); display({ "text/plain": "d" }); process.stdout.write("out 2\\n");`);
    expect(streamText(r.iopub, "stdout")).toBe("out 1\nout 2\n");
    expect(streamText(r.iopub, "stderr")).toBe("err 1\n");
    const types = r.iopub.map((m) => m.header.msg_type);
    const firstOut = r.iopub.findIndex((m) => m.header.msg_type === "stream" && (m.content as { text: string }).text.includes("out 1"));
    expect(firstOut).toBeLessThan(types.indexOf("display_data"));
  });
});

describe("errors", () => {
  test("a type error is an error message with ename TSError, line:column and the message", async () => {
    const r = await execute(kernel, `const n: number = "one";`);
    const expected = { ename: "TSError", evalue: "1:7 - Type 'string' is not assignable to type 'number'." };
    expect(findMessages(r.iopub, "error", { ...expected, traceback: ["TSError: 1:7 - Type 'string' is not assignable to type 'number'."] })).toHaveLength(1);
    expect(r.reply.content).toMatchObject({ status: "error", ...expected });
    expect(streamText(r.iopub, "stderr")).toBe(""); // reported once, as the error
  });

  test("a thrown error keeps its class name and message; the traceback has no kernel frames", async () => {
    const r = await execute(kernel, `function inner(): never { throw new RangeError("index 7 out of range"); }\ninner();`);
    const [m] = findMessages(r.iopub, "error", { ename: "RangeError", evalue: "index 7 out of range" });
    const tb = (m.content as { traceback: string[] }).traceback;
    expect(tb[0]).toBe("RangeError: index 7 out of range");
    expect(tb.some((l) => /at inner \(cell\[\d+\]:\d+:\d+\)/.test(l))).toBe(true);
    expect(tb.join("\n")).not.toMatch(/node:internal|node:vm|tslab[\\/]dist|kernel-ext/);
    expect(r.reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "index 7 out of range" });
  });

  test("frames carry the cell's TypeScript line:column (not the compiled JavaScript's), and the line is shown", async () => {
    // Type-only lines, blank lines and a multi-line expression: the compiled code has other lines.
    const defining = await execute(kernel, [
      `type Pair = { a: number; b: number };`, // 1
      `interface Box { p: Pair }`, // 2
      ``, // 3
      `const sizes = [1, 2,`, // 4
      `  3].map((s) => s * 2);`, // 5
      ``, // 6
      `function checkSize(n: number): void {`, // 7
      `  if (n > 4) throw new RangeError(\`size \${n} > 4\`);`, // 8
      `}`, // 9
    ].join("\n"));
    expect(defining.reply.content).toMatchObject({ status: "ok" });
    const n = (defining.reply.content as { execution_count: number }).execution_count;
    const r = await execute(kernel, `// call it\n\nfor (const s of sizes) checkSize(s);`);
    const m = (r.reply.content as { execution_count: number }).execution_count;
    const [err] = findMessages(r.iopub, "error", { ename: "RangeError", evalue: "size 6 > 4" });
    const tb = (err.content as { traceback: string[] }).traceback;
    // `new` is column 20 of line 8; the call `checkSize(s)` is column 24 of line 3.
    expect(tb.slice(0, 3)).toEqual(["RangeError: size 6 > 4", `    at checkSize (cell[${n}]:8:20)`, `    at cell[${m}]:3:24`]);
    expect(tb.slice(3)).toEqual(["", `Cell In[${n}], line 8`, "      6 ", "      7 function checkSize(n: number): void {",
      "----> 8   if (n > 4) throw new RangeError(`size ${n} > 4`);", "                           ^", "      9 }"]);
  });

  test("a subclass of Error is named by its class", async () => {
    const r = await execute(kernel, `class ShapeError extends Error {}\nthrow new ShapeError("matmul: [2, 3] @ [4, 5]");`);
    expect(findMessages(r.iopub, "error", { ename: "ShapeError", evalue: "matmul: [2, 3] @ [4, 5]" })).toHaveLength(1);
  });

  test("a syntax error is a TSError", async () => {
    const r = await execute(kernel, `let = ;`);
    expect(r.reply.content).toMatchObject({ status: "error", ename: "TSError" });
  });

  test("a rejected top-level await is the cell's error", async () => {
    const r = await execute(kernel, `await Promise.reject(new TypeError("no data"));`);
    expect(findMessages(r.iopub, "error", { ename: "TypeError", evalue: "no data" })).toHaveLength(1);
  });

  test("strict mode: an implicit any is an error", async () => {
    const r = await execute(kernel, `function twice(x) { return 2 * x; }`);
    expect(r.reply.content).toMatchObject({ status: "error", ename: "TSError", evalue: "1:16 - Parameter 'x' implicitly has an 'any' type." });
  });

  test("with stop_on_error false the next cell runs at once (no 200 ms abort window)", async () => {
    const [bad, good] = await Promise.all([
      execute(kernel, `throw new Error("first")`, { stop_on_error: false }),
      execute(kernel, `"second ran"`, { stop_on_error: false }),
    ]);
    expect(bad.reply.content).toMatchObject({ status: "error" });
    expect(good.reply.content).toMatchObject({ status: "ok" });
    expect(findMessages(good.iopub, "execute_result", { data: { "text/plain": "'second ran'" } })).toHaveLength(1);
  });

  test("with stop_on_error true the queued cells are aborted, later ones run", async () => {
    const [bad, queued] = await Promise.all([
      execute(kernel, `throw new Error("stop here")`, { stop_on_error: true }),
      execute(kernel, `"must not run"`, { stop_on_error: true }),
    ]);
    expect(bad.reply.content).toMatchObject({ status: "error" });
    expect(queued.reply.content).toMatchObject({ status: "aborted" });
    expect(findMessages(queued.iopub, "execute_result")).toHaveLength(0);
    const later = await execute(kernel, `"runs again"`);
    expect(later.reply.content).toMatchObject({ status: "ok" });
  });
});

describe("the kernel survives user mistakes", () => {
  test("a result with a throwing getter and a circular object print", async () => {
    const r = await execute(kernel, `const c: any = { get bad() { throw new Error("getter"); } }; c.self = c; c`);
    const [m] = findMessages(r.iopub, "execute_result");
    expect((m.content as { data: Record<string, string> }).data["text/plain"]).toContain("[Circular *1]");
  });

  test("a Proxy that throws on every trap still gives a result", async () => {
    const r = await execute(kernel, `new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); } })`);
    expect(r.reply.content).toMatchObject({ status: "ok" });
    expect(findMessages(r.iopub, "execute_result")).toHaveLength(1);
  });

  test("a huge result is truncated and huge stdout arrives", async () => {
    const r = await execute(kernel, `const big: Record<string, number> = {}; for (let i = 0; i < 200000; i++) big["k" + i] = i; big`);
    const [m] = findMessages(r.iopub, "execute_result");
    const text = (m.content as { data: Record<string, string> }).data["text/plain"];
    // util.inspect of this object is ~2.7 MB; the kernel (or lib/display's catch-all formatter)
    // sends at most ~100 kB of it.
    expect(text.startsWith("{\n  k0: 0,\n  k1: 1,")).toBe(true);
    expect(text.length).toBeLessThan(110_000);
    const out = await execute(kernel, `for (let i = 0; i < 20000; i++) console.log("line " + i);`);
    const lines = streamText(out.iopub, "stdout").split("\n");
    expect(lines[0]).toBe("line 0");
    expect(lines[19999]).toBe("line 19999");
  });

  test("an unhandled rejection and an exception from timers go to stderr; the kernel lives", async () => {
    const r = await execute(kernel, [
      `Promise.reject(new Error("nobody caught me"));`,
      `setTimeout(() => { throw new Error("timer threw"); }, 10);`,
      `await new Promise((r) => setTimeout(r, 300));`,
    ].join("\n"));
    const err = streamText(r.iopub, "stderr");
    expect(err).toContain("Error: nobody caught me");
    expect(err).toContain("Error: timer threw");
    const next = await execute(kernel, `answer + 1`);
    expect(findMessages(next.iopub, "execute_result", { data: { "text/plain": "43" } })).toHaveLength(1);
  });
});

describe("interrupt", () => {
  test("SIGINT stops while (true) {} and later cells see earlier variables", async () => {
    await execute(kernel, `const keep = "still here";`);
    const busy = execute(kernel, `while (true) {}`, { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 1500)); // let the loop start
    await kernel.interrupt();
    const r = await busy;
    expect(r.reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const after = await execute(kernel, `keep`);
    expect(findMessages(after.iopub, "execute_result", { data: { "text/plain": "'still here'" } })).toHaveLength(1);
  });
});

describe("interrupt while awaiting", () => {
  test("SIGINT ends a cell awaiting a promise that never settles", async () => {
    const busy = execute(kernel, `await new Promise(() => {});`, { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 1500));
    await kernel.interrupt();
    expect((await busy).reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const after = await execute(kernel, `keep.length`);
    expect(findMessages(after.iopub, "execute_result", { data: { "text/plain": "10" } })).toHaveLength(1);
  });
});

describe("protocol requests", () => {
  test("comm_info_request is answered with comm_info_reply", async () => {
    const reply = await kernel.requestCommInfo({});
    expect(reply.header.msg_type).toBe("comm_info_reply");
    expect(reply.content).toMatchObject({ status: "ok", comms: {} });
  });

  test("user_expressions are answered in the execute_reply, as mime bundles or errors (IPython)", async () => {
    const r = await execute(kernel, "const uePair = [3, 4];", { user_expressions: { n: "uePair.length * 10", bad: "noSuchName + 1" } });
    const ue = (r.reply.content as { user_expressions: Record<string, Record<string, unknown>> }).user_expressions;
    expect(ue.n).toEqual({ status: "ok", data: { "text/plain": "20" }, metadata: {} });
    expect(ue.bad).toMatchObject({ status: "error" });
    expect(String(ue.bad.evalue)).toContain("noSuchName");
    expect(r.reply.content).toMatchObject({ status: "ok" });
    // Answered in the reply only: nothing published for them.
    expect(findMessages(r.iopub, "execute_result", {})).toHaveLength(0);
    expect(findMessages(r.iopub, "error", {})).toHaveLength(0);
  });

  test("is_complete answers complete, incomplete and invalid", async () => {
    const ask = async (code: string) => (await kernel.requestIsComplete({ code })).content;
    expect(await ask("const a = 1;")).toMatchObject({ status: "complete" });
    expect(await ask("for (let i = 0; i < 3; i++) {")).toMatchObject({ status: "incomplete" });
    expect(await ask("let = ;")).toMatchObject({ status: "invalid" });
  });

  test("completion and inspection know earlier cells", async () => {
    await execute(kernel, `const learningRate = 0.01;`);
    const comp = await kernel.requestComplete({ code: "learningR", cursor_pos: 9 });
    expect(comp.content).toMatchObject({ status: "ok", cursor_start: 0, cursor_end: 9 });
    expect((comp.content as { matches: string[] }).matches).toContain("learningRate");
    const insp = await kernel.requestInspect({ code: "learningRate", cursor_pos: 3, detail_level: 0 });
    expect(insp.content).toMatchObject({ status: "ok", found: true, data: { "text/plain": "const learningRate: 0.01" } });
  });

  test("history returns the executed cells", async () => {
    const reply = await kernel.requestHistory({ output: false, raw: true, hist_access_type: "tail", n: 2 });
    const history = (reply.content as { history: [number, number, string][] }).history;
    expect(history).toHaveLength(2);
    expect(history[1][2]).toBe("const learningRate = 0.01;");
  });
});
