// CI for the lecture notebooks (notebooks/lectures): each is executed through the real kernel
// with `deeprob-ts run` (Debian's nbclient), and any error output fails the suite. Every
// notebook asserts the slide's claims in its cells, so a clean run re-proves the lecture.
// The whole folder runs twice, once per temp copy, and both runs are reused by every
// assertion: the second run is what the determinism check compares against.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/jupyter";
import { joined, jupyterHome, readCells, runCli, type Cell, type Finished, type JupyterHome, type Output } from "./fixtures/env";

const LECTURES = path.join(REPO_ROOT, "notebooks", "lectures");
const NOTEBOOKS = fs.readdirSync(LECTURES).filter((f) => f.endsWith(".ipynb") && !f.endsWith(".nbconvert.ipynb")).sort();
// Measured: one pass over the folder takes about 6 minutes on the 2-core CI machine.
const RUN_TIMEOUT_MS = 30 * 60_000;

let home: JupyterHome;
let work: string;
const runs: { dir: string; result: Finished }[] = [];

/** Copies the lecture notebooks into a fresh folder and runs all of them with one `run` call. */
async function runAll(name: string): Promise<{ dir: string; result: Finished }> {
  const dir = fs.mkdtempSync(path.join(work, `${name}-`));
  for (const f of NOTEBOOKS) fs.copyFileSync(path.join(LECTURES, f), path.join(dir, f));
  const result = await runCli(["run", ...NOTEBOOKS], { env: home.env, cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
  return { dir, result };
}

const executed = (run: { dir: string }, nb: string): Cell[] => readCells(path.join(run.dir, nb.replace(/\.ipynb$/, ".nbconvert.ipynb")));
const codeOutputs = (cells: Cell[]): Output[] => cells.filter((c) => c.cell_type === "code").flatMap((c) => c.outputs ?? []);

/**
 * An output with what may legitimately differ between two runs removed: the HTML carrier of a
 * figure holds a fresh element id (and plotly.js only in the session's first figure).
 */
function stable(o: Output): unknown {
  const data = o.data ? Object.fromEntries(Object.entries(o.data).filter(([k]) => k !== "text/html")) : undefined;
  return { type: o.output_type, name: o.name, text: o.text === undefined ? undefined : joined(o.text), data, ename: o.ename, evalue: o.evalue };
}

beforeAll(async () => {
  home = jupyterHome({ kernel: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-lectures-"));
  runs.push(await runAll("first"));
  runs.push(await runAll("second"));
}, 2 * RUN_TIMEOUT_MS + 60_000);

afterAll(() => {
  home?.cleanup();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("lecture notebooks (Training Neural Networks I)", () => {
  it("has the overview and the five section notebooks, committed without outputs, kernelspec deeprob-ts", () => {
    expect(NOTEBOOKS).toEqual([
      "00-overview.ipynb", "01-activation-functions.ipynb", "02-data-preprocessing.ipynb",
      "03-weight-initialization.ipynb", "04-regularization.ipynb", "05-data-augmentation.ipynb",
    ]);
    for (const nb of NOTEBOOKS) {
      const json = JSON.parse(fs.readFileSync(path.join(LECTURES, nb), "utf8")) as { metadata: { kernelspec: { name: string } }; cells: Cell[] };
      expect(json.metadata.kernelspec.name, nb).toBe("deeprob-ts");
      for (const c of json.cells.filter((x) => x.cell_type === "code")) {
        expect(c.outputs, nb).toEqual([]);
        expect(c.execution_count, nb).toBeNull();
      }
    }
  });

  it("the overview links every section notebook", () => {
    const md = readCells(path.join(LECTURES, "00-overview.ipynb")).filter((c) => c.cell_type === "markdown").map((c) => joined(c.source)).join("\n");
    for (const nb of NOTEBOOKS.slice(1)) expect(md).toContain(`](${nb})`);
  });

  it("every notebook runs clean through the kernel: exit 0, every code cell executed, no error output", () => {
    for (const run of runs) {
      expect(run.result.code, run.result.stderr).toBe(0);
      for (const nb of NOTEBOOKS) {
        const cells = executed(run, nb).filter((c) => c.cell_type === "code");
        expect(cells.length, nb).toBeGreaterThan(0);
        for (const c of cells) expect(c.execution_count, `${nb}: ${joined(c.source).slice(0, 80)}`).toBeGreaterThan(0);
        const errors = codeOutputs(cells).filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"));
        expect(errors.map((o) => `${nb}: ${o.ename ?? ""} ${o.evalue ?? joined(o.text)}`)).toEqual([]);
      }
    }
  });

  it("every section notebook shows its figures inline (Plotly JSON with static PNG and SVG fallbacks)", () => {
    // The minimum number of figures each notebook draws (one per slide topic that has one).
    const minFigures: Record<string, number> = {
      "00-overview.ipynb": 1, "01-activation-functions.ipynb": 6, "02-data-preprocessing.ipynb": 2,
      "03-weight-initialization.ipynb": 7, "04-regularization.ipynb": 1, "05-data-augmentation.ipynb": 9,
    };
    for (const nb of NOTEBOOKS) {
      const bundles = codeOutputs(executed(runs[0], nb)).map((o) => o.data ?? {});
      const figures = bundles.filter((d) => "application/vnd.plotly.v1+json" in d || "image/png" in d);
      expect(figures.length, nb).toBeGreaterThanOrEqual(minFigures[nb]);
      for (const d of figures.filter((x) => "application/vnd.plotly.v1+json" in x)) {
        expect(Object.keys(d), nb).toEqual(expect.arrayContaining(["image/png", "image/svg+xml", "text/plain"]));
      }
    }
  });

  it("is deterministic: two executions give identical outputs (figure HTML ids aside)", () => {
    for (const nb of NOTEBOOKS) {
      expect(codeOutputs(executed(runs[1], nb)).map(stable), nb).toEqual(codeOutputs(executed(runs[0], nb)).map(stable));
    }
  });

  it("the weight-initialization study prints the per-layer mean/std tables of all five schemes", () => {
    const text = codeOutputs(executed(runs[0], "03-weight-initialization.ipynb")).filter((o) => o.output_type === "stream").map((o) => joined(o.text)).join("\n");
    for (const scheme of ["0.01 tanh", "0.05 tanh", "Xavier tanh", "Xavier ReLU", "Kaiming ReLU"]) expect(text).toContain(scheme);
  });
});
