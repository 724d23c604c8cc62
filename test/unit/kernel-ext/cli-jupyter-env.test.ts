// kernel-ext/jupyter-env.ts: the pure decisions (which server, what is missing, is the
// kernelspec usable) and one real probe of this machine's Debian Jupyter.
import { describe, expect, it } from "vitest";
import {
  chooseServer, defaultPython, kernelSpecMismatch, kernelSpecProblem, missingJupyter, MODULES, packageRoot, probeJupyter,
  type JupyterProbe, type Module,
} from "../../../kernel-ext/jupyter-env";
import fs from "node:fs";
import path from "node:path";

function probe(present: Partial<Record<Module, string>>, failure: string | null = null): JupyterProbe {
  const modules = Object.fromEntries(MODULES.map((m) => [m, present[m] ?? null])) as Record<Module, string | null>;
  return { python: "/usr/bin/python3", failure, modules, kernelSpec: null };
}

describe("defaultPython", () => {
  it("is Debian's interpreter unless DEEPROB_PYTHON says otherwise", () => {
    expect(defaultPython({})).toBe("/usr/bin/python3");
    expect(defaultPython({ DEEPROB_PYTHON: "/opt/py/bin/python" })).toBe("/opt/py/bin/python");
  });
});

describe("chooseServer", () => {
  it("prefers JupyterLab, falls back to Notebook 6, else null", () => {
    expect(chooseServer(probe({ jupyterlab: "4.2.0", jupyter_server: "2.14", notebook: "6.4.12" }))).toBe("jupyterlab");
    expect(chooseServer(probe({ notebook: "6.4.12", jupyter_server: "1.23.3" }))).toBe("notebook");
    expect(chooseServer(probe({ nbclient: "0.7.2" }))).toBeNull();
    expect(chooseServer(probe({ notebook: "6.4.12" }, "/x/python3 does not exist"))).toBeNull();
  });
});

describe("missingJupyter", () => {
  it("is null when every needed module is importable", () => {
    expect(missingJupyter(probe({ nbclient: "0.7.2", nbformat: "5.7" }), ["nbclient", "nbformat"], "run")).toBeNull();
  });
  it("names the command, the missing modules, the interpreter and what to run", () => {
    const msg = missingJupyter(probe({ nbformat: "5.7" }), ["nbclient", "nbformat", "jupyter_client"], "run")!;
    expect(msg).toMatch(/^run: Jupyter's nbclient, jupyter_client are not importable by \/usr\/bin\/python3\./);
    expect(msg).toContain("npm run setup");
    expect(msg).toContain("apt-get install jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient");
  });
  it("explains an interpreter that cannot run at all", () => {
    const msg = missingJupyter(probe({}, "/nope/python3 does not exist"), ["notebook"], "lab")!;
    expect(msg).toMatch(/^lab: cannot run Python: \/nope\/python3 does not exist\. Run `npm run setup`/);
  });
});

describe("kernelSpecProblem", () => {
  const spec = { resourceDir: "/k/deeprob-ts", argv: ["/usr/bin/node", "/repo/dist/kernel-ext/launcher.js", "{connection_file}"], metadata: {} };
  it("accepts a spec whose node and launcher exist", () => {
    expect(kernelSpecProblem(spec, () => true)).toBeNull();
  });
  it("says to run `deeprob-ts install` when the spec is missing", () => {
    expect(kernelSpecProblem(null, () => true)).toMatch(/kernelspec is not installed\. Run `deeprob-ts install`/);
  });
  it("calls a spec pointing to a deleted launcher old, names the path, and says what to run", () => {
    const msg = kernelSpecProblem(spec, (p) => p !== "/repo/dist/kernel-ext/launcher.js")!;
    expect(msg).toContain("in /k/deeprob-ts is old: it points to /repo/dist/kernel-ext/launcher.js, which does not exist");
    expect(msg).toContain("`deeprob-ts install`");
  });
  it("notes (without failing) a spec from another checkout", () => {
    expect(kernelSpecMismatch(spec, "/repo/dist/kernel-ext/launcher.js")).toBeNull();
    expect(kernelSpecMismatch(spec, "/other/dist/kernel-ext/launcher.js")).toMatch(/starts \/repo\/dist\/kernel-ext\/launcher\.js, not this checkout's/);
  });
});

describe("probeJupyter (real interpreter)", () => {
  it("reports a missing interpreter as a failure, not a crash", () => {
    const p = probeJupyter("/nonexistent/python3");
    expect(p.failure).toBe("/nonexistent/python3 does not exist");
    expect(Object.values(p.modules).every((v) => v === null)).toBe(true);
  });
  it("finds Debian 12's Notebook 6 and nbclient under /usr/bin/python3", () => {
    const p = probeJupyter("/usr/bin/python3", { ...process.env, JUPYTER_PATH: "/nonexistent" });
    expect(p.failure).toBeNull();
    expect(p.modules.notebook).toMatch(/^6\./);
    expect(p.modules.nbclient).toMatch(/^0\./);
  });
});

describe("packageRoot", () => {
  it("finds the folder whose package.json is deeprob-ts", () => {
    const root = packageRoot(__dirname);
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).name).toBe("deeprob-ts");
    expect(fs.existsSync(path.join(root, "kernel-ext", "jupyter-env.ts"))).toBe(true);
  });
});
