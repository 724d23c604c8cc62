// `import ... from "deeprob-ts"` works, with types, from notebooks in any folder: two folders of
// the repo and one outside it. The server's root is "/" so each session's kernel starts in the
// notebook's own folder, as in real use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { execute, findMessages, REPO_ROOT, startJupyter, startKernel, type JupyterServer } from "./helpers/jupyter";

let server: JupyterServer;
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-outside-"));

beforeAll(async () => {
  server = await startJupyter({ rootDir: "/" });
});

afterAll(async () => {
  const survivors = await server?.stop();
  fs.rmSync(outside, { recursive: true, force: true });
  expect(survivors).toEqual([]);
});

const folders = [
  path.join(REPO_ROOT, "notebooks"),
  path.join(REPO_ROOT, "notebooks", "lectures"),
  outside,
];

test.each(folders)("from a notebook in %s: values, the shared channel, and types", async (folder) => {
  fs.mkdirSync(folder, { recursive: true });
  const nb = path.relative("/", path.join(folder, `import-check-${process.pid}.ipynb`));
  const { kernel, session } = await startKernel(server, { notebookPath: nb });
  try {
    const cwd = await execute(kernel, `process.cwd()`);
    expect(findMessages(cwd.iopub, "execute_result", { data: { "text/plain": `'${folder}'` } })).toHaveLength(1);

    const imp = await execute(kernel, `import * as dr from "deeprob-ts";\ndr.version`);
    expect(imp.reply.content).toMatchObject({ status: "ok" });
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(findMessages(imp.iopub, "execute_result", { data: { "text/plain": `'${pkg.version}'` } })).toHaveLength(1);

    // The notebook's copy is the kernel's copy: display() reaches this cell's output.
    const shown = await execute(kernel, `dr.display({ "text/html": "<i>same channel</i>" })`);
    expect(findMessages(shown.iopub, "display_data", { data: { "text/html": "<i>same channel</i>" } })).toHaveLength(1);

    // Types load: a wrong type is caught by the checker before anything runs.
    const wrong = await execute(kernel, `const v: number = dr.version;`);
    expect(wrong.reply.content).toMatchObject({ status: "error", ename: "TSError", evalue: "1:7 - Type 'string' is not assignable to type 'number'." });
    // Typed-array members (emitted by TS 5.9 as `Uint32Array<ArrayBuffer>`) keep their type under
    // tslab's TS 5.0: assigning one to a string is an error, not a silent `any`.
    const typed = await execute(kernel, `const state: string = dr.rng(0).s;`);
    expect(typed.reply.content).toMatchObject({ status: "error", ename: "TSError", evalue: "1:7 - Type 'Uint32Array' is not assignable to type 'string'." });
    const badArg = await execute(kernel, `dr.display(1, { id: 5 });`);
    expect(badArg.reply.content).toMatchObject({ status: "error", ename: "TSError" });
    expect((badArg.reply.content as { evalue: string }).evalue).toContain("Type 'number' is not assignable to type 'string'");
  } finally {
    await session.shutdown();
    session.dispose();
  }
});
