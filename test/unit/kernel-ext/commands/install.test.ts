import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { install, installMessage, searchHint } from "../../../../kernel-ext/commands/install";

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), "install-")); dirs.push(d); return d; };
const root = path.resolve(__dirname, "../../../..");
const built = fs.existsSync(path.join(root, "dist", "kernel-ext", "launcher.js"));

describe("installMessage", () => {
  test("says where, and why an old spec was replaced", () => {
    expect(installMessage({ dir: "/k", status: "installed", reason: null })).toEqual(['Kernel "TypeScript (deeprob-ts)" installed in /k']);
    expect(installMessage({ dir: "/k", status: "unchanged", reason: null })).toEqual(['Kernel "TypeScript (deeprob-ts)" is already installed in /k (unchanged).']);
    expect(installMessage({ dir: "/k", status: "replaced", reason: "the old kernelspec pointed to a missing path: /old/launcher.js" }))
      .toEqual(['Kernel "TypeScript (deeprob-ts)" installed in /k, replacing the old kernelspec: the old kernelspec pointed to a missing path: /old/launcher.js.']);
  });
});

describe("searchHint", () => {
  test("only for --prefix and --dir", () => {
    expect(searchHint({}, "/home/u/.local/share/jupyter/kernels/deeprob-ts")).toBeNull();
    expect(searchHint({ dir: "/srv/jp/kernels/deeprob-ts" }, "/srv/jp/kernels/deeprob-ts")).toBe("Jupyter finds it when /srv/jp is on JUPYTER_PATH.");
    expect(searchHint({ prefix: "/opt/env" }, "/opt/env/share/jupyter/kernels/deeprob-ts")).toContain("/opt/env/share/jupyter is on JUPYTER_PATH");
  });
});

describe.skipIf(!built)("install (needs `npm run build`)", () => {
  test("writes kernel.json starting this checkout's launcher, idempotently", () => {
    const dir = path.join(tmp(), "kernels", "deeprob-ts");
    expect(install({ dir, check: false })[0]).toBe(`Kernel "TypeScript (deeprob-ts)" installed in ${dir}`);
    const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8")) as { argv: string[] };
    expect(spec.argv).toEqual([process.execPath, path.join(root, "dist", "kernel-ext", "launcher.js"), "{connection_file}"]);
    expect(install({ dir, check: false })[0]).toBe(`Kernel "TypeScript (deeprob-ts)" is already installed in ${dir} (unchanged).`);
  });

  test("without Jupyter it still installs, and says what to run", () => {
    const dir = path.join(tmp(), "k");
    const lines = install({ dir, python: "/nonexistent/python3" });
    expect(fs.existsSync(path.join(dir, "kernel.json"))).toBe(true);
    const last = lines[lines.length - 1];
    expect(last).toContain("The kernel is installed, but it needs Jupyter to run.");
    expect(last).toContain("npm run setup");
    expect(last).toContain("apt-get install jupyter-notebook");
  });

  test("two targets at once is a bad-input error", () => {
    expect(() => install({ user: true, dir: tmp(), check: false })).toThrow("install: choose at most one of --user, --prefix and --dir");
  });
});
